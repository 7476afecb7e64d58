"""Vale's message formatting: ``%s`` (and ``%[n]s``) filled in order, ``%%`` a percent sign.

Vale formats with Go's ``fmt.Sprintf``; a placeholder with no argument left reads
``%!s(MISSING)`` there, which helps nobody, so it is left empty here.
"""

from __future__ import annotations

import re

_VERB = re.compile(r"%(?:\[(\d+)\])?([sdvqf%])|%\.(\d)f")


def format_message(template: str, args: tuple[str, ...]) -> str:
    if "%" not in template:
        return template
    position = 0

    def fill(found: re.Match[str]) -> str:
        nonlocal position
        if found.group(2) == "%":
            return "%"
        if found.group(1):
            index = int(found.group(1)) - 1
        else:
            index = position
            position += 1
        return args[index] if 0 <= index < len(args) else ""

    return _VERB.sub(fill, template)
