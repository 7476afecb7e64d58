"""Each extension point, proven with a house rule written here: existence, substitution
(with --fix), occurrence, consistency, requirement and python."""

from __future__ import annotations

import codecs
import os

import pytest

from lintnews.ruleset.packs import load_rules
from lintnews.ruleset.rulefile import RuleFileError

from .clikit import _private_cache, invoke, write  # noqa: F401
from .house import active, house, run, write_rule


def flagged(result, rule: str | None = None) -> list[str]:
    """The flagged text of each active finding."""
    return [f.text for f in active(result) if rule is None or f.rule == rule]


def spots(result) -> list[tuple[int, int, str]]:
    return [(f.line, f.column, f.text) for f in active(result)]


# -- existence ------------------------------------------------------------------------------------
def test_existence_tokens_are_joined_and_matched_on_word_edges(tmp_path):
    rules = house(
        tmp_path,
        "house.filler",
        "extends: existence\nmessage: \"Cut '%s'.\"\ntokens: [very, 'really', 'just (?:about|so)']\n",
    )
    result = run(
        rules, "It was very, really good. Everyone said just so. Veryx and unreally stay.\n"
    )
    assert flagged(result) == ["very", "really", "just so"]
    assert [f.message for f in active(result)] == ["Cut 'very'.", "Cut 'really'.", "Cut 'just so'."]


def test_existence_is_case_sensitive_unless_ignorecase(tmp_path):
    text = "Very good. very good.\n"
    strict = house(
        tmp_path / "a", "house.filler", "extends: existence\nmessage: x\ntokens: [very]\n"
    )
    loose = house(
        tmp_path / "b",
        "house.filler",
        "extends: existence\nmessage: x\ntokens: [very]\nignorecase: true\n",
    )
    assert spots(run(strict, text)) == [(1, 12, "very")]
    assert spots(run(loose, text)) == [(1, 1, "Very"), (1, 12, "very")]


def test_existence_exceptions(tmp_path):
    rules = house(
        tmp_path,
        "house.caps",
        "extends: existence\nmessage: \"'%s' shouts\"\ntokens: ['[A-Z]{3,}']\nexceptions: [NASA, 'U?SA']\n",
    )
    assert flagged(run(rules, "NASA and USA and SA are fine; WOW and FBI are not.\n")) == [
        "WOW",
        "FBI",
    ]


def test_existence_exceptions_cover_a_longer_phrase_around_the_match(tmp_path):
    rules = house(
        tmp_path,
        "house.filler",
        "extends: existence\nmessage: x\nignorecase: true\ntokens: [very]\nexceptions: ['The Very Hungry Caterpillar']\n",
    )
    assert spots(run(rules, "Read The Very Hungry Caterpillar. It is very good.\n")) == [
        (1, 41, "very")
    ]


def test_existence_nonword_matches_inside_words(tmp_path):
    bounded = house(tmp_path / "a", "house.tm", "extends: existence\nmessage: x\ntokens: ['™']\n")
    nonword = house(
        tmp_path / "b", "house.tm", "extends: existence\nmessage: x\ntokens: ['™']\nnonword: true\n"
    )
    text = "Acme™ ships. A ™ sign.\n"
    assert spots(run(bounded, text)) == [(1, 16, "™")]
    assert spots(run(nonword, text)) == [(1, 5, "™"), (1, 16, "™")]


@pytest.mark.parametrize(
    ("scope", "expected"),
    [
        ("prose", ["zebra", "zebra", "zebra", "zebra", "zebra", "zebra"]),
        ("heading", ["zebra"]),
        ("~heading", ["zebra", "zebra", "zebra", "zebra", "zebra"]),
        ("list", ["zebra"]),
        ("blockquote", ["zebra"]),
        ("table", ["zebra"]),
        ("[paragraph, ~list, ~blockquote]", ["zebra", "zebra"]),
    ],
)
def test_existence_scope(tmp_path, scope, expected):
    rules = house(
        tmp_path,
        "house.zebra",
        f"extends: existence\nmessage: x\ntokens: [zebra]\nscope: {scope}\nquotes: include\n",
    )
    text = "# A zebra heading\n\nA zebra paragraph.\n\n- a zebra item\n\n> a zebra quote\n\n| col |\n|---|\n| zebra |\n\n<p>zebra html</p>\n"
    assert flagged(run(rules, text)) == expected


def test_existence_caption_scope(tmp_path):
    rules = house(
        tmp_path, "house.zebra", "extends: existence\nmessage: x\ntokens: [zebra]\nscope: caption\n"
    )
    text = (
        "<figure>\n<img src='a.png' alt='x'>\n<figcaption>A zebra, by Jane</figcaption>\n</figure>\n\n"
        "A zebra in the body.\n\n![zebra pic](z.png)\n*The zebra at the zoo. Photo: AP*\n"
    )
    assert [(f.line, f.column) for f in active(run(rules, text))] == [(3, 15), (9, 6)]


def test_existence_raw_scope_sees_code_and_urls(tmp_path):
    rules = house(
        tmp_path, "house.todo", "extends: existence\nmessage: x\ntokens: [TODO]\nscope: raw\n"
    )
    text = "Prose TODO.\n\n```\nTODO in code\n```\n\nSee `TODO` and https://x.example/TODO\n"
    assert [(f.line, f.column) for f in active(run(rules, text))] == [
        (1, 7),
        (4, 1),
        (7, 6),
        (7, 34),
    ]


@pytest.mark.parametrize(
    ("quotes", "expected"),
    [("skip", [(1, 1)]), ("include", [(1, 1), (1, 32), (3, 3)]), ("only", [(1, 32), (3, 3)])],
)
def test_existence_quotes_setting(tmp_path, quotes, expected):
    rules = house(
        tmp_path,
        "house.zebra",
        f"extends: existence\nmessage: x\ntokens: [zebra]\nquotes: {quotes}\n",
    )
    text = "zebra outside, and she said “a zebra inside.”\n\n> zebra in a blockquote\n"
    assert [(f.line, f.column) for f in active(run(rules, text))] == expected


def test_existence_ignores_code_urls_and_front_matter(tmp_path):
    rules = house(tmp_path, "house.zebra", "extends: existence\nmessage: x\ntokens: [zebra]\n")
    text = "---\ntitle: zebra\n---\nUse `zebra` at https://zebra.example/zebra or [a zebra](https://zebra.example).\n\n    zebra code\n"
    assert spots(run(rules, text)) == [(4, 50, "zebra")]


def test_existence_message_collapses_line_breaks(tmp_path):
    rules = house(
        tmp_path,
        "house.phrase",
        "extends: existence\nmessage: \"'%s'\"\ntokens: ['new\\s+normal']\n",
    )
    result = run(rules, "The new\nnormal is here.\n")
    assert [(f.message, f.line, f.end_line, f.end_column) for f in active(result)] == [
        ("'new normal'", 1, 2, 7)
    ]


def test_a_bad_token_is_a_rule_file_error(tmp_path):
    write_rule(
        tmp_path / "rules",
        "house.broken",
        "extends: existence\nmessage: x\ntokens: ['(unclosed']\n",
    )
    with pytest.raises(RuleFileError) as caught:
        load_rules([tmp_path / "rules"], use_cache=False, strict=True)
    assert "broken.yml" in str(caught.value) and "'(unclosed'" in str(caught.value)
    assert caught.value.line == 3


def test_a_catastrophic_pattern_times_out_and_the_run_continues(tmp_path):
    from lintnews.run.config import Settings

    write_rule(
        tmp_path / "rules",
        "house.slow",
        "extends: existence\nmessage: x\ntokens: ['(a|aa)+b']\nnonword: true\n",
    )
    write_rule(
        tmp_path / "rules", "house.zebra", "extends: existence\nmessage: x\ntokens: [zebra]\n"
    )
    from .house import ruleset

    rules = ruleset(tmp_path / "rules", "house.slow", "house.zebra")
    result = run(rules, "a" * 40 + " zebra\n", settings=Settings(regex_timeout=0.2))
    assert sorted(f.rule for f in result.findings) == ["house.zebra", "rule.timeout"]
    timeout = next(f for f in result.findings if f.rule == "rule.timeout")
    assert "house.slow" in timeout.message


# -- substitution -----------------------------------------------------------------------------------
SWAP = """
extends: substitution
message: "Use '%s' instead of '%s'."
level: warning
ignorecase: true
swap:
  e-mail: email
  web site: website
  utilize: use
  towards: toward
  'alright': "all right|fine"
"""


def test_substitution_finds_each_form_and_offers_a_fix(tmp_path):
    rules = house(tmp_path, "house.swap", SWAP)
    result = run(rules, "Towards the web site, send an E-mail. Utilize it. Alright?\n")
    found = active(result)
    assert [(f.text, f.message) for f in found] == [
        ("Towards", "Use 'toward' instead of 'Towards'."),
        ("web site", "Use 'website' instead of 'web site'."),
        ("E-mail", "Use 'email' instead of 'E-mail'."),
        ("Utilize", "Use 'use' instead of 'Utilize'."),
        ("Alright", "Use 'all right' or 'fine' instead of 'Alright'."),
    ]
    fixes = [f.fix for f in found]
    assert fixes[0] == {
        "replacement": "Toward",
        "line": 1,
        "column": 1,
        "end_line": 1,
        "end_column": 8,
    }
    assert fixes[1]["replacement"] == "website" and fixes[2]["replacement"] == "Email"
    assert fixes[4] is None  # a choice of replacements is not a safe fix
    assert rules.rules[0].fixable


def test_substitution_skips_quotes_and_exceptions(tmp_path):
    rules = house(tmp_path, "house.swap", SWAP + "exceptions: ['Web Site Awards']\n")
    text = "“We e-mail daily,” she said. The Web Site Awards and a web site.\n"
    assert flagged(run(rules, text)) == ["web site"]


FIXABLE = """
extends: substitution
message: "Use '%s' instead of '%s'."
level: warning
swap:
  towards: toward
  e-mail: email
"""


@pytest.fixture()
def fix_site(tmp_path, monkeypatch):
    write_rule(tmp_path / "styles", "house.swap", FIXABLE)
    write(tmp_path / "lintnews.toml", 'rules = ["styles"]\nselect = ["house"]\n')
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_fix_rewrites_the_file_and_reports_what_is_left(fix_site):
    path = fix_site / "post.md"
    path.write_bytes(b"We moved towards it.\n\nSend an e-mail towards me.\n")
    result = invoke("check", "--fix", "--no-cache", "post.md")
    assert path.read_bytes() == b"We moved toward it.\n\nSend an email toward me.\n"
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "3 fixed" in result.stdout


def test_fix_keeps_crlf_bom_and_permissions(fix_site):
    path = fix_site / "post.md"
    path.write_bytes(codecs.BOM_UTF8 + "Café towards\r\nthe e-mail 😀.\r\n".encode())
    os.chmod(path, 0o640)
    result = invoke("check", "--fix", "--no-cache", "post.md")
    assert result.exit_code == 0, result.stdout
    assert path.read_bytes() == codecs.BOM_UTF8 + "Café toward\r\nthe email 😀.\r\n".encode()
    assert os.stat(path).st_mode & 0o777 == 0o640
    assert [p.name for p in fix_site.iterdir() if "lintnews-fix" in p.name] == []


def test_fix_writes_atomically_through_a_temporary_file(fix_site, monkeypatch):
    import lintnews.files.fix

    path = fix_site / "post.md"
    path.write_bytes(b"towards\n")
    calls = []
    real_replace = os.replace

    def spy(src, dst):
        calls.append(
            (
                os.path.basename(src),
                os.path.basename(dst),
                open(src, "rb").read(),
                path.read_bytes(),
            )
        )
        return real_replace(src, dst)

    monkeypatch.setattr(lintnews.files.fix.os, "replace", spy)
    invoke("check", "--fix", "--no-cache", "post.md")
    assert len(calls) == 1
    temporary, target, new_bytes, old_bytes = calls[0]
    assert target == "post.md" and temporary != "post.md"
    assert (
        new_bytes == b"toward\n" and old_bytes == b"towards\n"
    )  # the original is intact until the move


def test_without_fix_the_file_is_untouched(fix_site):
    path = fix_site / "post.md"
    path.write_bytes(b"towards\n")
    result = invoke("check", "--no-cache", "--format", "json", "post.md")
    assert path.read_bytes() == b"towards\n"
    assert result.json()[0]["fix"] == {
        "replacement": "toward",
        "line": 1,
        "column": 1,
        "end_line": 1,
        "end_column": 8,
    }


def test_fix_on_stdin_prints_the_fixed_text_and_writes_no_file(fix_site):
    result = invoke(
        "check", "--fix", "--no-cache", "--stdin-filename", "post.md", "-", input=b"towards\n"
    )
    assert result.exit_code == 0, result.stderr  # nothing is left once fixed
    assert result.stdout == "toward\n"
    assert "1 fixed." in result.stderr
    assert not (fix_site / "post.md").exists()


# -- occurrence ---------------------------------------------------------------------------------------
def test_occurrence_max_per_sentence(tmp_path):
    rules = house(
        tmp_path,
        "house.commas",
        "extends: occurrence\nmessage: '%s commas'\nscope: sentence\ntoken: ','\nmax: 2\n",
    )
    text = "One, two, three. One, two, three, four. Fine, here.\n"
    result = run(rules, text)
    assert [(f.text, f.message, f.column, f.end_column) for f in active(result)] == [
        ("One, two, three, four.", "3 commas", 18, 40)
    ]


def test_occurrence_min_per_paragraph(tmp_path):
    rules = house(
        tmp_path,
        "house.cite",
        "extends: occurrence\nmessage: 'found %s links'\nscope: paragraph\ntoken: 'according to'\nmin: 1\nignorecase: true\n",
    )
    text = "# Heading has none\n\nAccording to the report, yes.\n\nThis one has no source.\n"
    assert [(f.line, f.message) for f in active(run(rules, text))] == [(5, "found 0 links")]


def test_occurrence_per_document(tmp_path):
    rules = house(
        tmp_path,
        "house.exclaim",
        "extends: occurrence\nmessage: '%s exclamations'\nscope: document\ntoken: '!'\nmax: 2\n",
    )
    assert active(run(rules, "Wow! Great!\n\nOk.\n")) == []
    found = active(run(rules, "Wow! Great!\n\nAmazing!\n"))
    assert [(f.line, f.column, f.end_line, f.message) for f in found] == [
        (1, 1, 3, "3 exclamations")
    ]


def test_occurrence_per_document_counts_only_blocks_in_scope(tmp_path):
    rules = house(
        tmp_path,
        "house.exclaim",
        "extends: occurrence\nmessage: '%s'\nscope: [document, ~heading]\ntoken: '!'\nmax: 1\n",
    )
    assert [f.message for f in active(run(rules, "Wow!\n\n# Big news!\n\nGreat!\n"))] == ["2"]
    assert active(run(rules, "# Big news!\n\nGreat!\n\n## More!\n")) == []


def test_occurrence_skips_whole_quotes_unless_included(tmp_path):
    body = "extends: occurrence\nmessage: '%s'\nscope: sentence\ntoken: '\\w+'\nmax: 3\n"
    skip = house(tmp_path / "a", "house.words", body)
    include = house(tmp_path / "b", "house.words", body + "quotes: include\n")
    text = "“One two three four five.”\n"
    assert active(run(skip, text)) == []
    assert [f.message for f in active(run(include, text))] == ["5"]


# -- consistency --------------------------------------------------------------------------------------
EITHER = """
extends: consistency
message: "'%s' here, '%s' elsewhere: pick one."
level: warning
ignorecase: true
either:
  email: e-mail
  "adviser": "advisor"
"""


def test_consistency_reports_each_minority_occurrence(tmp_path):
    rules = house(tmp_path, "house.spelling", EITHER)
    text = "Send email. Then e-mail. Then email. And E-mail.\n\nAn email again.\n"
    found = active(run(rules, text))
    assert [(f.line, f.column, f.text, f.severity.value) for f in found] == [
        (1, 18, "e-mail", "warning"),
        (1, 42, "E-mail", "warning"),
    ]
    assert found[0].message == "'e-mail' here, 'email' elsewhere: pick one."


def test_consistency_tie_is_one_note_at_the_form_that_came_second(tmp_path):
    rules = house(tmp_path, "house.spelling", EITHER)
    found = active(
        run(rules, "Our advisor said so. The adviser agreed. Ask an adviser or an advisor.\n")
    )
    assert [(f.column, f.text, f.severity.value) for f in found] == [(26, "adviser", "info")]
    assert found[0].message == "'adviser' here, 'advisor' elsewhere: pick one."


def test_consistency_is_silent_with_one_form(tmp_path):
    rules = house(tmp_path, "house.spelling", EITHER)
    assert active(run(rules, "Send email, email and EMAIL.\n")) == []


def test_consistency_names_the_other_form_as_written_not_its_pattern(tmp_path):
    rules = house(
        tmp_path,
        "house.ok",
        "extends: consistency\nmessage: \"'%s' here, '%s' elsewhere\"\neither:\n  'ok(?:ay)?': 'OK'\n",
    )
    found = active(run(rules, "It is okay. Really okay. Fine, OK.\n"))
    assert [(f.text, f.message) for f in found] == [("OK", "'OK' here, 'okay' elsewhere")]


def test_consistency_text_matching_both_forms_counts_for_neither(tmp_path):
    rules = house(
        tmp_path,
        "house.ok",
        "extends: consistency\nmessage: \"'%s' here, '%s' elsewhere\"\nignorecase: true\neither:\n  'ok(?:ay)?': 'OK'\n",
    )
    # With ignorecase, "OK" is both forms: only "okay" is evidence, so nothing is mixed.
    assert active(run(rules, "It is OK. It is okay. Really OK. Fine OK.\n")) == []


# -- requirement ----------------------------------------------------------------------------------------
DISCLOSE = """
extends: requirement
message: "%s needs a disclosure (%s)."
level: error
trigger:
  tokens: ['use code \\w+']
  links:
    - name: Shop affiliate link
      host: (?:^|\\.)shop\\.example$
      query: [aff]
require:
  tokens: ['we earn a commission']
"""


def test_requirement_missing_reports_the_first_trigger(tmp_path):
    rules = house(tmp_path, "house.disclose", DISCLOSE)
    text = "Great deal.\n\nBuy at [Shop](https://www.shop.example/item?aff=me).\n\nOr use code SAVE10.\n"
    found = active(run(rules, text))
    assert [(f.line, f.column, f.text, f.severity.value) for f in found] == [
        (3, 8, "[Shop](https://www.shop.example/item?aff=me)", "error")
    ]
    assert found[0].message == "A Shop affiliate link needs a disclosure ()."


def test_requirement_satisfied_anywhere(tmp_path):
    rules = house(tmp_path, "house.disclose", DISCLOSE)
    text = "Use code SAVE10 today.\n\n*We earn a commission on sales.*\n"
    assert active(run(rules, text)) == []


def test_requirement_link_must_match_host_and_query(tmp_path):
    rules = house(tmp_path, "house.disclose", DISCLOSE)
    text = "See [a](https://shop.example/item) and [b](https://notshop.example/x?aff=1) and [c](https://shop.example.evil.test/?aff=1).\n"
    assert active(run(rules, text)) == []
    bare = active(run(rules, "Buy at shop.example/item?aff=me now.\n"))
    assert [f.text for f in bare] == ["shop.example/item?aff=me"]


def test_requirement_report_each(tmp_path):
    rules = house(tmp_path, "house.disclose", DISCLOSE + "report: each\n")
    text = "Use code ONE.\n\nUse code TWO and [x](https://shop.example/?aff=2).\n"
    assert [(f.line, f.text) for f in active(run(rules, text))] == [
        (1, "Use code ONE"),
        (3, "Use code TWO"),
        (3, "[x](https://shop.example/?aff=2)"),
    ]


def test_requirement_trigger_exceptions_cover_a_phrase_around_the_token(tmp_path):
    spec = DISCLOSE.replace(
        "  tokens: ['use code \\w+']\n",
        "  tokens: ['use code \\w+']\n  exceptions: ['in-store use code \\w+']\n",
    )
    rules = house(tmp_path, "house.disclose", spec + "report: each\n")
    text = "For in-store use code SHOP1 at the till.\n\nOnline, use code WEB2.\n"
    assert [f.text for f in active(run(rules, text))] == ["use code WEB2"]


def test_requirement_before_trigger_and_late(tmp_path):
    rules = house(
        tmp_path,
        "house.placement",
        DISCLOSE.replace("require:\n", "when: late\nrequire:\n  within: before-trigger\n"),
    )
    late = "Use code SAVE10.\n\nMore text.\n\nWe earn a commission.\n"
    found = active(run(rules, late))
    assert [(f.line, f.message) for f in found] == [
        (1, "'Use code SAVE10' needs a disclosure (line 5).")
    ]
    early = "We earn a commission.\n\nUse code SAVE10.\n"
    same_paragraph = "Use code SAVE10 (we earn a commission).\n"
    nothing = "Use code SAVE10.\n"
    assert active(run(rules, early)) == []
    assert active(run(rules, same_paragraph)) == []
    assert (
        active(run(rules, nothing)) == []
    )  # "late" says nothing when there is no disclosure at all


def test_requirement_missing_before_trigger(tmp_path):
    rules = house(
        tmp_path,
        "house.placement",
        DISCLOSE.replace("require:\n", "require:\n  within: before-trigger\n"),
    )
    assert [f.line for f in active(run(rules, "Use code SAVE10.\n\nWe earn a commission.\n"))] == [
        1
    ]
    assert active(run(rules, "We earn a commission.\n\nUse code SAVE10.\n")) == []


LABEL = """
extends: requirement
message: "Sponsored (%s) but not labelled."
trigger:
  front-matter:
    sponsored: true
    sponsor: "*"
  tokens: ['brought to you by']
require:
  tokens: ['sponsored', 'paid post']
  front-matter:
    label: '(?i)sponsor|paid'
  within: opening
"""


def test_requirement_front_matter_trigger_points_at_the_key(tmp_path):
    rules = house(tmp_path, "house.label", LABEL)
    text = "---\ntitle: Desk lights\nsponsored: true\n---\nGood lighting is an inexpensive upgrade for an office.\n\nSponsored by Lumora.\n"
    found = active(run(rules, text))
    assert [(f.line, f.column, f.text) for f in found] == [(3, 1, "sponsored: true")]
    assert found[0].message == "Sponsored (front matter 'sponsored') but not labelled."


@pytest.mark.parametrize(
    "text",
    [
        "---\ntitle: Desk lights (Sponsored)\nsponsored: true\n---\nGood lighting is an inexpensive upgrade.\n",
        "---\nsponsor: Lumora\nlabel: Paid post\n---\nGood lighting is an inexpensive upgrade.\n",
        "---\nsponsor: Lumora\n---\n# Desk lights\n\nSponsored: good lighting is an inexpensive upgrade for you.\n",
        "---\nsponsored: false\n---\nGood lighting is an inexpensive upgrade.\n",
        "Good lighting is an inexpensive upgrade for any office.\n",
    ],
    ids=["title", "label-key", "first-paragraph", "falsy-trigger", "no-trigger"],
)
def test_requirement_opening_is_satisfied(tmp_path, text):
    rules = house(tmp_path, "house.label", LABEL)
    assert active(run(rules, text)) == []


def test_requirement_opening_not_satisfied_by_a_later_paragraph(tmp_path):
    rules = house(tmp_path, "house.label", LABEL)
    text = "This guide is brought to you by Lumora, the lamp company.\n\nA second paragraph that is sponsored.\n"
    found = active(run(rules, text))
    assert [(f.line, f.column, f.text) for f in found] == [(1, 15, "brought to you by")]


def test_requirement_top_lines(tmp_path):
    rules = house(
        tmp_path,
        "house.dated",
        """
        extends: requirement
        message: "%s: this draft has no date."
        trigger:
          tokens: [yesterday, today]
        require:
          front-matter:
            date: "*"
          tokens: ['[A-Z]+, \\w+ \\d+ —']
          within: top
          lines: 3
        report: each
        """,
    )
    assert [f.text for f in active(run(rules, "Headline\n\nIt rained yesterday and today.\n"))] == [
        "yesterday",
        "today",
    ]
    assert active(run(rules, "---\ndate: 2024-05-02\n---\nIt rained yesterday.\n")) == []
    assert active(run(rules, "PARIS, May 2 — It rained yesterday.\n")) == []
    late = "Headline\n\nOne.\n\nPARIS, May 2 — It rained yesterday.\n"
    assert [f.text for f in active(run(rules, late))] == ["yesterday"]


def test_requirement_options_extend_triggers_and_accepted_wording(tmp_path):
    rules = house(tmp_path, "house.disclose", DISCLOSE)
    text = "Buy at [Deals](https://deals.partner.example/x). Our partners pay us.\n"
    assert active(run(rules, text)) == []
    opts = {"house.disclose": {"trigger-hosts": ["partner.example"]}}
    assert [f.text for f in active(run(rules, text, options=opts))] == [
        "[Deals](https://deals.partner.example/x)"
    ]
    opts["house.disclose"]["accept"] = ["our partners pay us"]
    assert active(run(rules, text, options=opts)) == []
    opts = {"house.disclose": {"triggers": ["promo link"]}}
    assert [f.text for f in active(run(rules, "Click the promo link.\n", options=opts))] == [
        "promo link"
    ]


# -- python -------------------------------------------------------------------------------------------
def test_python_rule_resolves_a_built_in_check(tmp_path):
    """A house rule may reuse a built-in check under its own id, message and level."""
    folder = tmp_path / "styles"
    write_rule(
        folder,
        "house.weasel",
        "extends: python\ncheck: claims.weasel-attribution\nmessage: \"House: '%s' needs a name.\"\nlevel: error\n",
    )
    rules = load_rules([folder], use_cache=False)
    rule = rules.get("house.weasel")
    assert rule is not None and rule.extension == "python" and not rule.builtin
    # The built-in rule's own first bad example: the house rule must flag the same span.
    from .helpers import unmark

    example = next(e for e in rules.get("claims.weasel-attribution").examples if e.verdict == "bad")
    text, marks = unmark(example.text)
    result = run(
        rules,
        text,
        "draft.txt" if example.format == "text" else "draft.md",
        select=["house.weasel"],
    )
    found = active(result)
    assert [(f.rule, f.severity.value) for f in found] == [("house.weasel", "error")] * len(
        found
    ) and found
    assert set(marks) <= {(f.start, f.end) for f in found}
    assert found[0].message.startswith("House: '") and found[0].message.endswith("' needs a name.")
    assert "rule.crash" not in {f.rule for f in result.findings}


def test_python_house_rule_options_override_the_built_in_defaults(tmp_path):
    folder = tmp_path / "styles"
    write_rule(
        folder,
        "house.weasel",
        "extends: python\ncheck: claims.weasel-attribution\nmessage: x\noptions:\n  quantifiers: [many]\n",
    )
    rules = load_rules([folder], use_cache=False)
    house_rule, built_in = rules.get("house.weasel"), rules.get("claims.weasel-attribution")
    assert house_rule.options["quantifiers"] == ["many"]
    assert {k: v for k, v in house_rule.options.items() if k != "quantifiers"} == {
        k: v for k, v in built_in.options.items() if k != "quantifiers"
    }
    assert built_in.options["quantifiers"] != ["many"]  # the built-in rule keeps its own


def test_python_rule_cannot_name_code_from_the_repository(tmp_path):
    (tmp_path / "evil.py").write_text("raise SystemExit('imported!')\n")
    for name in ("evil:check", "evil.check", "os.system"):
        write_rule(
            tmp_path / "styles", "house.evil", f"extends: python\ncheck: '{name}'\nmessage: x\n"
        )
        with pytest.raises(RuleFileError) as caught:
            load_rules([tmp_path / "styles"], use_cache=False, strict=True)
        assert "no check named" in str(caught.value) and "lintnews.checks" in str(caught.value)
        assert caught.value.line == 2


def install_plugin(tmp_path, monkeypatch, name: str, body: str) -> None:
    """A plugin distribution on sys.path that registers ``name`` under lintnews.checks."""
    site = tmp_path / "site"
    package = "plugin_" + name.replace(".", "_").replace("-", "_")
    (site / package).mkdir(parents=True)
    (site / package / "__init__.py").write_text(body)
    dist = site / f"{package}-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {package}\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text(f"[lintnews.checks]\n{name} = {package}:check\n")
    monkeypatch.syspath_prepend(str(site))


def test_python_rule_from_an_installed_plugin(tmp_path, monkeypatch):
    """Checks registered under the lintnews.checks entry-point group can be named."""
    install_plugin(
        tmp_path,
        monkeypatch,
        "shout.caps",
        "import re\n"
        "from lintnews.model import Match\n"
        "from lintnews.source import Span\n"
        "def check(doc, rule, ctx):\n"
        "    for m in re.finditer(r'\\b[A-Z]{4,}\\b', doc.prose):\n"
        "        yield Match(Span(m.start(), m.end()), args=(m.group(0),))\n",
    )
    write_rule(
        tmp_path / "styles",
        "house.shout",
        "extends: python\ncheck: shout.caps\nmessage: \"Don't shout '%s'.\"\n",
    )
    rules = load_rules([tmp_path / "styles"], use_cache=False, strict=True)
    found = active(run(rules, "This is VERY loud.\n", select=["house.shout"]))
    assert [(f.column, f.message) for f in found] == [(9, "Don't shout 'VERY'.")]


def test_a_crashing_check_is_reported_and_other_rules_still_run(tmp_path, monkeypatch):
    install_plugin(
        tmp_path,
        monkeypatch,
        "house.crash",
        "def check(doc, rule, ctx):\n    raise ValueError('boom')\n",
    )
    write_rule(
        tmp_path / "rules", "house.crash", "extends: python\ncheck: house.crash\nmessage: x\n"
    )
    write_rule(
        tmp_path / "rules", "house.zebra", "extends: existence\nmessage: x\ntokens: [zebra]\n"
    )
    from .house import ruleset

    rules = ruleset(tmp_path / "rules", "house.crash", "house.zebra")
    result = run(rules, "A zebra.\n")
    assert sorted(f.rule for f in result.findings) == ["house.zebra", "rule.crash"]
    crash = next(f for f in result.findings if f.rule == "rule.crash")
    assert "house.crash" in crash.message and "ValueError: boom" in crash.message


def test_cached_results_follow_the_check_code(tmp_path, monkeypatch):
    """Editing a check (a plugin, or lintnews' own modules in a checkout) must not serve stale
    results from the results cache: the file and the rule files are unchanged, the code is not."""
    from .clikit import spawn

    shout = (
        "import re\n"
        "from lintnews.model import Match\n"
        "from lintnews.source import Span\n"
        "def check(doc, rule, ctx):\n"
        "    for m in re.finditer(r'\\b[A-Z]{4,}\\b', doc.prose):\n"
        "        yield Match(Span(m.start(), m.end()), args=(m.group(0),))\n"
    )
    install_plugin(tmp_path, monkeypatch, "shout.caps", shout)
    write_rule(
        tmp_path / "styles",
        "house.shout",
        "extends: python\ncheck: shout.caps\nmessage: \"'%s'\"\n",
    )
    write(tmp_path / "lintnews.toml", 'rules = ["styles"]\nselect = ["house"]\n')
    write(tmp_path / "post.md", "This is VERY loud.\n")
    env = {"PYTHONPATH": str(tmp_path / "site"), "XDG_CACHE_HOME": str(tmp_path / "xdg")}
    first = spawn("check", "--format", "json", "post.md", cwd=tmp_path, env=env)
    assert [f["message"] for f in first.json()] == ["'VERY'"], first.stderr
    assert list((tmp_path / "xdg").rglob("results.sqlite3"))
    plugin = tmp_path / "site" / "plugin_shout_caps" / "__init__.py"
    plugin.write_text(shout.replace("{4,}", "{5,}"))  # the plugin now wants five capitals
    second = spawn("check", "--format", "json", "post.md", cwd=tmp_path, env=env)
    assert second.json() == [], "stale results from the cache"
