"""One page under the spellings of its URL: what `vedette history` matches a source by when
the exact text is not stored (a link copied from a browser, a newsletter or a feed)."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Query parameters that say where a reader came from, never which page it is.
TRACKING_PREFIXES = ("utm_",)


def normal_url(text: str) -> str | None:
    """Scheme and host in lower case, no trailing slash, no tracking parameters and no
    fragment; None when `text` is not an http(s) URL."""
    try:
        parts = urlsplit(text.strip())
    except ValueError:  # an invalid port or IPv6 bracket: not a URL we can compare
        return None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.netloc:
        return None
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                       if not k.lower().startswith(TRACKING_PREFIXES)])
    return urlunsplit((scheme, parts.netloc.lower(), parts.path.rstrip("/"), query, ""))


def host_of(text: str) -> str | None:
    """The host of an http(s) URL in lower case (narrows the stored sources to compare)."""
    normal = normal_url(text)
    return urlsplit(normal).hostname if normal is not None else None
