"""Render the Jinja prompt templates in ``templates/prompts/`` with a sandboxed, strict environment.

The article only ever enters as a variable: Jinja never parses it, so braces, ``{% %}`` or a fake
end marker inside an article reach the model verbatim. The markers carry a code derived from the
article's own hash, so an article cannot close them early.

The system message holds the rules only; the article comes in the user's message, before the task,
so the rules never sit beside text an article author wrote and every call for one article shares the
same prefix (a llama.cpp server evaluates the article once).

Example:
    >>> from summarizer.pipeline.article import Article
    >>> article = Article.from_text("Two died. {{ not a template }}")
    >>> "{{ not a template }}" in render_article(article)
    True
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path

from jinja2 import FileSystemLoader, StrictUndefined
from jinja2.sandbox import SandboxedEnvironment
from pydantic import BaseModel

from summarizer.pipeline.article import Article

SECTIONS = ("overview", "conditions", "proposals", "casualties", "stakeholders")


def prompts_dir() -> Path:
    """The prompt templates: ``templates/prompts`` in the package, beside the review page's templates."""
    return Path(__file__).parents[1] / "templates" / "prompts"


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


def render_system(article: Article) -> str:
    """The system message of every call: the rules, and the code of the markers around the article."""
    return _environment().get_template("system.j2").render(nonce=article.nonce)


def render_article(article: Article) -> str:
    """The article as numbered sentences between the markers: the start of every call's user message."""
    return _environment().get_template("article.j2").render(sentences=article.sentences, nonce=article.nonce)


def render_task(name: str, article: Article, candidates: tuple[int, ...] | None = None) -> str:
    """The per-call instruction that follows the article (``tasks/<name>.j2`` or ``<name>.j2``).

    ``candidates``: the only sentences that could carry a published item of this list, named in the
    task so the model neither cites nor writes out the others (``checks.verify.sentences_that_could_state``).
    """
    template = f"tasks/{name}.j2" if name in SECTIONS else f"{name}.j2"
    listed = ", ".join(f"[{number}]" for number in candidates or ())
    return _environment().get_template(template).render(nonce=article.nonce, candidates=listed)


def render_sentence_task(name: str, article: Article, number: int, elsewhere: str = "") -> str:
    """The instruction of one call of the ``sentences`` strategy: the items of ``name`` that sentence
    ``number`` states (``tasks/<name>_in_sentence.j2``). The sentence is quoted again just before the
    question, between the article's markers (its words stay data): a small model otherwise answers
    with the article's main news, whatever sentence is asked about. ``elsewhere``: what the first
    answer for this sentence gave that other sentences state; a call asked again names it, and asks
    for what the sentence itself says (``run.asked_again``)."""
    sentence = article.sentence(number)
    text = sentence.text if sentence is not None else ""
    template = f"tasks/{name}_in_sentence.j2"
    return (
        _environment().get_template(template).render(nonce=article.nonce, number=number, text=text, elsewhere=elsewhere)
    )


def render_reask(article: Article, rejected: list[dict[str, str]]) -> str:
    """The one combined re-ask: every item that failed verification, each with its problem."""
    return _environment().get_template("reask.j2").render(rejected=rejected, nonce=article.nonce)


def render_answer_format(response_model: type[BaseModel]) -> str:
    """The JSON schema of the answer, written compactly, for the modes that put it in the prompt."""
    schema = json.dumps(response_model.model_json_schema(), ensure_ascii=False, separators=(",", ":"))
    return _environment().get_template("answer_format.j2").render(schema=schema)


def article_messages(article: Article, instruction: str) -> list[dict[str, str]]:
    """The messages of one call: the rules as the system message, then the article, then the instruction.

    The article and the instruction are two user messages so that the answer's format can go between
    them (``llm.schema_placement``); instructor's JSON modes join them into one.
    """
    return [
        {"role": "system", "content": render_system(article)},
        {"role": "user", "content": render_article(article)},
        {"role": "user", "content": instruction},
    ]
