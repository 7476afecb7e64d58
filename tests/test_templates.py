"""Template syntax (Hugo shortcodes, Liquid tags, MDX statements, raw HTML) is never prose,
and the images written in it are still checked."""

from __future__ import annotations

from lintnews.parse import parse_document

from .helpers import lint

# Every line below holds words that would trip a rule if they were read as prose.
NOT_PROSE = """\
---
title: Notes
date: 2024-05-01
---

import Chart from '../components/Chart.astro'
export const meta = { title: "Experts believe the best tool ever" }

{{< youtube id="the the" title="Critics argue it is the best ever, 45% of users say" >}}

{{% callout note="Experts believe it is the most revolutionary" %}}

{% assign total = "critics argue 45% of users say so" %}

Open {{ site.url | append: "studies show the the best" }} for details.

{% highlight python %}
print("experts believe 45% of users say the the best")
{% endhighlight %}

{{< highlight go >}}
// studies show this is the the best, yesterday
{{< /highlight >}}

{% comment %}
Critics argue this draft is the best ever written yesterday.
{% endcomment %}

<Chart title="Experts believe the best" data={[45, 46]} />

<ul>
  <li data-note="critics argue the the best">Plain item</li>
</ul>
"""


def test_no_rule_fires_on_template_syntax(ruleset):
    findings = lint(NOT_PROSE, ruleset, path="post.mdx")
    assert [(f.line, f.rule) for f in findings] == []


def test_the_same_words_as_prose_do_fire(ruleset):
    # the control: the words above are findings when they are prose
    text = (
        "---\ndate: 2024-05-01\n---\n\nCritics argue it is the the best, and 45% of users say so.\n"
    )
    rules = {f.rule for f in lint(text, ruleset, path="post.md")}
    assert {"claims.weasel-attribution", "claims.unsourced-statistic"} <= rules


def test_figure_and_img_shortcodes_are_images():
    doc = parse_document(
        "post.md",
        '{{< figure src="/img/lake.jpg" alt="A lake" caption="Dawn. Photo: Jane Roe" >}}\n\n'
        '{{< img src="/img/x.png" >}}\n\n'
        '{{< figure src="/img/b.jpg" alt="" attr="Jo Bloggs" >}}\n\n'
        '{% include image.html url="/assets/p.jpg" description="Our booth" %}\n\n'
        "{% include toc.html %}\n",
    )
    images = [(i.src, i.alt, i.caption, i.credit) for i in doc.images]
    assert images == [
        ("/img/lake.jpg", "A lake", "Dawn. Photo: Jane Roe", None),
        ("/img/x.png", None, None, None),
        ("/img/b.jpg", "", None, "Jo Bloggs"),
        ("/assets/p.jpg", "Our booth", None, None),
    ]


def test_shortcode_images_are_checked_for_alt_and_credit(ruleset):
    text = (
        "---\ndate: 2024-05-01\n---\n\n"
        '{{< figure src="/img/lake.jpg" alt="A lake" caption="Photo: Jane Roe" >}}\n\n'
        '{{< figure src="/img/b.jpg" alt="A boat" attr="Jo Bloggs" >}}\n\n'
        '{{< img src="/img/x.png" >}}\n\n'
        '{% include image.html url="/assets/p.jpg" description="" %}\n'
    )
    found = sorted((f.line, f.rule) for f in lint(text, ruleset, select=["media"]))
    assert found == [
        (9, "media.image-alt-missing"),
        (9, "media.image-credit-missing"),
        (11, "media.image-alt-missing"),
        (11, "media.image-credit-missing"),
    ]


def test_a_tag_inside_code_is_not_read():
    doc = parse_document("post.md", 'Write `{{< figure src="/a.png" >}}` to add one.\n')
    assert doc.images == []


def test_liquid_image_tags_take_positional_arguments():
    doc = parse_document(
        "post.md",
        '{% image "assets/blog/fair.jpg" "Stalls at the fair" %}\n\n'
        '{% image_with_class "assets/a.png" "width-500px" "The delegation" %}\n\n'
        '{% image "assets/b.jpg" %}\n\n'
        '{% image_size "large" %}\n',
    )
    images = [(i.src, i.alt, i.kind) for i in doc.images]
    assert images == [
        ("assets/blog/fair.jpg", "Stalls at the fair", "shortcode"),
        ("assets/a.png", "The delegation", "shortcode"),
        ("assets/b.jpg", None, "shortcode"),
    ]


def test_jsx_image_components_are_images_and_svg_image_is_not():
    doc = parse_document(
        "post.mdx",
        'import { Image } from "astro:assets";\n\n'
        '<Image src={hero} alt="" />\n\n'
        '<svg><image href="/dot.png" /></svg>\n',
    )
    assert [(i.src, i.alt, i.kind) for i in doc.images] == [("{hero}", "", "html")]
