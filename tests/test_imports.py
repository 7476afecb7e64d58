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
