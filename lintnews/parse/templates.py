"""Template syntax in Markdown drafts: Hugo shortcodes, Jekyll/Liquid tags, MDX imports.

Static-site drafts carry markup that is not prose: ``{{< figure src=… >}}``, ``{{% notice %}}``,
``{% include image.html … %}``, ``{{ site.url }}`` and, in MDX, ``import``/``export`` lines.
None of it is linted as prose: the tags are blanked out of the prose view, and what a tag
wraps is blanked too when it is code (``{% highlight %}``, ``{{< highlight >}}``, ``{% raw %}``)
or a comment. Images written as tags are still images: ``figure``/``img`` shortcodes and
Jekyll image includes become ``Image`` records with their alt text, caption and credit.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Iterator
from dataclasses import dataclass

from ..document import Image
from ..source import Span

# One tag: Hugo "{{< … >}}" / "{{% … %}}" (and their "{{</* … */>}}" escapes), Liquid
# "{% … %}" and "{{ … }}" (with "-" whitespace control). Bounded so a stray "{{" cannot
# make a search run to the end of a long file.
TAG = re.compile(
    r"\{\{<[^\n]{0,2000}?>\}\}|\{\{%[^\n]{0,2000}?%\}\}|\{%-?[^\n]{0,2000}?-?%\}|\{\{-?[^\n{}]{0,500}?-?\}\}"
)
_NAME = re.compile(r"^\{[{%][<%]?-?\s*(/?)\s*([\w./-]+)")
# Tags whose body is code or a comment, not prose.
OPAQUE = frozenset({"highlight", "raw", "comment", "code", "codeblock", "mermaid", "math", "katex"})
IMAGE_SHORTCODES = frozenset({"figure", "img", "image", "picture", "photo"})
_INCLUDE_IMAGE = re.compile(r"^(?:include|include_relative)$")
# Liquid/Nunjucks image shortcodes ("{% image … %}", "{% image_with_class … %}") and what
# their first argument must look like to be a picture
_LIQUID_IMAGE = re.compile(r"^(?:image|img|figure|picture|photo)(?:[_-][\w-]+)?$")
_IMAGE_PATH = re.compile(r"\.(?:jpe?g|png|gif|webp|avif|svg|tiff?|heic)(?:[?#]|$)|/", re.IGNORECASE)
_INCLUDE_FILE = re.compile(r"(?:^|/)(?:image|img|figure|picture|photo)[\w-]*\.html?$", re.I)
# MDX: ESM import/export statements on their own lines.
MDX_STATEMENT = re.compile(
    r"(?m)^(?:import\s[^\n]*?(?:\sfrom\s+)?['\"][^'\"\n]+['\"];?|export\s+(?:const|let|var|function|default|\{)[^\n]*)[ \t]*$"
)
# GitHub/Obsidian admonition markers ("> [!NOTE]"): the box's title, rendered as an icon.
ADMONITION = re.compile(r"(?m)^[ \t]*>[ \t>]*(\[![A-Za-z]+\][+-]?)")
SRC_KEYS = ("src", "url", "image", "file", "path", "img")
ALT_KEYS = ("alt", "description", "desc", "alt_text")
CAPTION_KEYS = ("caption", "title")
CREDIT_KEYS = ("attr", "credit", "attribution", "source", "photographer")


@dataclass
class TemplateInfo:
    hidden: list[Span]
    images: list[Image]


def scan(text: str, start: int, skip: list[Span]) -> TemplateInfo:
    """Template tags in ``text`` from ``start`` on, except inside the ``skip`` spans (code)."""
    info = TemplateInfo([], [])
    if (
        "{" not in text[start:]
        and "import" not in text
        and "export" not in text
        and "[!" not in text
    ):
        return info
    tags = [m for m in TAG.finditer(text, start) if not _inside(m.start(), skip)]
    opened: dict[str, int] = {}
    for match in tags:
        raw = match.group(0)
        info.hidden.append(Span(match.start(), match.end()))
        name = _NAME.match(raw)
        if name is None:
            continue
        closing, tag = name.group(1), name.group(2).lower()
        base = tag[3:] if tag.startswith("end") and tag[3:] in OPAQUE else tag
        if base in OPAQUE:
            if closing or tag != base:
                if base in opened:
                    info.hidden.append(Span(opened.pop(base), match.start()))
            else:
                opened.setdefault(base, match.end())
            continue
        image = _image(raw, tag, match.start(), match.end())
        if image is not None:
            info.images.append(image)
    for match in ADMONITION.finditer(text, start):
        if not _inside(match.start(1), skip):
            info.hidden.append(Span(match.start(1), match.end(1)))
    for match in MDX_STATEMENT.finditer(text, start):
        if not _inside(match.start(), skip):
            info.hidden.append(Span(match.start(), match.end()))
    return info


def _inside(offset: int, spans: list[Span]) -> bool:
    return any(span.start <= offset < span.end for span in spans)


def _image(raw: str, tag: str, start: int, end: int) -> Image | None:
    params = dict(_params(raw))
    positional: list[str] = []
    if tag in IMAGE_SHORTCODES and raw.startswith(("{{<", "{{%")):
        pass
    elif _INCLUDE_IMAGE.match(tag) and _INCLUDE_FILE.search(next(iter(_words(raw)), "")):
        pass
    elif _LIQUID_IMAGE.match(tag) and raw.startswith("{%"):
        # Eleventy/Jekyll image shortcodes take their arguments in order: {% image "src"
        # "alt" %}, {% image_with_class "src" "class" "alt" %}
        positional = [w for w in _words(raw) if "=" not in w.split(" ", 1)[0]]
        if not positional or not _IMAGE_PATH.search(positional[0]):
            return None
    else:
        return None
    src = next((params[k] for k in SRC_KEYS if k in params), positional[0] if positional else "")
    alt = next(
        (params[k] for k in ALT_KEYS if k in params),
        positional[-1] if len(positional) > 1 else None,
    )
    caption = next((params[k] for k in CAPTION_KEYS if params.get(k)), None)
    if alt is None and tag == "figure" and raw.startswith("{{"):
        alt = params.get("caption")  # Hugo's figure falls back to the caption for alt
    credit = next((params[k] for k in CREDIT_KEYS if params.get(k)), None)
    return Image(
        span=Span(start, end),
        src=src,
        alt=alt,
        kind="shortcode",
        caption=caption,
        credit=credit,
    )


def _words(raw: str) -> list[str]:
    """The tag's words after its name, shell-split (quoted values keep their spaces)."""
    body = _NAME.sub("", raw, count=1)
    body = re.sub(r"-?\s*[%>]?[%}]\}?$", "", body).strip()
    try:
        return shlex.split(body, posix=True)
    except ValueError:
        return body.split()


def _params(raw: str) -> Iterator[tuple[str, str]]:
    for word in _words(raw):
        key, sep, value = word.partition("=")
        if sep and key:
            yield key.lower(), value
