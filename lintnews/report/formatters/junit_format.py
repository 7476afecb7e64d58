"""``--format junit``: JUnit XML for GitLab, Jenkins and Azure test reports.

One ``<testsuite>`` per file with findings and one ``<testcase>`` per finding: errors and
warnings are ``<failure>``s, info findings are passing cases with the note in
``<system-out>`` (they do not fail the build by default either). Files without findings are
counted in a final ``lintnews`` suite, so a clean run is a passing report, not an empty one
(Jenkins rejects reports without test cases).

JUnit puts totals in the opening tags, so this formatter buffers and writes at the end.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from ...grammar import count
from ...model import Finding
from . import Run, Summary
from ._shared import posix_path

# XML 1.0 cannot carry these characters at all, even escaped; drafts sometimes contain them.
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(value: str) -> str:
    return _NOT_XML.sub("\ufffd", value)


class JunitFormatter:
    def __init__(self) -> None:
        self._files: list[tuple[str, list[Finding]]] = []

    def header(self, run: Run) -> str:
        self._files = []
        return ""

    def file(self, findings: list[Finding], run: Run) -> str:
        active = [f for f in findings if f.suppressed_by is None]
        if active:
            self._files.append((posix_path(active[0].path), active))
        return ""

    def footer(self, summary: Summary, run: Run) -> str:
        root = ET.Element("testsuites", name="lintnews")
        tests = failures = 0
        for path, findings in self._files:
            suite = ET.SubElement(root, "testsuite", name=xml_text(path))
            suite_failures = 0
            for finding in findings:
                suite_failures += _testcase(suite, path, finding)
            _totals(suite, len(findings), suite_failures)
            tests += len(findings)
            failures += suite_failures
        clean = max(summary.files - summary.files_with_findings, 0)
        if clean or not self._files:
            suite = ET.SubElement(root, "testsuite", name="lintnews")
            case = ET.SubElement(
                suite, "testcase", classname="lintnews", name="files without findings"
            )
            ET.SubElement(
                case, "system-out"
            ).text = f"{clean} of {count(summary.files, 'file')} {'has' if clean == 1 else 'have'} no findings."
            _totals(suite, 1, 0)
            tests += 1
        _totals(root, tests, failures)
        self._files = []
        ET.indent(root)  # readable in a CI artifact viewer; text inside <failure> is untouched
        return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def _testcase(suite: ET.Element, path: str, finding: Finding) -> int:
    """Add one finding's test case; return 1 when it is a failure."""
    location = f"{path}:{finding.line}:{finding.column}"
    case = ET.SubElement(
        suite,
        "testcase",
        classname=xml_text(path),
        name=xml_text(f"{finding.rule} at {finding.line}:{finding.column}"),
        file=xml_text(path),
        line=str(finding.line),
        time="0",
    )
    detail = f"{location}: {finding.rule} [{finding.severity.value}] {finding.message}"
    if finding.context:
        detail += f"\n\n    {finding.context}"
    if finding.severity.value == "info":
        ET.SubElement(case, "system-out").text = xml_text(detail)
        return 0
    failure = ET.SubElement(
        case, "failure", message=xml_text(finding.message), type=xml_text(finding.rule)
    )
    failure.text = xml_text(detail)
    return 1


def _totals(element: ET.Element, tests: int, failures: int) -> None:
    element.set("tests", str(tests))
    element.set("failures", str(failures))
    element.set("errors", "0")
    element.set("skipped", "0")
    element.set("time", "0")


FORMATTER = JunitFormatter()
