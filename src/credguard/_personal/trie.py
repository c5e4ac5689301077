"""Trie-shaped regular expressions for the matching index.

:func:`trie_pattern` turns a set of words into one expression with their
shared prefixes factored out, so a scan costs one branch per character
rather than one comparison per word; :func:`compile_uncached` compiles it
without leaving it in :mod:`re`'s process-wide cache (the words are
personal tokens).  Used by :class:`credguard._personal.index.PersonalIndex`.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from typing import Final

if sys.version_info >= (3, 11):
    from re import _compiler as _regex_compiler
else:  # pragma: no cover - exercised on Python 3.10 only
    import sre_compile as _regex_compiler

__all__ = ["compile_uncached", "trie_pattern"]


def compile_uncached(pattern: str) -> re.Pattern[str]:
    """Compile *pattern* without entering :mod:`re`'s module-level cache.

    The pattern spells out personal tokens: ``re.compile`` would keep it in
    a process-wide cache after the context is gone.  The compiler module is
    what ``re.compile`` itself calls.
    """
    compiled: re.Pattern[str] = _regex_compiler.compile(pattern, 0)
    return compiled


_Trie = dict[str, "_Trie"]
_END: Final = ""  # trie key marking the end of a word (no token is empty)


def _emit(node: _Trie) -> str:
    branches = [re.escape(char) + _emit(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if _END not in node:
        return body
    # Greedy optional: at each start the longest token wins.
    return f"{body}?" if len(branches) == 1 and len(body) == 1 else f"(?:{body})?"


def trie_pattern(words: Iterable[str]) -> str:
    """A regular expression matching any of *words*, the longest at each start.

    Shared prefixes are factored out, so matching costs one branch per
    character rather than one comparison per word.
    """
    trie: _Trie = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[_END] = {}
    return _emit(trie)
