"""``presets``, ``show``, ``lint``, ``audit``, ``diff``: reading policies.

The library's policy tools (:func:`~credguard.describe_policy`,
:func:`~credguard.lint_policy`, :func:`~credguard.audit_policy`,
:func:`~credguard.diff_policies`) do the work and return frozen dataclasses;
this module renders them as aligned text or JSON and maps them to exit
statuses:

* ``presets``, ``show``: 0;
* ``lint``: 1 when any finding (with ``--allow-warnings``, any error);
* ``audit`` (:mod:`._audit_view`): 1 when any finding is a ``violation``
  of the baseline, or, with ``--strict``, ``unknown``;
* ``diff``: 1 when the policies differ, like diff(1).
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from typing import Any, Final, TextIO

from .._loading import list_presets, load_policy
from .._messages import Lang
from .._tools.describe import describe_policy, format_value
from .._tools.diff import diff_policies
from .._tools.lint import lint_policy
from ._i18n import text
from ._term import Style, display_width, escape, pad

__all__ = [
    "EXIT_FINDINGS",
    "EXIT_OK",
    "ROLES",
    "Output",
    "column_widths",
    "run_diff",
    "run_lint",
    "run_presets",
    "run_show",
]

EXIT_OK, EXIT_FINDINGS = 0, 1

#: Colour of each verdict word.
ROLES: Final = {
    "error": "error",
    "warning": "warning",
    "violation": "error",
    "advice": "warning",
    "unknown": "dim",
    "met": "ok",
    "stricter": "ok",
    "looser": "error",
    "changed": "warning",
    "only_in_a": "code",
    "only_in_b": "code",
}

Cell = tuple[str, str]  # (text, colour role; "" for none)


class Output:
    """What every policy command shares: stream, language, colour, JSON encoder."""

    def __init__(self, out: TextIO, lang: Lang, style: Style, *, ascii_only: bool) -> None:
        self.out = out
        self.lang = lang
        self.style = style
        self._encoder = json.JSONEncoder(ensure_ascii=ascii_only, indent=2)

    def json(self, document: Any) -> None:
        self.out.write(self._encoder.encode(document) + "\n")

    def line(self, value: str, role: str = "") -> None:
        value = escape(value)  # a policy file's names and values: no ESC sequences
        self.out.write((self.style(value, role) if role else value) + "\n")

    def cells(self, *cells: Cell) -> None:
        """One line of (text, role) pieces, each escaped, then coloured."""
        shown = (escape(value) for value, role in cells)
        line = "".join(
            self.style(value, role) if role else value
            for value, (_, role) in zip(shown, cells, strict=True)
        )
        self.out.write(line + "\n")

    def block(self, value: str) -> None:
        """Lines of text, each escaped."""
        self.out.write("\n".join(escape(line) for line in value.split("\n")))

    def table(
        self,
        rows: Sequence[Sequence[Cell]],
        indent: str = "",
        widths: Sequence[int] | None = None,
    ) -> None:
        """Rows of cells; every column but the last is padded to its widest cell."""
        if not rows:
            return
        if widths is None:
            widths = column_widths(rows)
        for row in rows:
            cells = []
            for i, (raw, role) in enumerate(row):
                value = escape(raw)
                shown = pad(value, widths[i]) if i < len(widths) else value
                cells.append(self.style(shown, role) if role else shown)
            self.out.write((indent + "  ".join(cells)).rstrip() + "\n")

    def kind(self, kind: str) -> str:
        """A password kind in the output language; ``""`` (whole policy) as such."""
        return text(f"kind.{kind}" if kind else "kind.all", self.lang)


def column_widths(rows: Sequence[Sequence[Cell]]) -> list[int]:
    """The display width of every column but the last."""
    return [max(display_width(escape(row[i][0])) for row in rows) for i in range(len(rows[0]) - 1)]


def run_presets(args: argparse.Namespace, output: Output) -> int:
    rows = []
    for name in list_presets():
        policy = load_policy(name)
        rows.append((name, policy.title, policy.title_ja))
    if args.format == "json":
        output.json([{"name": n, "title": t, "title_ja": tj} for n, t, tj in rows])
        return EXIT_OK
    lang = output.lang
    heading = [(text("presets.name", lang), "heading"), (text("presets.title", lang), "heading")]
    body = [[(n, ""), ((tj or t) if lang == "ja" else (t or tj), "")] for n, t, tj in rows]
    output.table([heading, *body])
    return EXIT_OK


def run_show(args: argparse.Namespace, output: Output) -> int:
    description = describe_policy(load_policy(args.policy, advice=args.advice))
    if args.format == "json":
        output.json(description.to_dict())
    else:
        output.block(description.render(output.lang))
    return EXIT_OK


def run_lint(args: argparse.Namespace, output: Output) -> int:
    findings = [finding for name in args.files for finding in lint_policy(name)]
    if args.format == "json":
        output.json([finding.to_dict() for finding in findings])
    else:
        for finding in findings:
            marker = "" if finding.severity == "error" else f" [{text('warning', output.lang)}]"
            shown = finding.message_in(output.lang)
            output.cells((shown, ""), (marker, "warning" if marker else ""))
    failing = [f for f in findings if f.severity == "error" or not args.allow_warnings]
    return EXIT_FINDINGS if failing else EXIT_OK


def run_diff(args: argparse.Namespace, output: Output) -> int:
    a, b = load_policy(args.a), load_policy(args.b)
    differences = diff_policies(a, b)
    if args.format == "json":
        output.json(
            {
                "a": a.name,
                "b": b.name,
                "differences": [difference.to_dict() for difference in differences],
            }
        )
        return EXIT_FINDINGS if differences else EXIT_OK
    lang = output.lang
    output.line(text("diff.header", lang, a=a.name, b=b.name), "heading")
    none = text("not_set", lang)
    rows = []
    for d in differences:
        where = f"{d.rule}.{d.key}" if d.key else d.rule
        values = "" if not d.key else f"{format_value(d.a, none)} -> {format_value(d.b, none)}"
        rows.append(
            [
                (text(f"diff.{d.change}", lang), ROLES[d.change]),
                (output.kind(d.kind), ""),
                (where, "code"),
                (values, ""),
            ]
        )
    output.table(rows)
    if differences:
        output.line(text("diff.summary", lang, count=len(differences)))
    else:
        output.line(text("diff.none", lang))
    return EXIT_FINDINGS if differences else EXIT_OK
