"""The attribution model shared by the claims rules: does a sentence name its source?

A sentence is *sourced* when it links or cites something, says "according to" a named or
definite source, puts a reporting verb ("said", "found", "show") after or before a named
speaker, a pronoun or a definite institution ("the company"), or reports the publication's
own measurement ("in our tests"). A vague subject ("experts", "people familiar with the
matter") is an attribution, but not a source.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..document import Document, Sentence
from ..source import Span
from .words import FUNCTION_WORDS, Names, Word, longest_first, names, words

PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i", "you", "who", "which"})
AUXILIARIES = frozenset(
    "have has had will would may might can could should also previously repeatedly often long "
    "already recently once then still has been have been is are was were".split()
)
# A verb form right after one of these is a noun: "the claims", "a video call", "its posts".
NOUN_CONTEXT = frozenset(
    "the a an this that these those its their his her our your my of for in on with every each no any "
    "some many several few video phone conference sales press".split()
)
BOUNDARY = re.compile(
    r"[,;:()\[\]—–]|\s-\s|\b(?:that|and|but|while|whereas|because|as|which|who|so|or|when|if|where)\b"
)
_BLANK = re.compile(r"[^\r\n]")
# Where one main clause gives way to another that argues against it
_CONTRAST = re.compile(
    r"[;—–]|,\s*(?:but|yet|though|although|whereas|while)\b|\s-\s", re.IGNORECASE
)
_GOES_ON = frozenset(
    {"on", "went", "continued", "proceeded", "declined", "refused", "wanted", "had"}
)
# Figures whose publisher follows: "figures (that) the college released", "data from …"
_RELEASED_BY = re.compile(
    r"(?:(?:new|latest|official|provisional|annual|its|their)\s+)?(?:figures|data|statistics|numbers|estimates|results)\s+"
    r"(?:(?:that|which)\s+)?(?:(?:released|published|issued|compiled|collected|provided|shared|gathered|produced)\s+(?:by|from)\s+|from\s+|(?=(?:the|its|their)\s+\w+\s+(?:released|published|issued|compiled|collected|provided|shared|gathered|produced|put\s+out)\b))",
    re.IGNORECASE,
)
# A link that sells or signs up is not a source: affiliate and referral parameters, shop
# redirects, and calls to action as link text.
_SALES_URL = re.compile(
    r"[?&](?:tag|ref|aff|aff_id|affid|affiliate|referral|ref_code|invite|promo|coupon)=|"
    r"//(?:[\w-]+\.)*(?:amzn\.to|amazon\.[a-z.]+|bit\.ly|geni\.us|shareasale\.com|awin1\.com|"
    r"linksynergy\.com|prf\.hn|skimresources\.com|go\.redirectingat\.com|anrdoezrs\.net|"
    r"dpbolvw\.net|jdoqocy\.com|kqzyfj\.com|tkqlhce\.com)/|"
    r"/(?:go|out|recommends|refer|referral|invite|aff|affiliate|link)/",
    re.IGNORECASE,
)
_SALES_TEXT = re.compile(
    r"^\W*(?:buy|shop|order|get|grab|claim|check(?:\s+(?:the\s+)?(?:price|deal|availability))?|"
    r"see\s+(?:the\s+)?(?:price|deal)|sign\s+up|join|subscribe|download|try|start|open\s+an?\s+account)\b",
    re.IGNORECASE,
)
# A short label that opens a sentence: "Scenario B:", "**Bottom line:**", "Pro tip -".
RUN_IN_LABEL = re.compile(
    r"^[\s*_#>]*[A-Z0-9][\w'’&/-]*(?:\s+[\w'’&/-]+){0,4}?[*_]*\s*[:—–][*_]*\s+"
)
# "it was announced", "is often argued", "has long been said": a passive, whatever
# adverbs sit between the auxiliary and the participle
_PASSIVE_BEFORE = re.compile(
    r"\b(?:is|are|was|were|be|been|being|'s|’s)"
    r"(?:\s+(?:\w+ly|often|also|still|now|long|always|never|once|seldom|sometimes|much|so|too))*\s+$",
    re.IGNORECASE,
)
_AGENT = re.compile(r"\s+(?:[\w'’-]+\s+){0,4}?by\s+", re.IGNORECASE)
# Words that say a sentence leads to the evidence for what stands beside it
_SOURCE_WORDS = re.compile(
    r"\b(?:sources?|sourced|according|report(?:s|ed)?|study|studies|survey(?:s|ed)?|polls?|data|"
    r"dataset|figures|statistics|stats|numbers|estimates?|analysis|analyses|census|research|"
    r"paper|findings|found|finds|shows?|showed|shown|published|publishes|released|filings?|"
    r"records|audit|review|breakdown|methodology|details?|more\s+(?:on|about|here)|via|cited?)\b",
    re.IGNORECASE,
)
CITATION = re.compile(
    r"\((?:source|sources|via|data|per|credit)\s*:?\s+[^)]{2,}\)|\([A-Z][^()]{1,60},\s*(?:19|20)\d{2}[a-z]?\)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Lexicon:
    # Patterns from options: ``re.Pattern`` when trusted, else a ``patterns.TimedPattern``.
    speech: Any  # people and bodies speaking: said, says, told, wrote…
    findings: Any  # studies and data reporting: found, show, suggest…
    vague: frozenset[str]  # vague group nouns (experts, critics, sources…)
    institutions: frozenset[
        str
    ]  # nouns that stand for a named body after "the" (company, council…)
    first_party: Any
    according: re.Pattern[str]


_LEXICON_KEYS = ("speech-verbs", "finding-verbs", "vague-sources", "institutions", "first-party")
_SHARED: dict[tuple[Any, ...], Lexicon] = {}


def lexicon_from(
    options: Mapping[str, Any], cache: dict[str, Any], trusted: bool = False
) -> Lexicon:
    """The attribution lexicon for a rule's options (``trusted``: the built-in lists, whose
    patterns run untimed; a user's run under the rule's time budget). Rules whose word lists
    are the same (every built-in claims rule) share one, and so share one Attribution per
    document."""
    if "lexicon" not in cache:
        key = (trusted, *(tuple(options.get(name, ())) for name in _LEXICON_KEYS))
        if key not in _SHARED:
            _SHARED[key] = _build_lexicon(options, trusted)
        cache["lexicon"] = _SHARED[key]
    return cache["lexicon"]  # type: ignore[no-any-return]


def _build_lexicon(options: Mapping[str, Any], trusted: bool) -> Lexicon:
    from ..ruleset.patterns import compile_pattern

    def alternation(key: str, fallback: str) -> Any:
        verbs = longest_first(options.get(key, [])) or [fallback]
        return compile_pattern(
            r"(?<![\w'’-])(?:" + "|".join(verbs) + r")(?![\w'’-])", True, trusted
        )

    return Lexicon(
        speech=alternation("speech-verbs", "said"),
        findings=alternation("finding-verbs", "found"),
        vague=frozenset(word.lower() for word in options.get("vague-sources", [])),
        institutions=frozenset(word.lower() for word in options.get("institutions", [])),
        first_party=compile_pattern(
            r"(?<!\w)(?:" + "|".join(options.get("first-party", ["in our tests?"])) + r")(?!\w)",
            True,
            trusted,
        ),
        according=re.compile(r"\b(?:according\s+to|as\s+per)\s+", re.IGNORECASE),
    )


class Attribution:
    """Per-sentence attribution facts for one document (built once, shared by rules)."""

    def __init__(self, doc: Document, lexicon: Lexicon, known: Names) -> None:
        self.doc = doc
        self.lex = lexicon
        self.names = known
        self._sourced: dict[int, bool] = {}
        self._evidence: dict[int, bool] = {}
        self._speech: dict[int, bool] = {}
        self._unquoted_text: str | None = None

    # -- text helpers ----------------------------------------------------------------------
    @property
    def unquoted_text(self) -> str:
        """The whole prose view with quotations blanked out: same length as the file, so
        a rule can run a pattern over the document once and map matches to sentences."""
        if self._unquoted_text is None:
            prose = self.doc.prose
            parts: list[str] = []
            cursor = 0
            for region in self.doc.quoted_regions(Span(0, len(prose))):
                parts.append(prose[cursor : region.start])
                parts.append(_BLANK.sub(" ", prose[region.start : region.end]))
                cursor = region.end
            parts.append(prose[cursor:])
            self._unquoted_text = "".join(parts)
        return self._unquoted_text

    def unquoted(self, span: Span) -> str:
        """The prose of ``span`` with quotations blanked out (same length)."""
        return self.unquoted_text[span.start : span.end]

    # -- questions rules ask ------------------------------------------------------------------
    def sourced(self, index: int) -> bool:
        """Does sentence ``index`` name, link or cite where its claim comes from?"""
        if index not in self._sourced:
            self._sourced[index] = self._compute_sourced(self.doc.sentences[index])
        return self._sourced[index]

    def sourced_clause(self, index: int, start: int, end: int) -> bool:
        """Is the claim at [start, end) in sentence ``index`` tied to a source: the sentence
        is sourced, and not only by a clause the claim is not in? "Many people believe X,
        but the queues at Eastfield suggested otherwise": the contrast clause's subject
        backs the contrast, not the belief."""
        if not self.sourced(index):
            return False
        sentence = self.doc.sentences[index]
        text = self.unquoted(sentence.span)
        base = sentence.span.start
        lo, hi = 0, len(text)
        for found in _CONTRAST.finditer(text):
            if found.end() <= start - base:
                lo = found.end()
            elif found.start() >= end - base:
                hi = found.start()
                break
        if (lo, hi) == (0, len(text)):
            return True
        clause = Sentence(Span(base + lo, base + hi), sentence.block)
        return self._compute_sourced(clause)

    def has_speech(self, index: int) -> bool:
        """Does sentence ``index`` carry any attribution (even to a vague speaker)?"""
        if index not in self._speech:
            sentence = self.doc.sentences[index]
            text = self.unquoted(sentence.span)
            self._speech[index] = bool(
                any(True for _ in self._verbs(self.lex.speech, text))
                or self.lex.according.search(text)
                or _statement_frame(text)
            )
        return self._speech[index]

    def sourced_near(self, index: int, before: int = 1, after: int = 1) -> bool:
        """Sourced in this sentence, or backed by evidence (a link, a citation, "according
        to", "the report found") in a neighbour within the same block. A speaker in the
        next sentence is not tied to this one's claim: "The company said it plans more."
        """
        if self.sourced(index):
            return True
        sentence = self.doc.sentences[index]
        for other in range(index - before, index + after + 1):
            if (
                other != index
                and 0 <= other < len(self.doc.sentences)
                and self.doc.sentences[other].block == sentence.block
                and self._backs_neighbour(other)
            ):
                return True
        return False

    def _backs_neighbour(self, index: int) -> bool:
        """Does sentence ``index`` back a claim in the sentence beside it? Words of evidence
        ("according to", "the report found") do; a link does only when its sentence says it
        leads to a source ("[The full report](…) has the breakdown"): a link about something
        else ("The [initiative](…) is a group of 48 countries") backs nothing beside it."""
        if not self.evidence(index):
            return False
        span = self.doc.sentences[index].span
        if not any(self._source_link(link) for link in self.doc.links_in(span)):
            return True
        return _SOURCE_WORDS.search(self.unquoted(span)) is not None or self._compute_sourced(
            self.doc.sentences[index], speech=False, links=False
        )

    def evidence(self, index: int) -> bool:
        """Is sentence ``index`` sourced by something other than a speaker's verb?"""
        if index not in self._evidence:
            self._evidence[index] = self.sourced(index) and self._compute_sourced(
                self.doc.sentences[index], speech=False
            )
        return self._evidence[index]

    # -- the model ----------------------------------------------------------------------------
    def _compute_sourced(self, sentence: Sentence, speech: bool = True, links: bool = True) -> bool:
        doc = self.doc
        span = sentence.span
        if links and any(self._source_link(link) for link in doc.links_in(span)):
            return True
        if any(span.start <= c.start < span.end for c in doc.citations):
            return True
        text = self.unquoted(span)
        if CITATION.search(text) or self.lex.first_party.search(text):
            return True
        for found in self.lex.according.finditer(text):
            if self._named_phrase(text, found.end(), span.start):
                return True
            # "according to figures the college released", "… data published by Ofsted"
            released = _RELEASED_BY.match(text, found.end())
            if released and self._named_phrase(text, released.end(), span.start):
                return True
        for found in re.finditer(r"\b(?:by|from|per|at)\s+", text):
            if (
                found.start() > 0
                and self._named_phrase(text, found.end(), span.start, strict=True)
                and _data_before(text, found.start())
            ):
                return True
        for found in self._verbs(self.lex.speech, text) if speech else ():
            if self._speaker_named(text, found.start(), found.end(), pronoun_ok=True):
                return True
        for found in self._verbs(self.lex.findings, text):
            if self._speaker_named(text, found.start(), found.end(), pronoun_ok=False):
                return True
        return False

    def _source_link(self, link: Any) -> bool:
        if _SALES_URL.search(link.url):
            return False
        shown = self.doc.prose_of(link.text_span) if link.text_span else ""
        return not _SALES_TEXT.match(shown)

    @staticmethod
    def _verbs(pattern: Any, text: str) -> Any:
        """Matches of ``pattern`` used as verbs, not nouns ("the claims", "a video call")."""
        for found in pattern.finditer(text):
            before = words(text, max(0, found.start() - 30), found.start())
            if before:
                previous = before[-1].lower
                if (
                    previous in NOUN_CONTEXT
                    or previous.endswith(("'s", "’s"))
                    or previous[:1].isdigit()
                ):
                    continue
                if previous == "to" and (len(before) < 2 or before[-2].lower not in _GOES_ON):
                    continue  # an infinitive ("hard to argue with"), unless "went on to say"
            yield found

    def _named_phrase(self, text: str, at: int, base: int, strict: bool = False) -> bool:
        """Is the noun phrase starting at ``at`` a named or definite source?"""
        stop = BOUNDARY.search(text, at)
        phrase = words(text, at, stop.start() if stop else len(text))[:10]
        if not phrase:
            return False
        if any(self._is_name(text, w) for w in phrase):
            return True
        if strict:
            return False
        first = phrase[0].lower
        head = _head(phrase)
        definite = first in _DEFINITE
        if head is not None and head.lower in self.lex.vague:
            # "the council's own figures", "its members' survey": a possessor makes the
            # figures someone's; "the data", "some studies" stay vague
            return definite and any(
                w.text.endswith(("'s", "’s", "s'", "s’")) for w in phrase[: phrase.index(head)]
            )
        return definite

    def _speaker_named(self, text: str, start: int, end: int, pronoun_ok: bool) -> bool:
        if _PASSIVE_BEFORE.search(text, max(0, start - 30), start):
            # "it was announced", "is widely expected": the subject is not the speaker;
            # only an agent names one ("was announced by Mayor Lin")
            agent = _AGENT.match(text, end)
            return agent is not None and self._named_phrase(text, agent.end(), 0, strict=True)
        # "said Theo Brandt", "said the company": an inverted speaker comes after a comma,
        # a quotation or a dash, never in "Some have suggested the mayor will not run"
        after = words(text, end, min(len(text), end + 60))[:4]
        lead = text[:start].rstrip()
        if (
            after
            and text[end : after[0].start].strip() in {"", ","}
            and (not lead.strip(" \t\r\n*_") or lead[-1] in ",;:—–\"”’')")
        ):
            if self._is_name(text, after[0]):
                return True
            if (
                after[0].lower == "the"
                and len(after) > 1
                and after[1].lower in self.lex.institutions
            ):
                return True
        subject = self._subject_before(text, start)
        if not subject:
            return False
        head = _head(subject)
        if head is None:
            return False
        if head.lower in PRONOUNS:
            return pronoun_ok and head.lower not in {"who", "which", "you"}
        if head.lower in self.lex.vague and not any(
            self._is_name(text, w) for w in subject if w is not head
        ):
            return False
        if any(self._is_name(text, w) for w in subject):
            return True
        if (
            len(subject) == 1
            and _lone_capital(head)
            and not text[: head.start].strip(" \t\r\n\"'“‘*_(")
        ):
            return True  # "Veyra claims …", "Amazon said …": a singular name opening the sentence
        return head.lower in self.lex.institutions and subject[0].lower in {
            "the",
            "its",
            "his",
            "her",
            "their",
            "our",
            "this",
            "that",
        }

    def _is_name(self, text: str, word: Word) -> bool:
        # A run-in label ("**Scenario B:** Surveys show…") is not a name, and the word
        # after it starts the sentence.
        label = RUN_IN_LABEL.match(text)
        if label and word.start < label.end():
            return False
        before = text[label.end() if label else 0 : word.start].strip(" \t\r\n\"'“‘*_(")
        initial = not before
        following = words(text, word.end, min(len(text), word.end + 40))[:1]
        return self.names.is_name(word, initial, following[0] if following else None)

    @staticmethod
    def _subject_before(text: str, start: int) -> list[Word]:
        """The words of the clause segment just before a verb (skipping empty segments)."""
        end = start
        for _ in range(3):
            segment_start = 0
            for found in BOUNDARY.finditer(text, 0, end):
                segment_start = found.end()
            found_words = [w for w in words(text, segment_start, end) if w.lower not in AUXILIARIES]
            if found_words:
                return found_words[-8:]
            if segment_start == 0:
                return []
            end = max(0, segment_start - 1)
        return []


_DEFINITE = frozenset({"the", "its", "his", "her", "their", "our", "this", "that", "my", "your"})


def _lone_capital(word: Word) -> bool:
    lower = word.lower
    return word.capitalized and lower not in FUNCTION_WORDS and not lower.endswith("s")


def _head(phrase: list[Word]) -> Word | None:
    """The last word that is not an adverb or auxiliary: "Financial planners broadly" -> planners."""
    for word in reversed(phrase):
        lower = word.lower
        if lower.endswith("ly") and lower not in {"family", "supply", "ally", "italy"}:
            continue
        if lower in AUXILIARIES:
            continue
        return word
    return None


def _data_before(text: str, at: int) -> bool:
    """A source noun right before "by/from/per": "a 2023 survey by", "data compiled by"."""
    before = text[max(0, at - 60) : at].lower()
    return bool(
        re.search(
            r"\b(?:study|survey|report|poll|analysis|audit|review|paper|data|figures|statistics|estimates?|"
            r"research|index|census|compiled|published|released|conducted|commissioned|calculations?|numbers)\b[^,.;]{0,25}$",
            before,
        )
    )


def _statement_frame(text: str) -> bool:
    return bool(
        re.search(
            r"\b(?:in\s+a\s+(?:statement|press\s+release|post|letter|note|filing|memo|email|tweet|interview)|"
            r"(?:puts?|put)\s+it\b|told\s+\w+|in\s+an?\s+(?:interview|email|statement))",
            text,
            re.IGNORECASE,
        )
    )


def attribution(doc: Document, rule: Any, ctx: Any) -> Attribution:
    """The shared model for this document (memoised per document and lexicon)."""
    lexicon = lexicon_from(rule.options, rule.cache, rule.trusts(*_LEXICON_KEYS))
    return ctx.memo(
        f"attribution:{id(lexicon)}", lambda: Attribution(doc, lexicon, names(doc, ctx))
    )  # type: ignore[no-any-return]


__all__ = ["Attribution", "FUNCTION_WORDS", "attribution", "lexicon_from"]
