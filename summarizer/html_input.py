"""Article text from a web page's HTML, for callers that only have the page (``summarizer serve``).

trafilatura drops navigation, ads and comments and keeps the article body as plain text; the
evidence offsets of a summary then index that text, not the HTML.

Example:
    >>> body = "<p>" + "Two people died in a fire in the old town on Monday, police said. " * 6 + "</p>"
    >>> article_text_from_html(f"<html><body><article>{body}</article></body></html>")[:24]
    'Two people died in a fir'
"""

from __future__ import annotations

from .errors import ConfigurationError, InputError


def article_text_from_html(html: str) -> str:
    """The main text of ``html`` (needs the ``serve`` extra: trafilatura).

    Raises:
        InputError: no article text could be found in the page.
        ConfigurationError: trafilatura is not installed.
    """
    try:
        import trafilatura
    except ImportError as exc:
        raise ConfigurationError(
            "HTML input needs trafilatura: pip install 'summarizer[serve]', or send the article as text."
        ) from exc
    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True)
    if not text or not text.strip():
        raise InputError("No article text found in the HTML: send the article as text instead.")
    return text
