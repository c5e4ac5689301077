"""The forms under which a word is stored in, and looked up in, the bundled tries.

One module for both sides: ``_generate.py`` builds the tries with
:func:`keys`, and the lookup side (the ``blocklist`` rule, through
:mod:`credguard.wordlists.tries`) computes the same forms of a password with
:func:`fold`, :func:`core` and :func:`core_forms`.  The folding and the leet
tables come from :mod:`credguard._candidate`, the code that builds
``Candidate.folded`` and ``Candidate.leet``: generation and check time cannot
drift apart.

For a list entry ``e`` the stored keys are

* the *exact* form ``fold(e)`` (NFKC, case-folded: ``abc123``, ``p@ssw0rd``,
  ``123456``, ``4649`` — digits and symbols kept);
* the *core* forms: ``e`` folded, stripped of leading and trailing
  non-letters (``password1!`` → ``password``), Latin diacritics dropped
  (``pässword`` → ``password``), then leet-folded in both readings of ``1``
  (``p@ssw0rd`` → ``password``; ``a1ice`` → ``aiice`` and ``alice``) — kept
  when the stripped core has at least :data:`MIN_KEY_LENGTH` characters.

Keys are between :data:`MIN_KEY_LENGTH` and :data:`MAX_KEY_LENGTH`
characters long.

The strip comes before the leet folding on purpose: folding first would
read the trailing ``1`` of ``password1`` as ``i`` and store ``passwordi``.
"""

from __future__ import annotations

import unicodedata
from typing import Final

from .._candidate import leet_views
from .._guard import nfkc

__all__ = [
    "MAX_KEY_LENGTH",
    "MIN_KEY_LENGTH",
    "core",
    "core_forms",
    "fold",
    "fold_marks",
    "keys",
    "strip_edges",
]

#: Shortest key stored, exact or core: a rule never matches anything shorter
#: (and Django's list has entries like ``a`` and ``12``).
MIN_KEY_LENGTH: Final = 3
#: Longest key stored: a longer entry is dropped (none of the sources has one).
MAX_KEY_LENGTH: Final = 64


def fold(text: str) -> str:
    """NFKC then case folding: the ``Candidate.folded`` view of *text*."""
    return nfkc(text).casefold()


def strip_edges(folded: str) -> str:
    """*folded* without its leading and trailing non-letters (digits, symbols, spaces)."""
    start, end = 0, len(folded)
    while start < end and not folded[start].isalpha():
        start += 1
    while end > start and not folded[end - 1].isalpha():
        end -= 1
    return folded[start:end]


def _base_letter(char: str) -> str:
    # Only a decomposition onto an ASCII base is undone: "é" -> "e", "ü" -> "u".
    # Kana keep their voicing marks ("パ" is not "ハ"), and letters with no
    # decomposition ("ø", "ł") stay as they are.
    decomposed = unicodedata.normalize("NFD", char)
    return decomposed[0] if decomposed[0].isascii() else char


def fold_marks(text: str) -> str:
    """*text* with the diacritics of Latin letters dropped (``pässword`` → ``password``)."""
    if text.isascii():
        return text
    return "".join(map(_base_letter, text))


def core(folded: str) -> str:
    """The core of a folded text: edges stripped, diacritics dropped; ``""`` if too short."""
    stripped = strip_edges(folded)
    if len(stripped) < MIN_KEY_LENGTH:
        return ""
    return fold_marks(stripped)


def core_forms(folded: str) -> tuple[str, ...]:
    """The leet readings of the core of *folded* (one or two strings; none if no core)."""
    found = core(folded)
    if not found:
        return ()
    leet, leet_alt = leet_views(found)
    return (leet,) if leet == leet_alt else (leet, leet_alt)


def keys(entry: str) -> frozenset[str]:
    """Every key a list *entry* is stored under (see the module docstring)."""
    folded = fold(entry.strip())
    found = {folded, *core_forms(folded)} if folded else set()
    return frozenset(key for key in found if MIN_KEY_LENGTH <= len(key) <= MAX_KEY_LENGTH)
