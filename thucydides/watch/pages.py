"""The article behind a feed entry that gives only a link: the page fetched, its text, title and date
extracted with trafilatura (the reader of `thucydides code page.html`)."""

from __future__ import annotations

from dataclasses import replace

from thucydides.ingest import html_article
from thucydides.models import Article, Reject
from thucydides.watch.entries import Settings
from thucydides.watch.http import PAGE_ACCEPT, fetch

_HTML_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "")


def page_article(draft: Article, link: str, settings: Settings) -> Article | Reject:
    """`draft` (the entry's id, title, date and publisher) with the text of the page at `link`.

    Raises `FetchError` when the page cannot be had; a page with no article text is a Reject.
    """
    answer = fetch(link, timeout=settings.timeout, max_bytes=settings.max_bytes, accept=PAGE_ACCEPT)
    kind = answer.content_type.split(";")[0].strip().lower()
    origin = f"{draft.origin} page {link[:300]}"
    if kind not in _HTML_TYPES:
        return Reject(origin, f"page is {kind}, not an HTML page", draft.id)
    page = html_article(_decode(answer.body, answer.charset("")), origin, draft.date or settings.today(),
                        draft.id, settings.max_chars)
    if isinstance(page, Reject):
        return page
    # The feed's own title and date describe the entry; the page's fill what the feed left out.
    return replace(draft, text=page.text, title=draft.title or page.title, date=draft.date or page.date,
                   source=draft.source or page.source, origin=origin)


def _decode(body: bytes, charset: str) -> str:
    for encoding in (charset, "utf-8"):
        if encoding:
            try:
                return body.decode(encoding)
            except (LookupError, UnicodeDecodeError):
                continue
    # A page in an unnamed legacy encoding: the letters that decode are worth more than none.
    return body.decode("cp1252", errors="replace")
