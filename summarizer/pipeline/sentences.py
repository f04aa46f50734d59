"""Split an article into numbered sentences with character offsets.

The model cites sentences by number instead of retyping quotes, so every piece of evidence is a real
span of the article by construction. Offsets always index the original text.

Example:
    >>> [s.text for s in split_sentences("Two died. Police said so.\\nMore later")]
    ['Two died.', 'Police said so.', 'More later']
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A sentence ends at . ! ? (plus closing quotes/brackets) followed by whitespace, or at a line break.
_BOUNDARY = re.compile(r"""(?<=[.!?])["'”’)\]]*\s+|\n+""")
# Tokens ending in a period that rarely end a sentence; a split after them is undone.
_ABBREVIATION = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Col|Lt|Sgt|Capt|Maj|Sen|Rep|Gov|Pres|St|No|Jr|Sr|vs|etc|Jan|Feb|Mar|Apr"
    r"|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)|\b[A-Z]|\b(?:[A-Za-z]\.){1,3}[A-Za-z])\.$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Sentence:
    number: int
    start: int
    end: int
    text: str


def split_sentences(text: str) -> list[Sentence]:
    """Number the sentences of ``text`` from 1, keeping their offsets into ``text``."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        end = match.start()
        # Keep closing quotes/brackets with their sentence.
        closing = len(match.group(0)) - len(match.group(0).lstrip("\"'”’)]"))
        end += closing
        piece = text[start:end]
        if "\n" not in match.group(0) and _ABBREVIATION.search(piece.rstrip()):
            continue
        spans.append((start, end))
        start = match.end()
    spans.append((start, len(text)))

    sentences: list[Sentence] = []
    for raw_start, raw_end in spans:
        piece = text[raw_start:raw_end]
        stripped = piece.strip()
        if not stripped:
            continue
        offset = raw_start + (len(piece) - len(piece.lstrip()))
        sentences.append(Sentence(len(sentences) + 1, offset, offset + len(stripped), stripped))
    return sentences


# How a statement ends; a line that ends otherwise and is short is a heading or a signature block.
_ENDS_A_STATEMENT = re.compile(r"""[.!?:;"'”’»)\]]$""")
HEADING_WORDS = 12


def is_heading(sentence: Sentence, text: str) -> bool:
    """Whether ``sentence`` is a line of its own above more text, of at most 12 words, that does not end
    as a statement does ("Ostra's proposal for peace in the harbour", "MEASURES FOR CANDIDATES"): it
    names a subject, it states nothing. Tests: tests/test_headings.py
    """
    before, after = text[: sentence.start].rstrip(" \t"), text[sentence.end :].lstrip(" \t")
    alone = (not before or before.endswith("\n")) and after.startswith("\n") and bool(after.strip())
    return alone and len(sentence.text.split()) <= HEADING_WORDS and not _ENDS_A_STATEMENT.search(sentence.text)
