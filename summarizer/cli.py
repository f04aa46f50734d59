"""The ``summarizer`` command line. The only place errors become messages and exit codes.

Exit codes: 0 ok, 1 unexpected summarizer error, 2 bad input, 3 configuration, 4 backend failure,
5 the model's answers never validated, 6 a batch finished but some articles failed (see its
output), 130 interrupted.
"""

from __future__ import annotations

import json
import logging
import math
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import click

from summarizer.api import summarize
from summarizer.config import MODES, STRATEGIES, Settings
from summarizer.errors import InputError, OutputError, SummarizerError
from summarizer.llm.local_model import BUNDLED_MODELS
from summarizer.outputs.markdown import to_markdown
from summarizer.outputs.review_page import render_review_page
from summarizer.pipeline.progress import CallStarted
from summarizer.schema import ArticleSummary


def read_article(source: str) -> str:
    """Read an article from a path or ``-`` (stdin) as UTF-8; refuse what cannot be text."""
    if source == "-":
        data = sys.stdin.buffer.read()
        name = "standard input"
    else:
        path = Path(source)
        if not path.exists():
            raise InputError(f"No such file: {source}")
        if path.is_dir():
            raise InputError(f"{source} is a folder, not an article file.")
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise InputError(f"Cannot read {source}: {exc.strerror}") from exc
        name = source
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{name} is not UTF-8 text (undecodable byte at offset {exc.start}); convert it, e.g. with iconv."
        ) from exc
    if not text.strip():
        raise InputError(f"{name} is empty: there is nothing to summarize.")
    return text


def writable(output: str, what: str) -> Path:
    """Check, before any model call, that ``output`` can be written: tokens are not spent for nothing."""
    if not output.strip():
        raise OutputError(f"The {what} name is empty.")
    target = Path(output)
    if target.is_dir():
        raise OutputError(f"The {what} {output} is a folder: give a file name.")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"Cannot create the folder of the {what} {output}: {exc.strerror or exc}") from exc
    if not os.access(target.parent, os.W_OK) or (target.exists() and not os.access(target, os.W_OK)):
        raise OutputError(f"Cannot write the {what} {output}: permission denied.")
    return target


def writable_folder(folder: str, what: str) -> Path:
    target = Path(folder)
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"Cannot create the {what} {folder}: {exc.strerror or exc}") from exc
    if not os.access(target, os.W_OK):
        raise OutputError(f"Cannot write in the {what} {folder}: permission denied.")
    return target


def write_output(content: str, output: str | None) -> None:
    """Write to stdout, or atomically to a file so an interrupted run never leaves half a summary.

    Like a shell redirect, a link is written through (the file it points to is replaced) and a device
    or pipe is written to; an existing file keeps its mode (tests/faults/test_call_faults.py).
    """
    if output is None or output == "-":
        try:
            click.echo(content, nl=not content.endswith("\n"))
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise OutputError(f"Cannot write to standard output: {exc.strerror or exc}") from exc
        return
    target = writable(output, "output")
    try:
        if target.exists() and not target.is_file():  # a device or a pipe: written to, like a shell redirect
            with target.open("w", encoding="utf-8") as device:
                device.write(content)
            return
    except OSError as exc:
        raise OutputError(f"Cannot write {output}: {exc.strerror or exc}") from exc
    real = target.resolve() if target.is_symlink() else target  # through a link: the link stays a link
    mode = real.stat().st_mode & 0o7777 if real.exists() else _new_file_mode()
    tmp_name = None
    try:
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=real.parent, delete=False, suffix=".tmp") as tmp:
            tmp_name = tmp.name
            tmp.write(content)
            tmp.flush()
            os.fsync(tmp.fileno())
        os.chmod(tmp_name, mode)  # an existing file keeps its mode; a new one gets what the umask allows
        os.replace(tmp_name, real)
    except OSError as exc:
        if tmp_name is not None:
            Path(tmp_name).unlink(missing_ok=True)  # nothing half-written is left behind
        raise OutputError(f"Cannot write {output}: {exc.strerror or exc}") from exc


def _new_file_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _render(summary: ArticleSummary, fmt: str, text: str) -> str:
    if fmt == "markdown":
        return to_markdown(summary)
    if fmt == "html":
        return render_review_page(summary, text)
    return summary.model_dump_json(indent=2) + "\n"


def _not_empty(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    # An unset shell variable ("--base-url $URL") must not fall back to the embedded model unnoticed.
    if value is not None and not value.strip():
        raise click.BadParameter("is empty; leave the option out to use the default.")
    return value


def _backend_options(func: Any) -> Any:
    options = [
        click.option("--model", callback=_not_empty, help="Model name sent to the backend [env SUMMARIZER_MODEL]."),
        click.option(
            "--base-url",
            callback=_not_empty,
            help="OpenAI-compatible endpoint [env SUMMARIZER_BASE_URL, OPENAI_BASE_URL].",
        ),
        click.option(
            "--mode",
            type=click.Choice(MODES),
            help="instructor mode [env SUMMARIZER_MODE; default md_json for the embedded model, else tools].",
        ),
        click.option(
            "--strategy",
            type=click.Choice(STRATEGIES),
            help="Extraction strategy [env SUMMARIZER_STRATEGY; default sentences].",
        ),
        click.option(
            "--local-model",
            type=click.Choice(sorted(BUNDLED_MODELS)),
            help="Bundled model for the embedded backend [env SUMMARIZER_LOCAL_MODEL].",
        ),
        click.option(
            "--model-path",
            callback=_not_empty,
            help="Serve this GGUF locally instead of the bundled one [env SUMMARIZER_GGUF].",
        ),
        click.option(
            "--max-output-tokens",
            type=click.IntRange(min=64),
            help="Tokens one answer may use before it is cut [default 1024].",
        ),
        click.option(
            "--timeout",
            type=click.FloatRange(min=0, min_open=True),
            help="Seconds one model call may take, retries included [env SUMMARIZER_TIMEOUT; 600 local, else 120].",
        ),
        click.option(
            "--max-chars",
            type=click.IntRange(min=1),
            help="Longest article accepted, in characters [env SUMMARIZER_MAX_CHARS; 100000].",
        ),
        click.option(
            "--language",
            help="The articles' language, ISO 639-1 (fr, de...) [env SUMMARIZER_LANGUAGE; detected per article].",
        ),
        click.option(
            "--reask",
            is_flag=True,
            default=None,
            help="Ask the model once more for items that failed verification (measured: rarely recovers one).",
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="summarizer")
def cli() -> None:
    """Typed, verifiable structured summaries of news articles."""


@cli.command("summarize")
@click.argument("source", metavar="ARTICLE")
@click.option("-o", "--output", help="Write here instead of stdout (written whole, atomically).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "markdown", "html"]),
    default="json",
    show_default=True,
    help="html: a self-contained review page, the summary beside the article with its evidence highlighted.",
)
@click.option("--no-cache", is_flag=True, help="Ask the model even if this article was summarized before.")
@_backend_options
def summarize_command(source: str, output: str | None, fmt: str, no_cache: bool, **backend: Any) -> None:
    """Summarize ARTICLE (a UTF-8 text file, or - for stdin)."""
    settings = Settings.resolve(**backend)
    text = read_article(source)
    if output not in (None, "-"):
        writable(output, "output")
    summary = _summarize_showing_calls(text, settings, use_cache=not no_cache)
    write_output(_render(summary, fmt, text), output)


def _summarize_showing_calls(text: str, settings: Settings, *, use_cache: bool) -> ArticleSummary:
    """``summarize``, with the call under way and the seconds so far on stderr when it is a terminal.

    An article takes minutes on the embedded model; a pipe or a log gets nothing (rich's status draws
    on terminals only), so stdout and scripted stderr stay as they were. Test: tests/test_progress.py
    """
    from rich.console import Console

    started = time.monotonic()
    waiting = "starting the embedded model server" if settings.backend == "local" else f"asking {settings.model}"
    with Console(stderr=True).status(f"Summarizing: {waiting}") as status:

        def show(call: CallStarted) -> None:
            status.update(f"Summarizing: {call.describe()} ({time.monotonic() - started:.0f} s so far)")

        return summarize(text, settings=settings, use_cache=use_cache, on_call=show)


@cli.command("eval")
@click.argument("gold", type=click.Path(dir_okay=False))
@click.option("--limit", type=click.IntRange(min=1), help="Score only the first N records.")
@click.option("--report", default="eval-report.md", show_default=True, help="Markdown report (JSON beside it).")
@click.option("--baseline-only", is_flag=True, help="Score only the rule baseline (no LLM calls).")
@_backend_options
def eval_command(gold: str, limit: int | None, report: str, baseline_only: bool, **backend: Any) -> None:
    """Score the summarizer on GOLD (JSONL with id, text, gold); resumes an interrupted run."""
    from rich.console import Console

    from summarizer.cache import summary_config
    from summarizer.evaluation.evaluate import (
        LIST_COLUMNS,
        ONE_VICTIM_BASELINE,
        baseline_row,
        list_rows,
        load_gold,
        one_victim_baseline_row,
        print_table,
        score_records,
        write_reports,
    )
    from summarizer.evaluation.scoring import aggregate

    settings = Settings.resolve(**backend)
    records = load_gold(Path(gold), limit)
    if not records:
        raise InputError(f"{gold} holds no records: nothing to score.")
    report_path = writable(report, "report")
    for beside in (".json", ".results.jsonl", ".summaries.jsonl"):
        writable(str(report_path.with_suffix(beside)), "report")
    console = Console(stderr=True)
    rows = {"rule baseline": baseline_row(records), ONE_VICTIM_BASELINE: one_victim_baseline_row(records)}
    system = f"{settings.model} ({settings.strategy})"
    scores = []
    if not baseline_only:
        from summarizer.api import _client_for
        from summarizer.evaluation.draft_capture import summarize_keeping_drafts

        client = _client_for(settings)
        results = report_path.with_suffix(".results.jsonl")
        scores = list(
            score_records(
                records,
                lambda text: summarize_keeping_drafts(client, text, backend=settings.backend),
                results,
                console,
                summaries=report_path.with_suffix(".summaries.jsonl"),
                config=" ".join(summary_config(settings)),
            )
        )
        rows[system] = aggregate(scores)
    lists = list_rows(records, scores, system)
    floor = rows["rule baseline"]["floor_all_zero"]
    command = "summarizer eval " + " ".join(sys.argv[2:]) if len(sys.argv) > 2 else "summarizer eval"
    write_reports(Path(report), rows, command=command, floor=floor, lists=lists)
    print_table(console, rows)
    if lists:
        print_table(console, lists, LIST_COLUMNS, "the four lists")


def _price(value: str | None) -> tuple[float, float] | None:
    if value is None:
        return None
    try:
        prompt, completion = (float(part) for part in value.split(","))
    except ValueError as exc:
        raise click.BadParameter(
            "expected INPUT,OUTPUT in USD per million tokens, e.g. 0.15,0.60", param_hint="'--price'"
        ) from exc
    if not all(math.isfinite(price) and price >= 0 for price in (prompt, completion)):
        raise click.BadParameter(f"prices must be finite and not negative, not {value!r}", param_hint="'--price'")
    return prompt, completion


@cli.command("batch")
@click.argument("source", metavar="INPUT")
@click.option("-o", "--output", help="Results JSONL: one line per article; rerun to resume.")
@click.option("--concurrency", type=click.IntRange(min=1, max=256), help="Articles in flight [default 4; 1 local].")
@click.option("--no-cache", is_flag=True, help="Neither read nor write the result cache.")
@click.option("--retry-failed", is_flag=True, help="Redo articles that failed in an earlier run of this output.")
@click.option("--max-tokens-per-article", type=click.IntRange(min=1), help="Token budget per article.")
@click.option("--price", help="USD per million tokens, INPUT,OUTPUT (known hosted models have defaults).")
@click.option("--export-requests", type=click.Path(dir_okay=False), help="Write an OpenAI Batch file instead.")
@click.option("--import-results", type=click.Path(dir_okay=False), help="Build summaries from a batch output file.")
@click.option("--html-dir", type=click.Path(file_okay=False), help="Also write a review page per article + index.html.")
@_backend_options
@click.pass_context
def batch_command(
    ctx: click.Context,
    /,
    source: str,
    output: str | None,
    concurrency: int | None,
    no_cache: bool,
    retry_failed: bool,
    max_tokens_per_article: int | None,
    price: str | None,
    export_requests: str | None,
    import_results: str | None,
    html_dir: str | None,
    **backend: Any,
) -> None:
    """Summarize every article of INPUT: a folder of .txt/.html files, a JSONL file with id and text
    (or html), or - for JSONL on stdin. Resumable: rerun the same command to finish an interrupted run.
    """
    from dataclasses import replace

    from rich.console import Console

    from summarizer.api import summarize_cached
    from summarizer.batch.provider_files import load_results, summary_from_results, write_batch_file
    from summarizer.batch.run import run_batch, summary_table
    from summarizer.cache import cache_key
    from summarizer.llm.pricing import cost_usd
    from summarizer.pipeline.inputs import ArticleInput, count_inputs, read_inputs

    settings = Settings.resolve(**backend)
    if max_tokens_per_article:
        settings = replace(settings, max_tokens_per_article=max_tokens_per_article)
    override = _price(price)
    console = Console(stderr=True)
    if export_requests:
        writable(export_requests, "requests file")
    elif output:
        writable(output, "results file")
    if html_dir:
        writable_folder(html_dir, "review page folder")
    items = read_inputs(source)
    total = count_inputs(source)
    if total == 0:
        raise InputError(f"{source} holds no articles (.txt, .md or .html files; JSONL lines).")
    if export_requests:
        articles, requests, skipped = write_batch_file(items, Path(export_requests), settings)
        console.print(f"wrote {requests} requests for {articles} articles to {export_requests}")
        if skipped:
            console.print(f"[red]skipped {len(skipped)} unusable inputs:[/] {', '.join(skipped[:10])}")
            ctx.exit(6)
        return
    if not output:
        raise InputError("batch needs -o/--output (the results JSONL), or --export-requests.")

    def key_of(item: ArticleInput) -> str:
        assert item.text is not None
        return cache_key(item.text, settings)

    if import_results:
        answers = load_results(Path(import_results))

        def summarize_one(item: ArticleInput) -> tuple[ArticleSummary, bool]:
            return summary_from_results(item, answers, settings), False

        workers = 1
    else:

        def summarize_one(item: ArticleInput) -> tuple[ArticleSummary, bool]:
            assert item.text is not None
            return summarize_cached(item.text, settings, use_cache=not no_cache)

        workers = concurrency or (1 if settings.backend == "local" else 4)
    stats = run_batch(
        items,
        Path(output),
        key_of=key_of,
        summarize_one=summarize_one,
        concurrency=workers,
        total=total,
        retry_failed=retry_failed,
        console=console,
    )
    cost = cost_usd(
        settings.model,
        prompt_tokens=stats.prompt_tokens,
        completion_tokens=stats.completion_tokens,
        backend=settings.backend,
        override=override,
    )
    if source == "-" and not (stats.done or stats.cached or stats.failed or stats.skipped or stats.failed_earlier):
        raise InputError("Standard input held no articles.")
    console.print(summary_table(stats, cost))
    if stats.duplicate_ids:
        shown = ", ".join(stats.duplicate_ids[:10]) + (" ..." if len(stats.duplicate_ids) > 10 else "")
        console.print(f"[yellow]warning[/]: {len(stats.duplicate_ids)} input ids given more than once: {shown}")
    if html_dir and stats.stopped_by is None:
        from summarizer.batch.run import review_entries
        from summarizer.outputs.review_page import write_review_site

        index = write_review_site(Path(html_dir), review_entries(read_inputs(source), Path(output)))
        console.print(f"review pages: {index}")
    if stats.stopped_by is not None:
        raise stats.stopped_by
    if stats.any_failed:
        console.print(f"[red]some articles failed[/]: their lines in {output} say why (--retry-failed redoes them)")
        ctx.exit(6)


@cli.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind; set SUMMARIZER_API_KEY first.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--max-body-bytes", type=click.IntRange(min=1), help="Largest request body [default 1000000].")
@click.option("--summary-timeout", "timeout_s", type=click.FloatRange(min=1), help="Seconds per summary [default 900].")
@click.option("--max-concurrent", type=click.IntRange(min=1), help="Summaries at once [1 local model, else 4].")
@_backend_options
def serve_command(
    host: str,
    port: int,
    max_body_bytes: int | None,
    timeout_s: float | None,
    max_concurrent: int | None,
    **backend: Any,
) -> None:
    """Serve summaries over HTTP (POST /v1/summaries; docs at /docs). Needs the serve extra."""
    import ipaddress

    try:
        import uvicorn

        from summarizer.service import create_app
    except ImportError as exc:
        raise click.ClickException(
            f"summarizer serve needs the serve extra: pip install 'summarizer[serve]' ({exc})"
        ) from exc
    from summarizer.config import ServiceSettings

    service = ServiceSettings.resolve(max_body_bytes=max_body_bytes, timeout_s=timeout_s, max_concurrent=max_concurrent)
    try:
        loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if service.api_key is None and not loopback:
        click.echo(f"warning: serving on {host} without SUMMARIZER_API_KEY: anyone who reaches it can use it", err=True)
    uvicorn.run(create_app(Settings.resolve(**backend), service), host=host, port=port)


@cli.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of ArticleSummary."""
    click.echo(json.dumps(ArticleSummary.model_json_schema(), indent=2))


class _WarningsToStderr(logging.Handler):
    """The package's warnings (a damaged cache moved aside) as plain lines on the current stderr."""

    def emit(self, record: logging.LogRecord) -> None:
        click.echo(self.format(record), err=True)


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; turn every SummarizerError into a one-line message and its exit code."""
    # instructor logs each failed attempt at ERROR; the CLI reports the outcome once, itself.
    logging.getLogger("instructor").setLevel(logging.CRITICAL)
    package_log = logging.getLogger("summarizer")
    if not any(isinstance(handler, _WarningsToStderr) for handler in package_log.handlers):
        package_log.addHandler(_WarningsToStderr(logging.WARNING))
    try:
        code = cli.main(args=argv, prog_name="summarizer", standalone_mode=False)
    except SummarizerError as exc:
        click.echo(f"error: {exc}", err=True)
        return exc.exit_code
    except click.exceptions.Abort:
        click.echo("interrupted", err=True)
        return 130
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        return 130
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except BrokenPipeError:
        # The reader went away (``| head``): not a failure; keep Python's flush at exit quiet too.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as exc:  # a file or device the user named failed midway (disk full, gone): one line, no traceback
        where = f" ({exc.filename})" if exc.filename else ""
        click.echo(f"error: {exc.strerror or exc}{where}", err=True)
        return OutputError.exit_code
    return code if isinstance(code, int) else 0


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())


if __name__ == "__main__":  # pragma: no cover
    run()
