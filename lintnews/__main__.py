"""``python -m lintnews`` works like the ``lintnews`` command."""

from .cli import main

main()
