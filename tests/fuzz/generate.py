"""A seeded generator of hostile inputs, each category of issue 8, mixed with good articles.

`generate(root, seed, scale)` writes a folder of files and returns a `Manifest`: which files
are good articles (each must be stored), which are bad (each must get a coded line), and
which are hostile but may be read either way (each must be stored or get a coded line,
within the budgets). `scale` shrinks the large inputs (1.0: the sizes of the issue).

Run it alone to look at the files: `python tests/fuzz/generate.py OUT [SEED] [SCALE]`.
"""

from __future__ import annotations

import codecs
import gzip
import json
import os
import random
import sys
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

# Words for good articles: every good text is different (its id is its content hash).
_NAMES = ("Reznikov", "Kirby", "Stoltenberg", "Blinken", "Shoigu", "Zelensky", "Austin")
_PLACES = ("Belarus", "Crimea", "Donetsk", "Kharkiv", "Rostov", "Voronezh", "Kyiv")
_THINGS = ("troops", "tanks", "battalion tactical groups", "soldiers", "aircraft")


@dataclass(slots=True)
class Manifest:
    """What the generator wrote. Paths are relative to the root."""

    root: Path
    good: list[str] = field(default_factory=list)  # one article each, must be stored
    good_records: dict[str, int] = field(default_factory=dict)  # container -> articles in it
    bad: dict[str, str] = field(default_factory=dict)  # path -> category: a coded line
    either: dict[str, str] = field(default_factory=dict)  # path -> category: stored or coded
    forbidden: list[str] = field(default_factory=list)  # text that must never be stored


def article(rng: random.Random, n: int) -> str:
    """A short, plausible, unique news text with a quote and a number."""
    name, place, thing = rng.choice(_NAMES), rng.choice(_PLACES), rng.choice(_THINGS)
    count = rng.randrange(1_000, 200_000)
    return (f"Report {n}: {thing} near {place}\n\n"
            f"{name} said on Monday that {count:,} {thing} were near {place}. "
            f"“We are watching every move,” {name} told reporters, according to "
            f"officials. The estimate number {n}-{rng.randrange(10**9)} was shared with "
            f"allies.\n")


def generate(root: Path, seed: int = 8, scale: float = 1.0) -> Manifest:
    """Write every category under `root` and return its manifest."""
    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    m = Manifest(root)
    for make in _CATEGORIES:
        make(m, rng, scale)
    return m


# --- helpers ------------------------------------------------------------------------------

def _write(m: Manifest, name: str | bytes, data: bytes) -> str:
    path = os.path.join(os.fsencode(m.root), os.fsencode(name))
    with open(path, "wb") as handle:
        handle.write(data)
    return os.fsdecode(os.path.relpath(path, os.fsencode(m.root)))


def _good(m: Manifest, rng: random.Random, name: str | bytes, text: str | None = None) -> None:
    body = text if text is not None else article(rng, len(m.good) + 1000)
    m.good.append(_write(m, name, body.encode("utf-8")))


def _n(base: int, scale: float, least: int = 1) -> int:
    return max(least, int(base * scale))


# --- categories ---------------------------------------------------------------------------

def good_articles(m: Manifest, rng: random.Random, scale: float) -> None:
    for i in range(6):
        _good(m, rng, f"good-{i}.txt")


def random_bytes(m: Manifest, rng: random.Random, scale: float) -> None:
    m.bad[_write(m, "random.txt", rng.randbytes(4096))] = "random bytes"
    m.bad[_write(m, "random-nosuffix", rng.randbytes(2048))] = "random bytes"


def encodings(m: Manifest, rng: random.Random, scale: float) -> None:
    text = article(rng, 2001)
    data = text.encode("utf-8")
    # Cut inside a multi-byte character: a truncated UTF-8 file is still mostly UTF-8.
    cut = text.encode("utf-8")[: data.index("“".encode()) + 2]
    m.either[_write(m, "truncated-utf8.txt", cut)] = "truncated UTF-8"
    mixed = article(rng, 2002).encode("utf-8") + " caf\xe9 na\xefve".encode("latin-1")
    m.good.append(_write(m, "mixed-latin1.txt", mixed))
    for codec, bom in (("utf-16-le", codecs.BOM_UTF16_LE), ("utf-32-le", codecs.BOM_UTF32_LE),
                       ("utf-16-be", codecs.BOM_UTF16_BE)):
        body = article(rng, 2003 + len(m.good)).encode(codec)
        m.good.append(_write(m, f"bom-{codec}.txt", bom + body))
        m.bad[_write(m, f"nobom-{codec}.txt", body)] = "UTF-16/32 without BOM"


def nul_bytes(m: Manifest, rng: random.Random, scale: float) -> None:
    text = article(rng, 3001).encode("utf-8")
    m.bad[_write(m, "nul.txt", text[:40] + b"\x00" * 16 + text[40:])] = "NUL bytes"


def deep_and_huge_json(m: Manifest, rng: random.Random, scale: float) -> None:
    depth = 5_000
    deep = "[" * depth + "]" * depth
    m.bad[_write(m, "deep.json", deep.encode())] = "deep JSON"
    m.bad[_write(m, "deep-nosuffix", ('{"a":' * depth + "1" + "}" * depth).encode())] = \
        "deep JSON without suffix"
    lines = [json.dumps({"text": article(rng, 4001)}), deep,
             json.dumps({"text": article(rng, 4002)})]
    name = _write(m, "deep-line.jsonl", "\n".join(lines).encode())
    m.good_records[name] = 2
    m.bad[name + "#2"] = "deep JSON line"
    ints = "[" + ",".join("1" for _ in range(_n(3_000_000, scale, 150_000))) + "]"
    m.bad[_write(m, "ints.json", ints.encode())] = "huge JSON array"


def jsonl_separators(m: Manifest, rng: random.Random, scale: float) -> None:
    records = [{"text": article(rng, 5001).replace(". ", ".\u2028", 1)},
               {"text": article(rng, 5002).replace(". ", ".\u0085", 1)},
               {"text": article(rng, 5003)}]
    data = "\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n"
    m.good_records[_write(m, "separators.jsonl", data.encode())] = 3
    suffixless = "\n".join(json.dumps({"text": article(rng, 5004 + i)}) for i in range(2))
    m.good_records[_write(m, "records-nosuffix", suffixless.encode())] = 2


def _feed(items: str, doctype: str = "") -> bytes:
    return (f'<?xml version="1.0" encoding="utf-8"?>\n{doctype}'
            f'<rss version="2.0"><channel><title>Wire</title>{items}</channel></rss>').encode()


def _item(title: str, text: str) -> str:
    return f"<item><title>{title}</title><description>{text}</description></item>"


def feeds(m: Manifest, rng: random.Random, scale: float) -> None:
    laughs = '<!DOCTYPE rss [<!ENTITY lol "lolololololololololo">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)) + "]>\n"
    m.either[_write(m, "laughs.rss", _feed(_item("t", "&lol9;"), laughs))] = "entity expansion"
    external = '<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
    m.either[_write(m, "external.rss", _feed(_item("t", "x &xxe; y"), external))] = \
        "external entity"
    m.forbidden.append("root:x:0:0")
    items = "".join(_item(f"Item {i}", article(rng, 6001 + i)) for i in range(2))
    m.good_records[_write(m, "feed-nosuffix", _feed(items))] = 2


def _warc_record(uri: str, html: str) -> bytes:
    body = ("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
            + html).encode()
    record_id = zlib.crc32(uri.encode())
    head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\n"
            f"WARC-Date: 2021-12-08T10:00:00Z\r\nWARC-Record-ID: <urn:uuid:{record_id}>\r\n"
            f"Content-Type: application/http; msgtype=response\r\n"
            f"Content-Length: {len(body)}\r\n\r\n").encode()
    return head + body + b"\r\n\r\n"


def _page(text: str) -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in text.split("\n") if p.strip())
    return f"<html><head><title>Report</title></head><body><article>{paragraphs}" \
           "</article></body></html>"


def warcs(m: Manifest, rng: random.Random, scale: float) -> None:
    members = [gzip.compress(_warc_record(f"https://example.org/{i}",
                                          _page(article(rng, 7001 + i) * 3)))
               for i in range(3)]
    data = b"".join(members)
    name = _write(m, "truncated.warc.gz", data[: len(data) - len(members[-1]) // 2])
    m.good_records[name] = 2
    m.bad[name + "#3"] = "truncated gzip WARC"
    bomb = zlib.compressobj(9, zlib.DEFLATED, 31)
    size = _n(6 * 1024, scale, 64)  # MiB of zeros
    chunks = [bomb.compress(bytes(1 << 20)) for _ in range(size)] + [bomb.flush()]
    m.bad[_write(m, "bomb.warc.gz", b"".join(chunks))] = "gzip bomb"


def html(m: Manifest, rng: random.Random, scale: float) -> None:
    depth = _n(100_000, scale, 5_000)
    nested = "<html><body>" + "<div>" * depth + "deep" + "</div>" * depth + "</body></html>"
    m.either[_write(m, "nested.html", nested.encode())] = "deeply nested HTML"
    scripts = ("<html><head><script>var a = 1;</script></head><body><script>"
               "document.write('Breaking news about troops near the border today');</script>"
               "<noscript>Please enable JavaScript to read this article.</noscript>"
               "</body></html>")
    m.bad[_write(m, "scripts.html", scripts.encode())] = "scripts-only HTML"


def giant_text(m: Manifest, rng: random.Random, scale: float) -> None:
    words = " ".join(rng.choice(_PLACES + _NAMES + _THINGS) for _ in range(_n(40_000, scale,
                                                                               25_000)))
    m.either[_write(m, "giant-line.txt", words.encode())] = "giant line"
    m.either[_write(m, "quotes.txt", ('"' * _n(1_000_000, scale, 200_000)).encode())] = \
        "a million quote marks"
    m.either[_write(m, "quote-pairs.txt", ("“a” " * _n(250_000, scale, 25_000)).encode())] = \
        "many quotations"
    numbers = "123,456,789 troops " * _n(20_000, scale, 2_000)
    m.either[_write(m, "numbers.txt", numbers.encode())] = "number-heavy text"
    m.either[_write(m, "overflow.txt", ("The army has " + "9" * 400 + " troops and 1/0 "
                                        "tanks, 1e999 men.").encode())] = "overflowing number"


def invisible_and_rtl(m: Manifest, rng: random.Random, scale: float) -> None:
    m.bad[_write(m, "zero-width.txt", ("\u200b" * 10).encode())] = "zero-width only"
    m.bad[_write(m, "invisible.txt", "\ufeff\u200d\u2060 \u200e\n".encode())] = "format only"
    rtl = article(rng, 8001) + "\u202eالقوات الروسية قرب الحدود\u202c ‏שלום‏\n"
    m.good.append(_write(m, "rtl.txt", rtl.encode("utf-8")))


def bad_names(m: Manifest, rng: random.Random, scale: float) -> None:
    _good(m, rng, b"latin1-\xe9\xff.txt")
    _good(m, rng, "markup-[bold]x[red]-[b]y.txt")
    _good(m, rng, "newline\nname.txt")
    markup = article(rng, 9001) + "He said “[/b] closed [bold red]tags[/] and :smile:”.\n"
    _good(m, rng, "markup-in-text.txt", markup)


def links(m: Manifest, rng: random.Random, scale: float) -> None:
    sub = m.root / "sub"
    sub.mkdir(exist_ok=True)
    _good(m, rng, "sub/inside.txt")
    pairs = {"loop-a": "loop-b", "loop-b": "loop-a", "out-of-root": "/etc/passwd",
             "broken": "missing-target", "sub/up": ".."}
    for link, target in pairs.items():
        os.symlink(target, m.root / link)
        m.bad[link] = "symbolic link"


_CATEGORIES: tuple[Callable[[Manifest, random.Random, float], None], ...] = (
    good_articles, random_bytes, encodings, nul_bytes, deep_and_huge_json, jsonl_separators,
    feeds, warcs, html, giant_text, invisible_and_rtl, bad_names, links,
)


if __name__ == "__main__":
    out = Path(sys.argv[1])
    manifest = generate(out, int(sys.argv[2]) if len(sys.argv) > 2 else 8,
                        float(sys.argv[3]) if len(sys.argv) > 3 else 1.0)
    print(f"{len(manifest.good)} good, {len(manifest.good_records)} containers, "
          f"{len(manifest.bad)} bad, {len(manifest.either)} either, under {out}")
