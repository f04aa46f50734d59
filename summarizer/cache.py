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

import functools
import hashlib
import sqlite3
import threading
from pathlib import Path

from .config import Settings
from .errors import ConfigurationError
from .prompts import prompt_version
from .schema import SCHEMA_VERSION, ArticleSummary

CACHE_FILE = "results.sqlite"


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def summary_config(settings: Settings) -> list[str]:
    """What a summary depends on besides its text: backend, model, mode, strategy, re-asks, answer budget,
    prompts, schema."""
    where = settings.base_url or f"local:{settings.model_path or settings.local_model}"
    strategy = settings.strategy + ("+reask" if settings.reask else "")
    if settings.max_output_tokens != Settings.max_output_tokens:  # the default leaves older keys as they were
        strategy += f"+out{settings.max_output_tokens}"
    return [where, settings.model, settings.mode, strategy, prompt_version(), SCHEMA_VERSION]


@functools.cache
def code_version() -> str:
    """A short hash of the package's source: verification, merging and checks are all code."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


def cache_key(text: str, settings: Settings) -> str:
    """What a summary depends on; any change (model, prompts, schema, code) is a different key."""
    parts = [text_hash(text), *summary_config(settings), code_version()]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


class ResultCache:
    """Summaries by ``cache_key``; a corrupt or unreadable entry counts as a miss."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(path, check_same_thread=False, timeout=30, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            # A cache: surviving a crash of this process is enough, a power cut may cost the last entries.
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute("CREATE TABLE IF NOT EXISTS summaries (key TEXT PRIMARY KEY, summary TEXT NOT NULL)")
        except (OSError, sqlite3.Error) as exc:
            raise ConfigurationError(
                f"The result cache {path} cannot be used ({exc}): set SUMMARIZER_CACHE_DIR to a writable folder,"
                " or pass --no-cache."
            ) from exc

    def get(self, key: str) -> ArticleSummary | None:
        with self._lock:
            row = self._db.execute("SELECT summary FROM summaries WHERE key = ?", (key,)).fetchone()
        if row is None:
            return None
        try:
            return ArticleSummary.model_validate_json(row[0])
        except ValueError:
            return None

    def put(self, key: str, summary: ArticleSummary) -> None:
        with self._lock:
            self._db.execute(
                "INSERT OR REPLACE INTO summaries (key, summary) VALUES (?, ?)", (key, summary.model_dump_json())
            )

    def __len__(self) -> int:
        with self._lock:
            (count,) = self._db.execute("SELECT COUNT(*) FROM summaries").fetchone()
        return int(count)

    def close(self) -> None:
        with self._lock:
            self._db.close()
