"""The review page in a real headless browser (Debian's chromium, driven by playwright).

Checks what a person does with the page: sees the highlights, clicks an item and lands on its
sentence, hovers a highlight to see what cites it, sorts the index. Screenshots go to ``tmp_path``.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from summarizer import ArticleSummary
from summarizer.cli import read_article
from summarizer.outputs.review_page import ReviewEntry, render_review_page, write_review_site

from .conftest import ARTICLES

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install -e '.[test]')")

SNAPSHOTS = Path(__file__).parent / "snapshots"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"

pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).exists(),
    reason="chromium is not installed (apt-get install chromium; .ci/run installs it)",
)


def load(name: str) -> tuple[ArticleSummary, str]:
    summary = ArticleSummary.model_validate(json.loads((SNAPSHOTS / f"{name}.json").read_text(encoding="utf-8")))
    return summary, read_article(str(ARTICLES / f"{name}.txt"))


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    # Debian's browser, never one playwright downloads.
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    # Short enough that the last paragraph starts below the fold, so a jump to it has to scroll.
    context = browser.new_context(viewport={"width": 1100, "height": 420})
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda exc: errors.append(str(exc)))
    opened.on("request", lambda request: errors.append(f"request {request.url}") if "file:" not in request.url else 0)
    yield opened
    context.close()
    assert errors == [], "the page raised a script error or tried to load something"


def test_click_scrolls_to_the_evidence_and_flashes_it(page: Any, tmp_path: Path) -> None:
    summary, text = load("team_harbour_truce")
    html = tmp_path / "brief.html"
    html.write_text(render_review_page(summary, text), encoding="utf-8")
    page.goto(html.as_uri())

    for field in ("proposals", "casualties", "stakeholders"):
        for index, item in enumerate(getattr(summary, field)):
            marks = page.locator(f'mark.hl[data-items~="{field}-{index}"]')
            assert "".join(marks.all_text_contents()) == item.evidence

    casualty = page.locator('mark.hl[data-items~="casualties-0"]').first
    sync_api.expect(casualty).not_to_be_in_viewport()
    page.locator('.item[data-key="casualties-0"]').click()
    sync_api.expect(casualty).to_have_class(re.compile(r"\bflash\b"))
    sync_api.expect(casualty).to_be_in_viewport()
    page.screenshot(path=str(tmp_path / "after-click.png"))

    # Hovering a highlight names every item citing it (title) and lights them up in the panel.
    # Rehn's proposal and Rehn as a stakeholder cite the same sentence in this snapshot.
    proposal = next(f"proposals-{i}" for i, p in enumerate(summary.proposals) if "Rehn" in p.proposer)
    person = next((i, s.name) for i, s in enumerate(summary.stakeholders) if "Rehn" in s.name)
    stakeholder = f"stakeholders-{person[0]}"
    shared = page.locator(f'mark.hl[data-items~="{proposal}"][data-items~="{stakeholder}"]').first
    shared.hover()
    assert "Proposal: Interior Minister Tomas Rehn" in (shared.get_attribute("title") or "")
    assert f"Stakeholder: {person[1]}" in (shared.get_attribute("title") or "")
    sync_api.expect(page.locator(f'.item[data-key="{proposal}"]')).to_have_class(re.compile(r"\bhovered\b"))
    sync_api.expect(page.locator(f'.item[data-key="{stakeholder}"]')).to_have_class(re.compile(r"\bhovered\b"))
    sync_api.expect(page.locator('.item[data-key="casualties-0"]')).not_to_have_class(re.compile(r"\bhovered\b"))

    assert page.locator("#dropped li").count() == len(summary.meta.dropped)
    page.screenshot(path=str(tmp_path / "review-page.png"), full_page=True)
    assert (tmp_path / "review-page.png").stat().st_size > 10_000


def test_article_script_does_not_run(page: Any, tmp_path: Path) -> None:
    summary, _ = load("team_harbour_truce")
    text = "<script>document.title = 'pwned'</script><img src=x onerror=\"document.title='pwned'\">"
    html = tmp_path / "hostile.html"
    html.write_text(render_review_page(summary.model_copy(update={"headline": text}), text), encoding="utf-8")
    page.goto(html.as_uri())

    assert page.title() != "pwned"
    assert page.locator("#article").inner_text() == text
    assert page.locator("#headline").inner_text() == text


def test_index_sorts_by_clicking_a_header(page: Any, tmp_path: Path) -> None:
    names = ["team_harbour_truce", "team_border_ceasefire", "muc4_dev_0112", "team_dam_protest"]
    entries = [ReviewEntry(name, text, summary) for name in names for summary, text in [load(name)]]
    entries.append(ReviewEntry("broken", "Some text.", error="ProviderUnavailable: backend down"))
    index = write_review_site(tmp_path / "site", entries)
    page.goto(index.as_uri())

    def column(number: int) -> list[str]:
        return [c.strip() for c in page.locator(f"#summaries tbody td:nth-child({number})").all_text_contents()]

    def killed_sort_keys() -> list[float]:
        return [float(v) for v in page.locator("#summaries tbody td:nth-child(3)").evaluate_all(
            "cells => cells.map(c => c.getAttribute('data-sort'))")]  # fmt: skip

    page.get_by_role("button", name="Killed").click()
    assert killed_sort_keys() == sorted(killed_sort_keys())
    assert column(1)[0] == "broken"  # a failed row has no figure and sorts first
    page.get_by_role("button", name="Killed").click()
    assert killed_sort_keys() == sorted(killed_sort_keys(), reverse=True)
    page.get_by_role("button", name="Article").click()
    assert column(1) == sorted(column(1), key=str.lower)

    page.locator("#summaries a", has_text="team_harbour_truce").click()
    sync_api.expect(page.locator("#headline")).to_have_text(load("team_harbour_truce")[0].headline)
    page.screenshot(path=str(tmp_path / "index.png"))
