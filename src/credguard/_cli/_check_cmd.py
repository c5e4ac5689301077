"""``credguard check``: its options and its run, wired from :mod:`._main`.

Kept apart from the parser module so the command's options live next to
the code that reads them (and other commands can be added to ``_main``
without touching these lines).
"""

from __future__ import annotations

import argparse
import sys
import warnings
from collections.abc import Callable
from typing import TextIO

from .._context import KINDS, UserContext
from .._context_use import fields_used, unused_fields
from .._loading import load_policy
from .._messages import Lang
from .._policy import Policy
from ..errors import UnusedContextWarning
from ._check import Checker, CheckSpec
from ._context_file import read_context
from ._formats import FORMATS, RenderSpec, Summary, Writer
from ._i18n import text
from ._input import InputError, LineReader
from ._jobs import outcomes, resolve_jobs
from ._rows import INPUT_FORMATS, RowReader, parse_map
from ._term import Progress, escape, isatty, wants_colour

__all__ = ["add_check_arguments", "run_check"]

EXIT_OK, EXIT_REJECTED = 0, 1


def add_check_arguments(check: argparse.ArgumentParser, h: Callable[[str], str]) -> None:
    """The options of ``check``; *h* gives a help string by catalogue key."""
    check.add_argument(
        "--policy", default="recommended", metavar="NAME|FILE", help=h("help.policy")
    )
    check.add_argument("--kind", choices=KINDS, default="login", help=h("help.kind"))
    check.add_argument("--context", metavar="FILE", help=h("help.context"))
    check.add_argument("--format", choices=FORMATS, default="text", help=h("help.format"))
    check.add_argument("--jobs", type=int, default=1, metavar="N", help=h("help.jobs"))
    check.add_argument("--rejected-only", action="store_true", help=h("help.rejected_only"))
    check.add_argument("--summary", action="store_true", help=h("help.summary"))
    check.add_argument("--explain", action="store_true", help=h("help.explain"))
    check.add_argument(
        "--input-format", choices=INPUT_FORMATS, default="lines", help=h("help.input_format")
    )
    check.add_argument("--map", metavar="FIELD=COLUMN,...", help=h("help.map"))
    check.add_argument("--encoding", default="utf-8", metavar="CODEC", help=h("help.encoding"))
    check.add_argument(
        "--on-invalid", choices=("stop", "skip"), default="stop", help=h("help.on_invalid")
    )
    check.add_argument("files", nargs="*", metavar="FILE", help=h("help.files"))


def _validate(args: argparse.Namespace, lang: Lang) -> None:
    """Every option checked before any input is read or output written."""
    if args.jobs < 0:
        raise InputError(text("error.jobs", lang))
    if args.map and args.input_format == "lines":
        raise InputError(text("error.map_lines", lang))
    if args.summary and args.format == "csv":
        raise InputError(text("error.summary_csv", lang))


def _warn_unused(policy: Policy, kind: str, context: UserContext, err: TextIO, lang: Lang) -> None:
    unused = unused_fields(fields_used(policy.rules_for(kind)), context)
    if unused:
        names = ", ".join(sorted(unused))
        err.write(text("warning.prefix", lang) + text("warning.unused", lang, fields=names) + "\n")


def run_check(
    args: argparse.Namespace, out: TextIO, err: TextIO, lang: Lang, ascii_only: bool
) -> int:
    _validate(args, lang)
    mapping = parse_map(args.map, lang) if args.input_format != "lines" else {}
    policy = load_policy(args.policy, advice=args.advice)
    context = read_context(args.context, lang) if args.context else None
    terminal = (not args.files or "-" in args.files) and isatty(sys.stdin)
    reader = LineReader(
        args.files,
        sys.stdin.buffer,
        lang,
        encoding=args.encoding,
        skip_invalid=args.on_invalid == "skip",
        terminal=terminal,
    )
    render = RenderSpec(
        args.format,
        lang,
        args.format == "text" and wants_colour(out),
        tuple(reader.labels),
        policy.name,
        args.kind,
        ascii_only,
        args.explain,
    )
    spec = CheckSpec(args.policy, args.kind, lang, render, context, args.context or "")
    checker = Checker(policy, spec)
    if context is not None:
        _warn_unused(policy, args.kind, UserContext(**context), err, lang)
    lines = (
        reader
        if args.input_format == "lines"
        else RowReader(
            reader, args.input_format, mapping, lang, skip_invalid=args.on_invalid == "skip"
        )
    )
    if terminal:
        err.write(text("tty_hint", lang) + "\n")
    writer = Writer(out, render, summary_only=args.summary)
    # Progress only when it cannot interleave with results on one terminal.
    progress = Progress(
        err, lang, total_bytes=reader.total_bytes, enabled=isatty(err) and not isatty(out)
    )
    summary = Summary()
    warned: set[frozenset[str]] = set()
    error: InputError | None = None
    writer.start()
    try:
        with warnings.catch_warnings():
            # Said once on stderr below, in the command line's words.
            warnings.simplefilter("ignore", UnusedContextWarning)
            # Worker processes load the policy by name with the default
            # advice: advised rules as warnings are checked in this process.
            jobs = resolve_jobs(args.jobs) if args.advice == "error" else 1
            for line, checked in outcomes(lines, checker, spec, jobs, reader.total_bytes):
                if checked.ok is None:
                    summary.skipped += 1
                    reason = getattr(line.password, "reason", "")
                    where = f"{escape(line.file)}:{line.number}"
                    err.write(text("skipped", lang, where=where, reason=reason) + "\n")
                    continue
                if line.context is not None:
                    fields = frozenset(line.context)
                    if fields not in warned:
                        warned.add(fields)
                        _warn_unused(policy, args.kind, UserContext(**line.context), err, lang)
                summary.add(checked.ok, checked.codes)
                if not (args.rejected_only and checked.ok):
                    writer.result(checked.text)
                progress.update(summary.checked, line.end)
    except InputError as stop:
        error = stop
    finally:
        progress.finish()
    writer.finish(summary, None if error is None else str(error))
    if error is not None:
        raise error
    return EXIT_REJECTED if summary.failed else EXIT_OK
