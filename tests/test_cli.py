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
    assert summary["headline"] == "stub headline"
    assert summary["meta"]["usage"]["requests"] == 3  # overview, casualties, stakeholders; the 500 was retried below
    assert stub.requests == 4


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
    assert out.startswith("# stub headline\n")


def test_schema_command(capsys) -> None:
    code, out, _ = run(capsys, "schema")
    assert code == 0
    schema = json.loads(out)
    assert set(schema["properties"]) >= {"headline", "summary", "conditions", "proposals", "casualties", "stakeholders"}


@loopback
def test_eval_writes_reports_scores_and_summaries(tmp_path: Path, capsys) -> None:
    gold = tmp_path / "gold.jsonl"
    records = [
        {
            "id": f"r{i}",
            "text": "Two people were killed in a fire, police said.",
            "gold": {"killed": 2, "injured": 0, "actors": []},
        }
        for i in range(2)
    ]
    gold.write_text("".join(json.dumps(r) + "\n" for r in records))
    report = tmp_path / "report.md"
    with StubBackend([(200, completion())]) as stub:
        args = ("eval", str(gold), "--report", str(report), "--base-url", stub.base_url, "--mode", "json")
        code, _, err = run(capsys, *args)
        assert code == 0, err
        assert run(capsys, *args)[0] == 0  # a rerun resumes: nothing left to do
    # Three calls an article as summarize makes them (no demand or proposal to ask for), and the two lists it
    # skips asked apart for the unverified row (draft_capture.py); none on the rerun.
    assert stub.requests == 2 * (3 + 2)
    assert "| rule baseline + one-victim rule |" in report.read_text()
    assert "rule baseline" in json.loads(report.with_suffix(".json").read_text())["rows"]
    scores = [json.loads(line) for line in report.with_suffix(".results.jsonl").read_text().splitlines()]
    summaries = [json.loads(line) for line in report.with_suffix(".summaries.jsonl").read_text().splitlines()]
    assert [s["id"] for s in scores] == [s["id"] for s in summaries] == ["r0", "r1"]
    assert (scores[0]["killed"], scores[0]["gold_killed"]) == (0, 2)  # the stub's empty summary: a miss
    assert summaries[0]["summary"]["headline"] == "stub headline"
    assert summaries[0]["config"] == scores[0]["config"]  # what the summary was made with, as its score
    assert summaries[0]["summary"]["meta"]["usage"]["requests"] == 3  # the extra calls are not its cost
    assert set(summaries[0]["drafts"]) == {"conditions", "proposals", "casualties", "stakeholders"}


@pytest.mark.parametrize("option", ["--base-url", "--model", "--model-path"])
def test_an_empty_backend_option_is_refused_not_ignored(tmp_path: Path, capsys, option: str) -> None:
    # "--base-url $URL" with URL unset must not fall back to the embedded model unnoticed.
    article = tmp_path / "a.txt"
    article.write_text("Two people died in a fire, police said.")
    code, _, err = run(capsys, "summarize", str(article), option, "")
    assert code == 2 and f"Invalid value for '{option}': is empty" in err


@loopback
@pytest.mark.parametrize("where", ["folder", "under-a-file", "empty"])
def test_an_output_that_cannot_be_written_is_refused_before_any_call(tmp_path: Path, capsys, where: str) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Two people died in a fire, police said.")
    (tmp_path / "a-file").write_text("")
    output = {"folder": str(tmp_path), "under-a-file": str(tmp_path / "a-file" / "s.json"), "empty": ""}[where]
    with StubBackend([(200, completion())]) as stub:
        code, _, err = run(capsys, "summarize", str(article), "--base-url", stub.base_url, "-o", output)
        batch = run(capsys, "batch", str(tmp_path), "--base-url", stub.base_url, "-o", output)
    assert code == 2 and err.startswith("error: ") and "Traceback" not in err
    assert batch[0] == 2 and batch[2].startswith("error: ")
    assert stub.requests == 0  # no tokens spent on a summary that could not be kept


def test_a_failed_write_leaves_no_temporary_file(tmp_path: Path, monkeypatch) -> None:
    import os

    from summarizer.cli import write_output
    from summarizer.errors import OutputError

    def refuse(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OutputError, match="No space left on device"):
        write_output("{}", str(tmp_path / "summary.json"))
    assert list(tmp_path.iterdir()) == []


def test_eval_refuses_a_report_it_cannot_write(tmp_path: Path, capsys) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"id": "r", "text": "Two people were killed.", "gold": {"killed": 2}}) + "\n")
    code, _, err = run(capsys, "eval", str(gold), "--report", str(tmp_path), "--baseline-only")
    assert code == 2 and "is a folder" in err


@loopback
def test_eval_stops_when_the_backend_cannot_be_reached(tmp_path: Path, capsys) -> None:
    gold = tmp_path / "gold.jsonl"
    records = [{"id": f"r{i}", "text": "Two people were killed.", "gold": {"killed": 2}} for i in range(3)]
    gold.write_text("".join(json.dumps(r) + "\n" for r in records))
    with StubBackend([]) as stub:
        dead = stub.base_url
    report = tmp_path / "report.md"
    code, _, err = run(capsys, "eval", str(gold), "--report", str(report), "--base-url", dead)
    assert code == 4 and "Cannot reach the backend" in err
    assert not report.with_suffix(".results.jsonl").exists()  # nothing recorded as a per-record failure


@pytest.mark.parametrize("price", ["-1,-2", "nan,1", "1,inf"])
def test_a_price_must_be_finite_and_not_negative(tmp_path: Path, capsys, price: str) -> None:
    code, _, err = run(capsys, "batch", str(tmp_path), "-o", str(tmp_path / "r.jsonl"), "--price", price)
    assert code == 2 and "Invalid value for '--price'" in err


def test_eval_of_an_empty_gold_file_is_bad_input(tmp_path: Path, capsys) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text("\n")
    code, _, err = run(capsys, "eval", str(gold), "--baseline-only", "--report", str(tmp_path / "r.md"))
    assert code == 2 and "holds no records" in err


def test_batch_of_nothing_is_bad_input(tmp_path: Path, capsys, monkeypatch) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "feed.jsonl").write_text("\n\n")
    for source in (tmp_path / "empty", tmp_path / "feed.jsonl"):
        code, _, err = run(capsys, "batch", str(source), "-o", str(tmp_path / "r.jsonl"))
        assert code == 2 and "holds no articles" in err
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"")))
    code, _, err = run(capsys, "batch", "-", "-o", str(tmp_path / "r.jsonl"))
    assert code == 2 and "Standard input held no articles" in err


def test_batch_of_one_article_file_says_to_use_summarize(tmp_path: Path, capsys) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Two people died in a fire, police said.\nMore later.\n")
    code, _, err = run(capsys, "batch", str(article), "-o", str(tmp_path / "r.jsonl"))
    assert code == 2 and "is one article, not a JSONL feed" in err and "summarizer summarize" in err


@loopback
def test_the_answer_budget_is_a_setting_and_part_of_the_cache_key(tmp_path: Path, capsys, monkeypatch) -> None:
    from summarizer import Settings
    from summarizer.cache import summary_config

    monkeypatch.setenv("SUMMARIZER_CACHE_DIR", str(tmp_path / "cache"))
    article = tmp_path / "a.txt"
    article.write_text("Two people died in a fire, police said.")
    budgets: list[int] = []

    def answer(body: dict) -> tuple[int, dict]:
        budgets.append(body["max_tokens"])
        return 200, completion()

    with StubBackend(respond=answer) as stub:
        args = ("summarize", str(article), "--base-url", stub.base_url, "--mode", "json")
        assert run(capsys, *args, "--max-output-tokens", "768")[0] == 0
        assert set(budgets) == {768}
        assert run(capsys, *args)[0] == 0  # another budget: not served from the cache
        assert set(budgets) == {768, 1024}
    default = Settings.resolve(base_url="http://h/v1", environ={})
    assert "+out" not in " ".join(summary_config(default))  # keys and eval configs made before stay valid
    assert "sentences+out768" in summary_config(
        Settings.resolve(base_url="http://h/v1", environ={}, max_output_tokens=768)
    )
