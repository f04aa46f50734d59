"""Provider batch files, round trip: export the requests, execute them, import the answers.

The exported bodies are executed with the openai client against the bundled local model's recorded
answers to exactly these requests (the cassette of the live summary of the same article), so the
import sees what the local server really answered; the imported summary must equal the live one.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import openai
import pytest

from summarizer import Settings
from summarizer.batch.provider_files import BATCH_URL, load_results, summary_from_results, write_batch_file
from summarizer.cli import main
from summarizer.pipeline.inputs import ArticleInput

from .conftest import ARTICLES, CASSETTES
from .stub_backend import completion

SNAPSHOTS = Path(__file__).parent / "snapshots"
# A live run of this article made its five first-pass calls and no re-ask (see its snapshot's meta).
ARTICLE = "team_dam_protest"
LIVE_CASSETTE = CASSETTES / "recorded_summaries" / f"test_summary[{ARTICLE}].json"


def _backend_flags(settings: Settings) -> list[str]:
    """The command line's flags for the recorded backend, as the live run was recorded (json, cited)."""
    return ["--base-url", settings.base_url or "", "--model", settings.model, "--mode", "json", "--strategy",
            settings.strategy]  # fmt: skip


def _exported(tmp_path: Path, settings: Settings) -> list[dict[str, Any]]:
    text = (ARTICLES / f"{ARTICLE}.txt").read_text(encoding="utf-8")
    path = tmp_path / "requests.jsonl"
    assert write_batch_file([ArticleInput(id=ARTICLE, text=text)], path, settings) == (1, 5, [])
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_exported_bodies_are_the_requests_a_live_run_sends(tmp_path: Path, llm_settings: Settings) -> None:
    lines = _exported(tmp_path, llm_settings)
    live = [i["request"]["parsed_body"] for i in json.loads(LIVE_CASSETTE.read_text())["interactions"]]
    assert [line["body"] for line in lines] == live
    assert all(line["method"] == "POST" and line["url"] == BATCH_URL for line in lines)
    assert len({line["custom_id"] for line in lines}) == 5


@pytest.mark.cassette
@pytest.mark.vcr(str(LIVE_CASSETTE))
def test_round_trip_gives_the_live_summary(tmp_path: Path, llm_settings: Settings) -> None:
    lines = _exported(tmp_path, llm_settings)
    client = openai.OpenAI(base_url=llm_settings.base_url, api_key="no-key", max_retries=0)
    with (tmp_path / "output.jsonl").open("w") as out:  # the Batch API's output format
        for line in lines:
            completion = client.chat.completions.create(**line["body"])
            response = {"status_code": 200, "body": completion.model_dump(mode="json")}
            out.write(json.dumps({"custom_id": line["custom_id"], "response": response, "error": None}) + "\n")

    text = (ARTICLES / f"{ARTICLE}.txt").read_text(encoding="utf-8")
    summary = summary_from_results(
        ArticleInput(id=ARTICLE, text=text), load_results(tmp_path / "output.jsonl"), llm_settings
    )

    live = json.loads((SNAPSHOTS / f"{ARTICLE}.json").read_text(encoding="utf-8"))
    imported = summary.model_dump(mode="json")
    imported["meta"].pop("duration_s")
    assert imported["meta"].pop("backend") == "openai-compatible (batch file)"
    live["meta"].pop("backend")
    assert imported == live


def test_import_reports_missing_and_failed_answers(tmp_path: Path, llm_settings: Settings) -> None:
    lines = _exported(tmp_path, llm_settings)
    failed = {"custom_id": lines[1]["custom_id"], "response": {"status_code": 500, "body": {}}, "error": None}
    (tmp_path / "output.jsonl").write_text(json.dumps(failed) + "\n")
    source = tmp_path / "in.jsonl"
    text = (ARTICLES / f"{ARTICLE}.txt").read_text(encoding="utf-8")
    source.write_text(json.dumps({"id": ARTICLE, "text": text}) + "\n")
    output = tmp_path / "results.jsonl"
    args = _backend_flags(llm_settings)
    assert (
        main(["batch", str(source), "-o", str(output), "--import-results", str(tmp_path / "output.jsonl"), *args]) == 6
    )
    (line,) = [json.loads(x) for x in output.read_text().splitlines()]
    assert line["error"]["type"] == "ExtractionError" and "no answer in the batch results" in line["error"]["message"]


def test_export_from_the_cli(tmp_path: Path, llm_settings: Settings) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text((ARTICLES / f"{ARTICLE}.txt").read_text(encoding="utf-8"), encoding="utf-8")
    args = _backend_flags(llm_settings)
    assert main(["batch", str(folder), "--export-requests", str(tmp_path / "r.jsonl"), *args]) == 0
    assert len((tmp_path / "r.jsonl").read_text().splitlines()) == 5


def test_an_imported_answer_cut_at_max_tokens_keeps_its_complete_items(tmp_path: Path, llm_settings: Settings) -> None:
    # The long digest's live run had first-pass answers cut at max_tokens (finish_reason "length", two):
    # fed to the import as a provider's output, their complete items are kept as a live run keeps them.
    article = "muc4_dev_digest_long"
    text = (ARTICLES / f"{article}.txt").read_text(encoding="utf-8")
    recorded = json.loads((CASSETTES / "recorded_summaries" / f"test_summary[{article}].json").read_text())
    answers = {json.dumps(i["request"]["parsed_body"], sort_keys=True): i["response"] for i in recorded["interactions"]}
    requests = tmp_path / "requests.jsonl"
    write_batch_file([ArticleInput(id=article, text=text)], requests, llm_settings)
    cut = 0
    with (tmp_path / "output.jsonl").open("w") as out:
        for line in map(json.loads, requests.read_text(encoding="utf-8").splitlines()):
            body = answers[json.dumps(line["body"], sort_keys=True)]["body"]["parsed_body"]
            cut += body["choices"][0]["finish_reason"] == "length"
            response = {"status_code": 200, "body": body}
            out.write(json.dumps({"custom_id": line["custom_id"], "response": response, "error": None}) + "\n")

    summary = summary_from_results(
        ArticleInput(id=article, text=text), load_results(tmp_path / "output.jsonl"), llm_settings
    )

    notes = [d.reason for d in summary.meta.dropped if d.reason.startswith("answer cut at 1024 tokens")]
    assert cut >= 1 and len(notes) == cut
    assert not [d for d in summary.meta.dropped if "cut off" in d.reason]
    assert summary.stakeholders and summary.casualties


def _import(tmp_path: Path, settings: Settings, text: str) -> int:
    """``summarizer batch`` of one article with ``--import-results tmp_path/output.jsonl``."""
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": ARTICLE, "text": text}) + "\n")
    args = _backend_flags(settings)
    imported = ["--import-results", str(tmp_path / "output.jsonl")]
    return main(["batch", str(source), "-o", str(tmp_path / "results.jsonl"), *imported, *args])


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'{"custom_id": "x", "response": {"status_code": 500}}\ncaf\xe9\n', ":2 is not UTF-8"),
        (b'{"custom_id": ["a", 0, "overview"], "response": {}}\n', ":1 is not a batch result line ('custom_id'"),
    ],
)
def test_an_import_file_that_is_not_batch_output_is_bad_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], llm_settings: Settings, content: bytes, message: str
) -> None:
    (tmp_path / "output.jsonl").write_bytes(content)
    assert _import(tmp_path, llm_settings, "Two people were injured.") == 2
    assert f"{tmp_path / 'output.jsonl'}{message}" in capsys.readouterr().err


@pytest.mark.parametrize("response", ["oops", {"status_code": 200, "body": 5}])
def test_a_malformed_answer_fails_its_article_as_a_bad_answer(
    tmp_path: Path, llm_settings: Settings, response: Any
) -> None:
    lines = _exported(tmp_path, llm_settings)
    with (tmp_path / "output.jsonl").open("w") as out:
        for line in lines:
            out.write(json.dumps({"custom_id": line["custom_id"], "response": response, "error": None}) + "\n")
    assert _import(tmp_path, llm_settings, (ARTICLES / f"{ARTICLE}.txt").read_text(encoding="utf-8")) == 6
    (line,) = [json.loads(x) for x in (tmp_path / "results.jsonl").read_text().splitlines()]
    assert line["error"]["type"] == "ExtractionError" and "not a chat completion" in line["error"]["message"]


def test_the_sentences_strategy_exports_one_line_a_sentence_and_imports_them_as_one_list(tmp_path: Path) -> None:
    text = "The union demanded a raise. The mayor offered talks. They also demanded a bonus."
    settings = Settings.resolve(base_url="http://stub/v1", model="m", mode="json", strategy="sentences", environ={})
    requests = tmp_path / "requests.jsonl"
    write_batch_file([ArticleInput(id="a", text=text)], requests, settings)
    lines = [json.loads(line) for line in requests.read_text(encoding="utf-8").splitlines()]
    parts = [json.loads(line["custom_id"])[2] for line in lines]
    assert parts == ["overview", "conditions@1", "conditions@3", "proposals@2", "stakeholders"]
    answers = {  # a stub's answers, one per call (not a model's)
        "overview": {"headline": "Union demands", "summary": "The union made demands."},
        "conditions@1": {"conditions": [{"sentence": 1, "party": "The union", "demand": "a raise"}]},
        "conditions@3": {"conditions": [{"sentence": 3, "party": "The union", "demand": "a bonus"}]},
        "proposals@2": {"proposals": [{"sentence": 2, "proposer": "The mayor", "proposal": "talks"}]},
        "stakeholders": {"stakeholders": []},
    }
    with (tmp_path / "output.jsonl").open("w") as out:
        for line, part in zip(lines, parts, strict=True):
            response = {"status_code": 200, "body": completion(json.dumps(answers[part]))}
            out.write(json.dumps({"custom_id": line["custom_id"], "response": response, "error": None}) + "\n")

    summary = summary_from_results(ArticleInput(id="a", text=text), load_results(tmp_path / "output.jsonl"), settings)

    assert [(c.party, c.demand) for c in summary.conditions] == [("The union", "a raise"), ("The union", "a bonus")]
    assert [p.proposal for p in summary.proposals] == ["talks"]
