"""The check every command makes first: is the unrelated ``credguard`` project installed here?

Apart from ``doctor`` (which says more, and imports :mod:`importlib.metadata`
to say it), so that a ``credguard check`` run pays a directory scan, not the
doctor's imports.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable
from typing import Final

__all__ = ["DIST", "FIX", "foreign_distribution", "foreign_message"]

#: Our distribution's name on PyPI (the import name is ``credguard``).
DIST: Final = "credguard-policy"
#: How to repair an environment the other ``credguard`` project got into.
FIX: Final = "pip uninstall credguard && pip install --force-reinstall credguard-policy"
#: Metadata folders of the unrelated project: ``credguard-1.2.dist-info``,
#: ``credguard.egg-info``.  Ours is ``credguard_policy-*``.
_FOREIGN: Final = re.compile(r"credguard(-[^-]+)?\.(dist-info|egg-info)", re.IGNORECASE)


def foreign_distribution(path: Iterable[str] | None = None) -> str | None:
    """The metadata folder of the other ``credguard`` project on *path*, if any.

    *path* defaults to :data:`sys.path`, without the current directory (pip
    never installs there, and it may be large).  Cheap enough for every start.
    """
    cwd = os.getcwd()
    for entry in sys.path if path is None else path:
        if not entry or entry == cwd:
            continue
        try:
            with os.scandir(entry) as entries:
                for item in entries:
                    if _FOREIGN.fullmatch(item.name):
                        return item.path
        except OSError:  # a zip file, a missing or unreadable directory
            continue
    return None


def foreign_message(where: str) -> str:
    """The one line saying what is wrong and how to fix it."""
    return (
        f"the unrelated PyPI project 'credguard' is installed beside credguard-policy"
        f" ({where}) and overwrites its files; fix: {FIX}"
    )
