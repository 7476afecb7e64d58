"""The Document: prose view, blocks, sentences, quotes, links, images, tables, footnotes and
plain text, all with spans into the original text."""

from __future__ import annotations

import pytest

from lintnews.parse import parse_document
from lintnews.parse.segment import split_sentences


def parse(text: str, path: str = "draft.md"):
    return parse_document(path, text)


def at(text: str, needle: str, occurrence: int = 0) -> int:
    index = -1
    for _ in range(occurrence + 1):
        index = text.index(needle, index + 1)
    return index


def masked(doc, needle: str) -> bool:
    """True when every character of ``needle`` (first occurrence) is blank in the prose view."""
    start = at(doc.text, needle)
    return doc.prose[start : start + len(needle)].strip() == ""


def kept(doc, needle: str) -> bool:
    start = at(doc.text, needle)
    return doc.prose[start : start + len(needle)] == needle


def sentences(doc) -> list[str]:
    return [doc.text_of(s.span) for s in doc.sentences]


# -- the prose view -------------------------------------------------------------------------
MIXED = """---
title: Front matter title
tags: [a, b]
---
# Heading words

Read [the link text](https://dest.example/path "A title") and ![alt words](pic.png) here.
Some `inline code` and <span class="x">tagged words</span> and <!-- a hidden comment --> end.
Visit https://bare.example/page?id=1 or www.www-site.example or tradewell.example/invite?ref=X now.

```python
fenced = "code"
```

~~~
tilde fenced
~~~

    indented code block

<div class="box">
Block html words
<!-- block comment -->
</div>

Autolink <https://auto.example/x> and ref [ref words][r1] and <a href="https://a.example">anchor words</a>.

[r1]: https://ref.example/one
"""


@pytest.fixture(scope="module")
def mixed():
    return parse(MIXED)


def test_prose_view_has_the_same_length_and_line_ends(mixed):
    assert len(mixed.prose) == len(mixed.text)
    assert [i for i, c in enumerate(mixed.prose) if c == "\n"] == [
        i for i, c in enumerate(mixed.text) if c == "\n"
    ]


@pytest.mark.parametrize(
    "needle",
    [
        "title: Front matter title",
        "tags: [a, b]",
        "https://dest.example/path",
        '"A title"',
        "![alt words](pic.png)",
        "`inline code`",
        '<span class="x">',
        "</span>",
        "<!-- a hidden comment -->",
        "https://bare.example/page?id=1",
        "www.www-site.example",
        "tradewell.example/invite?ref=X",
        'fenced = "code"',
        "tilde fenced",
        "indented code block",
        '<div class="box">',
        "<!-- block comment -->",
        "<https://auto.example/x>",
        "[r1]: https://ref.example/one",
        '<a href="https://a.example">',
        "</a>",
        "# ",
    ],
)
def test_non_prose_is_masked(mixed, needle):
    assert masked(mixed, needle), repr(mixed.prose[at(mixed.text, needle) :][: len(needle)])


@pytest.mark.parametrize(
    "needle",
    [
        "Heading words",
        "the link text",
        "tagged words",
        "Block html words",
        "ref words",
        "anchor words",
        "Read ",
        " now.",
    ],
)
def test_prose_is_kept(mixed, needle):
    assert kept(mixed, needle)


def test_link_brackets_are_masked_but_text_kept(mixed):
    start = at(mixed.text, "[the link text]")
    assert mixed.prose[start] == " " and mixed.prose[start + 1 : start + 14] == "the link text"
    assert mixed.prose[start + 14] == " "


def test_code_spans_are_recorded(mixed):
    code = [mixed.text_of(span) for span in mixed.code_spans]
    assert "`inline code`" in code
    assert any('fenced = "code"' in piece for piece in code)
    assert any("indented code block" in piece for piece in code)
    assert any("tilde fenced" in piece for piece in code)


def test_emphasis_markers_are_masked_but_words_kept():
    doc = parse("Some **bold words** and _em words_ and ~~struck~~ text.\n")
    assert kept(doc, "bold words") and kept(doc, "em words") and kept(doc, "struck")
    assert masked(doc, "**") and masked(doc, "_em"[:1]) and masked(doc, "~~")


def test_unpaired_emphasis_characters_are_literal_prose():
    doc = parse("Rates 5 * 3 and snake_case_name and a lone ~tilde and **unclosed here.\n")
    assert (
        kept(doc, "5 * 3")
        and kept(doc, "snake_case_name")
        and kept(doc, "~tilde")
        and kept(doc, "**unclosed")
    )


def test_a_bare_url_with_underscores_is_one_link():
    text = "Buy at https://shop.example/deal_of_the_day?utm_source=aff_site now.\n"
    doc = parse(text)
    assert [link.url for link in doc.links] == [
        "https://shop.example/deal_of_the_day?utm_source=aff_site"
    ]
    assert masked(doc, "https://shop.example/deal_of_the_day?utm_source=aff_site")


def test_html_entities_and_markdown_escapes_keep_positions():
    doc = parse("Fish &amp; chips \\*not emphasis\\* and café.\n")
    assert len(doc.prose) == len(doc.text)
    assert kept(doc, "café.")


# -- blocks ---------------------------------------------------------------------------------
def test_blocks_and_their_kinds():
    doc = parse(
        "# Title\n\nIntro paragraph.\n\n## Section two\n\n- item one\n- item two\n\n> quoted para\n\n---\n\nAfter rule.\n"
    )
    kinds = [(b.kind, b.level, doc.text_of(b.span)) for b in doc.blocks]
    assert kinds == [
        ("heading", 1, "Title"),
        ("paragraph", 0, "Intro paragraph."),
        ("heading", 2, "Section two"),
        ("paragraph", 0, "item one"),
        ("paragraph", 0, "item two"),
        ("paragraph", 0, "quoted para"),
        ("paragraph", 0, "After rule."),
    ]
    assert [b.in_list for b in doc.blocks] == [False, False, False, True, True, False, False]
    assert [b.in_blockquote for b in doc.blocks] == [False, False, False, False, False, True, False]
    assert doc.rules_lines == [11]  # 0-based line of the thematic break
    assert doc.headline is doc.blocks[0]
    assert doc.title == "Title"


def test_setext_heading_and_title_from_front_matter():
    doc = parse("---\ntitle: From FM\n---\nSetext Title\n============\n\nBody.\n")
    assert doc.blocks[0].kind == "heading" and doc.text_of(doc.blocks[0].span) == "Setext Title"
    assert doc.title == "From FM"
    assert doc.metadata == {"title": "From FM"}


def test_no_headline_when_the_body_starts_with_a_paragraph():
    doc = parse("Just a paragraph.\n\n# Later heading\n")
    assert doc.headline is None and doc.title is None


def test_block_lookups():
    text = "First para here.\n\nSecond para. Two sentences.\n"
    doc = parse(text)
    offset = at(text, "Two")
    assert doc.block_index(offset) == 1
    assert doc.block_at(at(text, "\n\n") + 1) is None
    assert doc.text_of(doc.sentence_at(offset).span) == "Two sentences."
    assert [doc.text_of(s.span) for s in doc.block_sentences(1)] == [
        "Second para.",
        "Two sentences.",
    ]


# -- sentences ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The U.S. economy grew 4.5 percent. Officials cheered.",
            ["The U.S. economy grew 4.5 percent.", "Officials cheered."],
        ),
        (
            "Dr. Smith of Acme Inc. said so. Then he left.",
            ["Dr. Smith of Acme Inc. said so.", "Then he left."],
        ),
        (
            "Sen. Warren and Rep. Ocasio-Cortez spoke. Gov. Hochul did not.",
            ["Sen. Warren and Rep. Ocasio-Cortez spoke.", "Gov. Hochul did not."],
        ),
        (
            "J. R. R. Tolkien wrote it. Franck V. Smith read it.",
            ["J. R. R. Tolkien wrote it.", "Franck V. Smith read it."],
        ),
        (
            "Prices rose 2.5%. Then fell to $4.50 a share.",
            ["Prices rose 2.5%.", "Then fell to $4.50 a share."],
        ),
        (
            "It opened at 9 a.m. on Monday. Lines formed.",
            ["It opened at 9 a.m. on Monday.", "Lines formed."],
        ),
        ("Is it? Yes! It is… Really.", ["Is it?", "Yes!", "It is…", "Really."]),
        ('She said, "It is done." Then she left.', ['She said, "It is done."', "Then she left."]),
        ("See No. 5 and Fig. 2 for details. Done.", ["See No. 5 and Fig. 2 for details.", "Done."]),
        (
            "Mr. and Mrs. Smith arrived. The U.K. agreed.",
            ["Mr. and Mrs. Smith arrived.", "The U.K. agreed."],
        ),
        (
            "He moved to the U.S. The job started in May.",
            ["He moved to the U.S.", "The job started in May."],
        ),
        ("Shares of Acme Inc. It was a bad day.", ["Shares of Acme Inc.", "It was a bad day."]),
        ("The vote was 5-4. version 2.0 ships.", ["The vote was 5-4. version 2.0 ships."]),
    ],
)
def test_sentences_are_abbreviation_aware(text, expected):
    doc = parse(text + "\n")
    assert sentences(doc) == expected


def test_sentence_spans_skip_markup_and_stay_in_their_block():
    doc = parse("A [linked claim](https://x.example/a.b). Next one.\n\nOther block.\n")
    assert sentences(doc) == [
        "A [linked claim](https://x.example/a.b).",
        "Next one.",
        "Other block.",
    ]
    assert [s.block for s in doc.sentences] == [0, 0, 1]


def test_split_sentences_on_an_offset_window():
    prose = "xx Alpha one. Beta two. yy"
    assert split_sentences(prose, 3, 23) == [(3, 13), (14, 23)]


# -- quotes ---------------------------------------------------------------------------------
def test_straight_and_curly_quotes():
    text = "It's Sam's \"big day,\" she said. “We won’t stop,” he said, “until it’s done.” ‘Hi’ there.\n"
    doc = parse(text)
    assert [(q.kind, doc.text_of(q.span), doc.text_of(q.inner)) for q in doc.quotes] == [
        ("double", '"big day,"', "big day,"),
        ("curly", "“We won’t stop,”", "We won’t stop,"),
        ("curly", "“until it’s done.”", "until it’s done."),
        ("single", "‘Hi’", "Hi"),
    ]
    assert doc.is_quoted(at(text, "won’t")) and doc.is_quoted(at(text, "big"), at(text, "day") + 3)
    assert not doc.is_quoted(at(text, "she said"))
    assert not doc.is_quoted(at(text, "big"), at(text, "she") + 3)  # runs past the quote's end
    assert doc.unclosed_quotes == []


def test_inch_marks_and_apostrophes_are_not_quotes():
    doc = parse('The 5" screen and 12" record in the ’90s are rock ’n’ roll.\n')
    assert doc.quotes == []


def test_unclosed_quotes_are_recorded_separately():
    text = "“Paragraph one of a long quote.\n\n“Paragraph two ends here,” she said.\n"
    doc = parse(text)
    assert [doc.text_of(q.span) for q in doc.quotes] == ["“Paragraph two ends here,”"]
    assert [doc.text_of(span) for span in doc.unclosed_quotes] == [
        "“Paragraph one of a long quote."
    ]
    assert not doc.is_quoted(at(text, "one of"))


def test_a_multi_line_blockquote_is_one_quote():
    text = "Intro.\n\n> First line of the quote\n> second line of it.\n>\n> Another paragraph.\n\nAfter.\n"
    doc = parse(text)
    blockquotes = [q for q in doc.quotes if q.kind == "blockquote"]
    assert len(blockquotes) == 1
    assert (
        doc.text_of(blockquotes[0].span)
        == "> First line of the quote\n> second line of it.\n>\n> Another paragraph."
    )
    assert doc.is_quoted(at(text, "second line")) and doc.is_quoted(at(text, "Another"))
    assert not doc.is_quoted(at(text, "After"))
    assert doc.blocks[blockquotes[0].block].span.start == at(text, "First line")


def test_a_blockquote_with_a_list_ends_at_its_last_line():
    text = "> - one\n> - two\n\nAfter.\n"
    doc = parse(text)
    (quote,) = [q for q in doc.quotes if q.kind == "blockquote"]
    assert doc.text_of(quote.span) == "> - one\n> - two"


def test_quotes_in_plain_text():
    doc = parse("Headline\n\nHe said “yes” and left.\n", "draft.txt")
    assert [doc.text_of(q.span) for q in doc.quotes] == ["“yes”"]


# -- links ------------------------------------------------------------------------------------
def links(doc) -> list[tuple[str, str, str, str | None]]:
    return [
        (
            link.kind,
            link.url,
            doc.text_of(link.span),
            doc.text_of(link.text_span) if link.text_span else None,
        )
        for link in doc.links
    ]


def test_link_kinds(mixed):
    found = links(mixed)
    assert (
        "inline",
        "https://dest.example/path",
        '[the link text](https://dest.example/path "A title")',
        "the link text",
    ) in found
    assert ("reference", "https://ref.example/one", "[ref words][r1]", "ref words") in found
    assert ("autolink", "https://auto.example/x", "<https://auto.example/x>", None) in found
    assert (
        "bare",
        "https://bare.example/page?id=1",
        "https://bare.example/page?id=1",
        None,
    ) in found
    assert ("bare", "https://www.www-site.example", "www.www-site.example", None) in found
    assert (
        "bare",
        "https://tradewell.example/invite?ref=X",
        "tradewell.example/invite?ref=X",
        None,
    ) in found
    assert (
        "html",
        "https://a.example",
        '<a href="https://a.example">anchor words</a>',
        "anchor words",
    ) in found
    assert [link.span.start for link in mixed.links] == sorted(
        link.span.start for link in mixed.links
    )


def test_collapsed_and_shortcut_references():
    doc = parse(
        "See [Collapsed][] and [Shortcut] here.\n\n[collapsed]: https://c.example\n[shortcut]: https://s.example\n"
    )
    assert links(doc) == [
        ("reference", "https://c.example", "[Collapsed][]", "Collapsed"),
        ("reference", "https://s.example", "[Shortcut]", "Shortcut"),
    ]


def test_bare_urls_drop_sentence_punctuation():
    doc = parse("See https://x.example/a. Or (https://y.example/b), or example.com/path?q=1!\n")
    assert [link.url for link in doc.links] == [
        "https://x.example/a",
        "https://y.example/b",
        "https://example.com/path?q=1",
    ]


def test_a_bare_url_keeps_balanced_parentheses():
    doc = parse("See https://en.wikipedia.org/wiki/Foo_(bar) for more.\n")
    assert [link.url for link in doc.links] == ["https://en.wikipedia.org/wiki/Foo_(bar)"]


def test_emails_and_file_names_are_not_bare_urls():
    doc = parse("Mail desk@news.example or open report.pdf and notes.txt today.\n")
    assert doc.links == []


def test_html_links_in_blocks_and_inline():
    text = '<p>Buy at <a href="https://one.example/x">the store</a> now.</p>\n\nInline <a href="https://two.example">two words</a> here.\n'
    doc = parse(text)
    assert links(doc) == [
        (
            "html",
            "https://one.example/x",
            '<a href="https://one.example/x">the store</a>',
            "the store",
        ),
        ("html", "https://two.example", '<a href="https://two.example">two words</a>', "two words"),
    ]
    assert kept(doc, "two words") and masked(doc, '<a href="https://two.example">')


def test_links_in_bare_urls_in_plain_text():
    doc = parse(
        "Headline\n\nGo to https://plain.example/x or tradewell.example/invite?ref=X.\n",
        "draft.txt",
    )
    assert [(link.kind, link.url) for link in doc.links] == [
        ("bare", "https://plain.example/x"),
        ("bare", "https://tradewell.example/invite?ref=X"),
    ]
    assert masked(doc, "https://plain.example/x")


def test_links_in_a_span():
    text = "One [a](https://a.example). Two [b](https://b.example).\n"
    doc = parse(text)
    second = doc.sentences[1].span
    assert [link.url for link in doc.links_in(second)] == ["https://b.example"]


# -- images -----------------------------------------------------------------------------------
IMAGES = """Inline ![Alt one](one.png "Title one") and ![](empty.png) and ![ref alt][pic].

[pic]: https://img.example/ref.png "Ref title"

<img src="html.png" alt="HTML alt">
<img src="noalt.png">
<img src="deco.png" alt="" role="presentation">
<img src="empty-alt.png" alt="">

<figure>
  <img src="fig.png" alt="Figure alt">
  <figcaption>Photo: Jane Doe/AP</figcaption>
</figure>

<figure><figcaption>Caption first</figcaption><img src="late.png" alt="x"></figure>

Text with <img src="inline.png" alt="inline alt"> inside.
"""


def test_images():
    doc = parse(IMAGES)
    got = [(i.kind, i.src, i.alt, i.title, i.decorative, i.caption) for i in doc.images]
    assert got == [
        ("markdown", "one.png", "Alt one", "Title one", False, None),
        ("markdown", "empty.png", "", None, False, None),
        ("markdown", "https://img.example/ref.png", "ref alt", "Ref title", False, None),
        ("html", "html.png", "HTML alt", None, False, None),
        ("html", "noalt.png", None, None, False, None),
        ("html", "deco.png", "", None, True, None),
        ("html", "empty-alt.png", "", None, False, None),
        ("html", "fig.png", "Figure alt", None, False, "Photo: Jane Doe/AP"),
        ("html", "late.png", "x", None, False, "Caption first"),
        ("html", "inline.png", "inline alt", None, False, None),
    ]
    spans = [doc.text_of(i.span) for i in doc.images]
    assert spans[0] == '![Alt one](one.png "Title one")'
    assert spans[2] == "![ref alt][pic]"
    assert spans[3] == '<img src="html.png" alt="HTML alt">'
    assert doc.text_of(doc.images[7].caption_span) == "Photo: Jane Doe/AP"
    assert kept(doc, "Photo: Jane Doe/AP")  # a caption is prose
    assert masked(doc, "Alt one") and masked(doc, "ref alt")  # alt text is not body prose


# -- tables and footnotes ---------------------------------------------------------------------
def test_table_cells_are_blocks_with_exact_spans():
    text = "| Name | Score |\n|------|------:|\n| Ann recently | 10 |\n| Bob | 20 |\n"
    doc = parse(text)
    cells = [(b.kind, doc.text_of(b.span)) for b in doc.blocks]
    assert cells == [
        ("table_cell", "Name"),
        ("table_cell", "Score"),
        ("table_cell", "Ann recently"),
        ("table_cell", "10"),
        ("table_cell", "Bob"),
        ("table_cell", "20"),
    ]
    assert masked(doc, "|------|------:|")
    assert doc.blocks[2].span.start == at(text, "Ann")


def test_table_cells_with_repeated_values_map_to_their_own_column():
    text = "| a | a | a |\n|---|---|---|\n| x | x | x |\n"
    doc = parse(text)
    starts = [b.span.start for b in doc.blocks if doc.text_of(b.span) == "x"]
    assert starts == [at(text, "x", 0), at(text, "x", 1), at(text, "x", 2)]


def test_footnotes():
    text = "A claim.[^1] Another.[^note]\n\n[^1]: The first source.\n[^note]: Second source.\n"
    doc = parse(text)
    assert [doc.text_of(span) for span in doc.citations] == ["[^1]", "[^note]"]
    assert masked(doc, "[^1]") and masked(doc, "[^note]")
    footnotes = [doc.text_of(b.span) for b in doc.blocks if b.in_footnote]
    assert footnotes == ["The first source.", "Second source."]


# -- HTML comments ------------------------------------------------------------------------------
def test_comments_are_recorded_with_spans():
    text = "Para <!-- inline note --> end.\n\n<!--\nmulti\nline\n-->\n"
    doc = parse(text)
    assert [(c.text, doc.text_of(c.span)) for c in doc.comments] == [
        (" inline note ", "<!-- inline note -->"),
        ("\nmulti\nline\n", "<!--\nmulti\nline\n-->"),
    ]
    assert masked(doc, "multi") and masked(doc, "line\n-->")


def test_comments_in_code_are_not_comments():
    doc = parse("```\n<!-- lintnews-disable -->\n```\n\nUse `<!-- x -->` here.\n")
    assert doc.comments == []


# -- plain text -------------------------------------------------------------------------------
def test_plain_text_headline_paragraphs_and_directives():
    text = "\n\nThe Headline Line\nFirst para line one.\nline two.\n\n\nSecond para.\nlintnews-disable-next-line dates\nThird para.\n<!-- lintnews-enable -->\n"
    doc = parse(text, "draft.txt")
    assert doc.format == "text"
    assert [(b.kind, doc.text_of(b.span)) for b in doc.blocks] == [
        ("heading", "The Headline Line"),
        ("paragraph", "First para line one.\nline two."),
        ("paragraph", "Second para."),
        ("paragraph", "Third para."),
    ]
    assert doc.headline is doc.blocks[0] and doc.title == "The Headline Line"
    assert [c.text for c in doc.comments] == ["lintnews-disable-next-line dates", "lintnews-enable"]
    assert masked(doc, "lintnews-disable-next-line dates")
    assert masked(doc, "<!-- lintnews-enable -->")


def test_plain_text_headline_is_the_first_non_blank_line_only():
    doc = parse("  Indented headline  \nBody right under it.\n", "draft.txt")
    assert [(b.kind, doc.text_of(b.span).strip()) for b in doc.blocks] == [
        ("heading", "Indented headline"),
        ("paragraph", "Body right under it."),
    ]
    assert doc.title == "Indented headline"


def test_plain_text_markdown_syntax_is_prose():
    doc = parse("Headline\n\nA `tick` and [brackets](x) stay *as written*.\n", "draft.txt")
    assert kept(doc, "A `tick` and [brackets](x) stay *as written*.")


def test_plain_text_front_matter_is_not_prose():
    doc = parse("---\ntitle: T\n---\nHeadline here\n\nBody.\n", "draft.txt")
    assert masked(doc, "title: T")
    assert doc.blocks[0].kind == "heading" and doc.text_of(doc.blocks[0].span) == "Headline here"
    assert doc.metadata == {"title": "T"}


@pytest.mark.parametrize(
    "path", ["a.md", "a.markdown", "a.mdx", "A.MD", "a.txt", "a.text", "README"]
)
def test_format_from_file_name(path):
    from lintnews.parse import format_for

    assert format_for(path) == (
        "markdown" if path.lower().endswith((".md", ".markdown", ".mdx")) else "text"
    )


def test_caption_blocks():
    text = (
        "<figure>\n<img src='a.png' alt='x'>\n<figcaption>Photo: Jane Doe</figcaption>\n</figure>\n\n"
        "Body paragraph one.\n\n"
        "![pier](pier.png)\n*The pier at dawn. Photo: AP*\n\n"
        "![alone](alone.png)\n\nA short caption under it.\n\n"
        "An ordinary paragraph that follows.\n"
    )
    doc = parse(text)
    captions = [doc.prose_of(b.span).strip() for b in doc.blocks if b.caption]
    assert captions == [
        "Photo: Jane Doe",
        "The pier at dawn. Photo: AP",
        "A short caption under it.",
    ]
    assert not any(b.caption for b in parse("No images.\n\nAt all.\n").blocks)


def test_a_table_cell_with_escaped_pipes_keeps_exact_positions():
    text = "| a | b |\n|---|---|\n| x | left \\| mid \\| right |\n| next | row |\n"
    doc = parse(text)
    cell = doc.blocks[3]
    assert doc.text_of(cell.span) == "left \\| mid \\| right"
    assert kept(doc, "mid") and kept(doc, "right") and kept(doc, "left")
    start = at(text, "left")
    assert doc.prose[start : start + len("left \\| mid \\| right")] == "left  | mid  | right"
    assert doc.text_of(doc.blocks[4].span) == "next"
