"""Render the Jinja prompt templates in ``templates/prompts/`` with a sandboxed, strict environment.

The article only ever enters as a variable: Jinja never parses it, so braces, ``{% %}`` or a fake
end marker inside an article reach the model verbatim. The markers carry a code derived from the
article's own hash, so an article cannot close them early.

Example:
    >>> from summarizer.pipeline.article import Article
    >>> article = Article.from_text("Two died. {{ not a template }}")
    >>> "{{ not a template }}" in render_system(article)
    True
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from jinja2 import FileSystemLoader, StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

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
    """The shared prefix of every call: instructions, then the article as numbered sentences."""
    return _environment().get_template("system.j2").render(sentences=article.sentences, nonce=article.nonce)


def render_task(name: str, article: Article) -> str:
    """The per-call instruction that follows the shared prefix (``tasks/<name>.j2`` or ``<name>.j2``)."""
    template = f"tasks/{name}.j2" if name in SECTIONS else f"{name}.j2"
    return _environment().get_template(template).render(nonce=article.nonce)


def render_reask(article: Article, rejected: list[dict[str, str]]) -> str:
    """The one combined re-ask: every item that failed verification, each with its problem."""
    return _environment().get_template("reask.j2").render(rejected=rejected, nonce=article.nonce)
