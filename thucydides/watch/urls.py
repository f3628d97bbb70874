"""What makes two deliveries one article: a canonical URL and a hash of the normalised text."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import cache
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from thucydides.wordlists import word_list, word_set

_DEFAULT_PORTS = {"http": "80", "https": "443"}
_SPACE = re.compile(r"\s+")


@cache
def _tracking() -> tuple[frozenset[str], tuple[str, ...]]:
    return word_set("watch", "tracking_parameters"), word_list("watch", "tracking_parameter_prefixes")


def is_tracking_parameter(name: str) -> bool:
    names, prefixes = _tracking()
    lowered = name.lower()
    return lowered in names or lowered.startswith(prefixes)


def canonical_url(url: str | None) -> str | None:
    """The URL as it names the article: lower-case scheme and host, no default port, no fragment,
    no tracking parameters, the other parameters sorted. None for anything but http(s)."""
    if not url or not isinstance(url, str):
        return None
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:  # a malformed port or IPv6 literal
        return None
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").rstrip(".")
    if scheme not in _DEFAULT_PORTS or not host:
        return None
    netloc = host if port is None or str(port) == _DEFAULT_PORTS[scheme] else f"{host}:{port}"
    query = sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                   if not is_tracking_parameter(k))
    return urlunsplit((scheme, netloc, parts.path or "/", urlencode(query), ""))


def content_hash(text: str) -> str:
    """SHA-256 of the text with case, Unicode forms and runs of white space made alike: the same
    wire story pasted by two publishers hashes the same even when their line breaks differ."""
    norm = _SPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip().casefold()
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()
