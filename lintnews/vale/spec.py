"""The schema of a Vale rule file, as Vale reads it (one pydantic model per extension point).

Vale ignores keys it does not know; so do we, except that a misspelt key of the rule's own
extension point would silently change what the rule does, so keys are checked against every
Vale key and a near miss is reported.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

Level = Literal["suggestion", "warning", "error"]


class Action(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)
    name: str = ""
    params: list[Any] = Field(default_factory=list)


class ValeBase(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    extends: str
    message: str = ""
    description: str = ""
    level: Level = "warning"  # Vale's default
    link: str = ""
    scope: list[str] = Field(default_factory=lambda: ["text"])
    limit: int = 0
    action: Action = Field(default_factory=Action)
    # Vale's shared pattern keys: not every extension point reads every one.
    ignorecase: bool = False
    nonword: bool = False
    vocab: bool = True
    exceptions: list[str] = Field(default_factory=list)

    @field_validator("scope", mode="before")
    @classmethod
    def _listed(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value

    @field_validator("level", mode="before")
    @classmethod
    def _lower(cls, value: Any) -> Any:
        return value.strip().lower() if isinstance(value, str) else value

    @field_validator("exceptions", mode="before")
    @classmethod
    def _none_is_empty(cls, value: Any) -> Any:
        return [] if value is None else value


def _as_list(value: Any) -> Any:
    """Vale takes one string where a list is expected (``raw: ^.*$``)."""
    return [value] if isinstance(value, str) else [] if value is None else value


class Existence(ValeBase):
    tokens: list[str] = Field(default_factory=list)
    raw: list[str] = Field(default_factory=list)
    append: bool = False

    _lists = field_validator("tokens", "raw", mode="before")(_as_list)


class Substitution(ValeBase):
    swap: dict[str, str] = Field(default_factory=dict)
    append: bool = False
    capitalize: bool = False

    @field_validator("swap", mode="before")
    @classmethod
    def _strings(cls, value: Any) -> Any:
        if isinstance(value, dict):
            return {str(k): "" if v is None else str(v) for k, v in value.items()}
        return value


class Occurrence(ValeBase):
    token: str = ""
    max: int = 0
    min: int = 0


class Repetition(ValeBase):
    tokens: list[str] = Field(default_factory=list)
    _lists = field_validator("tokens", mode="before")(_as_list)
    max: int = 0
    alpha: bool = False


class Consistency(ValeBase):
    either: dict[str, str] = Field(default_factory=dict)


class Conditional(ValeBase):
    first: str = ""
    second: str = ""


class Capitalization(ValeBase):
    match: str = ""
    style: str = ""
    indicators: list[str] = Field(default_factory=list)
    threshold: float = 0.8
    prefix: str = ""


class Metric(ValeBase):
    formula: str = ""
    condition: str = ""


class Readability(ValeBase):
    metrics: list[str] = Field(default_factory=list)
    grade: float = 0.0


class Spelling(ValeBase):
    dictionaries: list[str] = Field(default_factory=list)
    dicpath: str = ""
    filters: list[str] = Field(default_factory=list)
    ignore: list[str] = Field(default_factory=list)
    append: bool = False
    custom: bool = False

    @field_validator("ignore", mode="before")
    @classmethod
    def _listed_ignore(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value


class Sequence(ValeBase):
    tokens: list[Any] = Field(default_factory=list)


class Script(ValeBase):
    script: str = ""
