"""``summarizer batch`` against a loopback stub backend: inputs, resume, cache, failures, exit codes."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from summarizer import ArticleSummary, ProviderError, Settings, cache, summarize_many
from summarizer.cli import main

from .stub_backend import StubBackend, completion

pytestmark = pytest.mark.block_network(allowed_hosts=["127.0.0.1"])

ROOT = Path(__file__).resolve().parent.parent


# Each stub article states a casualty but no demand or proposal: three calls (overview, casualties,
# stakeholders); the conditions and proposals calls are not made (verify.could_publish).
CALLS = 3


def _articles(n: int, *, poison: set[int] = frozenset()) -> list[dict[str, str]]:  # type: ignore[assignment]
    return [
        {"id": f"a{i:03d}", "text": f"Article {i}. {'POISON. ' if i in poison else ''}Two people were injured."}
        for i in range(n)
    ]


def _jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def _lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _poisoned(body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
    if "POISON" in json.dumps(body["messages"]):
        return 400, {"error": {"message": "bad request for this article"}}
    return 200, completion()


def _batch(tmp_path: Path, stub: StubBackend, *args: str) -> int:
    return main(["batch", *args, "--base-url", stub.base_url, "--model", "stub", "--mode", "json"])


def test_every_input_gives_one_line_and_failures_do_not_stop_the_batch(tmp_path: Path) -> None:
    source = _jsonl(tmp_path / "in.jsonl", [*_articles(6, poison={2}), {"id": "no-text"}])
    with open(source, "a") as out:
        out.write("this line is not JSON\n")
    output = tmp_path / "out.jsonl"
    with StubBackend(respond=_poisoned) as stub:
        code = _batch(tmp_path, stub, str(source), "-o", str(output), "--concurrency", "3")
    lines = _lines(output)
    assert code == 6  # finished, but not everything succeeded
    assert sorted(line["id"] for line in lines) == sorted([f"a{i:03d}" for i in range(6)] + ["no-text", "in.jsonl:8"])
    errors = {line["id"]: line["error"]["type"] for line in lines if "error" in line}
    assert errors == {"a002": "ProviderError", "no-text": "InputError", "in.jsonl:8": "InputError"}
    ok = [ArticleSummary.model_validate(line["summary"]) for line in lines if "summary" in line]
    assert len(ok) == 5 and all(s.meta.usage.requests == CALLS for s in ok)


def test_a_folder_of_text_and_html_files(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "one.txt").write_text("Police said two people were injured on Monday.", encoding="utf-8")
    (folder / "two.html").write_text(
        '<html><head><title>Blast near market</title></head><body><header><nav><ul><li><a href="/">Home</a>'
        '</li><li><a href="/world">World</a></li></ul></nav></header><main><article><h1>Blast near market</h1>'
        "<p>Three people were killed when a bomb exploded near the market on Monday, police said.</p><p>Five "
        "others were taken to hospital with injuries, a hospital official said.</p></article></main>"
        "<script>alert(1)</script><footer><p>Copyright The Daily Example. All rights reserved.</p></footer>"
        "</body></html>",
        encoding="utf-8",
    )
    (folder / "notes.csv").write_text("ignored", encoding="utf-8")
    output = tmp_path / "out.jsonl"
    seen: list[str] = []

    def record(body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        seen.append(body["messages"][1]["content"])
        return 200, completion()

    with StubBackend(respond=record) as stub:
        assert _batch(tmp_path, stub, str(folder), "-o", str(output)) == 0
    assert sorted(line["id"] for line in _lines(output)) == ["one.txt", "two.html"]
    html_prompts = [p for p in seen if "bomb exploded" in p]
    assert html_prompts and not any("alert(1)" in p or "World" in p or "Copyright" in p for p in html_prompts)


def test_a_rerun_skips_what_is_done_and_a_torn_last_line_is_redone(tmp_path: Path) -> None:
    source = _jsonl(tmp_path / "in.jsonl", _articles(4))
    output = tmp_path / "out.jsonl"
    with StubBackend() as stub:
        assert _batch(tmp_path, stub, str(source), "-o", str(output), "--no-cache") == 0
        first = stub.requests
        data = output.read_bytes()
        output.write_bytes(data[: data.rfind(b"\n", 0, len(data) - 1) + 1] + b'{"id": "a003", "ke')  # killed mid-line
        assert _batch(tmp_path, stub, str(source), "-o", str(output), "--no-cache") == 0
        assert stub.requests - first == CALLS  # only the torn article was redone
    assert sorted(line["id"] for line in _lines(output)) == ["a000", "a001", "a002", "a003"]


def test_retry_failed_redoes_failures_and_keeps_each_input_once(tmp_path: Path) -> None:
    source = _jsonl(tmp_path / "in.jsonl", _articles(3, poison={1}))
    output = tmp_path / "out.jsonl"
    with StubBackend(respond=_poisoned) as stub:
        assert _batch(tmp_path, stub, str(source), "-o", str(output)) == 6
        assert _batch(tmp_path, stub, str(source), "-o", str(output)) == 6  # still failed on file, not redone
        requests = stub.requests
        stub.respond = None  # the backend recovered
        assert _batch(tmp_path, stub, str(source), "-o", str(output), "--retry-failed") == 0
        assert stub.requests - requests == CALLS
    lines = _lines(output)
    assert sorted(line["id"] for line in lines) == ["a000", "a001", "a002"] and all("summary" in x for x in lines)


def test_the_cache_serves_a_second_run_without_requests(tmp_path: Path) -> None:
    source = _jsonl(tmp_path / "in.jsonl", _articles(5))
    with StubBackend() as stub:
        assert _batch(tmp_path, stub, str(source), "-o", str(tmp_path / "first.jsonl")) == 0
        requests = stub.requests
        assert _batch(tmp_path, stub, str(source), "-o", str(tmp_path / "second.jsonl")) == 0
        assert stub.requests == requests  # no LLM request at all
        assert _batch(tmp_path, stub, str(source), "-o", str(tmp_path / "third.jsonl"), "--no-cache") == 0
        assert stub.requests == 2 * requests
    second = _lines(tmp_path / "second.jsonl")
    assert all(line["meta"]["cached"] for line in second)
    first = {x["id"]: x["summary"] for x in _lines(tmp_path / "first.jsonl")}
    assert {x["id"]: x["summary"] for x in second} == first  # lines come in completion order


def test_a_summary_cached_by_other_code_is_not_served(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = _jsonl(tmp_path / "in.jsonl", _articles(2))
    with StubBackend() as stub:
        assert _batch(tmp_path, stub, str(source), "-o", str(tmp_path / "first.jsonl")) == 0
        requests = stub.requests
        monkeypatch.setattr(cache, "code_version", lambda: "a-new-check")  # as after an upgrade
        assert _batch(tmp_path, stub, str(source), "-o", str(tmp_path / "second.jsonl")) == 0
        assert stub.requests == 2 * requests
    assert not any(line["meta"]["cached"] for line in _lines(tmp_path / "second.jsonl"))


@pytest.mark.parametrize(
    ("status", "body", "exit_code"),
    [
        (401, {"error": {"message": "invalid key"}}, 4),
        (429, {"error": {"message": "quota", "code": "insufficient_quota"}}, 4),
    ],
)
def test_global_failures_stop_the_batch_at_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], status: int, body: dict[str, Any], exit_code: int
) -> None:
    source = _jsonl(tmp_path / "in.jsonl", _articles(30))
    output = tmp_path / "out.jsonl"
    with StubBackend([(status, body)]) as stub:
        assert _batch(tmp_path, stub, str(source), "-o", str(output), "--concurrency", "2") == exit_code
        assert stub.requests <= 2  # stopped at once, not once per article
    assert output.read_text() == ""  # nothing recorded as done: a rerun with a good key does them all
    assert "error:" in capsys.readouterr().err


def test_unreachable_backend_stops_the_batch(tmp_path: Path) -> None:
    source = _jsonl(tmp_path / "in.jsonl", _articles(5))
    code = main(["batch", str(source), "-o", str(tmp_path / "o.jsonl"), "--base-url", "http://127.0.0.1:9/v1"])
    assert code == 4


def test_sigkill_mid_batch_then_rerun_gives_every_input_exactly_once(tmp_path: Path) -> None:
    source = _jsonl(tmp_path / "in.jsonl", _articles(24))
    output = tmp_path / "out.jsonl"
    env = {**os.environ, "SUMMARIZER_CACHE_DIR": str(tmp_path / "cache"), "PYTHONPATH": str(ROOT)}
    with StubBackend(latency=0.05) as stub:
        command = [sys.executable, "-m", "summarizer.cli", "batch", str(source), "-o", str(output),
                   "--base-url", stub.base_url, "--model", "stub", "--mode", "json", "--concurrency", "3"]  # fmt: skip
        process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and (not output.exists() or len(output.read_bytes().splitlines()) < 6):
            time.sleep(0.02)
        process.send_signal(signal.SIGKILL)
        process.wait()
        done_before = len(_lines(output)) if output.read_bytes().endswith(b"\n") else None
        assert 6 <= len(output.read_bytes().splitlines()) < 24  # killed in the middle
        before = stub.requests
        rerun = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
        assert rerun.returncode == 0, rerun.stderr
        redone = (stub.requests - before) // CALLS
    ids = [line["id"] for line in _lines(output)]
    assert sorted(ids) == [f"a{i:03d}" for i in range(24)]  # every input exactly once
    if done_before is not None:
        assert redone <= 24 - done_before + 3  # at most the articles in flight were paid twice


def test_summarize_many_keeps_order_and_reports_failures_in_place(tmp_path: Path) -> None:
    texts = [a["text"] for a in _articles(6, poison={4})]
    with StubBackend(respond=_poisoned) as stub:
        settings = Settings.resolve(base_url=stub.base_url, model="stub", mode="json", environ={})
        results = summarize_many(texts, concurrency=3, settings=settings)
    assert [type(r).__name__ for r in results] == ["ArticleSummary"] * 4 + ["ProviderError", "ArticleSummary"]
    assert isinstance(results[4], ProviderError)


def test_missing_output_or_input_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["batch", str(tmp_path / "nope.jsonl"), "-o", str(tmp_path / "o.jsonl")]) == 2
    assert "No such file or folder" in capsys.readouterr().err
    source = _jsonl(tmp_path / "in.jsonl", _articles(1))
    assert main(["batch", str(source)]) == 2


def test_html_dir_writes_a_page_per_article_and_an_index(tmp_path: Path) -> None:
    source = _jsonl(tmp_path / "in.jsonl", [*_articles(3, poison={1}), {"id": "../escape<script>", "text": "x y"}])
    pages = tmp_path / "pages"
    with StubBackend(respond=_poisoned) as stub:
        code = _batch(tmp_path, stub, str(source), "-o", str(tmp_path / "o.jsonl"), "--html-dir", str(pages))
    assert code == 6
    index = (pages / "index.html").read_text(encoding="utf-8")
    assert all(f"a00{i}" in index for i in range(3))
    assert "escape&lt;script&gt;" in index and "escape<script>" not in index
    assert len(list(pages.glob("*.html"))) == 5  # four articles and the index, all inside the folder
    assert "bad request for this article" in index


def test_ctrl_c_stops_at_once_without_waiting_for_requests_in_flight(tmp_path: Path) -> None:
    source = _jsonl(tmp_path / "in.jsonl", _articles(3))
    env = {**os.environ, "SUMMARIZER_CACHE_DIR": str(tmp_path / "cache"), "PYTHONPATH": str(ROOT)}
    with StubBackend(latency=30) as stub:  # every answer would take 30 s
        command = [sys.executable, "-m", "summarizer.cli", "batch", str(source), "-o", str(tmp_path / "o.jsonl"),
                   "--base-url", stub.base_url, "--model", "stub", "--mode", "json"]  # fmt: skip
        process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        while stub.requests == 0:
            time.sleep(0.05)
        started = time.monotonic()
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=20)
        assert time.monotonic() - started < 10
    assert process.returncode == 130 and "interrupted" in err and "Traceback" not in err


@pytest.mark.parametrize(
    ("content", "line"),
    [
        (b'{"id": "a000", "text": "Article 0. Two people were injured."}\n', 1),  # the input feed given as -o
        (b'[1, 2]\n"s"\n', 1),
        (b'{"id": "a", "key": "k", "summary": {}}\ncaf\xe9\n', 2),
        (b'{"id": "a", "text": "one line without its newline"}', 1),  # not cut off as a torn line
    ],
)
def test_an_output_file_batch_did_not_write_is_refused_and_left_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, line: int
) -> None:
    source = _jsonl(tmp_path / "in.jsonl", _articles(2))
    output = tmp_path / "out.jsonl"
    output.write_bytes(content)
    with StubBackend() as stub:
        assert _batch(tmp_path, stub, str(source), "-o", str(output)) == 2
        assert stub.requests == 0
    assert output.read_bytes() == content
    err = capsys.readouterr().err
    assert f"{output} is not a results file written by `summarizer batch` (line {line}:" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("via", ["file", "stdin"])
def test_unusable_jsonl_lines_are_recorded_and_the_others_summarized(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, via: str
) -> None:
    good = json.dumps(_articles(1)[0]).encode()
    data = b"\n".join([
        good,
        b'{"id": "s", "text": "abc \\ud800 def"}',  # a JSON escape of a lone surrogate
        b'{"id": "\\ud800", "text": "x"}',
        b'{"id": "latin", "text": "caf\xe9"}',  # Latin-1, not UTF-8
        b'{"id": true, "text": "x"}',
        b'{"id": 3.5, "text": "x"}',
        b'{"id": "", "text": "x"}',
    ]) + b"\n"  # fmt: skip
    if via == "file":
        (tmp_path / "in.jsonl").write_bytes(data)
        source, name = str(tmp_path / "in.jsonl"), "in.jsonl"
    else:  # as the interpreter opens stdin in a UTF-8 locale
        monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data), errors="surrogateescape"))
        source, name = "-", "stdin"
    output = tmp_path / "out.jsonl"
    with StubBackend() as stub:
        assert _batch(tmp_path, stub, source, "-o", str(output)) == 6
        assert stub.requests == CALLS  # only the good article went to the model
    lines = {line["id"]: line for line in _lines(output)}
    assert "summary" in lines.pop("a000")
    errors = {id_: (line["error"]["type"], line["error"]["message"]) for id_, line in lines.items()}
    assert errors == {
        "s": ("InputError", "line 2: 'text' is not valid Unicode (a lone surrogate)"),
        f"{name}:3": ("InputError", "line 3: 'id' is not valid Unicode (a lone surrogate)"),
        f"{name}:4": ("InputError", "line 4 is not UTF-8 (undecodable byte at offset 28)"),
        **{
            f"{name}:{n}": ("InputError", f"line {n}: 'id' must be a non-empty string or an integer") for n in (5, 6, 7)
        },
    }


def test_a_file_name_that_is_not_utf8_becomes_a_printable_id(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / os.fsdecode(b"caf\xe9.txt")).write_bytes(b"not UTF-8 either: \xe9")
    output = tmp_path / "out.jsonl"
    with StubBackend() as stub:
        assert _batch(tmp_path, stub, str(folder), "-o", str(output)) == 6
    (line,) = _lines(output)
    assert line["id"] == "caf\ufffd.txt" and line["error"]["type"] == "InputError"
