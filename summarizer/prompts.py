"""Render the Jinja prompt templates in ``templates/prompts/`` with a sandboxed, strict environment.

The article only ever enters as a variable: Jinja never parses it, so braces, ``{% %}`` or a fake
end marker inside an article reach the model verbatim. The markers carry a code derived from the
article's own hash, so an article cannot close them early.

Example:
    >>> article = Article.from_text("Two died. {{ not a template }}")
    >>> "{{ not a template }}" in render_system(article)
    True
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from jinja2 import FileSystemLoader, StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

from .instructions_check import instruction_sentences
from .language import has_pack
from .sentences import Sentence, split_sentences

SECTIONS = ("overview", "conditions", "proposals", "casualties", "stakeholders")


def prompts_dir() -> Path:
    """The prompt templates: ``templates/prompts`` in the package, beside the review page's templates."""
    return Path(__file__).with_name("templates") / "prompts"


@cache
def _environment() -> SandboxedEnvironment:
    return SandboxedEnvironment(
        loader=FileSystemLoader(str(prompts_dir())),
        undefined=StrictUndefined,
        autoescape=False,
        keep_trailing_newline=False,
    )


@cache
def prompt_version() -> str:
    """A short hash of every template file: it changes whenever any prompt text changes."""
    digest = hashlib.sha256()
    root = prompts_dir()
    for path in sorted(root.rglob("*.j2")):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


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
    def readable(self) -> bool:
        """Whether the checks can read this article's words (its language has a pack)."""
        return has_pack(self.language)

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


def render_system(article: Article) -> str:
    """The shared prefix of every call: instructions, then the article as numbered sentences."""
    return _environment().get_template("system.j2").render(sentences=article.sentences, nonce=article.nonce)


def render_task(name: str, article: Article) -> str:
    """The per-call instruction that follows the shared prefix (``tasks/<name>.j2`` or ``<name>.j2``)."""
    template = f"tasks/{name}.j2" if name in SECTIONS else f"{name}.j2"
    return _environment().get_template(template).render(nonce=article.nonce)


def render_reask(article: Article, rejected: list[dict[str, str]]) -> str:
    """The one combined re-ask: every item that failed verification, each with its problem."""
    return _environment().get_template("reask.j2").render(rejected=rejected, nonce=article.nonce)
