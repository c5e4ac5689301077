"""The ``credguard`` command line.

``credguard check`` reads passwords one per line from files or standard
input (never from arguments, which other users can see in the process list)
and prints, per line number, whether the password is acceptable and why not.
It never prints a password.  Exit status: 0 all acceptable, 1 any rejected,
2 usage, policy or input error, reported in one line on stderr.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Sequence
from typing import BinaryIO, TextIO

from ._context import KINDS
from ._errors import CredguardError
from ._loader import list_presets, load_policy
from ._messages import LANGS, Lang
from ._policy import Policy
from ._version import __version__
from ._violation import CheckResult

__all__ = ["main"]

EXIT_OK, EXIT_REJECTED, EXIT_ERROR = 0, 1, 2
DEFAULT_POLICY = "recommended"


class _InputError(Exception):
    """A problem with an input file, reported as ``file:line: problem``."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_ERROR, f"{self.prog}: error: {message}\n")


def _build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="credguard", description="Check passwords against a policy.")
    parser.add_argument("--version", action="version", version=f"credguard {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    check = commands.add_parser(
        "check", help="check passwords read one per line from files or standard input"
    )
    check.add_argument(
        "--policy", default=DEFAULT_POLICY, help="preset name or policy file (default: %(default)s)"
    )
    check.add_argument("--kind", choices=KINDS, default="login")
    check.add_argument("--format", choices=("text", "json", "jsonl"), default="text")
    check.add_argument("--lang", choices=LANGS, default="en")
    check.add_argument(
        "files",
        nargs="*",
        metavar="FILE",
        help="files of passwords, one per line (default: standard input)",
    )
    commands.add_parser("presets", help="list the bundled presets")
    return parser


def _lines(name: str, stream: BinaryIO) -> Iterator[tuple[int, str]]:
    for number, raw in enumerate(stream, start=1):
        raw = raw.rstrip(b"\n").removesuffix(b"\r")
        try:
            yield number, raw.decode("utf-8")
        except UnicodeDecodeError:
            # Never echo the undecodable bytes: they are a password.
            raise _InputError(f"{name}:{number}: invalid UTF-8") from None


def _inputs(files: Sequence[str]) -> Iterator[tuple[str, int, str]]:
    if not files:
        for number, line in _lines("<stdin>", sys.stdin.buffer):
            yield "<stdin>", number, line
        return
    for name in files:
        if name == "-":
            yield from (("<stdin>", n, line) for n, line in _lines("<stdin>", sys.stdin.buffer))
            continue
        try:
            stream = open(name, "rb")  # noqa: SIM115 - closed below
        except OSError as error:
            raise _InputError(f"{name}: cannot read ({error.strerror})") from None
        with stream:
            yield from ((name, n, line) for n, line in _lines(name, stream))


def _result_dict(line: int, result: CheckResult, lang: Lang, file: str | None) -> dict[str, object]:
    out: dict[str, object] = {"line": line, "ok": result.ok}
    if file is not None:
        out["file"] = file
    out["violations"] = [
        {"code": v.code, "severity": v.severity, "message": v.message_in(lang)}
        for v in result.violations
    ]
    return out


def _check(args: argparse.Namespace, out: TextIO) -> int:
    policy: Policy = load_policy(args.policy)
    several = len(args.files) > 1
    checked = passed = 0
    results: list[dict[str, object]] = []
    for file, number, password in _inputs(args.files):
        result = policy.check(password, kind=args.kind)
        checked += 1
        passed += result.ok
        label = file if several else None
        if args.format == "json":
            results.append(_result_dict(number, result, args.lang, label))
        elif args.format == "jsonl":
            out.write(
                json.dumps(_result_dict(number, result, args.lang, label), ensure_ascii=False)
                + "\n"
            )
        else:
            where = f"{file}:{number}" if several else f"line {number}"
            verdict = "ok" if result.ok else "rejected"
            out.write(f"{where}: {verdict}\n")
            for violation in result.violations:
                out.write(
                    f"  {violation.severity}: {violation.code}: {violation.message_in(args.lang)}\n"
                )
    failed = checked - passed
    if args.format == "json":
        document = {
            "policy": policy.name,
            "kind": args.kind,
            "summary": {"checked": checked, "passed": passed, "failed": failed},
            "results": results,
        }
        out.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
    elif args.format == "text":
        out.write(
            f"{checked} checked, {passed} passed, {failed} failed"
            f" (policy {policy.name}, kind {args.kind})\n"
        )
    return EXIT_REJECTED if failed else EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = _build_parser()
    args = parser.parse_args(argv)
    out = sys.stdout
    try:
        if args.command == "check":
            return _check(args, out)
        if args.command == "presets":
            for name in list_presets():
                out.write(f"{name}\n")
            return EXIT_OK
        parser.print_help(sys.stderr)
        return EXIT_ERROR
    except (CredguardError, _InputError) as error:
        sys.stderr.write(f"credguard: {error}\n")
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
