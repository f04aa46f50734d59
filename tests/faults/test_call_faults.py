"""One article against a misbehaving backend or input: an exit code and one line, never a traceback,
within a bounded time; outputs written like a shell redirect; a damaged cache never fails a summary."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import time
from pathlib import Path
from typing import Any

import pytest

from summarizer.cli import main

from .fault_backend import FaultBackend, model_answer

pytestmark = pytest.mark.block_network(allowed_hosts=["127.0.0.1"])

ARTICLE = "The union said it would end the strike only if wages rise. Talks resume on Monday in Lyon."


def _summarize(backend: FaultBackend, article: Path, *args: str) -> int:
    return main(
        ["summarize", str(article), "--base-url", backend.base_url, "--model", "fault", "--mode", "json", *args]
    )


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def _one_line_error(err: str) -> str:
    assert "Traceback" not in err and 'File "' not in err, err
    return err


@pytest.mark.parametrize(
    ("fault", "timeout", "code", "says"),
    [
        # Three 500s, then answers: retried. Its three random backoff waits sum to up to 3.5 s, so a 3 s
        # deadline failed it now and then; 10 s leaves room for the waits alone.
        ("burst500", "10", 0, ""),
        ("retry_after", "3", 0, ""),  # 429 with Retry-After: 1, honoured
        ("huge", "3", 0, ""),  # a 2 MB answer of which the JSON is whole
        ("not_json", "3", 4, "not a chat completion"),  # an HTML page with status 200
        ("wrong_shape", "3", 4, "not a chat completion"),  # JSON, but no completion
        ("drop", "3", 4, "Cannot reach the backend"),  # the connection closed without an answer
        ("hang", "3", 4, "within 3 s"),  # no answer at all
        ("trickle", "3", 4, "within 3 s"),  # one byte a second: each read is quick, the answer never ends
    ],
)
def test_a_backend_fault_ends_in_its_exit_code_within_the_deadline(
    fault: str, timeout: str, code: int, says: str, article: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    started = time.monotonic()
    with FaultBackend(fault) as backend:
        assert _summarize(backend, article, "--timeout", timeout, "--no-cache") == code
    assert time.monotonic() - started < 30
    err = _one_line_error(capsys.readouterr().err)
    assert says in err


def test_an_overview_fallback_is_capped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Every summary sentence names what the article lacks: its first sentence stands in, 1,200 characters long.
    long_sentence = "The talks " + "went on and on " * 79 + "until Monday."
    path = tmp_path / "long.txt"
    path.write_text(long_sentence, encoding="utf-8")

    def answer(body: dict[str, Any]) -> str:
        answered = model_answer(body)
        return (
            json.dumps({"headline": "Zork", "summary": "Zork visited Paris."}) if "headline" in answered else answered
        )

    with FaultBackend(answer=answer) as backend:
        assert _summarize(backend, path, "--no-cache") == 0
    summary = json.loads(capsys.readouterr().out)
    assert len(long_sentence) > 900 and 0 < len(summary["summary"]) <= 900


@pytest.mark.parametrize(
    ("content", "args", "says"),
    [
        ("\0" * 5000, (), "no letter or digit"),
        ("Talks resumed. " * 14_000, (), "the limit is 100,000 (--max-chars"),
        ("Talks resumed. " * 100, ("--max-chars", "1000"), "the limit is 1,000"),
    ],
)
def test_unusable_or_oversized_input_is_refused_before_any_call(
    tmp_path: Path, content: str, args: tuple[str, ...], says: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "input.txt"
    path.write_text(content, encoding="utf-8")
    with FaultBackend() as backend:
        assert _summarize(backend, path, *args) == 2
        assert backend.requests == 0
    assert says in _one_line_error(capsys.readouterr().err)


def test_an_empty_base_url_beside_an_openai_key_is_refused(
    article: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-not-used")
    monkeypatch.setenv("SUMMARIZER_BASE_URL", "")
    assert main(["summarize", str(article)]) == 3
    assert "SUMMARIZER_BASE_URL is set but empty" in _one_line_error(capsys.readouterr().err)


def test_a_damaged_cache_is_moved_aside_and_rebuilt(
    article: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from summarizer import api

    cache = Path(os.environ["SUMMARIZER_CACHE_DIR"]) / "results.sqlite"
    cache.parent.mkdir(parents=True, exist_ok=True)
    with FaultBackend() as backend:
        assert _summarize(backend, article) == 0  # the cache now holds a summary
        for opened in api._caches.values():
            opened.close()
        monkeypatch.setattr(api, "_caches", {})  # the next run opens the file anew, as a new process would
        data = bytearray(cache.read_bytes())
        data[100:4096] = b"\xff" * (4096 - 100)  # a damaged first page
        cache.write_bytes(bytes(data))
        for leftover in (cache.with_name("results.sqlite-wal"), cache.with_name("results.sqlite-shm")):
            leftover.unlink(missing_ok=True)
        assert _summarize(backend, article) == 0
    captured = capsys.readouterr()
    assert "was damaged" in captured.err and "Traceback" not in captured.err
    assert list(cache.parent.glob("results.sqlite.damaged-*"))
    assert sqlite3.connect(cache).execute("SELECT COUNT(*) FROM summaries").fetchone() == (1,)


def test_output_goes_through_a_link_keeps_a_files_mode_and_writes_to_a_device(
    article: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    real = tmp_path / "real.json"
    real.write_text("old")
    os.chmod(real, 0o644)
    link = tmp_path / "link.json"
    os.symlink(real, link)
    with FaultBackend() as backend:
        assert _summarize(backend, article, "-o", str(link)) == 0
        assert link.is_symlink() and json.loads(real.read_text())["headline"]
        assert stat.S_IMODE(real.stat().st_mode) == 0o644
        assert _summarize(backend, article, "-o", os.devnull) == 0
    assert Path(os.devnull).is_char_device()
    _one_line_error(capsys.readouterr().err)
