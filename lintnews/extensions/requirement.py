"""``requirement``: when a trigger appears, something else must appear too, and in time.

Triggers are prose tokens, links (host, path and query patterns) or front-matter keys.
What is required is prose tokens or front-matter keys, found ``within`` a region:
anywhere, before the first trigger (or in its paragraph), in the opening (title and first
paragraph) or in the top lines of the body. ``when: missing`` reports when nothing is found
in the region; ``when: late`` reports when something is found, but only outside it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from ..document import Document, Link
from ..grammar import with_article
from ..model import Match, Related
from ..ruleset.patterns import TokenPattern, bounded, compile_pattern, compile_regex, shown, trimmed
from ..source import Span
from .base import Context, Exceptions, Rule


class LinkMatcher:
    """One network's link signature: host regex, optional path regex and query keys."""

    __slots__ = ("name", "host", "path", "query", "except_host", "source")

    def __init__(
        self,
        name: str,
        host: str,
        path: str | None = None,
        query: Iterable[str] = (),
        except_host: str | None = None,
        trusted: bool = False,
    ) -> None:
        self.name = name
        self.source = (name, host, path, tuple(query), except_host, trusted)
        # URL parts are short, so even a user's pattern cannot run away on them.
        self.host = compile_pattern(_checked(host, trusted), True, trusted)
        self.path = compile_pattern(_checked(path, trusted), True, trusted) if path else None
        self.query = frozenset(key.lower() for key in query)
        self.except_host = (
            compile_pattern(_checked(except_host, trusted), True, trusted) if except_host else None
        )

    def __reduce__(self) -> tuple[Any, ...]:
        return (LinkMatcher, self.source)

    def matches(self, host: str, path: str, keys: frozenset[str]) -> bool:
        if not bounded(self.host, "search", host):
            return False
        if self.except_host is not None and bounded(self.except_host, "search", host):
            return False
        if self.path is not None and not bounded(self.path, "match", path):
            return False
        return not self.query or bool(self.query & keys)


def split_url(url: str) -> tuple[str, str, frozenset[str]]:
    """Host (lowercase, no port), path, and the query as a set of "key" and "key=value" items."""
    try:
        parts = urlsplit(url if "://" in url or url.startswith("//") else f"https://{url}")
        host = (parts.hostname or "").lower()
        pairs = parse_qsl(parts.query, keep_blank_values=True)
    except ValueError:
        return "", "", frozenset()
    # a parameter whose value is a web address says where the reader came from
    # ("?ref=http://techcrunch.com/…", "?ref=producthunt.com"), not whose code earns
    pairs = [(k, v) for k, v in pairs if not _ADDRESS.match(v)]
    keys = frozenset(key.lower() for key, _ in pairs) | frozenset(
        f"{k.lower()}={v.lower()}" for k, v in pairs
    )
    return host, parts.path or "/", keys


_ADDRESS = re.compile(
    r"(?:[a-z][a-z0-9+.-]*://|www\.|[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}(?:[/:?#]|$))", re.I
)


def link_network(link: Link, matchers: Iterable[LinkMatcher]) -> str | None:
    """The name of the first matcher that recognises ``link``, if any."""
    if not link.url or link.url.startswith(("#", "mailto:")):
        return None
    host, path, keys = split_url(link.url)
    if not host:
        return None
    for matcher in matchers:
        if matcher.matches(host, path, keys):
            return matcher.name
    return None


class ValueSpec:
    """A front-matter condition: ``true`` (truthy), ``"*"`` (any non-empty) or a regex."""

    __slots__ = ("raw", "regex", "trusted")

    def __init__(self, raw: Any, trusted: bool = False) -> None:
        self.raw = raw
        self.trusted = trusted
        self.regex = (
            compile_pattern(_checked(raw, trusted), True, trusted)
            if isinstance(raw, str) and raw != "*"
            else None
        )

    def __reduce__(self) -> tuple[Any, ...]:
        return (ValueSpec, (self.raw, self.trusted))

    def accepts(self, value: Any) -> bool:
        if value is None or value is False or value == "" or value == [] or value == {}:
            return False
        if self.raw is True or self.raw == "*":
            return True
        if isinstance(self.raw, list):
            return value in self.raw
        if self.regex is not None:
            return bool(bounded(self.regex, "search", str(value)))
        return bool(value == self.raw)


@dataclass
class Hit:
    span: Span
    what: str


@dataclass
class RequirementRule(Rule):
    trigger_tokens: TokenPattern = field(default_factory=lambda: TokenPattern(()))
    trigger_exceptions: TokenPattern | None = None
    trigger_links: tuple[LinkMatcher, ...] = ()
    trigger_front_matter: tuple[tuple[str, ValueSpec], ...] = ()
    require_tokens: TokenPattern = field(default_factory=lambda: TokenPattern(()))
    require_front_matter: tuple[tuple[str, ValueSpec], ...] = ()
    require_document_date: bool = False
    within: str = "anywhere"
    top_lines: int = 6
    when: str = "missing"
    report: str = "first"

    def check(self, doc: Document, ctx: Context) -> Iterable[Match]:
        # What satisfies the rule is looked for first: most drafts carry their date or their
        # disclosure, and then the triggers never need scanning.
        fixed_region = self.within != "before-trigger"
        if fixed_region:
            # A fixed region is a prefix of the file (front matter, then the top or the
            # opening) and each source yields its hits in file order, so the first hit of
            # each source settles the question.
            found = []
            for hits in self.satisfier_sources(doc, ctx):
                first = next(hits, None)
                if first is None:
                    continue
                if self._in_region(doc, first, None):
                    return
                found.append(first)
            found.sort(key=lambda hit: hit.span.start)
        else:
            found = sorted(
                (hit for hits in self.satisfier_sources(doc, ctx) for hit in hits),
                key=lambda hit: hit.span.start,
            )
        if self.when == "late" and not found:
            return
        triggers = sorted(self.triggers(doc, ctx), key=lambda hit: hit.span.start)
        if not triggers:
            return
        if not fixed_region and any(self._in_region(doc, hit, triggers[0]) for hit in found):
            return
        where = ""
        related: tuple[Related, ...] = ()
        if found:
            line, _ = doc.locate(found[0].span.start)
            where = f"line {line}"
            related = (Related(found[0].span, f"found here: {found[0].what}"),)
        targets = triggers if self.report == "each" else triggers[:1]
        if self.report != "each":
            # Reported once, the finding rests on every trigger: a change that adds or moves
            # one is a change to it (--diff-base), and an editor can point at each.
            related += tuple(Related(h.span, f"also here: {h.what}") for h in triggers[1:])
        for hit in targets:
            yield Match(hit.span, args=(hit.what, where), related=related)

    # -- triggers ---------------------------------------------------------------------------
    def triggers(self, doc: Document, ctx: Context) -> Iterator[Hit]:
        matter = doc.front_matter
        if matter is not None and matter.error is None:
            for key, spec in self.trigger_front_matter:
                if spec.accepts(matter.get(key)):
                    yield Hit(matter.span_of(key), f"front matter '{key}'")
        matchers = self.trigger_links + self._extra_hosts()
        if matchers:
            for link in doc.links:
                network = link_network(link, matchers)
                if network and not (self.quotes == "skip" and doc.is_quoted(link.span.start)):
                    name = network if network.endswith("link") else f"{network} link"
                    yield Hit(link.span, with_article(name))  # "an Amazon Associates link"
        excepted = Exceptions(self.trigger_exceptions, doc.prose, ctx.budget)
        for pattern in (self.trigger_tokens, self._extra_tokens("triggers")):
            if pattern is None:
                continue
            for match in pattern.finditer(doc.prose, 0, len(doc.prose), ctx.budget):
                start, end = trimmed(doc.prose, *match.span())
                if (
                    start < end
                    and self.accepts(doc, start, end)
                    and not excepted.covers(*match.span())
                ):
                    yield Hit(Span(start, end), f"'{shown(doc.prose[start:end])}'")

    # -- what satisfies the requirement -----------------------------------------------------
    def satisfier_sources(self, doc: Document, ctx: Context) -> Iterator[Iterator[Hit]]:
        """What satisfies the rule, one iterator per source, each in file order."""
        yield self._front_matter_hits(doc, ctx)
        for pattern in (self.require_tokens, self._extra_tokens("accept")):
            if pattern:
                yield self._token_hits(doc, ctx, pattern)

    def _front_matter_hits(self, doc: Document, ctx: Context) -> Iterator[Hit]:
        if self.require_document_date:
            dated_by = doc.date_source
            if dated_by is not None:
                yield Hit(Span(0, 0), dated_by)
        matter = doc.front_matter
        if matter is None or matter.error is not None:
            return
        for key, spec in self.require_front_matter:
            if spec.accepts(matter.get(key)):
                yield Hit(matter.span_of(key), key)
        title = matter.get("title")
        if self.within == "opening" and isinstance(title, str):
            for pattern in (self.require_tokens, self._extra_tokens("accept")):
                if pattern and pattern.search(title, 0, len(title), ctx.budget):
                    yield Hit(matter.span_of("title"), "title")

    def _token_hits(self, doc: Document, ctx: Context, pattern: TokenPattern) -> Iterator[Hit]:
        for match in pattern.finditer(doc.prose, 0, len(doc.prose), ctx.budget):
            start, end = trimmed(doc.prose, *match.span())
            if start < end and doc.block_at(start) is not None:
                yield Hit(Span(start, end), shown(doc.prose[start:end]))

    def _in_region(self, doc: Document, hit: Hit, first: Hit | None) -> bool:
        matter = doc.front_matter
        in_front_matter = matter is not None and hit.span.end <= matter.span.end
        if self.within == "anywhere":
            return True
        if self.within == "before-trigger":
            assert first is not None
            if hit.span.start < first.span.start:
                return True
            return doc.block_index(hit.span.start) is not None and doc.block_index(
                hit.span.start
            ) == doc.block_index(first.span.start)
        if in_front_matter:
            return True
        if self.within == "top":
            body_start = doc.source.line_index(matter.span.end) + 1 if matter is not None else 0
            return doc.source.line_index(hit.span.start) < body_start + self.top_lines
        # opening: the headline, anything before the first real paragraph, and that paragraph
        limit = _opening_end(doc)
        return hit.span.start < limit

    # -- options from the user's config -----------------------------------------------------
    def _extra_tokens(self, key: str) -> TokenPattern | None:
        tokens = self.options.get(key)
        if not tokens:
            return None
        cache = self.__dict__.setdefault("_option_cache", {})
        if key not in cache:
            cache[key] = TokenPattern(tuple(tokens), ignorecase=True)
        return cache[key]

    def _extra_hosts(self) -> tuple[LinkMatcher, ...]:
        hosts = self.options.get("trigger-hosts")
        if not hosts:
            return ()
        cache = self.__dict__.setdefault("_option_cache", {})
        if "hosts" not in cache:
            cache["hosts"] = tuple(
                LinkMatcher(host, r"(?:^|\.)" + _escape_host(host) + "$") for host in hosts
            )
        return cache["hosts"]


def _checked(pattern: str, trusted: bool) -> str:
    """Raise PatternError (naming the pattern) for a user's bad regex, at load time."""
    if not trusted:
        compile_regex(pattern)
    return pattern


def _escape_host(host: str) -> str:
    import regex

    return regex.escape(host.lower().strip().lstrip("."))


def _opening_end(doc: Document) -> int:
    """End offset of the first body paragraph that has words in it."""
    for block in doc.blocks:
        if block.kind in ("paragraph", "html") and len(doc.prose_of(block.span).split()) >= 4:
            return block.span.end
    return doc.blocks[0].span.end if doc.blocks else 0
