"""Raw HTML inside Markdown: images, links, figure captions and comments, with positions.

Tags are read with the standard library's HTMLParser; only the positions it reports are
turned into file offsets, through the ``to_offset`` function the caller provides.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser

from ..document import Comment, Image, Link
from ..source import Span

TAG = re.compile(r"<[^>]*>")
COMMENT = re.compile(r"<!--([\s\S]*?)-->")
# Content that is never prose, even inside a block of HTML.
OPAQUE = re.compile(r"<(script|style|pre|code|svg)\b[\s\S]*?</\1\s*>", re.IGNORECASE)
_OPAQUE_OPEN = re.compile(r"<(script|style|pre|code|svg)\b", re.IGNORECASE)
_OPAQUE_CLOSE = {
    name: re.compile(rf"</{name}\s*>", re.IGNORECASE)
    for name in ("script", "style", "pre", "code", "svg")
}


# An <img> no reader sees: an impression pixel (1x1, hidden, or served by an ad network's
# counter), not a picture in the story, so it needs neither alt text nor a credit.
_HIDDEN_STYLE = re.compile(r"(?:display\s*:\s*none|visibility\s*:\s*hidden)", re.IGNORECASE)
_PIXEL_HOST = re.compile(
    r"//(?:[\w-]+\.)*(?:amazon-adsystem\.com|assoc-amazon\.com|doubleclick\.net|"
    r"google-analytics\.com|facebook\.com/tr|sjv\.io/i/|imp\.pxf\.io|tqlkg\.com|lduhtrp\.net|"
    r"ftjcfx\.com|awltovhc\.com|yceml\.net|emjcd\.com|shareasale\.com/i\.cfm|awin1\.com/[\w.]*imp|"
    r"pntra\.com|pntrs\.com|gopjn\.com)",
    re.IGNORECASE,
)


def _tracking_pixel(values: dict[str, str]) -> bool:
    def tiny(name: str) -> bool:
        value = values.get(name, "").strip().lower().removesuffix("px")
        return value.isdigit() and int(value) <= 1

    return (
        tiny("width")
        or tiny("height")
        or _HIDDEN_STYLE.search(values.get("style", "")) is not None
        or _PIXEL_HOST.search(values.get("src", "")) is not None
    )


def _opaque(fragment: str) -> list[tuple[int, int]]:
    """What ``OPAQUE.finditer`` finds, in linear time: a tag that is never closed is
    looked for once, not again from every later opener of the same name."""
    out: list[tuple[int, int]] = []
    unclosed: set[str] = set()
    pos = 0
    while True:
        opener = _OPAQUE_OPEN.search(fragment, pos)
        if opener is None:
            return out
        name = opener.group(1).lower()
        closer = None if name in unclosed else _OPAQUE_CLOSE[name].search(fragment, opener.end())
        if closer is None:
            unclosed.add(name)
            pos = opener.end()
            continue
        out.append((opener.start(), closer.end()))
        pos = closer.end()


@dataclass
class HtmlInfo:
    images: list[Image] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    hidden: list[Span] = field(default_factory=list)


class _Scanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.events: list[tuple[str, str, list[tuple[str, str | None]], tuple[int, int], str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.events.append(("start", tag, attrs, self.getpos(), self.get_starttag_text() or ""))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        self.events.append(("end", tag, [], self.getpos(), ""))

    def handle_endtag(self, tag: str) -> None:
        self.events.append(("end", tag, [], self.getpos(), ""))

    def handle_data(self, data: str) -> None:
        self.events.append(("data", data, [], self.getpos(), data))

    def handle_entityref(self, name: str) -> None:
        self.events.append(("data", f"&{name};", [], self.getpos(), f"&{name};"))

    def handle_charref(self, name: str) -> None:
        self.events.append(("data", f"&#{name};", [], self.getpos(), f"&#{name};"))


_COMPONENTS = {"image": "<Image", "picture": "<Picture"}


def scan_html(fragment: str, to_offset: Callable[[int], int]) -> HtmlInfo:
    """Find images, links, figcaptions and comments in an HTML fragment.

    ``to_offset`` maps an index into ``fragment`` to an offset in the file.
    """
    info = HtmlInfo()
    # Searches stop at the last possible terminator: a run of unclosed "<!--" or "<" would
    # otherwise rescan to the end of the fragment from each opener (quadratic time).
    comments = list(COMMENT.finditer(fragment, 0, fragment.rfind("-->") + 3))
    for match in comments:
        info.comments.append(
            Comment(Span(to_offset(match.start()), to_offset(match.end())), match.group(1))
        )
    for match in TAG.finditer(fragment, 0, fragment.rfind(">") + 1):
        info.hidden.append(Span(to_offset(match.start()), to_offset(match.end())))
    for start, end in _opaque(fragment):
        info.hidden.append(Span(to_offset(start), to_offset(end)))
    for match in comments:
        info.hidden.append(Span(to_offset(match.start()), to_offset(match.end())))
    if "<" not in fragment or not re.search(
        r"<(?:img|a|figure|figcaption|image|picture)\b", fragment, re.IGNORECASE
    ):
        return info

    line_starts = [0] + [m.end() for m in re.finditer(r"\n", fragment)]

    def index_of(pos: tuple[int, int]) -> int:
        line, column = pos
        return min(line_starts[min(line, len(line_starts)) - 1] + column, len(fragment))

    scanner = _Scanner()
    try:
        # Nothing after the last ">" can be a tag or end a caption, and HTMLParser (before
        # Python 3.13) rescans to the end of its input from every unclosed "<a …" there.
        scanner.feed(fragment[: fragment.rfind(">") + 1])
        scanner.close()
    except Exception:  # HTMLParser is lenient; never let odd markup stop a lint run
        return info

    figure_images: list[list[Image]] = []
    caption: list[str] | None = None
    caption_start = 0
    captions: list[tuple[str, Span]] = []
    open_link: tuple[str, int, int] | None = None  # href, fragment start, text start
    for kind, tag, attrs, pos, raw in scanner.events:
        at = index_of(pos)
        if kind == "start":
            values = {name.lower(): (value if value is not None else "") for name, value in attrs}
            # an MDX/JSX image component (Astro's and Next.js's <Image>, <Picture>) is an
            # <img>; the lowercase <image> is SVG's, not a picture in the story
            if tag == "img" or (tag in _COMPONENTS and raw.startswith(_COMPONENTS[tag])):
                end = at + len(raw)
                alt = values.get("alt")
                role = values.get("role", "").strip().lower()
                image = Image(
                    span=Span(to_offset(at), to_offset(end)),
                    src=values.get("src", ""),
                    alt=None if alt is None else unescape(alt),
                    kind="html",
                    title=values.get("title"),
                    decorative=_tracking_pixel(values)
                    or (
                        alt is not None
                        and not alt.strip()
                        and (
                            role in {"presentation", "none"}
                            or values.get("aria-hidden", "").lower() == "true"
                        )
                    ),
                )
                info.images.append(image)
                if figure_images:
                    figure_images[-1].append(image)
            elif tag == "figure":
                figure_images.append([])
            elif tag == "figcaption":
                caption = []
                caption_start = at + len(raw)
            elif tag == "a" and values.get("href"):
                open_link = (values["href"], at, at + len(raw))
        elif kind == "end":
            if tag == "figcaption" and caption is not None:
                text = unescape("".join(caption)).strip()
                span = Span(to_offset(caption_start), to_offset(at))
                captions.append((text, span))
                if figure_images:
                    for image in figure_images[-1]:
                        image.caption, image.caption_span = text, span
                caption = None
            elif tag == "figure" and figure_images:
                done = figure_images.pop()
                # A figcaption written before the <img> still captions it.
                for image in done:
                    if image.caption is None and captions:
                        image.caption, image.caption_span = captions[-1]
            elif tag == "a" and open_link is not None:
                href, start, text_start = open_link
                close = fragment.find(">", at)
                end = close + 1 if close >= 0 else at
                info.links.append(
                    Link(
                        Span(to_offset(start), to_offset(end)),
                        href,
                        Span(to_offset(text_start), to_offset(at)),
                        "html",
                    )
                )
                open_link = None
        elif kind == "data" and caption is not None:
            caption.append(raw)
    return info
