"""Text repair (mojibake, line endings) and the split of a site name glued to a headline."""

from __future__ import annotations

import re
from dataclasses import dataclass

import ftfy

from vedette.ingest.limits import MAX_SITE_WORDS, MIN_TITLE_WORDS

# Keep curly quotes: they carry meaning for quote extraction, and straightening them is not
# a repair. Everything else is ftfy's default (mojibake, \r\n, control characters, NFC).
_FTFY_CONFIG = ftfy.TextFixerConfig(uncurl_quotes=False, explain=False)

_LEADING_BLANK_LINES = re.compile(r"\A(?:[ \t]*\n)+")
# Separators between a headline and a site name, widest first so " – " wins over " - ".
_SITE_SEPARATORS = (" – ", " — ", " | ", " - ")
_DOMAIN = re.compile(r"\.(?:com|org|net|gov|edu|info|news|co|uk|us|ru|ua|de|fr|eu|int)\b", re.I)
# Lower-case words allowed inside a site name ("The Times of India", "Heroes & Villains").
_SITE_CONNECTORS = frozenset({"of", "the", "and", "&", "de", "du", "la", "le", "on", "for", "in"})
# Title-cased words that end headlines without naming a site ("... - Live Updates").
_NOT_SITE_WORDS = frozenset(
    {
        "live",
        "updates",
        "update",
        "video",
        "videos",
        "photos",
        "analysis",
        "opinion",
        "explainer",
        "watch",
        "breaking",
        "exclusive",
        "report",
        "interview",
        "transcript",
        "full text",
    }
)


@dataclass(frozen=True, slots=True)
class TitleSplit:
    """A headline split into its title and the site name glued to its end."""

    title: str
    site: str | None


def repair_text(text: str) -> str:
    """Fix mojibake and line endings, drop leading blank lines and trailing whitespace.

    Runs before any offset is computed, so every span points into the repaired text.
    """
    fixed = ftfy.fix_text(text.lstrip("\ufeff"), config=_FTFY_CONFIG)
    return drop_leading_blank_lines(fixed).rstrip()


def split_site_suffix(headline: str) -> TitleSplit:
    """Split "Talks will resume next month – Daily Example" into title and site.

    Only splits when the right part looks like a site name and the left part like a headline,
    so "Russia - Ukraine talks" stays whole.
    """
    stripped = headline.strip()
    for sep in _SITE_SEPARATORS:
        left, found, right = stripped.rpartition(sep)
        if not found:
            continue
        left, right = left.strip(), right.strip()
        if _looks_like_site(right) and _looks_like_title(left):
            return TitleSplit(left, right)
    return TitleSplit(stripped, None)


def _looks_like_title(text: str) -> bool:
    return len(text.split()) >= MIN_TITLE_WORDS


def _looks_like_site(text: str) -> bool:
    words = text.split()
    if not words or len(words) > MAX_SITE_WORDS or text.casefold() in _NOT_SITE_WORDS:
        return False
    if _DOMAIN.search(text):
        return True
    if text[-1] in ".?!:;,":
        return False
    if any(w.casefold() in _NOT_SITE_WORDS for w in words):
        return False
    first, rest = words[0], words[1:]
    return _is_name_word(first) and all(
        _is_name_word(w) or w.casefold() in _SITE_CONNECTORS for w in rest
    )


def _is_name_word(word: str) -> bool:
    return word[0].isupper() or word[0].isdigit()


def drop_leading_blank_lines(text: str) -> str:
    """Remove blank lines before the first line with text; the rest is untouched."""
    return _LEADING_BLANK_LINES.sub("", text)
