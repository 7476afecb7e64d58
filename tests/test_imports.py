"""No import circles between lintnews' modules, counting lazy (function-level) imports too.

The package root is left out: it only re-exports the Python API on first attribute access.
"""

from __future__ import annotations

import ast
from pathlib import Path

from .clikit import ROOT

PACKAGE = ROOT / "lintnews"


def _modules() -> dict[str, Path]:
    out = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(ROOT).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = path
    return out


def _imports(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            names = [f"{module}.{alias.name}" for alias in node.names]
            found.update(n for n in names if n in modules)
            if not any(n in modules for n in names):
                found.add(module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {m for m in found if m in modules and m not in (name, "lintnews")}


def test_no_module_imports_one_that_imports_it_back():
    modules = _modules()
    graph = {name: _imports(name, path, modules) for name, path in modules.items()}
    cycles = []

    def visit(node: str, trail: list[str], done: set[str]) -> None:
        for dep in sorted(graph[node]):
            if dep in trail:
                cycles.append(trail[trail.index(dep) :] + [dep])
            elif dep not in done:
                visit(dep, [*trail, dep], done)
        done.add(node)

    done: set[str] = set()
    for name in sorted(graph):
        if name not in done:
            visit(name, [name], done)
    assert not cycles, "\n".join(" -> ".join(c) for c in cycles)


# The pipeline, first layer to last. A module may import its own layer and the ones before
# it, never a later one: the shared types import no layer, files in (reading, decoding,
# parsing, writing fixes) know no rules, the rules know no run, the run knows no report.
LAYERS: list[tuple[str, tuple[str, ...]]] = [
    (
        "shared types",
        (
            "lintnews.source",
            "lintnews.model",
            "lintnews.document",
            "lintnews.problems",
            "lintnews.meta",
            "lintnews.grammar",
            "lintnews.escape",
            "lintnews.stamp",
            "lintnews.yamlload",
        ),
    ),
    ("files in", ("lintnews.files", "lintnews.parse")),
    (
        "rules",
        (
            "lintnews.ruleset",
            "lintnews.extensions",
            "lintnews.checks",
            "lintnews.nlp",
            "lintnews.vale",
        ),
    ),
    ("the run", ("lintnews.run",)),
    ("reports", ("lintnews.report",)),
    (
        "front ends",
        (
            "lintnews.api",
            "lintnews.cli",
            "lintnews.__main__",
            "lintnews.session",
            "lintnews.showing",
            "lintnews.selftest",
            "lintnews.docs",
            "lintnews.server",
            "lintnews.audit",
        ),
    ),
]


def _layer_of(module: str) -> int:
    for index, (_, prefixes) in enumerate(LAYERS):
        if any(module == p or module.startswith(p + ".") for p in prefixes):
            return index
    raise AssertionError(f"{module} is in no layer: add it to LAYERS in tests/test_imports.py")


def test_every_module_has_a_layer():
    for name in _modules():
        if name != "lintnews":
            _layer_of(name)


def _late_imports(modules: dict[str, Path]) -> list[str]:
    wrong = []
    for name, path in sorted(modules.items()):
        if name == "lintnews":
            continue
        layer = _layer_of(name)
        for dep in sorted(_imports(name, path, modules)):
            if _layer_of(dep) > layer:
                later = LAYERS[_layer_of(dep)][0]
                wrong.append(f"{name} ({LAYERS[layer][0]}) imports {dep} ({later})")
    return wrong


def test_no_layer_imports_a_later_layer():
    wrong = _late_imports(_modules())
    assert not wrong, "\n".join(wrong)


def test_the_layer_check_sees_a_late_import(tmp_path):
    """The check itself: a files-in module that imports the runner, even lazily, is reported."""
    early = tmp_path / "early.py"
    early.write_text("def f():\n    from ..run.runner import Linter\n", encoding="utf-8")
    modules = {**_modules(), "lintnews.files.early": early}
    assert set(_late_imports(modules)) - set(_late_imports(_modules())) == {
        "lintnews.files.early (files in) imports lintnews.run.runner (the run)",
    }
