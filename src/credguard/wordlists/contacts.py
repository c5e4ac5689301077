"""Email addresses and phone numbers inside a password: each one token of the blocklist score.

People type contact details as passwords: in the held-out leaked sets of
``benchmarks/recall.py`` about one password in 70 that ``recommended``
still accepted was an email address (``nathanpayton@hotmail.co.uk1``) and
one in five a phone number (``09174635441@``, ``0872857137!``).  An email
address is most often the account's own login name, the first guess of
anyone who knows it; a phone number is one of a few hundred million per
country, and cracking tools enumerate them by country prefix.  The
blocklist (:mod:`credguard.rules.blocklist`) counts each as one token of
its Entra-style score, so a contact detail with a digit or symbol or two
around it scores low and is refused; one inside a longer password is not.

* An *email address* is a local part (letters, digits, ``. _ + % -``),
  ``@`` and a domain of dotted labels ending in a common top-level domain
  (:data:`TOP_LEVEL_DOMAINS`), the labels read through leet
  (``g3i$h@tru3f@ct$@y@h00.c0m`` is ``geishatruefacts@yahoo.com``).  The
  domain must end the password or be followed by a character that is not a
  letter (``…@msn.com1!``).
* A *phone number* is a run of digits that starts with the shape of one:
  10 or 11 digits after a trunk ``0`` (Japan's ``090…``, the United
  Kingdom's ``07…``, the Philippines' ``09…``; national formats almost
  everywhere), 10 digits starting 2–9 (North America, India) or 11 digits
  starting ``1`` and 2–9 (China's mobiles, North America with its country
  code).  The digits after it in the same run, a year or ``123``, are one
  more token.

Random strong passwords almost never hold either: ten digits in a row, or
``@`` then a dotted domain ending in a listed top-level domain.

Cost: one C-level membership test (``@`` in the text) or regular expression
search (ten digits in a row) rules out almost every password; the readings
themselves are linear in its length (each look at an ``@`` reads at most
``MAX_TOKEN`` characters either side: no token is longer).
"""

from __future__ import annotations

import re
from typing import Final

from .scoring import MAX_TOKEN

__all__ = ["TOP_LEVEL_DOMAINS", "email_tokens", "phone_tokens"]

#: The top-level domains an email address may end with: the generic ones
#: and the countries whose mail domains are common in leaked lists.
TOP_LEVEL_DOMAINS: Final = frozenset(
    (
        *("com", "net", "org", "edu", "gov", "mil", "info", "biz", "co", "io", "me", "tv"),
        *("us", "uk", "jp", "de", "fr", "ru", "br", "it", "es", "nl", "pl", "be", "ch", "at"),
        *("se", "no", "dk", "fi", "ie", "pt", "gr", "cz", "ro", "hu", "tr", "au", "nz", "ca"),
        *("mx", "ar", "cl", "pe", "cn", "hk", "tw", "kr", "in", "id", "my", "sg", "ph", "th"),
        *("vn", "za"),
    )
)

# The labels of a domain before its top-level domain, read through leet.
_LABELS: Final = re.compile(r"(?:[a-z0-9-]+\.)+")
_TLD_LENGTHS: Final = tuple(sorted({len(tld) for tld in TOP_LEVEL_DOMAINS}))
# The characters of a local part (read through leet, as the domain).
_LOCAL: Final = frozenset("abcdefghijklmnopqrstuvwxyz0123456789._+%-")
# Ten digits in a row: the only passwords the phone reading looks at.
_DIGITS: Final = re.compile(r"[0-9]{10,}")
#: Digits after a phone number in its run that count as one more token
#: (the scoring's longest digit token).
_TAIL_DIGITS: Final = 8


def email_tokens(folded: str, leet: str) -> list[dict[int, int]]:
    """``{start: length}`` of each email address in a password, as one token.

    *folded* is the password's folded view and *leet* its leet reading,
    character for character (``@`` read as ``a`` in *leet*, so the ``@``
    is looked for in *folded*).
    """
    found: list[dict[int, int]] = []
    if "@" not in folded or "." not in folded:
        return found
    at = folded.find("@")
    while at > 0:
        end = _domain_end(folded, leet, at + 1)
        if end:
            # No token is longer than MAX_TOKEN: each look is bounded by it.
            start, first = at, max(0, end - MAX_TOKEN)
            while start > first and leet[start - 1] in _LOCAL:
                start -= 1
            token = {start: end - start}
            # Leet reads an @ as a letter: several may end in the same address.
            if start < at and token not in found:
                found.append(token)
        at = folded.find("@", at + 1)
    return found


def _domain_end(folded: str, leet: str, start: int) -> int:
    """Where the domain starting at *start* ends (0: no domain there).

    Labels and top-level domain are read in *leet* (``y@h00.c0m``), the end
    in *folded*: a domain is not followed by a letter (``hotmail.comx`` is
    none), but may be by a digit or symbol that leet reads as one
    (``msn.com1!``).
    """
    labels = _LABELS.match(leet, start, start + MAX_TOKEN)
    if labels is None:
        return 0
    at = labels.end()
    for length in _TLD_LENGTHS:
        end = at + length
        if leet[at:end] in TOP_LEVEL_DOMAINS and not folded[end : end + 1].isalpha():
            return end
    return 0


def _phone_lengths(digits: str) -> tuple[int, ...]:
    """The lengths of the phone numbers *digits* (ten or more) starts with."""
    first, second = digits[0], digits[1]
    if first == "0":
        return (11, 10) if second != "0" else ()
    if first == "1":
        return (11,) if second not in "01" else ()
    return (10,)


def phone_tokens(folded: str) -> list[dict[int, int]]:
    """``{start: length}`` tokens for each phone number in a password (and the digits after it)."""
    found: list[dict[int, int]] = []
    for run in _DIGITS.finditer(folded):
        start, size = run.start(), run.end() - run.start()
        for length in _phone_lengths(run.group()):
            tail = size - length
            if tail < 0 or tail > _TAIL_DIGITS:
                continue
            tokens = {start: length}
            if tail >= 2:
                tokens[start + length] = tail
            found.append(tokens)
    return found
