"""The CI formats: GitHub workflow commands, SARIF 2.1.0, JUnit XML, GitLab Code Quality.

Output is parsed back the way the consuming tool would (GitHub's runner rules, jsonschema
against the official SARIF schema, xml.etree, json) and compared with the JSON contract.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from lintnews.model import Finding, Severity
from lintnews.report.formatters import Run, Summary, get
from lintnews.session import rule_infos

from .ci_helpers import AFFILIATE, AP_STYLE, VAGUE, lintnews, write
from .helpers import lint

DATA = Path(__file__).resolve().parent / "data"

DRAFT = """\
---
title: Budget earbuds that last
---
# Budget earbuds that last

The company recently cut prices on its earbuds, and the Air 3 is now $179 at
[Amazon](https://www.amazon.com/dp/B0CSW3AIR3?tag=deals-20).

Battery life has improved lately. Send an e-mail to the desk with tips.
"""

SELECT = ["--select", VAGUE, "--select", AFFILIATE, "--select", AP_STYLE]


# -- helpers -------------------------------------------------------------------------------
def render(name: str, files: list[list[Finding]], ruleset, summary: Summary | None = None) -> str:
    """Drive a formatter exactly as session.run_check does: header, one call per file, footer."""
    formatter = get(name)
    run = Run(rules=rule_infos(ruleset), version="9.9.9")
    summary = summary or Summary(files=len(files))
    out = [formatter.header(run)]
    for findings in files:
        summary.add([f for f in findings if f.suppressed_by is None])
        out.append(formatter.file(findings, run))
    out.append(formatter.footer(summary, run))
    return "".join(out)


def finding(
    message: str, path: str = "drafts/a.md", line: int = 3, column: int = 5, **kw
) -> Finding:
    base = dict(
        end_line=line,
        end_column=column + 8,
        rule=VAGUE,
        severity=Severity.WARNING,
        text="recently",
        context="The company recently cut prices.",
    )
    base.update(kw)
    return Finding(path=path, line=line, column=column, message=message, **base)


def parse_github(line: str) -> tuple[str, dict[str, str], str]:
    """Parse a workflow command the way the Actions runner does (ActionCommand.TryParseV2)."""
    assert line.startswith("::"), line
    end = line.index("::", 2)
    info, data = line[2:end], line[end + 2 :]
    command, _, props_text = info.partition(" ")
    props = {}
    for pair in props_text.split(","):
        key, _, value = pair.partition("=")
        for escaped, raw in (
            ("%0D", "\r"),
            ("%0A", "\n"),
            ("%3A", ":"),
            ("%2C", ","),
            ("%25", "%"),
        ):
            value = value.replace(escaped, raw)
        props[key] = value
    for escaped, raw in (("%0D", "\r"), ("%0A", "\n"), ("%25", "%")):
        data = data.replace(escaped, raw)
    return command, props, data


def sarif_schema():
    from jsonschema import Draft4Validator

    # Vendored (see tests/data/sarif-schema-2.1.0.NOTICE.md): validation runs in any clone.
    schema = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    return Draft4Validator(schema)


def assert_valid_sarif(document: dict) -> None:
    errors = sorted(sarif_schema().iter_errors(document), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:5])


@pytest.fixture
def draft_dir(tmp_path: Path) -> Path:
    write(tmp_path / "drafts" / "earbuds review.md", DRAFT)
    write(tmp_path / "drafts" / "clean.md", "# Notes\n\nThe company cut prices on March 3.\n")
    return tmp_path


def contract(cwd: Path) -> list[dict]:
    result = lintnews("check", "drafts", "--format", "json", *SELECT, cwd=cwd)
    assert result.code == 1, result.stderr
    findings = result.json()
    assert {f["rule"] for f in findings} == {VAGUE, AFFILIATE, AP_STYLE}
    return findings


# -- GitHub ----------------------------------------------------------------------------------
def test_github_commands_match_the_json_findings(draft_dir: Path) -> None:
    expected = contract(draft_dir)
    result = lintnews("check", "drafts", "--format", "github", *SELECT, cwd=draft_dir)
    assert result.code == 1
    commands = [parse_github(line) for line in result.stdout.splitlines() if line.startswith("::")]
    assert len(commands) == len(expected)
    levels = {"error": "error", "warning": "warning", "info": "notice"}
    for (command, props, data), want in zip(commands, expected):
        assert command == levels[want["severity"]]
        assert props == {
            "file": want["path"],
            "line": str(want["line"]),
            "col": str(want["column"]),
            "endLine": str(want["end_line"]),
            "endColumn": str(want["end_column"]),
            "title": want["rule"],
        }
        assert data == want["message"]
    # Anything that is not a command is a plain log line, never a half-written command.
    others = [line for line in result.stdout.splitlines() if not line.startswith("::")]
    assert others == ["lintnews: 4 findings in 1 of 2 files"]


def test_github_escapes_data_and_properties_exactly() -> None:
    message = "Up 50% in a week: then, it fell\r\nsharply"
    path = "drafts/2024: year, in review.md"
    line = get("github").file([finding(message, path=path)], Run()).rstrip("\n")
    assert "\n" not in line and "\r" not in line
    assert line.startswith(
        "::warning file=drafts/2024%3A year%2C in review.md,line=3,col=5,endLine=3,endColumn=13,"
    )
    # The message escapes only %, CR and LF; ':' and ',' stay readable in it.
    assert line.endswith("::Up 50%25 in a week: then, it fell%0D%0Asharply")
    command, props, data = parse_github(line)
    assert (command, props["file"], props["title"], data) == ("warning", path, VAGUE, message)


def test_github_severity_mapping_multiline_and_suppressed() -> None:
    info = finding("Use 'email'", rule=AP_STYLE, severity=Severity.INFO)
    error = finding(
        "No disclosure", rule=AFFILIATE, severity=Severity.ERROR, line=7, end_line=8, end_column=4
    )
    silenced = finding("silenced", suppressed_by="<!-- lintnews-disable-line -->")
    lines = get("github").file([info, error, silenced], Run()).splitlines()
    assert len(lines) == 2  # a deliberately silenced finding is not annotated
    (c1, p1, _), (c2, p2, _) = map(parse_github, lines)
    assert (c1, c2) == ("notice", "error")
    # GitHub only takes columns on single-line annotations.
    assert p2 == {"file": "drafts/a.md", "line": "7", "endLine": "8", "title": AFFILIATE}
    assert p1["col"] == "5" and p1["endColumn"] == "13"


# -- SARIF -----------------------------------------------------------------------------------
def test_sarif_validates_and_describes_rules_and_regions(draft_dir: Path) -> None:
    expected = contract(draft_dir)
    result = lintnews("check", "drafts", "--format", "sarif", *SELECT, cwd=draft_dir)
    assert result.code == 1, result.stderr
    document = json.loads(result.stdout)
    assert_valid_sarif(document)
    assert document["version"] == "2.1.0"
    run = document["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    driver = run["tool"]["driver"]
    assert (
        driver["name"] == "lintnews"
        and driver["version"]
        and driver["informationUri"].startswith("https://")
    )
    rules = driver["rules"]
    by_id = {rule["id"]: rule for rule in rules}
    vague = by_id[VAGUE]
    assert "recently" in vague["shortDescription"]["text"]
    assert "AP style" in vague["fullDescription"]["text"]
    assert f"lintnews rule {VAGUE}" in vague["help"]["text"]
    assert vague["defaultConfiguration"]["level"] == "warning"
    assert by_id[AFFILIATE]["defaultConfiguration"]["level"] == "error"
    assert by_id[AP_STYLE]["defaultConfiguration"]["level"] == "note"

    results = run["results"]
    assert len(results) == len(expected)
    levels = {"error": "error", "warning": "warning", "info": "note"}
    for got, want in zip(results, expected):
        assert rules[got["ruleIndex"]]["id"] == got["ruleId"] == want["rule"]
        assert got["level"] == levels[want["severity"]]
        assert got["message"]["text"] == want["message"]
        location = got["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"] == "drafts/earbuds%20review.md"
        assert location["region"] == {
            "startLine": want["line"],
            "startColumn": want["column"],
            "endLine": want["end_line"],
            "endColumn": want["end_column"],
        }
        assert list(got["partialFingerprints"]) == ["lintnews/v1"]
    # The AP-style finding carries its fix as a SARIF replacement.
    fix = next(r for r in results if r["ruleId"] == AP_STYLE)["fixes"][0]["artifactChanges"][0][
        "replacements"
    ][0]
    assert fix["insertedContent"]["text"] == "email"


def test_sarif_empty_run_and_suppressions_validate(tmp_path: Path) -> None:
    write(tmp_path / "clean.md", "# Notes\n\nThe company cut prices on March 3.\n")
    clean = json.loads(
        lintnews("check", "clean.md", "--format", "sarif", "--select", VAGUE, cwd=tmp_path).stdout
    )
    assert_valid_sarif(clean)
    assert clean["runs"][0]["results"] == []
    assert clean["runs"][0]["invocations"][0]["executionSuccessful"] is True

    write(
        tmp_path / "quiet.md",
        "# Notes\n\nThe company recently cut prices. <!-- lintnews-disable-line dates.vague-time -- quoted from filing -->\n",
    )
    result = lintnews(
        "check",
        "quiet.md",
        "--format",
        "sarif",
        "--select",
        VAGUE,
        "--show-suppressed",
        cwd=tmp_path,
    )
    document = json.loads(result.stdout)
    assert_valid_sarif(document)
    (only,) = document["runs"][0]["results"]
    assert only["suppressions"][0]["kind"] == "inSource"
    assert result.code == 0


def test_sarif_fingerprints_survive_inserted_lines_and_separate_repeats(ruleset) -> None:
    repeated = DRAFT + "\nThe company recently cut prices.\n\nThe company recently cut prices.\n"
    before = lint(repeated, ruleset, [VAGUE, AFFILIATE])
    moved_text = repeated.replace(
        "# Budget earbuds that last\n",
        "# Budget earbuds that last\n\nUpdated.\n\nA new intro paragraph.\n",
        1,
    )
    after = lint(moved_text, ruleset, [VAGUE, AFFILIATE])

    def prints(findings: list[Finding]) -> list[tuple[str, int, str]]:
        document = json.loads(render("sarif", [findings], ruleset))
        assert_valid_sarif(document)
        return [
            (
                r["ruleId"],
                r["locations"][0]["physicalLocation"]["region"]["startLine"],
                r["partialFingerprints"]["lintnews/v1"],
            )
            for r in document["runs"][0]["results"]
        ]

    old, new = prints(before), prints(after)
    assert len(old) == len(new) == 5
    assert all(n[1] == o[1] + 4 for o, n in zip(old, new))  # every finding moved down 4 lines…
    assert [o[2] for o in old] == [n[2] for n in new]  # …and kept its fingerprint
    assert len({o[2] for o in old}) == 5  # the two identical sentences stay distinct


def test_sarif_streams_many_files_into_one_document(ruleset) -> None:
    files = [lint(DRAFT, ruleset, [VAGUE], path=f"drafts/{n}.md") for n in range(3)]
    document = json.loads(render("sarif", files, ruleset))
    assert_valid_sarif(document)
    uris = [
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in document["runs"][0]["results"]
    ]
    assert uris == [f"drafts/{n}.md" for n in range(3) for _ in range(2)]


# -- JUnit -----------------------------------------------------------------------------------
def test_junit_is_valid_xml_with_one_case_per_finding(draft_dir: Path) -> None:
    expected = contract(draft_dir)
    result = lintnews("check", "drafts", "--format", "junit", *SELECT, cwd=draft_dir)
    assert result.code == 1
    root = ET.fromstring(result.stdout)
    assert root.tag == "testsuites"
    cases = root.findall("./testsuite/testcase")
    flagged = [c for c in cases if c.get("classname") != "lintnews"]
    assert len(flagged) == len(expected)
    for case, want in zip(flagged, expected):
        assert case.get("file") == want["path"] and case.get("line") == str(want["line"])
        failure = case.find("failure")
        if want["severity"] == "info":
            assert failure is None and want["message"] in case.findtext("system-out")
        else:
            assert failure.get("type") == want["rule"] and failure.get("message") == want["message"]
            assert f"{want['path']}:{want['line']}:{want['column']}:" in failure.text
    failures = sum(1 for f in expected if f["severity"] != "info")
    assert root.get("failures") == str(failures) and root.get("tests") == str(len(cases))
    clean = root.find("./testsuite[@name='lintnews']/testcase")
    assert "1 of 2 files" in clean.findtext("system-out")


def test_junit_escapes_markup_and_drops_characters_xml_cannot_hold(ruleset) -> None:
    nasty = finding(
        'Say "when" <b>exactly</b> & cite it',
        path="drafts/a&b.md",
        context="Form\x0cfeed and \x00 nul",
    )
    root = ET.fromstring(render("junit", [[nasty]], ruleset))
    failure = root.find("./testsuite/testcase/failure")
    assert failure.get("message") == 'Say "when" <b>exactly</b> & cite it'
    assert root.find("./testsuite").get("name") == "drafts/a&b.md"
    assert "Form\ufffdfeed and \ufffd nul" in failure.text


def test_junit_clean_run_is_a_passing_report(ruleset) -> None:
    root = ET.fromstring(render("junit", [], ruleset, Summary(files=3)))
    assert (root.get("tests"), root.get("failures")) == ("1", "0")
    assert root.find(".//failure") is None


# -- GitLab ----------------------------------------------------------------------------------
def test_gitlab_code_quality_shape(draft_dir: Path) -> None:
    expected = contract(draft_dir)
    result = lintnews("check", "drafts", "--format", "gitlab", *SELECT, cwd=draft_dir)
    assert result.code == 1
    issues = json.loads(result.stdout)
    assert len(issues) == len(expected)
    severities = {"error": "major", "warning": "minor", "info": "info"}
    for issue, want in zip(issues, expected):
        assert want["message"] in issue["description"]
        assert issue["check_name"] == want["rule"]
        assert issue["severity"] == severities[want["severity"]]
        assert issue["location"]["path"] == want["path"]
        assert issue["location"]["lines"]["begin"] == want["line"]
        assert isinstance(issue["fingerprint"], str) and len(issue["fingerprint"]) >= 16
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    clean = lintnews("check", "drafts/clean.md", "--format", "gitlab", *SELECT, cwd=draft_dir)
    assert (clean.code, json.loads(clean.stdout)) == (0, [])


def test_gitlab_fingerprints_are_unique_across_files_and_stable_when_lines_move(ruleset) -> None:
    first = lint(DRAFT, ruleset, [VAGUE], path="a.md")
    copy = lint(DRAFT, ruleset, [VAGUE], path="b.md")
    moved = lint("Editor's note: updated.\n\n" + DRAFT, ruleset, [VAGUE], path="a.md")
    report = json.loads(render("gitlab", [first, copy], ruleset))
    prints = [i["fingerprint"] for i in report]
    assert len(set(prints)) == 4  # same text in another file is another issue
    again = [i["fingerprint"] for i in json.loads(render("gitlab", [moved], ruleset))]
    assert again == prints[:2]
