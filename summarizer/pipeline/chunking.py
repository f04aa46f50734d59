"""Split an article that does not fit the model's context into overlapping chunks.

The token count is estimated before any call (conservatively: upper-case wire copy tokenizes at
about 2.5 characters a token) against the backend's context size, keeping room for the prompt,
the schema and the answer. Chunks end on paragraph boundaries and repeat the previous paragraph,
so a fact split across a boundary is seen whole in one chunk; duplicates are merged afterwards.

Example:
    >>> [c.offset for c in split_article("A.\\n\\nB.\\n\\nC.", max_chars=5)]
    [0, 4, 8]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CHARS_PER_TOKEN = 2.5
# Instructions + schema + per-call task, measured on the templates (about 1,200 tokens), with margin.
PROMPT_TOKENS = 1_600


@dataclass(frozen=True)
class Chunk:
    text: str
    offset: int


def article_budget_chars(context_size: int, max_output_tokens: int) -> int:
    """How many characters of article fit beside the prompt and the (doubled, on retry) answer."""
    return max(1_000, int((context_size - PROMPT_TOKENS - 2 * max_output_tokens) * CHARS_PER_TOKEN))


def split_article(text: str, max_chars: int) -> list[Chunk]:
    """One chunk if ``text`` fits, else paragraph-aligned chunks of at most ``max_chars`` with overlap."""
    if len(text) <= max_chars:
        return [Chunk(text, 0)]
    paragraphs = [(m.start(), m.end()) for m in re.finditer(r"\S(?:.*?\S)?(?=\s*\n\s*\n|\s*\Z)", text, re.DOTALL)]
    # A paragraph longer than a chunk is cut on sentence ends (or hard, as a last resort).
    pieces: list[tuple[int, int]] = []
    for start, end in paragraphs:
        while end - start > max_chars:
            window = text[start : start + max_chars]
            cut = max(window.rfind(". "), window.rfind("\n"))
            cut = cut + 1 if cut > max_chars // 2 else max_chars
            pieces.append((start, start + cut))
            start += cut
            while start < end and text[start].isspace():
                start += 1
        pieces.append((start, end))

    chunks: list[Chunk] = []
    index = 0
    while index < len(pieces):
        first = index
        end = index
        while end + 1 < len(pieces) and pieces[end + 1][1] - pieces[first][0] <= max_chars:
            end += 1
        start_char, end_char = pieces[first][0], pieces[end][1]
        chunks.append(Chunk(text[start_char:end_char], start_char))
        if end + 1 >= len(pieces):
            break
        # Overlap: the next chunk starts with this chunk's last piece, unless that would not advance.
        index = end if end > first else end + 1
    return chunks
