"""The argument parser, the command dispatch and the error boundary.

:func:`main` is the only place that turns exceptions into exit statuses:
0 all acceptable (or no problem found), 1 a password rejected (or a policy
problem found by ``lint``), 2 usage, policy or input error, reported as one
line on stderr without a traceback and without any secret.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Final, NoReturn

from .._loading import ADVICE
from .._messages import LANGS, Lang
from .._tools.audit import BASELINES as _AUDIT_BASELINES
from .._version import __version__
from ..errors import CredguardError, PolicyError, UnknownPresetError
from ._check_cmd import add_check_arguments, run_check
from ._foreign import foreign_distribution, foreign_message
from ._generate import add_generate_arguments, run_generate
from ._i18n import text
from ._input import InputError
from ._term import Style, escape, prepare_stream, wants_colour
from ._usage import usage_error

__all__ = ["BASELINES", "EXIT_ERROR", "EXIT_OK", "EXIT_REJECTED", "main"]

EXIT_OK, EXIT_REJECTED, EXIT_ERROR = 0, 1, 2
#: 128 + SIGINT and 128 + SIGPIPE, as shells report them.
EXIT_INTERRUPTED, EXIT_BROKEN_PIPE = 130, 141
DEFAULT_POLICY = "recommended"
#: The baselines ``audit --against`` accepts.
BASELINES: Final = tuple(_AUDIT_BASELINES)


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lang: Lang = "en"
        if self.formatter_class is _JapaneseHelp:
            self.lang = "ja"
            # argparse's own section headings, which it does not translate.
            self._positionals.title = "引数"
            self._optionals.title = "オプション"

    def error(self, message: str) -> NoReturn:
        # One line like every other error, not argparse's usage block.
        command = self.prog.removeprefix("credguard").strip()
        self.exit(EXIT_ERROR, usage_error(message, command, self.lang) + "\n")


def _lang_of(argv: Sequence[str], environ: Mapping[str, str] | None = None) -> Lang:
    """The output language, read before parsing so that help text is in it too.

    ``--lang`` on the command line wins; otherwise the locale
    (``LC_ALL``, ``LC_MESSAGES``, ``LANG``, the first one set): ``ja…`` is
    Japanese, anything else English.
    """
    for index, arg in enumerate(argv):
        if arg == "--":
            break
        value = None
        if arg == "--lang" and index + 1 < len(argv):
            value = argv[index + 1]
        elif arg.startswith("--lang="):
            value = arg.partition("=")[2]
        if value in LANGS:
            return "ja" if value == "ja" else "en"
    env = os.environ if environ is None else environ
    locale = next((env[name] for name in ("LC_ALL", "LC_MESSAGES", "LANG") if env.get(name)), "")
    return "ja" if locale.startswith("ja") else "en"


class _Help(argparse.HelpFormatter):
    """Help with a Japanese "usage:" heading when the parser is Japanese."""

    prefix = "usage: "

    def add_usage(self, usage, actions, groups, prefix=None):  # type: ignore[no-untyped-def]
        # argparse passes "" when it computes a sub-command's prog: keep that.
        super().add_usage(usage, actions, groups, self.prefix if prefix is None else prefix)


class _JapaneseHelp(_Help):
    prefix = "使い方: "


def build_parser(lang: Lang = "en") -> argparse.ArgumentParser:
    """The ``credguard`` argument parser, with help text in *lang*."""

    def h(key: str) -> str:
        return text(key, lang).replace("%", "%%")

    formatter = _JapaneseHelp if lang == "ja" else _Help
    parser = _Parser(
        prog="credguard",
        description=h("help.description"),
        formatter_class=formatter,
        add_help=False,
    )
    parser.add_argument("-h", "--help", action="help", help=h("help.help"))
    parser.add_argument(
        "--version", action="version", version=f"credguard {__version__}", help=h("help.version")
    )
    parser.add_argument("--lang", choices=LANGS, default=lang, help=h("help.lang"))
    # Each command accepts --lang too; SUPPRESS keeps the top-level value
    # unless the command's own is given.
    common = _Parser(add_help=False)
    common.add_argument("-h", "--help", action="help", help=h("help.help"))
    common.add_argument("--lang", choices=LANGS, default=argparse.SUPPRESS, help=h("help.lang"))
    commands = parser.add_subparsers(
        dest="command",
        metavar="COMMAND",
        parser_class=_Parser,
    )

    check = commands.add_parser(
        "check", parents=[common], help=h("help.check"), formatter_class=formatter, add_help=False
    )
    add_check_arguments(check, h)
    check.add_argument("--advice", choices=ADVICE, default="error", help=h("help.advice"))

    presets = commands.add_parser(
        "presets",
        parents=[common],
        help=h("help.presets"),
        formatter_class=formatter,
        add_help=False,
    )
    presets.add_argument(
        "--format", choices=("text", "json"), default="text", help=h("help.format")
    )

    show = commands.add_parser(
        "show", parents=[common], help=h("help.show"), formatter_class=formatter, add_help=False
    )
    show.add_argument("policy", metavar="NAME|FILE", help=h("help.policy_arg"))
    show.add_argument("--advice", choices=ADVICE, default="error", help=h("help.advice"))
    show.add_argument("--format", choices=("text", "json"), default="text", help=h("help.format"))

    lint = commands.add_parser(
        "lint", parents=[common], help=h("help.lint"), formatter_class=formatter, add_help=False
    )
    lint.add_argument("files", nargs="+", metavar="FILE", help=h("help.policy_files"))
    lint.add_argument("--allow-warnings", action="store_true", help=h("help.allow_warnings"))
    lint.add_argument("--only-policies", action="store_true", help=h("help.only_policies"))
    lint.add_argument("--format", choices=("text", "json"), default="text", help=h("help.format"))

    audit = commands.add_parser(
        "audit", parents=[common], help=h("help.audit"), formatter_class=formatter, add_help=False
    )
    audit.add_argument("policy", metavar="NAME|FILE", help=h("help.policy_arg"))
    audit.add_argument("--against", choices=BASELINES, required=True, help=h("help.against"))
    audit.add_argument("--strict", action="store_true", help=h("help.strict"))
    audit.add_argument("--format", choices=("text", "json"), default="text", help=h("help.format"))

    diff = commands.add_parser(
        "diff", parents=[common], help=h("help.diff"), formatter_class=formatter, add_help=False
    )
    diff.add_argument("a", metavar="A", help=h("help.policy_arg"))
    diff.add_argument("b", metavar="B", help=h("help.policy_arg"))
    diff.add_argument("--format", choices=("text", "json"), default="text", help=h("help.format"))

    doctor = commands.add_parser(
        "doctor", parents=[common], help=h("help.doctor"), formatter_class=formatter, add_help=False
    )
    doctor.add_argument("--format", choices=("text", "json"), default="text", help=h("help.format"))

    generate = commands.add_parser(
        "generate",
        parents=[common],
        help=h("help.generate"),
        description=h("help.generate_description"),
        formatter_class=formatter,
        add_help=False,
    )
    add_generate_arguments(generate, h)
    return parser


def _run(args: argparse.Namespace, parser: argparse.ArgumentParser, lang: Lang) -> int:
    out, err = sys.stdout, sys.stderr
    utf8 = prepare_stream(out)
    prepare_stream(err)
    if args.command == "check":
        return run_check(args, out, err, lang, ascii_only=not utf8)
    # The other commands' modules are imported when they run: a `check`
    # does not pay for the doctor's importlib.metadata, the policy tools or
    # the TOML loader (about 20 ms of a one-line check).
    if args.command == "doctor":
        from ._doctor import run_doctor

        return run_doctor(args, out)
    if args.command == "generate":
        return run_generate(args, out)
    from ._audit_view import run_audit
    from ._policy_cmds import Output as PolicyOutput
    from ._policy_cmds import run_diff, run_lint, run_presets, run_show

    commands = {
        "presets": run_presets,
        "show": run_show,
        "lint": run_lint,
        "audit": run_audit,
        "diff": run_diff,
    }
    if args.command == "lint" and args.only_policies:
        from .._loading import is_policy_file

        args.files = [name for name in args.files if is_policy_file(Path(name))]
    if args.command in commands:
        style = Style(args.format == "text" and wants_colour(out))
        return commands[args.command](args, PolicyOutput(out, lang, style, ascii_only=not utf8))
    parser.print_help(err)
    err.write(text("error.prefix", lang) + text("error.no_command", lang) + "\n")
    return EXIT_ERROR


def _error_text(error: Exception, lang: Lang) -> str:
    """The message of an expected error, in the command line's words."""
    if isinstance(error, UnknownPresetError):
        # The library's message points Python callers at list_presets().
        names = ", ".join(repr(name) for name in error.suggestions)
        hint = text("error.preset_hint", lang, names=names) if names else ""
        return text("error.unknown_preset", lang, name=error.name, hint=hint)
    if isinstance(error, PolicyError):
        return escape(error.message_in(lang))
    return escape(str(error))


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with *argv* (default: ``sys.argv[1:]``); return the exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(_lang_of(argv))
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # --help, --version, usage errors
        return exit_.code if isinstance(exit_.code, int) else EXIT_ERROR
    lang: Lang = args.lang
    if sys.stdout is None:  # started with stdout closed (`credguard ... >&-`)
        sys.stderr.write(text("error.prefix", lang) + text("error.no_stdout", lang) + "\n")
        return EXIT_ERROR
    # Another project's files mixed into ours make every answer suspect; only
    # `doctor` (which says more) runs then.
    foreign = foreign_distribution() if args.command != "doctor" else None
    if foreign is not None:
        sys.stderr.write(text("error.prefix", lang) + foreign_message(foreign) + "\n")
        return EXIT_ERROR
    try:
        status = _run(args, parser, lang)
        sys.stdout.flush()  # a full disk fails here, inside the handlers below
        return status
    except (CredguardError, InputError) as error:
        sys.stderr.write(text("error.prefix", lang) + _error_text(error, lang) + "\n")
        return EXIT_ERROR
    except KeyboardInterrupt:
        sys.stderr.write("\n" + text("error.prefix", lang) + text("interrupted", lang) + "\n")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away (`credguard check big.txt | head`): stop quietly,
        # and keep the interpreter's final flush from failing again.
        with contextlib.suppress(OSError, ValueError):  # stdout may not be a file
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_BROKEN_PIPE
    except OSError as error:
        # Inputs fail as InputError or CredguardError above: this is the
        # output (a full disk, a closed descriptor).  One line, exit 2, and
        # no second failure at the interpreter's final flush.
        reason = error.strerror or type(error).__name__
        sys.stderr.write(
            text("error.prefix", lang) + text("error.cannot_write", lang, reason=reason) + "\n"
        )
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_ERROR
    except Exception as error:
        # A bug, not bad input.  Its message or traceback could quote a
        # password, so show only its type unless a developer asks for more.
        if os.environ.get("CREDGUARD_DEBUG"):
            raise
        sys.stderr.write(
            text("error.prefix", lang)
            + text("error.internal", lang, kind=type(error).__name__)
            + "\n"
        )
        return EXIT_ERROR
