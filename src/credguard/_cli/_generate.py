"""``generate``: print passwords a policy accepts, for a help desk's resets.

Like ``pwmake`` and ``pwqgen``: each line is a fresh
:func:`~credguard.generate_password` of the chosen kind.  Every password
is generated before any is printed, so a policy no password can satisfy
prints nothing on standard output, only the one-line error.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Final, TextIO

from .._context import KINDS
from .._guard import MAX_PASSWORD_LENGTH
from .._loading import ADVICE, load_policy
from .._passgen import generate_password

__all__ = ["MAX_COUNT", "add_generate_arguments", "run_generate"]

#: The most passwords one command prints.
MAX_COUNT: Final = 10_000


def _bounded(high: int) -> Callable[[str], int]:
    """An argparse type: an integer from 1 to *high* (argparse words the error)."""

    def convert(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"invalid int value: {value!r}") from None
        if not 1 <= number <= high:
            raise argparse.ArgumentTypeError(f"must be between 1 and {high}, not {number}")
        return number

    return convert


def add_generate_arguments(parser: argparse.ArgumentParser, h: Callable[[str], str]) -> None:
    """The options of ``credguard generate``; *h* gives a help string by key."""
    parser.add_argument(
        "--policy", default="recommended", metavar="NAME|FILE", help=h("help.policy")
    )
    parser.add_argument("--kind", choices=KINDS, default="login", help=h("help.kind"))
    parser.add_argument(
        "--count", type=_bounded(MAX_COUNT), default=1, metavar="N", help=h("help.count")
    )
    parser.add_argument(
        "--length",
        type=_bounded(MAX_PASSWORD_LENGTH),
        default=None,
        metavar="L",
        help=h("help.length"),
    )
    parser.add_argument("--advice", choices=ADVICE, default="error", help=h("help.advice"))


def run_generate(args: argparse.Namespace, out: TextIO) -> int:
    """``credguard generate``: 0 with *count* passwords printed; errors raise."""
    policy = load_policy(args.policy, advice=args.advice)
    passwords = [
        generate_password(policy, kind=args.kind, length=args.length) for _ in range(args.count)
    ]
    out.write("".join(password + "\n" for password in passwords))
    return 0
