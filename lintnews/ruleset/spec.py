"""The schema of a rule file, validated with pydantic when packs are (re)loaded.

One YAML file per rule, Vale's key names where the concept exists (``extends``, ``message``
with ``%s``, ``level``, ``tokens``, ``ignorecase``, ``nonword``, ``swap``, ``either``,
``scope``, ``exceptions``, ``link``), plus lintnews' own: ``description`` (why it matters),
``examples`` (run by the test suite), ``quotes``, ``enabled``, ``options``.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

Level = Literal["error", "warning", "info", "suggestion"]
SCOPES = {
    "prose",
    "text",
    "body",
    "heading",
    "paragraph",
    "sentence",
    "list",
    "blockquote",
    "table",
    "html",
    "caption",
    "document",
    "raw",
}


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, frozen=True)


class Example(Strict):
    text: str
    format: Literal["markdown", "text"] = "markdown"
    options: dict[str, Any] = Field(default_factory=dict)
    note: str | None = None


ExampleItem = str | Example


class Examples(Strict):
    bad: list[ExampleItem] = Field(min_length=1)
    good: list[ExampleItem] = Field(min_length=1)


class RuleBase(Strict):
    message: str = Field(min_length=1)
    level: Level = "warning"
    #: Required for built-in rules (the loader checks), optional for house rules.
    summary: str | None = Field(default=None, min_length=1, max_length=100, pattern=r"^[^\n]+$")
    description: str | None = Field(default=None, min_length=1)
    link: str | None = None
    enabled: bool = True
    #: The rule's matches carry fixes that ``--fix`` applies (substitution rules always do).
    fixable: bool = False
    scope: str | list[str] = "prose"
    quotes: Literal["skip", "include", "only"] = "skip"
    aliases: list[str] = Field(default_factory=list)
    options: dict[str, Any] = Field(default_factory=dict)
    examples: Examples | None = None

    @field_validator("scope")
    @classmethod
    def _known_scope(cls, value: str | list[str]) -> str | list[str]:
        for item in [value] if isinstance(value, str) else value:
            name = item.lstrip("~").split(".")[0]
            if name not in SCOPES:
                raise ValueError(f"unknown scope {item!r}; allowed: {', '.join(sorted(SCOPES))}")
        return value


class Existence(RuleBase):
    extends: Literal["existence"]
    tokens: list[str] = Field(min_length=1)
    exceptions: list[str] = Field(default_factory=list)
    ignorecase: bool = False
    nonword: bool = False


class Substitution(RuleBase):
    extends: Literal["substitution"]
    swap: dict[str, str] = Field(min_length=1)
    exceptions: list[str] = Field(default_factory=list)
    ignorecase: bool = False
    nonword: bool = False


class Occurrence(RuleBase):
    extends: Literal["occurrence"]
    token: str
    max: int | None = Field(default=None, ge=0)
    min: int | None = Field(default=None, ge=0)
    scope: str | list[str] = "sentence"
    ignorecase: bool = False


class Consistency(RuleBase):
    extends: Literal["consistency"]
    either: dict[str, str] = Field(min_length=1)
    ignorecase: bool = False
    nonword: bool = False


class LinkPattern(Strict):
    """An affiliate or tracking link: a host pattern, optionally a path and query keys."""

    name: str
    host: str
    path: str | None = None
    #: Query keys ("tag") or key=value pairs ("utm_medium=affiliate"); any one is enough.
    query: list[str] = Field(default_factory=list)
    except_host: str | None = Field(default=None, alias="except-host")


class Trigger(Strict):
    tokens: list[str] = Field(default_factory=list)
    #: Phrases around a trigger token that make it no trigger ("Black Friday" for "Friday").
    exceptions: list[str] = Field(default_factory=list)
    ignorecase: bool = True
    links: list[LinkPattern] = Field(default_factory=list)
    front_matter: dict[str, Any] = Field(default_factory=dict, alias="front-matter")


class Require(Strict):
    tokens: list[str] = Field(default_factory=list)
    ignorecase: bool = True
    front_matter: dict[str, Any] = Field(default_factory=dict, alias="front-matter")
    #: The document carries a date outside its prose (``Document.date_source``: a
    #: front-matter date under a common key, or a dated file name).
    document_date: bool = Field(default=False, alias="document-date")
    within: Literal["anywhere", "before-trigger", "opening", "top"] = "anywhere"
    #: For ``within: top``: how many lines of the body count as the top.
    lines: int = Field(default=6, ge=1)


class Requirement(RuleBase):
    extends: Literal["requirement"]
    trigger: Trigger
    require: Require
    when: Literal["missing", "late"] = "missing"
    report: Literal["first", "each"] = "first"
    scope: str | list[str] = "prose"


class Python(RuleBase):
    extends: Literal["python"]
    check: str = Field(pattern=r"^[A-Za-z_][\w.:-]*$")


RuleFile = Annotated[
    Existence | Substitution | Occurrence | Consistency | Requirement | Python,
    Field(discriminator="extends"),
]
EXTENSIONS = ("existence", "substitution", "occurrence", "consistency", "requirement", "python")
