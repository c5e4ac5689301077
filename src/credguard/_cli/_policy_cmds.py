"""``presets``, ``show``, ``lint``, ``audit``, ``diff``: reading policies.

``presets`` lists the bundled presets.  ``show``, ``lint``, ``audit`` and
``diff`` present the results of the library's policy tools; this module
only formats them and maps them to exit statuses.
"""

from __future__ import annotations

import argparse
import json
from typing import TextIO

from .._loader import list_presets, load_policy
from .._messages import Lang
from ._i18n import text
from ._term import Style, display_width, pad

__all__ = ["EXIT_ERROR", "EXIT_OK", "Unavailable", "run_presets", "run_tool"]

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class Unavailable(Exception):
    """A command whose library support is not present in this version."""


def run_presets(
    args: argparse.Namespace, out: TextIO, lang: Lang, style: Style, ascii_only: bool
) -> int:
    rows = []
    for name in list_presets():
        policy = load_policy(name)
        rows.append((name, policy.title, policy.title_ja))
    if args.format == "json":
        document = [{"name": n, "title": t, "title_ja": tj} for n, t, tj in rows]
        out.write(json.dumps(document, ensure_ascii=ascii_only, indent=2) + "\n")
        return EXIT_OK
    titles = [(n, (tj or t) if lang == "ja" else t) for n, t, tj in rows]
    heading = (text("presets.name", lang), text("presets.title", lang))
    width = max(display_width(n) for n in [heading[0], *(n for n, _ in titles)])
    out.write(style(f"{pad(heading[0], width)}  {heading[1]}", "heading") + "\n")
    for name, title in titles:
        out.write(f"{pad(name, width)}  {title}\n")
    return EXIT_OK


def run_tool(args: argparse.Namespace, out: TextIO, lang: Lang, style: Style) -> int:
    raise Unavailable(text("error.unavailable", lang, command=args.command))
