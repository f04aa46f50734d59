"""The article as the pipeline reads it: its text, numbered sentences, language and boundary code.

Example:
    >>> article = Article.from_text("Two died. Police said so.")
    >>> [s.number for s in article.sentences], article.language
    ([1, 2], 'en')
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass

from summarizer.checks.instructions_check import instruction_sentences
from summarizer.checks.lang import LanguagePack, pack_for
from summarizer.pipeline.sentences import Sentence, split_sentences


@dataclass(frozen=True)
class Article:
    """The article text, its numbered sentences, and the code that marks its boundaries."""

    text: str
    sentences: tuple[Sentence, ...]
    nonce: str
    offset: int = 0  # where ``text`` starts in the full article (non-zero for a chunk of a long one)
    # Numbers of the sentences that address instructions to an AI (instructions_check.py): never evidence.
    addressed_to_ai: frozenset[int] = frozenset()
    # The article's language (ISO 639-1): which checks can read its words (language.py).
    language: str = "en"

    @classmethod
    def from_text(cls, text: str, offset: int = 0, language: str = "en") -> Article:
        nonce = hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]
        sentences = tuple(split_sentences(text))
        flagged = instruction_sentences(text, sentences)
        return cls(text, sentences, nonce, offset, addressed_to_ai=flagged, language=language)

    @property
    def pack(self) -> LanguagePack | None:
        """What the checks read in this article's language (``lang/``), or None: no pack."""
        return pack_for(self.language)

    @property
    def reads_figures(self) -> bool:
        """Whether the casualty figure checks read this article's words (English only today)."""
        return self.pack is not None and self.pack.reads_figures

    @functools.cached_property
    def text_for_checks(self) -> str:
        """The text with its sentences addressed to an AI blanked out (same length: offsets hold)."""
        chars = list(self.text)
        for sentence in self.sentences:
            if sentence.number in self.addressed_to_ai:
                chars[sentence.start : sentence.end] = " " * (sentence.end - sentence.start)
        return "".join(chars)

    def sentence(self, number: int) -> Sentence | None:
        if 1 <= number <= len(self.sentences):
            return self.sentences[number - 1]
        return None
