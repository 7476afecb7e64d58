"""The README and docs work as pasted from a clone of this repository.

Every shell command they show that is safe to run here (lintnews itself, on sample drafts)
is run from a scratch folder and must not fail with a usage or config error; install and git
commands are listed as skipped, never silently. Pinned commits must exist, and nothing may
point at files a clone does not have (such as ../shared) or at a release that does not exist.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .ci_helpers import clean_env

ROOT = Path(__file__).resolve().parent.parent
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md")), ROOT / "RELEASING.md"]
BLOCK = re.compile(r"^```(?:sh|bash|console)\n(.*?)^```", re.DOTALL | re.MULTILINE)
#: Commands that install, fetch, build or need a git history: not run by this test (the
#: README's two commands are what .ci/run runs; test_wheel builds and installs a wheel).
NOT_RUN = re.compile(
    r"^(?:python3? -m (?:venv|pip|build|pytest|twine)|pip |git |twine |pytest|\.ci/)|"
    r"--diff-base|\$\(|python3? -m pip wheel"
)


def shell_lines(path: Path) -> list[str]:
    lines = []
    for body in BLOCK.findall(path.read_text(encoding="utf-8")):
        for line in body.splitlines():
            line = re.sub(r"\s+#\s.*$", "", line).strip()  # a trailing comment
            if line and not line.startswith("#"):
                lines.append(line)
    return lines


def sandbox(tmp_path: Path) -> Path:
    """A writing folder with what the snippets name: drafts/, content/, post.md, examples/."""
    work = tmp_path / "work"
    shutil.copytree(ROOT / "examples", work / "examples")
    shutil.copytree(ROOT / "examples", work / "drafts")
    shutil.copytree(ROOT / "examples", work / "content")
    first = sorted((ROOT / "examples").glob("*.md"))[0]
    shutil.copy(first, work / "post.md")
    shutil.copy(first, work / "drafts" / "post.md")
    return work


def run(line: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    bin_dir = str(Path(sys.executable).parent)
    env = clean_env(PATH=bin_dir + os.pathsep + os.environ.get("PATH", ""))
    return subprocess.run(
        ["bash", "-c", line], cwd=cwd, capture_output=True, text=True, env=env, timeout=300
    )


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_every_safe_shell_command_runs_from_a_clone(doc, tmp_path):
    work = sandbox(tmp_path)
    ran, skipped = [], []
    for line in shell_lines(doc):
        if NOT_RUN.search(line) or not re.match(r"(?:lintnews|python3? -m lintnews)\b", line):
            skipped.append(line)
            continue
        done = run(line, work)
        # 0 clean, 1 findings: both mean the command worked as written. 2 is a usage,
        # config or rule-file error; anything else is a crash.
        assert done.returncode in (0, 1), (
            f"{doc.name}: `{line}` exited {done.returncode}:\n{done.stderr}"
        )
        assert "Traceback" not in done.stderr, done.stderr
        ran.append(line)
    if doc.name == "README.md":
        assert len(ran) >= 10, ran  # the usage block, baselines, accuracy…
    for line in skipped:  # what is not run is still a command a clone can run
        assert "../shared" not in line, line


def test_readme_shell_blocks_are_found():
    lines = shell_lines(ROOT / "README.md")
    assert any(line.startswith("lintnews check --diff") for line in lines)
    assert any("pip install . && lintnews check examples/" in line for line in lines)


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_docs_point_only_at_files_a_clone_has(doc):
    text = doc.read_text(encoding="utf-8")
    assert "../shared" not in text or doc.name == "README.md" and "../shared/corpus/dev" in text
    prose = re.sub(r"^```.*?^```", "", text, flags=re.DOTALL | re.MULTILINE)  # not examples
    for target in re.findall(r"\]\((?!https?:|#|mailto:|/)([\w./-]+)\)", prose):
        assert (doc.parent / target).exists(), f"{doc.name} links to {target}, which a clone lacks"


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_no_snippet_needs_a_release_that_does_not_exist(doc):
    text = doc.read_text(encoding="utf-8")
    for line in text.splitlines():
        if re.search(r"^\s*(?:rev:|- uses: lintnews/|uses: lintnews/)", line):
            assert "v0." not in line.split("#")[0], f"{doc.name}: {line.strip()}"
        # a bare "pip install lintnews": no such package until a release is uploaded
        assert not re.search(r"pip install ['\"]?lintnews(?!\s*@)(?:['\"\s]|$)", line), line


def pinned_commits() -> set[str]:
    found = set()
    for doc in DOCS:
        text = doc.read_text(encoding="utf-8")
        found |= set(re.findall(r"(?:rev: |lintnews/lintnews@)([0-9a-f]{40})\b", text))
    return found


def test_pinned_commits_exist_and_have_the_hooks_and_the_action():
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs this project as a git checkout (this is an unpacked archive)")
    commits = pinned_commits()
    assert commits, "the README and docs pin a commit until a release is tagged"
    for sha in commits:

        def show(path: str, sha: str = sha) -> str:
            done = subprocess.run(
                ["git", "show", f"{sha}:{path}"], cwd=ROOT, capture_output=True, text=True
            )
            assert done.returncode == 0, f"{sha} has no {path}: {done.stderr}"
            return done.stdout

        hooks = show(".pre-commit-hooks.yaml")
        assert "- id: lintnews\n" in hooks and "- id: lintnews-fix\n" in hooks
        assert "--force-exclude" in hooks
        assert "runs:" in show("action.yml")
        # the pinned commit is part of main's history, so a clone can fetch it
        ancestor = subprocess.run(
            ["git", "merge-base", "--is-ancestor", sha, "HEAD"], cwd=ROOT, capture_output=True
        )
        assert ancestor.returncode == 0, f"{sha} is not in this branch's history"


def test_changelog_and_release_checklist_exist():
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "## Unreleased" in changelog
    checklist = (ROOT / "RELEASING.md").read_text(encoding="utf-8")
    for step in ("lintnews/__init__.py", "git tag", "python -m build", "twine check", "CHANGELOG"):
        assert step in checklist, step
