"""The ``credguard`` command line (entry point ``credguard._cli:main``).

Architecture::

    _main.py          argument parser (help in en/ja), dispatch, the one error boundary
    _check.py         ``check``: reader -> outcomes (serial or --jobs) -> formatter, streaming
    _input.py         passwords one per line, bounded line length, invalid UTF-8 located
    _context_file.py  ``--context``: UserContext from JSON or TOML, errors name fields only
    _policy_cmds.py   ``presets``, ``show``, ``lint``, ``audit``, ``diff``
    _term.py          encoding fallback, NO_COLOR-aware colour, display width, progress
    _i18n.py          the command line's own strings in English and Japanese

Passwords are read from files or standard input only (arguments are visible
to other users in the process list) and are never printed.
"""

from __future__ import annotations

from ._main import main

__all__ = ["main"]
