"""Batch input: a folder of ``.txt``/``.html`` files, a JSONL file, or ``-`` (JSONL on stdin).

JSONL lines are objects with ``id`` and ``text`` (or ``html``); ``title`` is optional. Inputs are
read lazily, one article at a time, so memory does not grow with the size of the input. A line or
file that cannot be used becomes an item with an ``error`` (the batch records it and goes on).

HTML goes through trafilatura (``html_input.py``): the article body, without menus, footers, scripts.

Example:
    >>> items = list(read_inputs("examples/articles"))  # doctest: +SKIP
    >>> items[0].id, items[0].text[:40]  # doctest: +SKIP
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from summarizer.errors import InputError
from summarizer.pipeline.html_input import article_from_html

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm"}


@dataclass(frozen=True)
class ArticleInput:
    """One article to summarize, or the reason it cannot be (recorded as an ``InputError``)."""

    id: str
    text: str | None = None
    title: str | None = None
    date: str | None = None
    error: str | None = None


def _printable(name: str) -> str:
    """A file name with its undecodable bytes (which Python keeps as surrogates) shown as U+FFFD."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _is_utf8(value: str) -> bool:
    # A JSON escape like "\ud800" decodes to a lone surrogate, which no UTF-8 file or hash can hold.
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _article(id_: str, *, text: Any = None, html: Any = None, title: Any = None) -> ArticleInput:
    try:
        if isinstance(text, str):
            body, found_title, date = text, None, None
        elif isinstance(html, str):
            page = article_from_html(html)
            body, found_title, date = page.text, page.title, page.date
        else:
            raise InputError("needs a string field 'text' or 'html'")
        if not body.strip():
            raise InputError("the text is empty")
    except InputError as exc:
        return ArticleInput(id=id_, error=str(exc))
    return ArticleInput(id=id_, text=body, title=title if isinstance(title, str) else found_title, date=date)


def _from_jsonl(lines: Iterable[bytes], name: str) -> Iterator[ArticleInput]:
    name = _printable(name)
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        where = f"{name}:{number}"  # the id of a line whose own id is unusable
        try:
            line = raw.removeprefix(b"\xef\xbb\xbf" if number == 1 else b"").decode("utf-8")
        except UnicodeDecodeError as exc:
            yield ArticleInput(id=where, error=f"line {number} is not UTF-8 (undecodable byte at offset {exc.start})")
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield ArticleInput(id=where, error=f"line {number} is not JSON ({exc.msg})")
            continue
        if not isinstance(record, dict) or "id" not in record:
            yield ArticleInput(id=where, error=f"line {number} has no 'id'")
            continue
        id_ = record["id"]
        # bool is an int to Python, but `"id": true` is a mistake, not the id "True".
        if isinstance(id_, bool) or not isinstance(id_, str | int) or not str(id_).strip():
            yield ArticleInput(id=where, error=f"line {number}: 'id' must be a non-empty string or an integer")
            continue
        if not _is_utf8(str(id_)):
            yield ArticleInput(id=where, error=f"line {number}: 'id' is not valid Unicode (a lone surrogate)")
            continue
        fields = {field: record.get(field) for field in ("text", "html", "title")}
        bad = [field for field, value in fields.items() if isinstance(value, str) and not _is_utf8(value)]
        if bad:
            yield ArticleInput(id=str(id_), error=f"line {number}: '{bad[0]}' is not valid Unicode (a lone surrogate)")
            continue
        yield _article(str(id_), **fields)


def article_files(folder: Path) -> list[Path]:
    """The article files under ``folder``, sorted. Symbolic links are not followed: a link in a folder of
    articles may point anywhere (a test linked the system's password file), and its text would be sent
    to the backend (tests/faults/test_batch_faults.py)."""
    suffixes = TEXT_SUFFIXES | HTML_SUFFIXES
    found = []
    for root, _, names in os.walk(folder):  # followlinks=False: linked folders are not entered
        for name in names:
            path = Path(root, name)
            if path.suffix.lower() in suffixes and not path.is_symlink() and path.is_file():
                found.append(path)
    return sorted(found)


def _from_folder(folder: Path) -> Iterator[ArticleInput]:
    for path in article_files(folder):
        id_ = _printable(path.relative_to(folder).as_posix())
        try:
            content = path.read_bytes().decode("utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            yield ArticleInput(id=id_, error=f"cannot read {id_} as UTF-8 text ({exc})")
            continue
        if path.suffix.lower() in HTML_SUFFIXES:
            yield _article(id_, html=content)
        else:
            yield _article(id_, text=content)


def _from_jsonl_file(path: Path) -> Iterator[ArticleInput]:
    # Read as bytes: a line that is not UTF-8 is that article's error, not silently altered text.
    with path.open("rb") as lines:
        yield from _from_jsonl(lines, path.name)


def _stdin_lines() -> Iterable[bytes]:
    if hasattr(sys.stdin, "buffer"):
        return sys.stdin.buffer
    # A text-only stdin (embedding code): surrogates from undecodable bytes stay invalid UTF-8.
    return (line.encode("utf-8", "surrogatepass") for line in sys.stdin)


def read_inputs(source: str) -> Iterator[ArticleInput]:
    """Articles from a folder, a JSONL file, or ``-`` (JSONL on stdin), in a stable order.

    Raises ``InputError`` at once (not on first use) when ``source`` does not exist.
    """
    if source == "-":
        return _from_jsonl(_stdin_lines(), "stdin")
    path = Path(source)
    if path.is_dir():
        return _from_folder(path)
    if path.is_file() and path.suffix.lower() in TEXT_SUFFIXES | HTML_SUFFIXES:
        # Read as JSONL, an article gives one "not JSON" error per line: say what was meant instead.
        raise InputError(
            f"{source} is one article, not a JSONL feed: use `summarizer summarize {source}`, or give its folder."
        )
    if path.is_file():
        return _from_jsonl_file(path)
    raise InputError(f"No such file or folder: {source}")


def count_inputs(source: str) -> int | None:
    """How many articles ``source`` holds, for the progress bar (a cheap pass; None for stdin)."""
    path = Path(source)
    if source == "-" or not path.exists():
        return None
    if path.is_dir():
        return len(article_files(path))
    with path.open("rb") as lines:
        return sum(1 for line in lines if line.strip())
