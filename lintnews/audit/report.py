"""report.html: one self-contained page for editors (inline CSS, SVG and script; no network).

``collect`` reads the aggregates from the state file with SQL; ``render`` is a pure function
of them that yields the page in pieces. The table's articles are read one at a time while the
page is written, so memory stays flat. The table lists the articles with the most findings
(capped, so the page stays small enough to open on any archive; the Parquet file has every
row).
"""

from __future__ import annotations

import html
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from .. import __version__
from .state import State

MAX_TABLE_ARTICLES = 2000
TOP_GROUPS = 12
NONE_LABEL = "(none)"


@dataclass(frozen=True)
class Group:
    name: str
    articles: int
    findings: int

    @property
    def rate(self) -> float:
        return self.findings / self.articles if self.articles else 0.0


@dataclass(frozen=True)
class Row:
    line: int
    column: int
    rule: str
    severity: str
    message: str
    href: str


@dataclass(frozen=True)
class ArticleEntry:
    path: str
    href: str
    date: str | None
    author: str | None
    section: str | None
    tags: tuple[str, ...]
    findings: tuple[Row, ...]


@dataclass
class ReportData:
    articles: int = 0
    articles_with_findings: int = 0
    findings: int = 0
    by_severity: dict[str, int] = field(default_factory=dict)
    by_pack: list[tuple[str, int]] = field(default_factory=list)
    by_rule: list[tuple[str, int, int]] = field(default_factory=list)  # rule, findings, articles
    by_month: list[Group] = field(default_factory=list)  # name = YYYY-MM, no month missing
    undated: Group = field(default_factory=lambda: Group("undated", 0, 0))
    sections: list[Group] = field(default_factory=list)
    authors: list[Group] = field(default_factory=list)
    #: The articles with the most findings, read lazily (``table_size`` of them).
    table: Iterable[ArticleEntry] = ()
    table_size: int = 0
    table_sections: list[str] = field(default_factory=list)
    version: str = __version__


def collect(state: State, link_base: str | None, folder: Path) -> ReportData:
    data = ReportData()
    ((articles, with_findings, findings),) = state.query(
        "SELECT count(*), coalesce(sum(findings > 0), 0), coalesce(sum(findings), 0) FROM articles"
    )
    data.articles, data.articles_with_findings, data.findings = articles, with_findings, findings
    data.by_severity = dict(
        state.query("SELECT severity, count(*) FROM findings GROUP BY severity ORDER BY 2 DESC")
    )
    data.by_rule = [
        (rule, count, spread)
        for rule, count, spread in state.query(
            "SELECT rule, count(*), count(DISTINCT path) FROM findings"
            " GROUP BY rule ORDER BY 2 DESC, 1"
        )
    ]
    packs: dict[str, int] = {}
    for rule, count, _ in data.by_rule:
        pack = rule.split(".", 1)[0]
        packs[pack] = packs.get(pack, 0) + count
    data.by_pack = sorted(packs.items(), key=lambda kv: (-kv[1], kv[0]))
    months = state.query(
        "SELECT substr(date, 1, 7) AS month, count(*), sum(findings) FROM articles"
        " WHERE date IS NOT NULL GROUP BY month ORDER BY month"
    )
    data.by_month = _every_month([Group(m, a, f) for m, a, f in months])
    ((undated_articles, undated_findings),) = state.query(
        "SELECT count(*), coalesce(sum(findings), 0) FROM articles WHERE date IS NULL"
    )
    data.undated = Group("undated", undated_articles, undated_findings)
    data.sections = _groups(state, "section")
    data.authors = _groups(state, "author")
    data.table = _table(state, link_base, folder)
    data.table_size = min(MAX_TABLE_ARTICLES, data.articles_with_findings)
    data.table_sections = [
        name
        for (name,) in state.query(
            "SELECT DISTINCT coalesce(section, ?) FROM (SELECT section FROM articles"
            " WHERE findings > 0 ORDER BY findings DESC, path LIMIT ?) ORDER BY 1",
            NONE_LABEL,
            MAX_TABLE_ARTICLES,
        )
    ]
    return data


def _every_month(groups: list[Group]) -> list[Group]:
    """Fill the months without articles, so the chart's axis is time."""
    if not groups:
        return groups
    known = {group.name: group for group in groups}
    year, month = map(int, groups[0].name.split("-"))
    filled = []
    while True:
        name = f"{year:04d}-{month:02d}"
        filled.append(known.get(name, Group(name, 0, 0)))
        if name >= groups[-1].name:
            return filled
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def _groups(state: State, column: str) -> list[Group]:
    # column is one of two fixed names, never user input
    rows = state.query(
        f"SELECT coalesce({column}, ?), count(*), sum(findings) FROM articles"
        " GROUP BY 1 HAVING sum(findings) > 0 ORDER BY 3 DESC, 1 LIMIT ?",
        NONE_LABEL,
        TOP_GROUPS,
    )
    return [Group(name, articles, findings) for name, articles, findings in rows]


def _table(state: State, link_base: str | None, folder: Path) -> Iterator[ArticleEntry]:
    for path, date, author, section, tags in state.query(
        "SELECT path, date, author, section, tags FROM articles WHERE findings > 0"
        " ORDER BY findings DESC, path LIMIT ?",
        MAX_TABLE_ARTICLES,
    ):
        base = _href(path, link_base, folder)
        rows = tuple(
            Row(line, column, rule, severity, message, f"{base}#L{line}")
            for line, column, rule, severity, message in state.query(
                'SELECT line, "column", rule, severity, message FROM findings'
                " WHERE path = ? ORDER BY seq",
                path,
            )
        )
        yield ArticleEntry(path, base, date, author, section, tuple(json.loads(tags)), rows)


def _href(path: str, link_base: str | None, folder: Path) -> str:
    """A link to the article: under ``link_base`` (a repository's web view, say), else the
    file relative to the report, so the folder can be moved along with the archive."""
    if link_base:
        return link_base.rstrip("/") + "/" + quote(Path(path).as_posix())
    try:
        relative = os.path.relpath(os.path.abspath(path), os.path.abspath(folder))
    except ValueError:  # another drive on Windows
        relative = os.path.abspath(path)
    return quote(Path(relative).as_posix())


# -- rendering -----------------------------------------------------------------------------
def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def render(data: ReportData) -> Iterator[str]:
    """The page, in pieces (one per article row), to be written as they come."""
    yield _HEAD.format(style=_STYLE, version=_e(data.version))
    for piece in [
        _totals(data),
        _chart_section("Findings by pack", "by-pack", _bars(data.by_pack)),
        _rules_table(data),
        _chart_section(
            "Findings by publication month",
            "by-month",
            _columns(data.by_month) + _undated(data.undated),
        ),
        _group_table("Sections with the most findings", "sections", data.sections),
        _group_table("Authors with the most findings", "authors", data.authors),
    ]:
        yield piece + "\n"
    yield from _articles(data)
    yield _TAIL.format(script=_SCRIPT)


def _totals(data: ReportData) -> str:
    severities = "".join(
        f'<li><span class="sev {_e(s)}">{_e(s)}</span> '
        f'<b data-total-severity="{_e(s)}">{n:,}</b></li>'
        for s, n in data.by_severity.items()
    )
    return f"""<section id="totals"><h2>Totals</h2>
<ul class="cards">
<li><b id="total-findings" data-value="{data.findings}">{data.findings:,}</b> findings</li>
<li><b id="total-articles-with-findings" data-value="{data.articles_with_findings}">{data.articles_with_findings:,}</b> articles with findings</li>
<li><b id="total-articles" data-value="{data.articles}">{data.articles:,}</b> articles audited</li>
</ul>
<ul class="inline">{severities}</ul></section>"""


def _chart_section(title: str, ident: str, svg: str) -> str:
    return f'<section id="{ident}"><h2>{_e(title)}</h2>{svg}</section>'


def _bars(items: list[tuple[str, int]]) -> str:
    """Horizontal bars, one per item, labelled with the name and the count."""
    if not items:
        return "<p>No findings.</p>"
    top = max(value for _, value in items) or 1
    row, label_w, bar_w = 26, 150, 420
    parts = []
    for index, (name, value) in enumerate(items):
        y = index * row
        width = max(1, round(bar_w * value / top))
        parts.append(
            f'<g data-bar="{_e(name)}" data-value="{value}"><title>{_e(name)}: {value:,}</title>'
            f'<text x="{label_w - 8}" y="{y + 17}" text-anchor="end">{_e(name)}</text>'
            f'<rect x="{label_w}" y="{y + 4}" width="{width}" height="{row - 8}" rx="3"/>'
            f'<text x="{label_w + width + 6}" y="{y + 17}">{value:,}</text></g>'
        )
    height = row * len(items)
    return (
        f'<svg class="chart" role="img" viewBox="0 0 {label_w + bar_w + 80} {height}" '
        f'width="{label_w + bar_w + 80}" height="{height}">{"".join(parts)}</svg>'
    )


def _columns(groups: list[Group]) -> str:
    """Findings per month as columns; the tooltip also gives the month's articles."""
    if not groups:
        return "<p>No articles.</p>"
    top = max(group.findings for group in groups) or 1
    col, height, base = max(8, min(40, 900 // len(groups))), 180, 200
    parts = []
    step = max(1, len(groups) // 12)  # label about a dozen months
    for index, group in enumerate(groups):
        x = 40 + index * col
        h = round(height * group.findings / top)
        label = (
            f'<text x="{x + col / 2}" y="{base + 16}" text-anchor="middle">{_e(group.name)}</text>'
            if index % step == 0
            else ""
        )
        parts.append(
            f'<g data-month="{_e(group.name)}" data-value="{group.findings}">'
            f"<title>{_e(group.name)}: {group.findings:,} findings in {group.articles:,} articles</title>"
            f'<rect x="{x + 1}" y="{base - h}" width="{col - 2}" height="{h}"/>{label}</g>'
        )
    width = 80 + col * len(groups)
    axis = f'<line x1="38" y1="{base}" x2="{width - 30}" y2="{base}" class="axis"/>'
    peak = f'<text x="34" y="{base - height + 4}" text-anchor="end">{top:,}</text>'
    return (
        f'<svg class="chart" role="img" viewBox="0 0 {width} {base + 24}" width="{width}" '
        f'height="{base + 24}">{axis}{peak}{"".join(parts)}</svg>'
    )


def _undated(group: Group) -> str:
    if not group.articles:
        return ""
    return (
        f'<p class="note" id="undated" data-value="{group.findings}">{group.findings:,} findings '
        f"in {group.articles:,} articles with no date in their front matter.</p>"
    )


def _rules_table(data: ReportData) -> str:
    rows = "".join(
        f'<tr><td><code>{_e(rule)}</code></td><td class="n" data-total-rule="{_e(rule)}">{count:,}</td>'
        f'<td class="n">{spread:,}</td></tr>'
        for rule, count, spread in data.by_rule
    )
    return f"""<section id="by-rule"><h2>Findings by rule</h2>
<table><thead><tr><th>Rule</th><th>Findings</th><th>Articles</th></tr></thead>
<tbody>{rows}</tbody></table></section>"""


def _group_table(title: str, ident: str, groups: list[Group]) -> str:
    if not groups:
        return f'<section id="{ident}"><h2>{_e(title)}</h2><p>None.</p></section>'
    rows = "".join(
        f"<tr><td>{_e(g.name)}</td><td class='n'>{g.findings:,}</td><td class='n'>{g.articles:,}</td>"
        f"<td class='n'>{g.rate:.1f}</td></tr>"
        for g in groups
    )
    return f"""<section id="{ident}"><h2>{_e(title)}</h2>
<table><thead><tr><th>Name</th><th>Findings</th><th>Articles</th><th>Per article</th></tr></thead>
<tbody>{rows}</tbody></table></section>"""


def _articles(data: ReportData) -> Iterator[str]:
    packs = sorted({rule.split(".", 1)[0] for rule, _, _ in data.by_rule})
    sections = data.table_sections
    options = "".join(f'<option value="{_e(p)}">{_e(p)}</option>' for p in packs)
    section_options = "".join(f'<option value="{_e(s)}">{_e(s)}</option>' for s in sections)
    capped = (
        f"<p class='note'>The {data.table_size:,} articles with the most findings of "
        f"{data.articles_with_findings:,}; findings.parquet and findings.jsonl have them all.</p>"
        if data.table_size < data.articles_with_findings
        else ""
    )
    yield f"""<section id="articles"><h2>Articles with findings</h2>{capped}
<div class="filters">
<input id="search" type="search" placeholder="Search path, author, section, tag, rule or message" aria-label="Search">
<select id="pack" aria-label="Pack"><option value="">All packs</option>{options}</select>
<select id="section" aria-label="Section"><option value="">All sections</option>{section_options}</select>
<span id="shown"><b id="shown-count">{data.table_size:,}</b> articles shown</span>
</div>
<table id="article-table"><thead><tr><th>Article</th><th>Date</th><th>Author</th><th>Section</th><th>Findings</th></tr></thead>
<tbody>
"""
    for entry in data.table:
        yield _article_row(entry) + "\n"
    yield "</tbody></table></section>\n"


def _article_row(entry: ArticleEntry) -> str:
    packs = " ".join(sorted({row.rule.split(".", 1)[0] for row in entry.findings}))
    search = " ".join(
        [entry.path, entry.author or "", entry.section or "", *entry.tags]
        + [f"{row.rule} {row.message}" for row in entry.findings]
    ).lower()
    items = "".join(
        f'<li><a href="{_e(row.href)}">{row.line}:{row.column}</a> '
        f'<span class="sev {_e(row.severity)}">{_e(row.severity)}</span> '
        f"<code>{_e(row.rule)}</code> {_e(row.message)}</li>"
        for row in entry.findings
    )
    tags = "".join(f'<span class="tag">{_e(tag)}</span>' for tag in entry.tags)
    return (
        f'<tr class="article" data-search="{_e(search)}" data-packs="{_e(packs)}" '
        f'data-section="{_e(entry.section or NONE_LABEL)}" data-count="{len(entry.findings)}">'
        f'<td><a href="{_e(entry.href)}">{_e(entry.path)}</a>{tags}</td>'
        f"<td class='date'>{_e(entry.date or '')}</td><td>{_e(entry.author or '')}</td>"
        f"<td>{_e(entry.section or '')}</td>"
        f"<td><details><summary>{len(entry.findings):,}</summary><ul>{items}</ul></details></td></tr>"
    )


_STYLE = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1d2430;background:#f6f7f9}
header{background:#1d2430;color:#fff;padding:18px 32px}header h1{margin:0;font-size:22px}
header p{margin:4px 0 0;color:#c5cbd6}main{padding:8px 32px 40px;max-width:1200px}
section{background:#fff;border:1px solid #e1e4ea;border-radius:8px;padding:12px 20px;margin:16px 0}
h2{font-size:17px;margin:6px 0 12px}.cards{display:flex;gap:16px;list-style:none;padding:0;margin:0}
.cards li{background:#f1f4f8;border-radius:6px;padding:10px 16px}.cards b{font-size:24px;display:block}
.inline{list-style:none;padding:0;display:flex;gap:14px}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:5px 8px;border-bottom:1px solid #eceef2;vertical-align:top}
td.n{text-align:right;font-variant-numeric:tabular-nums}th{font-weight:600;background:#fafbfc}
.chart rect{fill:#3b6fd8}.chart text{font-size:12px;fill:#1d2430}.chart .axis{stroke:#9aa3b2}
.sev{border-radius:3px;padding:0 5px;font-size:12px;color:#fff;background:#6b7280}
.sev.error{background:#c2410c}.sev.warning{background:#b45309}.sev.info{background:#2563eb}
.tag{display:inline-block;margin-left:6px;font-size:11px;background:#eef2f7;border-radius:3px;padding:0 4px}
.filters{display:flex;gap:10px;align-items:center;margin-bottom:10px}
#search{flex:1;padding:6px 8px;font-size:14px}select{padding:5px}
td.date{white-space:nowrap}details ul{margin:6px 0;padding-left:18px}code{font-size:12.5px}.note{color:#4b5563}
"""

# Filters the table in place: text search over each row's data-search, pack and section.
_SCRIPT = """
(function(){
  var search=document.getElementById('search'),pack=document.getElementById('pack'),
      section=document.getElementById('section'),count=document.getElementById('shown-count'),
      rows=document.querySelectorAll('#article-table tr.article');
  function apply(){
    var words=search.value.toLowerCase().split(/\\s+/).filter(Boolean),p=pack.value,s=section.value,n=0;
    rows.forEach(function(row){
      var ok=words.every(function(w){return row.dataset.search.indexOf(w)>=0;})
        &&(!p||row.dataset.packs.split(' ').indexOf(p)>=0)&&(!s||row.dataset.section===s);
      row.hidden=!ok;if(ok)n++;
    });
    count.textContent=n.toLocaleString('en');
  }
  search.addEventListener('input',apply);pack.addEventListener('change',apply);
  section.addEventListener('change',apply);
})();
"""

_HEAD = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>lintnews audit</title><style>{style}</style></head>
<body><header><h1>lintnews audit</h1><p>Written by lintnews {version}. Every figure comes from findings.parquet in this folder.</p></header>
<main>
"""
_TAIL = """</main><script>{script}</script></body></html>
"""
