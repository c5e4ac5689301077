"""Kana scripts: is a text kana, and katakana to hiragana and back.

A new context reads every name word through these (its heads, starts and
spellings), so each is one ``str.translate`` (C) rather than a Python loop
per character; ASCII text is returned at once.  :mod:`.romaji` uses and
re-exports them.
"""

from __future__ import annotations

from typing import Final

__all__ = ["CHOON", "is_kana", "to_hiragana", "to_katakana"]

#: The long-vowel mark (chōonpu), kana in both scripts.
CHOON: Final = "ー"

_TO_HIRAGANA: Final = {code: code - 0x60 for code in range(ord("ァ"), ord("ヶ") + 1)}
_TO_KATAKANA: Final = {code: code + 0x60 for code in range(ord("ぁ"), ord("ゖ") + 1)}
# Every kana is deleted: a text left empty was kana alone.
_NOT_KANA: Final = dict.fromkeys([*_TO_HIRAGANA, *_TO_KATAKANA, ord(CHOON)])


def to_hiragana(text: str) -> str:
    """Katakana to hiragana (``ー`` is kept); other characters unchanged."""
    return text if text.isascii() else text.translate(_TO_HIRAGANA)


def to_katakana(text: str) -> str:
    """Hiragana to katakana; other characters unchanged."""
    return text if text.isascii() else text.translate(_TO_KATAKANA)


def is_kana(text: str) -> bool:
    """True when *text* (NFKC) is non-empty and only hiragana, katakana or ``ー``."""
    return not text.isascii() and not text.translate(_NOT_KANA)
