"""Article text from a web page's HTML (batch HTML files and JSONL ``html``, ``summarizer serve``).

trafilatura drops navigation, ads, scripts and comments and keeps the article body as plain text,
with the page's title and date when it finds them; the evidence offsets of a summary then index
that text, not the HTML.

Example:
    >>> body = "<p>" + "Two people died in a fire in the old town on Monday, police said. " * 6 + "</p>"
    >>> article_text_from_html(f"<html><body><article>{body}</article></body></html>")[:24]
    'Two people died in a fir'
"""

from __future__ import annotations

from dataclasses import dataclass

from summarizer.errors import InputError


@dataclass(frozen=True)
class PageArticle:
    text: str
    title: str | None = None
    date: str | None = None


def article_from_html(html: str) -> PageArticle:
    """The article of an HTML page; ``InputError`` when the page holds no article text."""
    import trafilatura  # imported here: lxml takes a while to load and only HTML input needs it

    document = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=False, favor_precision=True
    )
    text = getattr(document, "text", None) if document is not None else None
    if not text or not text.strip():
        raise InputError("No article text found in the HTML: send the article as text instead.")
    return PageArticle(text=text, title=getattr(document, "title", None), date=getattr(document, "date", None))


def article_text_from_html(html: str) -> str:
    return article_from_html(html).text
