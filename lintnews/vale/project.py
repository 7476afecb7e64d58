"""A ``.vale.ini`` project: its styles, vocabularies and Vale's built-in rules, loaded."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from ..ruleset.rulefile import RuleFileError
from .checks import Vocab
from .ini import ValeIni, glob_regex
from .loader import Loaded, load_file, load_style
from .rule import Project, ValeRule

BUILTIN_STYLE = "Vale"
VOCAB_FOLDERS = ("config/vocabularies", "Vocab")


def make_project(ini: ValeIni) -> Project:
    sections = tuple(
        (glob_regex(s.glob), {k.lower(): v for k, v in s.settings.items()}) for s in ini.sections
    )
    based_on = tuple((glob_regex(s.glob), tuple(s.based_on)) for s in ini.sections)
    block = tuple(p for s in ini.sections for p in s.block_ignores)
    token = tuple(p for s in ini.sections for p in s.token_ignores)
    key = hashlib.sha256(
        repr((block, token, ini.skipped_scopes, ini.ignored_classes)).encode()
    ).hexdigest()[:12]
    return Project(
        sections=sections,
        based_on=based_on,
        gated=True,
        min_level=ini.min_level,
        formats=dict(ini.formats),
        block_ignores=block,
        token_ignores=token,
        skipped_scopes=tuple(ini.skipped_scopes),
        ignored_scopes=tuple(ini.ignored_scopes),
        ignored_classes=tuple(ini.ignored_classes),
        root=str(ini.root),
        key=key,
    )


def read_vocab(ini: ValeIni) -> tuple[Vocab, list[str]]:
    """Accepted and rejected terms of the vocabularies the config names."""
    accept: list[str] = []
    reject: list[str] = []
    missing: list[str] = []
    for name in ini.vocab:
        found = False
        for folder in VOCAB_FOLDERS:
            base = (ini.styles_path or ini.root) / folder / name
            for file, into in (("accept.txt", accept), ("reject.txt", reject)):
                path = base / file
                if path.is_file():
                    found = True
                    into.extend(_terms(path))
        if not found:
            missing.append(name)
    return Vocab(tuple(accept), tuple(reject)), missing


def _terms(path: Path) -> list[str]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return out


def load_project(ini: ValeIni) -> Loaded:
    """Every rule of the styles the config names, plus Vale's own style when named."""
    project = make_project(ini)
    vocab, missing = read_vocab(ini)
    out = Loaded()
    for name in missing:
        out.errors.append(
            RuleFileError(ini.path, f"vocabulary {name!r} not found under {ini.styles_path}")
        )
    for package in ini.packages:
        target = package.rsplit("/", 1)[-1].removesuffix(".zip")
        if ini.styles_path is None or not (ini.styles_path / target).is_dir():
            out.notes.append(
                f"Vale package {package!r} is not installed in StylesPath and lintnews does not "
                "download packages: run `vale sync` once, or copy the style into StylesPath"
            )
    for style in ini.styles():
        if style == BUILTIN_STYLE:  # Vale's own style (a "vale" folder is a user's style)
            continue
        folder = ini.styles_path / style if ini.styles_path else None
        if folder is None or not folder.is_dir():
            if any(style.lower() == s.lower() for sec in ini.sections for s in sec.based_on):
                out.errors.append(
                    RuleFileError(
                        ini.path, f"style {style!r} not found in StylesPath ({ini.styles_path})"
                    )
                )
            continue
        loaded = load_style(folder, vocab, project)
        out.rules.extend(loaded.rules)
        out.errors.extend(loaded.errors)
        out.notes.extend(loaded.notes)
    out.rules.extend(builtin_rules(vocab, project, out))
    return out


def builtin_rules(vocab: Vocab, project: Project, out: Loaded) -> list[ValeRule]:
    """Vale.Spelling, Vale.Repetition, and Vale.Terms / Vale.Avoid from the vocabularies."""
    definitions: dict[str, dict[str, Any]] = {
        "Repetition": {
            "extends": "repetition",
            "message": "'%s' is repeated!",
            "level": "error",
            "alpha": True,
            "tokens": [r"[^\s]+"],
        },
    }
    from .spelling import available

    if available():
        definitions["Spelling"] = {
            "extends": "spelling",
            "message": "Did you really mean '%s'?",
            "level": "error",
        }
    else:
        out.notes.append("Vale.Spelling needs spylls: pip install 'lintnews[spelling]'")
    terms: dict[str, str] = {}
    for term in vocab.accept:
        if _plain(term):
            terms[term.lower()] = term  # a later vocabulary's spelling wins
    if terms:
        ordered = sorted(terms.values(), key=lambda t: (-len(t), t))
        definitions["Terms"] = {
            "extends": "substitution",
            "message": "Use '%s' instead of '%s'.",
            "level": "error",
            "vocab": False,
            # Vale's way: each term matches in any case and must be written as listed.
            "swap": {f"(?i){_escape(term)}": term for term in ordered},
        }
    if vocab.reject:
        definitions["Avoid"] = {
            "extends": "existence",
            "message": "Avoid using '%s'.",
            "level": "error",
            "vocab": False,
            "tokens": list(vocab.reject),
        }
    rules = []
    for name, data in definitions.items():
        path = Path(f"<{BUILTIN_STYLE}>/{name}.yml")
        try:
            rules.append(load_file(path, BUILTIN_STYLE, vocab, project, data=data, text=""))
        except RuleFileError as exc:
            out.errors.append(exc)
    return rules


def digest(ini: ValeIni, loaded: Loaded) -> str:
    """What cached results depend on: the config and every rule file's bytes."""
    hasher = hashlib.sha256(ini.path.read_bytes())
    for rule in loaded.rules:
        hasher.update(rule.source.encode())
        path = Path(rule.source)
        if path.is_file():
            hasher.update(path.read_bytes())
    return hasher.hexdigest()


def with_project(
    ruleset: Any, ini_path: Path, strict: bool = False, min_level: str | None = None
) -> Any:
    """``ruleset`` plus the rules of the Vale project at ``ini_path`` (lintnews' own config,
    applied afterwards by the selection, wins where both set a thing)."""
    from ..ruleset.packs import RuleSet
    from .ini import read

    ini = read(ini_path)
    if min_level is not None:
        ini.min_level = min_level
    loaded = load_project(ini)
    errors = list(loaded.errors)
    if strict and errors:
        raise errors[0]
    taken = {rule.id.lower() for rule in ruleset.rules}
    rules = [*ruleset.rules, *(r for r in loaded.rules if r.id.lower() not in taken)]
    return RuleSet(
        rules,
        hashlib.sha256((ruleset.digest + digest(ini, loaded)).encode()).hexdigest(),
        (*ruleset.folders, str(ini.styles_path or ini.root)),
        [*ruleset.errors, *errors],
        [*ruleset.notes, *loaded.notes],
    )


def _plain(term: str) -> bool:
    """A term written as a word or phrase, not as a pattern (those are accepted, not enforced)."""
    import re

    return re.fullmatch(r"[\w][\w .'’&+/-]*", term) is not None


def _escape(term: str) -> str:
    import re

    return re.escape(term).replace("\\ ", " ")
