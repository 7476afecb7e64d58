"""Vale's comment directives: ``<!-- vale off -->``, ``<!-- vale on -->``,
``<!-- vale Style.Rule = NO -->``, ``<!-- vale Style = YES -->``.

They apply to Vale rules; lintnews' own rules keep their ``lintnews-disable`` comments (and
the unsuppressible disclosure policy, which no comment of either kind can switch off).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable

from ..document import Document

_DIRECTIVE = re.compile(r"^\s*vale\s+(.*?)\s*$", re.DOTALL | re.IGNORECASE)
_SETTING = re.compile(r"([\w.-]+)\s*=\s*(\w+)")


def disabled(doc: Document) -> Callable[[str, str, int], bool]:
    """A test: is this rule (id, style) switched off by a comment at this file offset?"""
    events: list[tuple[int, str, bool]] = []  # (offset, key: "*" or a lowercased name, on)
    for comment in doc.comments:
        found = _DIRECTIVE.match(comment.text)
        if not found:
            continue
        body = found.group(1).strip()
        at = comment.span.end
        if body.lower() == "off":
            events.append((at, "*", False))
        elif body.lower() == "on":
            events.append((at, "*", True))
        else:
            for name, value in _SETTING.findall(body):
                events.append((at, name.lower(), value.upper() != "NO"))
    if not events:
        return lambda rule_id, style, offset: False
    events.sort(key=lambda e: e[0])
    starts = [e[0] for e in events]

    def test(rule_id: str, style: str, offset: int) -> bool:
        keys = ("*", rule_id.lower(), style.lower())
        state = {key: True for key in keys}
        for _at, key, on in events[: bisect_right(starts, offset)]:
            if key == "*":
                state["*"] = on
            elif key in state:
                state[key] = on
        return not all(state.values())

    return test
