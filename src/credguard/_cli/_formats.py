"""How ``check`` writes its results: text, JSON, JSONL, CSV, and ``--summary``.

Rendering is split in two.  :class:`Renderer` turns one result into its
text; it holds only picklable settings, so a worker process renders its
own results and the output is the same bytes whatever ``--jobs`` is.
:class:`Writer` runs in the main process: it writes the rendered results
in order, frames the JSON document and keeps the :class:`Summary`.

A result's JSON is the library's :meth:`CheckResult.to_dict
<credguard.CheckResult.to_dict>` with ``line`` (and ``file`` when there are
several inputs) in front: one shape for the library and the command line.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, NamedTuple, TextIO

from .._messages import CATALOGUE, Lang
from ._i18n import text
from ._term import Style, display_width, escape, pad

__all__ = ["FORMATS", "Outcome", "Place", "RenderSpec", "Renderer", "Summary", "Writer"]

FORMATS = ("text", "json", "jsonl", "csv")
#: Distinct tuples of codes a :class:`Summary` keeps before folding them.
FOLD_AT = 4096
#: A number no "line {line}" template holds, to split the template around.
_MARK = 9_876_543_210


class Place(NamedTuple):
    file: str
    number: int


class Outcome(NamedTuple):
    """The verdict on one password, safe to print and to pickle."""

    ok: bool
    codes: tuple[str, ...]
    result: dict[str, Any]  # CheckResult.to_dict(lang)
    explain: dict[str, Any] | None  # --explain


@dataclass(frozen=True, slots=True)
class RenderSpec:
    """How to render one result (picklable: it goes to the workers)."""

    format: str
    lang: Lang
    colour: bool
    labels: tuple[str, ...]  # one per input; several inputs add "file" to results
    policy: str
    kind: str
    ascii_only: bool  # the stream cannot encode UTF-8: escape JSON text
    explain: bool = False

    @property
    def with_file(self) -> bool:
        return len(self.labels) > 1


class Renderer:
    """One result as the text the chosen format writes for it."""

    def __init__(self, spec: RenderSpec) -> None:
        self.spec = spec
        lang = spec.lang
        self._style = style = Style(spec.colour)
        # One encoder for the run: json.dumps with options builds one per call.
        self._dumps = json.JSONEncoder(ensure_ascii=spec.ascii_only).encode
        if spec.with_file:
            self._label_width = max(display_width(escape(label)) for label in spec.labels) + 8
        else:
            self._label_width = display_width(text("line", lang, line=9_999_999))
        self._severity = {s: text(s, lang) for s in ("error", "warning")}
        self._severity_width = max(display_width(s) for s in self._severity.values())
        self._code_width = max(len(code) for code in CATALOGUE)
        self._verdicts = {
            True: style(text("ok", lang), "ok"),
            False: style(text("rejected", lang), "rejected"),
        }
        # head(): "line {line}" split around the number once, and each file's
        # escaped label, so a line's place costs a few string joins.
        before, _, after = text("line", lang, line=_MARK).partition(str(_MARK))
        self._line_text = (before, after, display_width(before + after))
        self._files: dict[str, tuple[str, int]] = {}

    def render(self, place: Place, outcome: Outcome) -> str:
        """The result's text: the definition that :meth:`head` + :meth:`body` equal."""
        form = self.spec.format
        if form == "csv":
            return csv_row(
                ([place.file] if self.spec.with_file else [])
                + [str(place.number), "true" if outcome.ok else "false", " ".join(outcome.codes)]
            )
        if form != "text":
            head: dict[str, Any] = {"line": place.number}
            if self.spec.with_file:
                head["file"] = place.file
            head.update(outcome.result)
            if outcome.explain is not None:
                head["explain"] = {k: v for k, v in outcome.explain.items() if k != "text"}
            return self._dumps(head)
        return self._text(place, outcome)

    def head(self, place: Place) -> str:
        """The part of a result's text that depends on its place alone."""
        form = self.spec.format
        number = str(place.number)
        if form == "text":
            if self.spec.with_file:
                label, width = self._file(place.file)
                label = f"{label}:{number}"
                width += 1 + len(number)
            else:
                before, after, width = self._line_text
                label = before + number + after
                width += len(number)
            return label + " " * max(0, self._label_width - width)
        if form == "csv":
            cells = [place.file, number] if self.spec.with_file else [number]
            return csv_row(cells)[:-1] + ","
        if self.spec.with_file:
            return f'{{"line": {number}, "file": {self._file(place.file)[0]}'
        return f'{{"line": {number}'

    def _file(self, name: str) -> tuple[str, int]:
        # The file's label as head() writes it, and its display width.
        found = self._files.get(name)
        if found is None:
            if self.spec.format == "text":
                label = escape(name)
                found = (label, display_width(label))
            else:
                found = (self._dumps(name), 0)
            if len(self._files) < 1024:  # one per input; bounded all the same
                self._files[name] = found
        return found

    def body(self, outcome: Outcome) -> str:
        """The part of a result's text that depends on the verdict alone.

        Identical passwords share one body (``check`` keeps it per distinct
        line), and a worker process sends back bodies, not places.
        """
        form = self.spec.format
        if form == "csv":
            return csv_row(["true" if outcome.ok else "false", " ".join(outcome.codes)])
        if form != "text":
            rest = dict(outcome.result)
            if outcome.explain is not None:
                rest["explain"] = {k: v for k, v in outcome.explain.items() if k != "text"}
            # '{"line": 1' + ', "ok": ...}': the document render() dumps in one go.
            return ", " + self._dumps(rest)[1:] if rest else "}"
        return self._text_body(outcome)

    def _text(self, place: Place, outcome: Outcome) -> str:
        if self.spec.with_file:
            label = f"{escape(place.file)}:{place.number}"
        else:
            label = text("line", self.spec.lang, line=place.number)
        return pad(label, self._label_width) + self._text_body(outcome)

    def _text_body(self, outcome: Outcome) -> str:
        lines = [f"  {self._verdicts[outcome.ok]}"]
        style = self._style
        for finding in outcome.result["violations"]:
            severity = finding["severity"]
            lines.append(
                "    "
                + style(pad(self._severity.get(severity, severity), self._severity_width), severity)
                + "  "
                + style(pad(finding["code"], self._code_width), "code")
                + "  "
                + finding["message"]
            )
        if outcome.explain is not None:
            lines.extend("    " + line for line in outcome.explain["text"])
        return "\n".join(lines) + "\n"


def csv_row(cells: list[str]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(cells)
    return buffer.getvalue()


@dataclass(slots=True)
class Summary:
    checked: int = 0
    passed: int = 0
    skipped: int = 0
    # Rows by their codes, as the lines' verdicts give them: one dictionary
    # increment a row (two Counter updates of sets were about 2 µs a refused
    # line); the counts by code and by rule are worked out when asked.  Past
    # FOLD_AT distinct tuples they are folded into the two counters below,
    # so memory stays bounded whatever the input.
    by_codes: dict[tuple[str, ...], int] = field(default_factory=dict)
    folded_codes: Counter[str] = field(default_factory=Counter)
    folded_rules: Counter[str] = field(default_factory=Counter)

    @property
    def failed(self) -> int:
        return self.checked - self.passed

    def add(self, ok: bool, codes: tuple[str, ...]) -> None:
        self.checked += 1
        self.passed += ok
        if codes:
            by_codes = self.by_codes
            by_codes[codes] = by_codes.get(codes, 0) + 1
            if len(by_codes) >= FOLD_AT:
                self.folded_codes, self.folded_rules = self.codes, self.rules
                by_codes.clear()

    @property
    def codes(self) -> Counter[str]:
        """Rows by code: a row counts once per code, however often it has it."""
        return self._rows_by(self.folded_codes, str)

    @property
    def rules(self) -> Counter[str]:
        """Rows by rule family (a code's prefix), each row once per family."""
        return self._rows_by(self.folded_rules, lambda code: code.partition(".")[0])

    def _rows_by(self, folded: Counter[str], name: Callable[[str], str]) -> Counter[str]:
        counts = folded.copy()
        for codes, rows in self.by_codes.items():
            for each in {name(code) for code in codes}:
                counts[each] += rows
        return counts

    def as_dict(self, statistics: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {"checked": self.checked, "passed": self.passed}
        out["failed"] = self.failed
        if self.skipped:
            out["skipped"] = self.skipped
        if statistics:
            out["refused_share"] = round(self.failed / self.checked, 4) if self.checked else 0.0
            out["codes"] = dict(_ranked(self.codes))
            out["rules"] = dict(_ranked(self.rules))
        return out


def _ranked(counts: Counter[str]) -> list[tuple[str, int]]:
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


class Writer:
    """Writes rendered results in order, then the summary (or only the summary)."""

    def __init__(self, out: TextIO, spec: RenderSpec, *, summary_only: bool) -> None:
        self._out = out
        self._spec = spec
        self._summary_only = summary_only
        self._first = True
        self._dumps = json.JSONEncoder(ensure_ascii=spec.ascii_only).encode
        self._style = Style(spec.colour)

    def start(self) -> None:
        form = self._spec.format
        if form == "json":
            head = {"policy": self._spec.policy, "kind": self._spec.kind}
            fields = "".join(f"  {self._dumps(k)}: {self._dumps(v)},\n" for k, v in head.items())
            # --summary: the statistics alone, no results.
            self._out.write("{\n" + fields + ("" if self._summary_only else '  "results": ['))
        elif form == "csv" and not self._summary_only:
            cells = ["file"] if self._spec.with_file else []
            self._out.write(csv_row([*cells, "line", "ok", "codes"]))

    def result(self, rendered: str) -> None:
        if self._summary_only:
            return
        if self._spec.format == "json":
            self._out.write(("\n    " if self._first else ",\n    ") + rendered)
            self._first = False
        elif self._spec.format == "jsonl":
            self._out.write(rendered + "\n")
        else:
            self._out.write(rendered)

    def finish(self, summary: Summary, error: str | None) -> None:
        form, stats = self._spec.format, self._summary_only
        if form == "json":
            tail = "" if stats else "\n  ],\n"
            tail += f'  "summary": {self._dumps(summary.as_dict(stats))}'
            if error is not None:
                # Keep stdout a valid document even when the run stops early.
                tail += f',\n  "error": {self._dumps(error)}'
            self._out.write(tail + "\n}\n")
        elif form == "jsonl" and stats and error is None:
            self._out.write(self._dumps({"summary": summary.as_dict(True)}) + "\n")
        elif form == "text" and error is None:
            self._text_summary(summary)

    def _text_summary(self, summary: Summary) -> None:
        spec, lang = self._spec, self._spec.lang
        line = text(
            "summary",
            lang,
            checked=f"{summary.checked:,}",
            passed=f"{summary.passed:,}",
            failed=f"{summary.failed:,}",
            policy=escape(spec.policy),
            kind=text(f"kind.{spec.kind}", lang),
        )
        if summary.skipped:
            line += text("summary.skipped", lang, skipped=f"{summary.skipped:,}")
        self._out.write(self._style(line, "heading") + "\n")
        if not self._summary_only:
            return
        share = 100 * summary.failed / summary.checked if summary.checked else 0.0
        self._out.write(text("summary.share", lang, share=f"{share:.1f}") + "\n")
        for heading, counts in (("summary.code", summary.codes), ("summary.rule", summary.rules)):
            rows = [(text(heading, lang), text("summary.rows", lang))]
            rows += [(name, f"{count:,}") for name, count in _ranked(counts)]
            width = max(display_width(name) for name, _ in rows)
            self._out.write("\n")
            for i, (name, count) in enumerate(rows):
                cell = pad(name, width) + "  " + count
                self._out.write((self._style(cell, "heading") if i == 0 else cell) + "\n")
