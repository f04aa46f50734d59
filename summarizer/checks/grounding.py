"""Locate a quote in the article: exact first, then tolerant, mapped back to original offsets.

Tolerant matching ignores case, runs of whitespace, curly vs straight quotes, dash variants and
ellipsis forms, then accepts a small edit distance. Offsets always index the original text.

Example:
    >>> ground_evidence("“Peace,” he said", 'They met. "Peace," he  said.')
    (Span(start=11, end=27), 'fuzzy')
"""

from __future__ import annotations

from rapidfuzz import fuzz

from summarizer.schema import Span

_TRANSLATE = str.maketrans(
    {
        "“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'", "‚": "'", "`": "'",
        "–": "-", "—": "-", "‑": "-", "−": "-", "\u00a0": " ",
    }
)  # fmt: skip
MIN_RATIO = 0.9


def _normalize(text: str) -> tuple[str, list[int]]:
    """Lower-case, unify punctuation and collapse whitespace; keep each kept char's original index."""
    out: list[str] = []
    index: list[int] = []
    previous_space = True
    position = 0
    while position < len(text):
        if text.startswith("…", position):
            chars, width = "...", 1
        else:
            chars, width = text[position].translate(_TRANSLATE).lower(), 1
        for char in chars:
            if char.isspace():
                if previous_space:
                    continue
                char = " "
                previous_space = True
            else:
                previous_space = False
            out.append(char)
            index.append(position)
        position += width
    return "".join(out), index


def _to_span(index: list[int], start: int, end: int) -> Span:
    return Span(start=index[start], end=index[end - 1] + 1)


def bare_quote(quote: str) -> str:
    """The quote as it is looked up: outer whitespace and enclosing quote marks dropped."""
    return quote.strip().strip("\"'“”")


def ground_evidence(quote: str, text: str) -> tuple[Span, str] | None:
    """Where ``bare_quote(quote)`` is in ``text`` and how it matched ('exact' or 'fuzzy'), or None."""
    quote = bare_quote(quote)
    if len(quote) < 3:
        return None
    found = text.find(quote)
    if found >= 0:
        return Span(start=found, end=found + len(quote)), "exact"

    norm_text, index = _normalize(text)
    norm_quote, _ = _normalize(quote)
    norm_quote = norm_quote.strip()
    if not norm_quote:
        return None
    found = norm_text.find(norm_quote)
    if found >= 0:
        return _to_span(index, found, found + len(norm_quote)), "fuzzy"

    # A small edit distance: the best-aligned window of the text (rapidfuzz), scored as a share of edits.
    alignment = fuzz.partial_ratio_alignment(norm_quote, norm_text, score_cutoff=MIN_RATIO * 100)
    if alignment is None:
        return None
    begin, end = alignment.dest_start, alignment.dest_end
    # Snap to word edges so a span never starts or ends inside a word.
    while begin > 0 and norm_text[begin - 1].isalnum() and norm_text[begin].isalnum():
        begin -= 1
    while end < len(norm_text) and norm_text[end - 1].isalnum() and norm_text[end].isalnum():
        end += 1
    while begin < end and norm_text[begin] == " ":
        begin += 1
    while end > begin and norm_text[end - 1] == " ":
        end -= 1
    return _to_span(index, begin, end), "fuzzy"


def sentence_of(span: Span, sentence_spans: list[tuple[int, int]]) -> int | None:
    """The 1-based number of the sentence that contains the start of ``span``."""
    for number, (start, end) in enumerate(sentence_spans, start=1):
        if start <= span.start < end:
            return number
    return None
