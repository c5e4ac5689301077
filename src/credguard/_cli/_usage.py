"""Usage errors in the house form: one line, ``credguard: error: …``, in the chosen language.

argparse prints its usage block and ``PROG: error: message`` in English.
:func:`usage_error` turns its message into one line of the command line's
own catalogue (the English wording stays argparse's), followed by where to
find help, so that every error the command prints has the same shape.
"""

from __future__ import annotations

import re
from typing import Final

from .._messages import Lang
from ._i18n import text

__all__ = ["usage_error"]

# argparse's messages (Python 3.10-3.13), as regular expressions over their
# English text, each with the catalogue key of its Japanese wording.
_PATTERNS: Final = (
    (re.compile(r"the following arguments are required: (?P<names>.*)"), "usage.required"),
    (re.compile(r"unrecognized arguments: (?P<names>.*)"), "usage.unrecognized"),
    (
        re.compile(r"invalid choice: (?P<value>.*) \(choose from (?P<choices>.*)\)"),
        "usage.choice",
    ),
    (re.compile(r"invalid (?P<type>\w+) value: (?P<value>.*)"), "usage.value"),
    # Not argparse's own: the range check of generate's --count and --length.
    (
        re.compile(r"must be between (?P<low>\d+) and (?P<high>\d+), not (?P<value>.*)"),
        "usage.between",
    ),
    (re.compile(r"expected one argument"), "usage.one"),
    (re.compile(r"expected at least one argument"), "usage.at_least_one"),
    (re.compile(r"expected at most one argument"), "usage.at_most_one"),
    (re.compile(r"ignored explicit argument (?P<value>.*)"), "usage.ignored"),
    (re.compile(r"not allowed with argument (?P<names>.*)"), "usage.not_allowed"),
    (re.compile(r"ambiguous option: (?P<option>\S+) could match (?P<names>.*)"), "usage.ambiguous"),
)
_ARGUMENT: Final = re.compile(r"argument (?P<name>[^:]+): (?P<message>.*)", re.DOTALL)


def _translate(message: str, lang: Lang) -> str:
    if lang == "en":
        return message
    argument = _ARGUMENT.fullmatch(message)
    if argument:
        inner = _translate(argument["message"], lang)
        return text("usage.argument", lang, name=argument["name"], message=inner)
    for pattern, key in _PATTERNS:
        found = pattern.fullmatch(message)
        if found:
            return text(key, lang, **found.groupdict())
    return message  # a message this table does not know: argparse's English


def usage_error(message: str, command: str | None, lang: Lang) -> str:
    """The one line (without newline) that reports argparse's *message*."""
    line = " ".join(_translate(message, lang).split())  # never more than one line
    where = f"credguard {command}" if command else "credguard"
    return text("error.prefix", lang) + line + text("usage.see_help", lang, command=where)
