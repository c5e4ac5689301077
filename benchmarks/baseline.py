"""The yardstick: a minimal hand-written pure-Python password check.

What an engineer writes in ten minutes instead of using a library: a length
window, three of four character classes, no run of three identical
characters, and a lookup in a set of common passwords.  Like credguard it
runs every check and reports which ones failed (so a user can be told), but
with bare names: no normalization, no codes with parameters, no messages.
credguard's composition rules are measured against it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

__all__ = ["make_minimal_check"]


def make_minimal_check(common: Iterable[str]) -> Callable[[str], list[str]]:
    """Return ``check(password) -> list of failed check names`` (empty: accepted)."""
    blocked = frozenset(word.lower() for word in common)

    def check(password: str) -> list[str]:
        failed = []
        if not 8 <= len(password) <= 64:
            failed.append("length")
        upper = lower = digit = symbol = False
        longest = run = 0
        previous = ""
        for char in password:
            if char.isupper():
                upper = True
            elif char.islower():
                lower = True
            elif char.isdigit():
                digit = True
            else:
                symbol = True
            run = run + 1 if char == previous else 1
            if run > longest:
                longest = run
            previous = char
        if upper + lower + digit + symbol < 3:
            failed.append("classes")
        if longest > 2:
            failed.append("run")
        if password.lower() in blocked:
            failed.append("common")
        return failed

    return check
