"""Load rule packs: folders of ``<pack>/<slug>.yml`` files plus ``_lexicon/`` word lists.

Rule files are read with YAML's safe loader, validated by the pydantic models in
``lintnews.ruleset.spec`` and compiled into runnable rules once. The result is cached as plain JSON
(``lintnews.ruleset.ruledata``; keyed by the files' content and lintnews' code), so a commit hook
does not pay for validation on every run.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import __version__
from ..extensions.base import Rule, RuleExample, Scope
from ..model import Severity
from .rulefile import RuleFileError, load_yaml

LEXICON_DIR = "_lexicon"
LEXICON_PREFIX = "@lexicon/"
RULE_SUFFIXES = (".yml", ".yaml")
REQUIREMENT_OPTIONS: dict[str, Any] = {"triggers": [], "accept": [], "trigger-hosts": []}


def builtin_rules_dir() -> Path:
    """The built-in packs: inside the installed package, or ``rules/`` in a source checkout."""
    package = Path(__file__).resolve().parent.parent
    for candidate in (package / "_builtin_rules", package.parent / "rules"):
        if candidate.is_dir():
            return candidate
    raise RuleFileError(
        package, "the built-in rule packs are missing from this installation; reinstall lintnews"
    )


@dataclass
class RuleSet:
    rules: list[Rule]
    digest: str
    folders: tuple[str, ...] = ()
    #: House rule files that could not be used: reported as findings, the rest still run.
    errors: list[RuleFileError] = field(default_factory=list)
    #: Rules that cannot run here (Vale's sequence and script), said once per run.
    notes: list[str] = field(default_factory=list)
    _by_id: dict[str, Rule] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self.rules.sort(key=lambda rule: rule.id)
        self._by_id = {}
        for rule in self.rules:
            self._by_id[rule.id] = rule
        for rule in self.rules:
            for alias in rule.aliases:
                self._by_id.setdefault(alias, rule)

    def get(self, rule_id: str) -> Rule | None:
        return self._by_id.get(rule_id)

    @property
    def ids(self) -> list[str]:
        return [rule.id for rule in self.rules]

    @property
    def packs(self) -> list[str]:
        return sorted({rule.pack for rule in self.rules})


def load_rules(
    extra: Sequence[Path] = (),
    cache_dir: Path | None = None,
    use_cache: bool = True,
    strict: bool = False,
) -> RuleSet:
    """The built-in packs plus house packs from ``extra`` folders.

    A house rule file that cannot be used is kept in ``errors`` (reported as a finding on
    that file) and the others load; with ``strict`` it is a problem of the run, like a
    broken built-in file or a missing folder."""
    from ..problems import Collector

    builtin = builtin_rules_dir()
    found = Collector()
    folders = [(builtin, True)]
    for folder in map(Path, extra):
        if folder.is_dir():
            folders.append((folder, False))
        else:
            found.add(
                RuleFileError(
                    folder,
                    "this rules folder does not exist; fix the 'rules' setting in your config",
                )
            )
    files = [(folder, builtin_flag, _rule_files(folder)) for folder, builtin_flag in folders]
    digest = _digest(files)
    cache_file = (cache_dir or _user_cache_dir()) / f"rules-{digest[:20]}.json"
    if use_cache and not found.problems:
        cached = _read_cache(cache_file, builtin)
        if cached is not None:
            return RuleSet(cached, digest, tuple(str(f) for f, _ in folders))
    rules: list[Rule] = []
    errors: list[RuleFileError] = []
    notes: list[str] = []
    seen: dict[str, str] = {}
    for folder, builtin_flag, paths in files:
        lexicons = [folder / LEXICON_DIR, builtin / LEXICON_DIR]
        for path in paths:
            # Each rule file is checked on its own: every broken file is named in one run.
            try:
                rule = load_rule_file(path, folder, lexicons, builtin_flag)
                if rule.id.lower() in seen:  # ids match case-insensitively
                    raise RuleFileError(
                        path, f"rule id {rule.id!r} is already defined in {seen[rule.id.lower()]}"
                    )
            except RuleFileError as exc:
                if builtin_flag or strict:
                    found.add(exc)
                else:
                    errors.append(exc)
                continue
            except UnsupportedRule as exc:
                notes.append(str(exc))
                continue
            seen[rule.id.lower()] = str(path)
            rules.append(rule)
    _inherit_check_options(rules)
    folder_names = tuple(str(f) for f, _ in folders)
    found.raise_if_any(
        RuleSet(rules, digest, folder_names, errors, notes) if found.problems else None
    )
    # Vale rules are rebuilt on each run (quick): the JSON rule cache holds lintnews' own kinds.
    cacheable = not errors and not notes and not any(r.extension.startswith("vale:") for r in rules)
    if use_cache and cacheable:
        _write_cache(cache_file, rules)
    return RuleSet(rules, digest, folder_names, errors, notes)


class UnsupportedRule(Exception):
    """A house rule of an extension point that cannot run here (Vale's sequence, script)."""


def _inherit_check_options(rules: list[Rule]) -> None:
    """A house rule that names a built-in check (``check: claims.weasel-attribution``) gets
    that built-in rule's options as defaults: the check needs its word lists to run."""
    defaults = {
        getattr(rule, "check_name", None): rule.options
        for rule in rules
        if rule.builtin and rule.extension == "python"
    }
    for rule in rules:
        if not rule.builtin and rule.extension == "python":
            inherited = defaults.get(getattr(rule, "check_name", None))
            if inherited:
                rule.options = {**inherited, **rule.options}


def _rule_files(folder: Path) -> list[Path]:
    out: list[Path] = []
    for pack in sorted(folder.iterdir()):
        if not pack.is_dir() or pack.name.startswith(("_", ".")):
            continue
        for path in sorted(pack.iterdir()):
            if path.suffix in RULE_SUFFIXES and path.is_file():
                out.append(path)
    return out


def _digest(files: Iterable[tuple[Path, bool, list[Path]]]) -> str:
    from ..stamp import package_stamp

    hasher = hashlib.sha256(__version__.encode())
    hasher.update(package_stamp().encode())  # the loader's own code, edited in a checkout
    for folder, builtin_flag, paths in files:
        hasher.update(f"{folder.resolve()}|{builtin_flag}".encode())
        lexicon = folder / LEXICON_DIR
        extra = sorted(lexicon.glob("*.y*ml")) if lexicon.is_dir() else []
        for path in [*paths, *extra]:
            hasher.update(str(path.relative_to(folder)).encode())
            hasher.update(path.read_bytes())
    return hasher.hexdigest()


def _user_cache_dir() -> Path:
    from ..stamp import user_cache_dir

    return user_cache_dir()


CACHE_FORMAT = 1


def _read_cache(path: Path, builtin: Path) -> list[Rule] | None:
    """The cached rules, or None when the file is missing, damaged or not ours. Trust is
    decided here, not read from the file: a rule is built-in when its source is a built-in
    pack's file."""
    from . import ruledata

    try:
        data = json.loads(path.read_bytes())
        if not isinstance(data, dict) or data.get("format") != CACHE_FORMAT:
            return None
        rules = []
        for entry in data["rules"]:
            source = Path(entry["v"]["source"])
            rule = ruledata.load(entry, builtin=source.parent.parent == builtin)
            if not isinstance(rule, Rule):
                return None
            rules.append(rule)
        return rules
    except (OSError, ValueError, TypeError, KeyError, AttributeError, RecursionError):
        return None  # rebuilt from the rule files and written again


def _write_cache(path: Path, rules: list[Rule]) -> None:
    from . import ruledata

    try:
        text = json.dumps({"format": CACHE_FORMAT, "rules": [ruledata.dump(r) for r in rules]})
    except TypeError:
        return  # an option value JSON cannot hold: validate again next time
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".rules-", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
        _prune(path.parent)
    except OSError:
        pass  # a read-only home is fine: we validate again next time


KEEP_RULE_CACHES = 16


def _prune(folder: Path) -> None:
    """Keep the most recently written rule caches (one per rule set in use), drop the rest
    (and the pickles older versions wrote, which are never read)."""
    for old in folder.glob("rules-*.pickle"):
        _unlink(old)
    caches = sorted(folder.glob("rules-*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in caches[KEEP_RULE_CACHES:]:
        _unlink(old)


def _unlink(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass


# -- one rule file ------------------------------------------------------------------------
def load_rule_file(
    path: Path, folder: Path, lexicons: Sequence[Path], builtin: bool = False
) -> Rule:
    from ..vale import loader as vale

    rule_id = f"{path.parent.name}.{path.stem}"
    try:
        raw, text = vale.read_yaml(path)
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleFileError(path, f"cannot read the rule file: {exc}") from None
    if not builtin and vale.dialect_is_vale(raw):
        # A Vale rule (or a house rule that needs only what Vale needs): Vale's semantics.
        try:
            return vale.load_file(path, path.parent.name, data=raw, text=text)
        except vale.Unsupported as exc:
            raise UnsupportedRule(str(exc)) from None
    if not _valid_id(rule_id):
        raise RuleFileError(
            path,
            f"rule id {rule_id!r} is not 'pack.slug' in lowercase kebab-case; rename the file or folder",
        )
    if not isinstance(raw, dict):
        raise RuleFileError(path, "a rule file must be a mapping of keys (extends, message, …)", 1)
    if builtin:
        for key in ("summary", "description", "examples"):
            if key not in raw:  # the docs and the tests of a built-in rule
                raise RuleFileError(path, "this key is required", _line_of(text, key), key)
    resolved = _resolve_lexicons(raw, path, lexicons, text)
    spec = _validate(resolved, path, text)
    try:
        return _build(rule_id, spec, path, builtin)
    except RuleFileError:
        raise
    except ValueError as exc:  # a pattern that does not compile, an unknown check
        bad_key = _first_key_with(raw, str(exc))
        raise RuleFileError(path, str(exc), _line_of(text, bad_key), bad_key) from None


def _valid_id(rule_id: str) -> bool:
    import re

    return re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*\.[a-z0-9]+(?:-[a-z0-9]+)*", rule_id) is not None


def _resolve_lexicons(value: Any, path: Path, lexicons: Sequence[Path], text: str) -> Any:
    if _is_lemma(value):
        return _lemma(value)
    if isinstance(value, dict):
        return {k: _resolve_lexicons(v, path, lexicons, text) for k, v in value.items()}
    if isinstance(value, list):
        out: list[Any] = []
        for item in value:
            if isinstance(item, str) and item.startswith(LEXICON_PREFIX):
                loaded = _lexicon(item, path, lexicons, text)
                loaded = loaded if isinstance(loaded, list) else [loaded]
                out.extend(_lemma(x) if _is_lemma(x) else x for x in loaded)
            else:
                out.append(_resolve_lexicons(item, path, lexicons, text))
        return out
    if isinstance(value, str) and value.startswith(LEXICON_PREFIX):
        loaded = _lexicon(value, path, lexicons, text)
        if isinstance(loaded, list):
            return [_lemma(x) if _is_lemma(x) else x for x in loaded]
        return loaded
    return value


def _is_lemma(item: Any) -> bool:
    """A word-list entry written as ``{lemma: "blurt out"}``: every form of that verb."""
    return isinstance(item, dict) and set(item) == {"lemma"} and isinstance(item["lemma"], str)


def _lemma(item: dict[str, str]) -> str:
    from ..nlp.verbs import lemma_pattern

    return lemma_pattern(item["lemma"])


def _lexicon(reference: str, path: Path, lexicons: Sequence[Path], text: str) -> Any:
    name, _, key = reference[len(LEXICON_PREFIX) :].partition("#")
    for folder in lexicons:
        for suffix in RULE_SUFFIXES:
            candidate = folder / f"{name}{suffix}"
            if candidate.is_file():
                try:
                    lexicon_text = candidate.read_text(encoding="utf-8")
                except (OSError, UnicodeDecodeError) as exc:
                    raise RuleFileError(candidate, f"cannot read the lexicon: {exc}") from None
                data = load_yaml(lexicon_text, candidate)
                if key:
                    if not isinstance(data, dict) or key not in data:
                        raise RuleFileError(
                            path, f"lexicon {name!r} has no key {key!r}", _line_of(text, reference)
                        )
                    data = data[key]
                if isinstance(data, dict) and "terms" in data and not key:
                    data = data["terms"]
                return data
    raise RuleFileError(
        path,
        f"unknown lexicon {reference!r}; lexicons live in {LEXICON_DIR}/<name>.yml beside the packs",
        _line_of(text, reference),
    )


def _validate(raw: dict[str, Any], path: Path, text: str) -> Any:
    from pydantic import TypeAdapter, ValidationError

    from . import spec

    extends = raw.get("extends")
    if extends == "python":
        for name in ("scope", "quotes"):
            if name in raw:
                raise RuleFileError(
                    path,
                    f"'{name}' does not apply to 'extends: python' rules: a check decides which "
                    "text it reads. Remove the key (or write the rule with a declarative "
                    "extension, where scope and quotes are honoured)",
                    _line_of(text, name),
                    name,
                )
    if extends not in spec.EXTENSIONS:
        raise RuleFileError(
            path,
            f"'extends' is {extends!r}; allowed values: {', '.join(spec.EXTENSIONS)}",
            _line_of(text, "extends"),
            "extends",
        )
    try:
        return TypeAdapter(spec.RuleFile).validate_python(raw)
    except ValidationError as exc:
        errors = exc.errors()
        # A misspelt key ("tokenz") also makes the real one missing: name the misspelling.
        error = next((e for e in errors if e["type"] == "extra_forbidden"), errors[0])
        location = [str(part) for part in error["loc"][1:]]  # drop the discriminator tag
        key = ".".join(location) or None
        message = error["msg"]
        if error["type"] == "extra_forbidden":
            model = getattr(spec, str(extends).capitalize())
            allowed = sorted(name.replace("_", "-") for name in model.model_fields)
            message = f"unknown key for 'extends: {extends}'" + _suggest(location[-1], allowed)
        elif error["type"] == "missing":
            message = "this key is required"
        elif error["type"] == "literal_error":
            message = f"{message} (got {error.get('input')!r})"
        top = location[0] if location else ""
        raise RuleFileError(path, message, _line_of(text, top) if top else None, key) from None


def _suggest(name: str, allowed: list[str]) -> str:
    import difflib

    close = difflib.get_close_matches(name, allowed, n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return f"{hint} Allowed keys: {', '.join(allowed)}"


def _line_of(text: str, key: str | None) -> int | None:
    if not key:
        return None
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.lstrip()
        if stripped.startswith((f"{key}:", f'"{key}":', f"'{key}':")) or (
            key.startswith("@") and key in line
        ):
            return number
    return None


def _first_key_with(raw: dict[str, Any], message: str) -> str | None:
    for key, value in raw.items():
        if isinstance(value, (list, dict, str)) and any(
            isinstance(item, str) and item and repr(item) in message
            for item in (
                value
                if isinstance(value, list)
                else value.keys()
                if isinstance(value, dict)
                else [value]
            )
        ):
            return str(key)
    return None


def _examples(examples: Any) -> tuple[RuleExample, ...]:
    out: list[RuleExample] = []
    if examples is None:
        return ()
    for verdict in ("bad", "good"):
        for item in getattr(examples, verdict):
            if isinstance(item, str):
                out.append(RuleExample(verdict, item))
            else:
                out.append(RuleExample(verdict, item.text, item.format, dict(item.options)))
    return tuple(out)


def _build(rule_id: str, spec: Any, path: Path, builtin: bool) -> Rule:
    from .patterns import TokenPattern

    options = dict(spec.options)
    if spec.extends == "requirement":
        options = {**REQUIREMENT_OPTIONS, **options}
    common: dict[str, Any] = dict(
        id=rule_id,
        extension=spec.extends,
        severity=Severity.parse(spec.level),
        message=spec.message,
        description=(spec.description or spec.message).strip(),
        summary_line=(spec.summary or "").strip(),
        link=spec.link,
        enabled=spec.enabled,
        fixes=spec.fixable or spec.extends == "substitution",
        scope=Scope(spec.scope),
        quotes=spec.quotes,
        aliases=tuple(spec.aliases),
        options=options,
        examples=_examples(spec.examples),
        source=str(path),
        builtin=builtin,
    )
    if spec.extends == "existence":
        from ..extensions.existence import ExistenceRule

        return ExistenceRule(
            **common,
            pattern=TokenPattern(spec.tokens, spec.ignorecase, spec.nonword, trusted=builtin),
            exceptions=TokenPattern(spec.exceptions, spec.ignorecase, True, trusted=builtin)
            if spec.exceptions
            else None,
        )
    if spec.extends == "substitution":
        from ..extensions.substitution import SubstitutionRule

        keys = list(spec.swap)
        return SubstitutionRule(
            **common,
            swaps=tuple(
                (TokenPattern([k], spec.ignorecase, True, trusted=builtin), v)
                for k, v in spec.swap.items()
            ),
            combined=TokenPattern(keys, spec.ignorecase, spec.nonword, trusted=builtin),
            exceptions=TokenPattern(spec.exceptions, spec.ignorecase, True, trusted=builtin)
            if spec.exceptions
            else None,
        )
    if spec.extends == "occurrence":
        from ..extensions.occurrence import OccurrenceRule

        return OccurrenceRule(
            **common,
            pattern=TokenPattern([spec.token], spec.ignorecase, True, trusted=builtin),
            maximum=spec.max,
            minimum=spec.min,
        )
    if spec.extends == "consistency":
        from ..extensions.consistency import ConsistencyRule

        pairs = tuple(
            (
                a,
                TokenPattern([a], spec.ignorecase, spec.nonword, trusted=builtin),
                b,
                TokenPattern([b], spec.ignorecase, spec.nonword, trusted=builtin),
            )
            for a, b in spec.either.items()
        )
        return ConsistencyRule(**common, pairs=pairs)
    if spec.extends == "requirement":
        from ..extensions.requirement import LinkMatcher, RequirementRule, ValueSpec

        trigger, require = spec.trigger, spec.require
        return RequirementRule(
            **common,
            trigger_tokens=TokenPattern(trigger.tokens, trigger.ignorecase, trusted=builtin),
            trigger_exceptions=(
                TokenPattern(trigger.exceptions, trigger.ignorecase, True, trusted=builtin)
                if trigger.exceptions
                else None
            ),
            trigger_links=tuple(
                LinkMatcher(p.name, p.host, p.path, p.query, p.except_host, trusted=builtin)
                for p in trigger.links
            ),
            trigger_front_matter=tuple(
                (k, ValueSpec(v, trusted=builtin)) for k, v in trigger.front_matter.items()
            ),
            require_tokens=TokenPattern(require.tokens, require.ignorecase, trusted=builtin),
            require_front_matter=tuple(
                (k, ValueSpec(v, trusted=builtin)) for k, v in require.front_matter.items()
            ),
            require_document_date=require.document_date,
            within=require.within,
            top_lines=require.lines,
            when=spec.when,
            report=spec.report,
        )
    from ..checks import known
    from ..extensions.python import PythonRule

    if not known(spec.check):
        raise RuleFileError(
            path,
            f"no check named {spec.check!r}: a python rule can only name a built-in check or one "
            "registered by an installed plugin under the 'lintnews.checks' entry-point group",
            _line_of(path.read_text(encoding="utf-8"), "check"),
            "check",
        )
    return PythonRule(**common, check_name=spec.check)
