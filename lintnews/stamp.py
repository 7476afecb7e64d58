"""What lintnews' caches are keyed by and where they live.

A stamp of lintnews' own code, so caches notice edits in a source checkout: an installed
release changes its version when its code changes; a checkout does not, so the caches also
key on the modification times and sizes of the package's modules. Every cache lives under
``user_cache_dir()``.
"""

from __future__ import annotations

import hashlib
import os
from functools import lru_cache
from pathlib import Path


def user_cache_dir() -> Path:
    """``$XDG_CACHE_HOME/lintnews`` (``~/.cache/lintnews``): the home of every cache."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "lintnews"


@lru_cache(maxsize=1)
def package_stamp() -> str:
    package = Path(__file__).resolve().parent
    hasher = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        try:
            stat = path.stat()
        except OSError:
            continue
        hasher.update(
            f"{path.relative_to(package).as_posix()}:{stat.st_mtime_ns}:{stat.st_size}\n".encode()
        )
    return hasher.hexdigest()
