import io
import json
import sys
from pathlib import Path

import pytest

from summarizer.cli import main

from .stub_backend import StubBackend, completion

loopback = pytest.mark.block_network(allowed_hosts=["127.0.0.1"])


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("content", [b"", b"   \n\t\n"])
def test_empty_input_is_refused(tmp_path: Path, capsys, content: bytes) -> None:
    article = tmp_path / "a.txt"
    article.write_bytes(content)
    code, out, err = run(capsys, "summarize", str(article))
    assert code == 2
    assert "empty" in err and "Traceback" not in err
    assert out == ""


def test_undecodable_bytes_are_refused(tmp_path: Path, capsys) -> None:
    article = tmp_path / "latin1.txt"
    article.write_bytes("Bogotá, 12 muertos".encode("latin-1"))
    code, _, err = run(capsys, "summarize", str(article))
    assert code == 2
    assert "not UTF-8" in err and "offset 5" in err


def test_missing_file(capsys) -> None:
    code, _, err = run(capsys, "summarize", "no/such/article.txt")
    assert code == 2
    assert "No such file: no/such/article.txt" in err


def test_empty_stdin(capsys, monkeypatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"")))
    code, _, err = run(capsys, "summarize", "-")
    assert code == 2
    assert "standard input is empty" in err


def test_no_backend_available_says_both_fixes(tmp_path: Path, capsys, monkeypatch) -> None:
    import importlib.util

    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None)
    monkeypatch.setenv("SUMMARIZER_CACHE_DIR", str(tmp_path))
    article = tmp_path / "a.txt"
    article.write_text("Two people died in a fire, police said.")
    code, _, err = run(capsys, "summarize", str(article))
    assert code == 3
    assert "pip install -e '.[local]'" in err
    assert "SUMMARIZER_BASE_URL" in err and "OPENAI_API_KEY" in err
    assert "Traceback" not in err


def test_bad_mode_is_a_usage_error(capsys) -> None:
    code, _, err = run(capsys, "summarize", "x.txt", "--mode", "xml")
    assert code == 2
    assert "Invalid value for '--mode'" in err


@loopback
def test_server_500_then_200_succeeds(tmp_path: Path, capsys) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Two people died in a fire, police said.")
    output = tmp_path / "out" / "summary.json"
    with StubBackend([(500, {"error": {"message": "busy"}}), (200, completion())]) as stub:
        code, _, err = run(
            capsys, "summarize", str(article), "--base-url", stub.base_url, "--mode", "json", "-o", str(output)
        )
    assert code == 0, err
    summary = json.loads(output.read_text())
    assert summary["headline"] == "Stub headline"
    assert summary["meta"]["usage"]["requests"] == 5  # overview + four sections; the 500 was retried below
    assert stub.requests == 6


@loopback
def test_auth_failure_is_one_clear_line(tmp_path: Path, capsys) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Two people died in a fire, police said.")
    with StubBackend([(401, {"error": {"message": "bad key"}})]) as stub:
        code, _, err = run(capsys, "summarize", str(article), "--base-url", stub.base_url)
    assert code == 4
    assert err.startswith("error: The backend refused the credentials (401)")
    assert stub.requests == 1


@loopback
def test_markdown_to_stdout(tmp_path: Path, capsys) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Two people died in a fire, police said.")
    with StubBackend([(200, completion())]) as stub:
        code, out, _ = run(
            capsys, "summarize", str(article), "--base-url", stub.base_url, "--mode", "json", "--format", "markdown"
        )
    assert code == 0
    assert out.startswith("# Stub headline\n")


def test_schema_command(capsys) -> None:
    code, out, _ = run(capsys, "schema")
    assert code == 0
    schema = json.loads(out)
    assert set(schema["properties"]) >= {"headline", "summary", "conditions", "proposals", "casualties", "stakeholders"}
