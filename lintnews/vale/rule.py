"""A Vale rule on the engine's extension point: ``check(doc, ctx)`` over the Vale view."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..document import Document
from ..extensions.base import Context, Rule
from ..model import Edit, Match, Severity
from . import spec
from .checks import Check, Vocab
from .messages import format_message
from .points import POINTS
from .scopes import Selector

VALE_LEVELS = {"suggestion": Severity.INFO, "warning": Severity.WARNING, "error": Severity.ERROR}


@dataclass
class Project:
    """What a ``.vale.ini`` (or its absence) decides for every Vale rule of a run."""

    #: Glob sections in file order: (compiled glob, {rule id or style (lowercase): level | "NO" | "YES"}).
    sections: tuple[tuple[Any, dict[str, str]], ...] = ()
    #: Styles named by BasedOnStyles per section: (glob, styles (lowercase)).
    based_on: tuple[tuple[Any, tuple[str, ...]], ...] = ()
    #: Rules not reached by BasedOnStyles run only when a section turns them on.
    gated: bool = False
    min_level: str = "suggestion"
    formats: dict[str, str] = field(default_factory=dict)
    block_ignores: tuple[str, ...] = ()
    token_ignores: tuple[str, ...] = ()
    skipped_scopes: tuple[str, ...] = ()
    ignored_scopes: tuple[str, ...] = ()
    ignored_classes: tuple[str, ...] = ()
    root: str = ""
    key: str = "default"

    def level_for(self, path: str, rule_id: str, style: str, default: str) -> str | None:
        """The rule's level for this file, or None when the project turns it off."""
        relative = self._relative(path)
        lowered, style_key = rule_id.lower(), style.lower()
        on = not self.gated
        if self.gated:
            for glob, styles in self.based_on:
                if self._matches(glob, relative) and style in styles:
                    on = True
        level: str | None = default
        for glob, settings in self.sections:
            if not self._matches(glob, relative):
                continue
            for key in (style_key, lowered):
                value = settings.get(key)
                if value is None:
                    continue
                if value.upper() == "NO":
                    on = False
                elif value.upper() == "YES":
                    on = True
                else:
                    on, level = True, value.lower()
        return level if on else None

    def _matches(self, glob: Any, path: str) -> bool:
        """A section glob matches the path, or the path with its extension mapped by the
        ``[formats]`` section (``mdx = md``: ``[*.md]`` applies to ``.mdx`` files too)."""
        if _matches(glob, path):
            return True
        stem, dot, ext = path.rpartition(".")
        mapped = self.formats.get(ext.lower()) if dot else None
        return bool(mapped) and _matches(glob, f"{stem}.{mapped}")

    def _relative(self, path: str) -> str:
        import os

        if self.root and os.path.isabs(path):
            try:
                return os.path.relpath(path, self.root).replace(os.sep, "/")
            except ValueError:
                return path
        return path.replace(os.sep, "/").removeprefix("./")


def _matches(glob: Any, path: str) -> bool:
    return bool(glob.fullmatch(path)) or bool(glob.fullmatch(path.rsplit("/", 1)[-1]))


DEFAULT_PROJECT = Project()


@dataclass
class ValeRule(Rule):
    #: The rule file's keys and the project's settings as JSON: what results depend on, as
    #: plain data for cache fingerprints (the objects below are built from the same things).
    definition: str = ""
    style: str = ""
    vale: spec.ValeBase | None = field(default=None, compare=False)
    project: Project = field(default_factory=Project, compare=False)
    vocab: Vocab = field(default_factory=Vocab, compare=False)
    #: The user's lintnews config set the severity: the ini's levels no longer apply.
    pinned: bool = False
    _check: Check | None = field(default=None, repr=False, compare=False)
    _selector: Selector | None = field(default=None, repr=False, compare=False)

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_check"] = None
        state["_selector"] = None
        return state

    def prepare(self) -> Check:
        if self._check is None:
            assert self.vale is not None
            make = POINTS[self.vale.extends].check
            assert make is not None  # the loader refuses a point that cannot run
            self._check = make(self.vale, self.vocab)
            self._selector = Selector(self.vale.scope)
        return self._check

    def configured(self, severity: Severity | None = None, options: Any = None) -> Rule:
        copy = super().configured(severity, options)
        if severity is not None:
            copy.pinned = True  # type: ignore[attr-defined]
        return copy

    def check(self, doc: Document, ctx: Context) -> Iterable[Match]:
        from .directives import disabled
        from .view import build_view

        assert self.vale is not None
        level: str = self.vale.level
        if not self.pinned:
            found = self.project.level_for(doc.path, self.id, self.style, level)
            if found is None:
                return
            level = found
        if _rank(level) < _rank(self.project.min_level):
            return
        severity = self.severity if self.pinned else VALE_LEVELS.get(level, Severity.WARNING)
        check = self.prepare()
        assert self._selector is not None
        view = ctx.memo(
            f"vale.view:{self.project.key}",
            lambda: build_view(doc, _hidden(doc, self.project, ctx), self.project.skipped_scopes),
        )
        off = ctx.memo("vale.directives", lambda: disabled(doc))
        # Vale reads comments while it walks the blocks; the raw text is linted after that.
        raw = "raw" in self._selector.names
        count = 0
        for alert in check.run(view, view.units(self._selector), ctx.budget):
            span = alert.unit.span(alert.start, alert.end)
            if not raw and off(self.id, self.style, span.start):
                continue
            fix = None
            if alert.replacement is not None and self.vale.extends == "substitution":
                fix = Edit(span, alert.replacement)
            yield Match(
                span,
                message=format_message(self.message, alert.args),
                severity=severity,
                fix=fix,
            )
            count += 1
            if self.vale.limit and count >= self.vale.limit:
                return


def _rank(level: str) -> int:
    return {"suggestion": 1, "info": 1, "warning": 2, "error": 3}.get(level.lower(), 1)


def _hidden(doc: Document, project: Project, ctx: Context) -> list[Any]:
    """File spans BlockIgnores and TokenIgnores take out of the view."""
    from ..source import Span
    from . import regexes

    spans = []
    sources = [*project.block_ignores, *project.token_ignores]
    if project.ignored_classes:  # HTML elements with these classes, content and all
        names = "|".join(regex_escape(name) for name in project.ignored_classes)
        sources.append(
            rf"(?s)<([a-zA-Z][\w-]*)\b[^>]*\bclass=[\"'][^\"']*\b(?:{names})\b[^\"']*[\"'][^>]*>.*?</\1\s*>"
        )
    for source in sources:
        pattern = regexes.compile_vale(source)
        for found in regexes.finditer(pattern, doc.text, ctx.budget):
            if found.end() > found.start():
                spans.append(Span(found.start(), found.end()))
    return spans


def regex_escape(text: str) -> str:
    import re

    return re.escape(text)
