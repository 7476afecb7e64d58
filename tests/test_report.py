"""report.html, rendered in headless Chromium: the totals match findings.parquet, the table
filters, the links point at the lines, and the page loads nothing from the network.

Playwright drives the system Chromium (Debian's ``chromium``; ``.ci/run`` installs it). On a
developer's machine without it the test is skipped; under CI=true a missing browser fails.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from tests.clikit import ROOT, invoke, write

pytest.importorskip("pyarrow", reason="lintnews[audit] is not installed")
import pyarrow.parquet as pq  # noqa: E402

CHROMIUM = os.environ.get("LINTNEWS_CHROMIUM", "/usr/bin/chromium")
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SECTIONS = {"politics": "Ana Ortiz", "business": "Ben Adler", "sport": "Ana Ortiz"}


def _missing(what: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{what} (CI must run the browser test; .ci/run installs chromium)")
    pytest.skip(what)


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("the playwright package is not installed")
    if not (Path(CHROMIUM).is_file() and os.access(CHROMIUM, os.X_OK)):
        _missing(f"no Chromium at {CHROMIUM}")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def audited(tmp_path_factory):
    """A generated archive plus articles with sections, audited into ``out``."""
    base = tmp_path_factory.mktemp("report")
    archive = base / "archive"
    subprocess.run(
        [sys.executable, str(ROOT / "bench" / "generate.py"), str(archive), "--count", "60"],
        check=True,
        capture_output=True,
    )
    shutil.copytree(ROOT / "examples", archive / "examples")
    for index, (section, author) in enumerate(sorted(SECTIONS.items()) * 3):
        month = 1 + index % 4
        write(
            archive / section / f"story-{index}.md",
            f"""
            ---
            title: "Story {index}"
            date: 2025-{month:02d}-1{index % 9}
            author: {author}
            section: {section}
            tags: [{section}, desk]
            ---

            # Story {index}

            Experts say the figure rose by {10 + index}% last year, according to people familiar.
            """,
        )
    out = base / "out"
    cwd = os.getcwd()
    os.chdir(archive)
    try:
        result = invoke("audit", ".", "--out", str(out), "--isolated", "--jobs", "1")
    finally:
        os.chdir(cwd)
    assert result.exit_code == 0, result.stderr
    return archive, out


@pytest.fixture(scope="module")
def page(browser, audited):
    archive, out = audited
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    requested: list[str] = []

    def only_the_file(route):
        requested.append(route.request.url)
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            route.abort()

    page.route("**/*", only_the_file)
    page.goto((out / "report.html").as_uri())
    page.screenshot(path=str(out / "report.png"), full_page=True)
    page.requested = requested  # type: ignore[attr-defined]
    yield page
    page.close()


def _table(out: Path) -> list[dict]:
    return pq.read_table(out / "findings.parquet").to_pylist()


def test_the_page_is_self_contained_and_screenshotted(page, audited):
    _, out = audited
    assert page.requested == [(out / "report.html").as_uri()]
    assert (out / "report.png").stat().st_size > 10_000
    assert page.title() == "lintnews audit"
    assert page.locator("svg.chart").count() >= 2  # packs and months, drawn inline


def test_the_totals_match_the_parquet_file(page, audited):
    _, out = audited
    rows = _table(out)
    assert int(page.locator("#total-findings").get_attribute("data-value")) == len(rows)
    shown = page.locator("#total-findings").inner_text().replace(",", "")
    assert int(shown) == len(rows)
    articles = {row["path"] for row in rows}
    assert int(page.locator("#total-articles-with-findings").inner_text()) == len(articles)

    by_rule = Counter(row["rule"] for row in rows)
    cells = page.locator("[data-total-rule]")
    rendered = {
        cells.nth(i).get_attribute("data-total-rule"): int(
            cells.nth(i).inner_text().replace(",", "")
        )
        for i in range(cells.count())
    }
    assert rendered == dict(by_rule)

    by_pack = Counter(row["rule"].split(".")[0] for row in rows)
    bars = page.locator("#by-pack [data-bar]")
    assert {
        bars.nth(i).get_attribute("data-bar"): int(bars.nth(i).get_attribute("data-value"))
        for i in range(bars.count())
    } == dict(by_pack)

    by_month = Counter(row["date"].strftime("%Y-%m") for row in rows if row["date"])
    months = page.locator("#by-month [data-month]")
    drawn = [
        (months.nth(i).get_attribute("data-month"), int(months.nth(i).get_attribute("data-value")))
        for i in range(months.count())
    ]
    assert {m: n for m, n in drawn if n} == dict(by_month)
    assert [m for m, _ in drawn] == sorted(m for m, _ in drawn)  # a time axis, in order
    assert len(drawn) == len(set(drawn)) > len(by_month)  # with the empty months drawn too
    undated = sum(1 for row in rows if row["date"] is None)
    assert int(page.locator("#undated").get_attribute("data-value")) == undated > 0


def _group_table(page, ident: str) -> list[tuple[str, int]]:
    rows = page.locator(f"#{ident} tbody tr")
    return [
        (rows.nth(i).locator("td").nth(0).inner_text(), _number(rows.nth(i).locator("td").nth(1)))
        for i in range(rows.count())
    ]


def _number(cell) -> int:
    return int(cell.inner_text().replace(",", ""))


def test_the_worst_sections_and_authors(page, audited):
    _, out = audited
    rows = _table(out)
    for ident, key in (("sections", "section"), ("authors", "author")):
        counts = Counter(row[key] or "(none)" for row in rows)
        drawn = _group_table(page, ident)
        assert len(drawn) == min(12, len(counts))  # the report's top 12
        assert all(counts[name] == n for name, n in drawn)
        assert [n for _, n in drawn] == sorted(counts.values(), reverse=True)[: len(drawn)]


def test_the_table_filters(page, audited):
    _, out = audited
    rows = _table(out)
    table = page.locator("#article-table tr.article")
    assert table.count() == len({row["path"] for row in rows})

    page.fill("#search", "ana ortiz")
    ana = {row["path"] for row in rows if row["author"] == "Ana Ortiz"}
    visible = page.locator("#article-table tr.article:visible")
    assert visible.count() == len(ana) > 0
    assert int(page.locator("#shown-count").inner_text()) == len(ana)
    shown = {visible.nth(i).locator("td a").first.inner_text() for i in range(visible.count())}
    assert shown == ana

    page.fill("#search", "")
    page.select_option("#pack", "disclosure")
    disclosure = {row["path"] for row in rows if row["rule"].startswith("disclosure.")}
    assert page.locator("#article-table tr.article:visible").count() == len(disclosure) > 0

    page.select_option("#section", "sport")
    both = {p for p in disclosure if any(r["section"] == "sport" for r in rows if r["path"] == p)}
    assert page.locator("#article-table tr.article:visible").count() == len(both)
    page.select_option("#pack", "")
    page.select_option("#section", "")
    assert page.locator("#article-table tr.article:visible").count() == table.count()


def test_finding_links_point_at_the_file_and_line(page, audited):
    archive, out = audited
    row = page.locator("#article-table tr.article").first
    row.locator("details summary").click()  # an editor opens the article's findings
    link = row.locator("details li a").first
    assert link.is_visible()
    href = link.get_attribute("href")
    line = int(link.inner_text().split(":")[0])
    target = urlparse(href)
    assert target.fragment == f"L{line}"
    assert (out / unquote(target.path)).resolve().is_relative_to(archive)
    assert (out / unquote(target.path)).is_file()
