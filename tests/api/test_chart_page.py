"""The standalone page of `estimates --chart`: article text in it stays text."""

from __future__ import annotations

import re
from pathlib import Path

from vedette.analyze.chart import write_chart
from vedette.analyze.estimates import Estimate

PAYLOADS = ("<script>alert(1)</script>", '"><img src=x onerror=alert(2)>',
            "--><script>alert(3)</script><!--", "javascript:alert(4)")


def _estimate(day: str, text: str) -> Estimate:
    return Estimate(day, 100_000, 100_000, 100_000, "troops", f"troops {text}", text,
                    "reported", f"Source {text}", (text,), f"{text}.txt", text, f"evidence {text}",
                    None, 1)


def test_payloads_are_escaped_and_scripts_forbidden(tmp_path: Path) -> None:
    items = [_estimate(f"2021-12-{n + 1:02d}", p) for n, p in enumerate(PAYLOADS)]
    _png, page = write_chart(items, tmp_path / "est.png")
    html = page.read_text(encoding="utf-8")
    assert not re.search(r"<script|<img", html, re.IGNORECASE)  # no payload became a tag
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # shown as text
    assert not re.search(r"href=['\"]?javascript:", html, re.IGNORECASE)
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
