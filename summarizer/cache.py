"""A persistent cache of finished summaries, so the same article is never paid for twice.

Keyed by what determines the answer: the article text (sha256), the backend address, model, mode,
strategy, prompt version, schema version, and the code that verifies the model's answers (a new
check must never be bypassed by a summary cached before it). Stored in one sqlite file in the user
cache folder (``$SUMMARIZER_CACHE_DIR`` or ``$XDG_CACHE_HOME/summarizer``, default
``~/.cache/summarizer``): ``results.sqlite``. Safe to share between threads and processes (WAL
mode, one short transaction per write). Only successful summaries are cached; failures are always
retried.

Example:
    >>> cache = ResultCache(Path("/tmp/summarizer-doc/results.sqlite"))  # doctest: +SKIP
    >>> cache.get(cache_key(text, settings))  # doctest: +SKIP
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import logging
import os
import sqlite3
import threading
import time
from pathlib import Path

from summarizer.config import Settings
from summarizer.errors import ConfigurationError
from summarizer.pipeline.prompts import prompt_version
from summarizer.schema import SCHEMA_VERSION, ArticleSummary

CACHE_FILE = "results.sqlite"
logger = logging.getLogger(__name__)


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def summary_config(settings: Settings) -> list[str]:
    """What a summary depends on besides its text: backend, model, mode, strategy, re-asks, answer budget,
    prompts, schema."""
    where = settings.base_url or f"local:{settings.model_path or settings.local_model}"
    strategy = settings.strategy + ("+reask" if settings.reask else "")
    if settings.max_output_tokens != Settings.max_output_tokens:  # the default leaves older keys as they were
        strategy += f"+out{settings.max_output_tokens}"
    if settings.language is not None:  # a language set by hand, not detected from the text
        strategy += f"+lang-{settings.language}"
    return [where, settings.model, settings.mode, strategy, prompt_version(), SCHEMA_VERSION]


@functools.cache
def code_version() -> str:
    """A short hash of the package's source: verification, merging and checks are all code."""
    digest = hashlib.sha256()
    root = Path(__file__).parent
    for path in sorted(root.rglob("*.py")):  # every subpackage too: a moved module still changes the key
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


def cache_key(text: str, settings: Settings) -> str:
    """What a summary depends on; any change (model, prompts, schema, code) is a different key."""
    parts = [text_hash(text), *summary_config(settings), code_version()]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def _damaged(exc: sqlite3.Error) -> bool:
    """Whether sqlite says the file itself is damaged (not locked, not unwritable)."""
    return not isinstance(exc, sqlite3.OperationalError) or "malformed" in str(exc) or "not a database" in str(exc)


class ResultCache:
    """Summaries by ``cache_key``; a corrupt or unreadable entry counts as a miss.

    A damaged cache file is moved aside (``results.sqlite.damaged-<time>``) and a new one started, with
    a warning: a cache never fails a summary (tests/faults/test_call_faults.py).
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = self._open()
        except sqlite3.Error as exc:
            if not _damaged(exc):
                raise self._unusable(exc) from exc
            self._db = self._start_again(exc)
        except OSError as exc:
            raise self._unusable(exc) from exc

    def _unusable(self, exc: Exception) -> ConfigurationError:
        return ConfigurationError(
            f"The result cache {self.path} cannot be used ({exc}): set SUMMARIZER_CACHE_DIR to a writable folder,"
            " or pass --no-cache."
        )

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, check_same_thread=False, timeout=30, isolation_level=None)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            # A cache: surviving a crash of this process is enough, a power cut may cost the last entries.
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute("CREATE TABLE IF NOT EXISTS summaries (key TEXT PRIMARY KEY, summary TEXT NOT NULL)")
        except sqlite3.Error:
            db.close()
            raise
        return db

    def _start_again(self, exc: sqlite3.Error) -> sqlite3.Connection:
        """Move the damaged file (and its journal) aside and open a new, empty cache in its place."""
        aside = self.path.with_name(f"{self.path.name}.damaged-{time.strftime('%Y%m%dT%H%M%S')}")
        for suffix in ("", "-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                os.replace(f"{self.path}{suffix}", f"{aside}{suffix}")
        logger.warning(
            "warning: the result cache %s was damaged (%s); moved to %s, starting a new one", self.path, exc, aside
        )
        try:
            return self._open()
        except (OSError, sqlite3.Error) as again:
            raise self._unusable(again) from again

    def _run(self, sql: str, args: tuple[str, ...]) -> list[tuple[str, ...]]:
        with self._lock:
            try:
                return self._db.execute(sql, args).fetchall()
            except sqlite3.DatabaseError as exc:
                if not _damaged(exc):
                    raise
                self._db.close()
                self._db = self._start_again(exc)
                return self._db.execute(sql, args).fetchall()

    def get(self, key: str) -> ArticleSummary | None:
        rows = self._run("SELECT summary FROM summaries WHERE key = ?", (key,))
        if not rows:
            return None
        try:
            return ArticleSummary.model_validate_json(rows[0][0])
        except ValueError:
            return None

    def put(self, key: str, summary: ArticleSummary) -> None:
        self._run("INSERT OR REPLACE INTO summaries (key, summary) VALUES (?, ?)", (key, summary.model_dump_json()))

    def __len__(self) -> int:
        with self._lock:
            (count,) = self._db.execute("SELECT COUNT(*) FROM summaries").fetchone()
        return int(count)

    def close(self) -> None:
        with self._lock:
            self._db.close()
