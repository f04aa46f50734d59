"""Batch faults: nothing lost, nothing doubled, foreign files untouched, one writer at a time."""

from __future__ import annotations

import fcntl
import json
import os
from pathlib import Path
from typing import Any

import pytest

from summarizer.cli import main

from .fault_backend import FaultBackend

pytestmark = pytest.mark.block_network(allowed_hosts=["127.0.0.1"])


def _jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def _ids(path: Path) -> list[str]:
    return [json.loads(line)["id"] for line in path.read_text(encoding="utf-8").splitlines()]


def _batch(backend: FaultBackend, *args: str) -> int:
    return main(["batch", *args, "--base-url", backend.base_url, "--model", "fault", "--mode", "json", "--no-cache"])


def test_resume_keeps_every_id_whose_text_another_id_shares(tmp_path: Path) -> None:
    # y3 has y1's text: keyed by text, a run killed after y1's line never wrote y3 (exit 0).
    source = _jsonl(
        tmp_path / "in.jsonl",
        [
            {"id": "y1", "text": "Talks resumed."},
            {"id": "y2", "text": "Strike ends."},
            {"id": "y3", "text": "Talks resumed."},
        ],
    )
    out = tmp_path / "out.jsonl"
    with FaultBackend() as backend:
        assert _batch(backend, str(source), "-o", str(out)) == 0
        first = out.read_text(encoding="utf-8").splitlines(keepends=True)[0]
        out.write_text(first, encoding="utf-8")  # the run was killed after y1's line
        assert _batch(backend, str(source), "-o", str(out)) == 0
    assert sorted(_ids(out)) == ["y1", "y2", "y3"]


def test_a_rerun_after_an_upgrade_or_a_changed_text_leaves_one_line_per_id(tmp_path: Path) -> None:
    source = _jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": "Talks resumed."}, {"id": "b", "text": "Strike."}])
    out = tmp_path / "out.jsonl"
    with FaultBackend() as backend:
        assert _batch(backend, str(source), "-o", str(out)) == 0
        paid = backend.requests
        upgraded = [{**json.loads(line), "key": "made-by-an-older-version"} for line in out.read_text().splitlines()]
        _jsonl(out, upgraded)  # an upgrade changes every cache key
        assert _batch(backend, str(source), "-o", str(out)) == 0
        assert sorted(_ids(out)) == ["a", "b"] and backend.requests == paid  # nothing redone
        _jsonl(source, [{"id": "a", "text": "Talks resumed on Monday."}, {"id": "b", "text": "Strike."}])
        assert _batch(backend, str(source), "-o", str(out)) == 0
        assert backend.requests > paid  # a's new text was summarized
    lines = {json.loads(line)["id"]: json.loads(line) for line in out.read_text().splitlines()}
    assert sorted(_ids(out)) == ["a", "b"]  # and its new line replaced the old one
    assert lines["a"]["key"] != "made-by-an-older-version" and lines["b"]["key"] == "made-by-an-older-version"


def test_the_same_id_twice_is_summarized_once_with_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = _jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": "Talks resumed."}, {"id": "a", "text": "Other."}])
    out = tmp_path / "out.jsonl"
    with FaultBackend() as backend:
        assert _batch(backend, str(source), "-o", str(out)) == 0
        once = backend.requests
        assert _batch(backend, str(tmp_path / "in.jsonl"), "-o", str(tmp_path / "other.jsonl")) == 0
        assert backend.requests == 2 * once  # the second "a" was never sent
    assert _ids(out) == ["a"]
    assert "1 input ids given more than once: a" in capsys.readouterr().err


@pytest.mark.parametrize(
    "content",
    ["# Notes\n\nThe last line has no newline", "id,text\n1,Talks resumed\n", '{"id": "x", "note": "no key"}\n'],
)
def test_an_output_that_is_not_batch_output_is_refused_untouched(
    tmp_path: Path, content: str, capsys: pytest.CaptureFixture[str]
) -> None:
    source = _jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": "Talks resumed."}])
    notes = tmp_path / "notes.md"
    notes.write_text(content, encoding="utf-8")
    with FaultBackend() as backend:
        assert _batch(backend, str(source), "-o", str(notes)) == 2
        assert backend.requests == 0
    assert notes.read_text(encoding="utf-8") == content
    assert "not a results file" in capsys.readouterr().err


def test_a_second_process_on_the_same_output_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = _jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": "Talks resumed."}])
    out = tmp_path / "out.jsonl"
    with (tmp_path / "out.jsonl.lock").open("ab") as held, FaultBackend() as backend:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)  # another batch is running
        assert _batch(backend, str(source), "-o", str(out)) == 2
        assert backend.requests == 0
    assert "Another `summarizer batch` is writing" in capsys.readouterr().err
    assert not out.exists() or out.read_text() == ""


def test_a_folder_batch_does_not_follow_links(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "real.txt").write_text("Talks resumed.", encoding="utf-8")
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0:root:/root:/bin/bash", encoding="utf-8")
    os.symlink(secret, folder / "passwd.txt")
    os.symlink(tmp_path, folder / "linked-folder")
    seen: list[str] = []

    def answer(body: dict[str, Any]) -> str:
        seen.append(json.dumps(body))
        from .fault_backend import model_answer

        return model_answer(body)

    out = tmp_path / "out.jsonl"
    with FaultBackend(answer=answer) as backend:
        assert _batch(backend, str(folder), "-o", str(out)) == 0
    assert _ids(out) == ["real.txt"]
    assert not any("root:x:0" in body for body in seen)
