"""zxcvbn's matchers, run with one call's dictionaries and bounded cost.

The matching half of :mod:`credguard._zxcvbn` (which explains why each
matcher here replaces zxcvbn's own): the engine (zxcvbn's modules, imported
on first use, and the shared merged index of :mod:`credguard._zxcvbn_index`),
each call's :class:`Index`, :func:`omnimatch` (every match) and
:func:`edge_matches` (those at the password's two ends).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Mapping
from types import MappingProxyType, ModuleType
from typing import Any, Final, NamedTuple

from ._zxcvbn_index import RankedIndex, adjacent_pairs, runtime_index

__all__ = [
    "MAX_L33T_SUBS",
    "RECENT_YEAR",
    "Engine",
    "Index",
    "Match",
    "edge_matches",
    "index_for",
    "load_engine",
    "omnimatch",
]

#: The most leet substitution tables tried per (sub)string.
MAX_L33T_SUBS: Final = 32
#: What zxcvbn's ``recent_year`` regex matches here: every year from 1900 to 2099.
RECENT_YEAR: Final = re.compile(r"19\d\d|20\d\d")
# zxcvbn's regex table, passed to each call (its own stops at 2019).
_REGEXEN: Final = MappingProxyType({"recent_year": RECENT_YEAR})

Match = dict[str, Any]


class Engine(NamedTuple):
    matching: ModuleType
    scoring: ModuleType
    time_estimates: ModuleType
    #: The shared frequency dictionaries, merged (:mod:`credguard._zxcvbn_index`).
    shared: RankedIndex
    #: Every two-character string whose second key neighbours the first on
    #: one of zxcvbn's keyboard graphs (where its spatial matcher may go on).
    adjacent: frozenset[str]


class Index(NamedTuple):
    """One call's dictionaries: the shared merged index plus this call's inputs."""

    shared: RankedIndex
    user_inputs: Mapping[str, int]
    #: The longest of this call's inputs.
    longest_input: int


_LOCK: Final = threading.Lock()
_ENGINE: list[Engine] = []


def load_engine() -> Engine:
    if not _ENGINE:
        with _LOCK:
            if not _ENGINE:
                from zxcvbn import matching, scoring, time_estimates

                adjacent = adjacent_pairs(matching.GRAPHS)
                _ENGINE.append(Engine(matching, scoring, time_estimates, runtime_index(), adjacent))
    return _ENGINE[0]


def dictionary_match(password: str, index: Index, edges: bool = False) -> list[Match]:
    """zxcvbn's dictionary matcher: one lookup per substring in a merged index.

    With *edges*, only the substrings that start at the first character or
    end at the last (the matches :func:`surely_reaches` needs).
    """
    matches: list[Match] = []
    lower = password.lower()
    length = len(password)
    shared, user_inputs, longest_input = index
    if edges:
        # Every listed word the password starts with (one trie walk), then
        # every substring to the end that is listed.
        heads = set(shared.prefixes(lower))
        tails = {lower[start:] for start in range(max(1, length - shared.longest), length)}
        listed = heads | shared.listed(tails)
        if user_inputs:
            stops = range(1, min(length, longest_input) + 1)
            heads |= {lower[:stop] for stop in stops if lower[:stop] in user_inputs}
            starts = range(max(1, length - longest_input), length)
            tails |= {lower[start:] for start in starts}
            listed |= heads | {tail for tail in tails if tail in user_inputs}
        for word in listed:
            if word in heads:
                _add_entries(matches, password, 0, len(word) - 1, word, index)
            if word in tails:
                _add_entries(matches, password, length - len(word), length - 1, word, index)
        return sorted(matches, key=lambda m: (m["i"], m["j"]))
    for i in range(length):
        rest = lower[i:]
        words = shared.prefixes(rest)
        if user_inputs:
            stops = range(1, min(len(rest), longest_input) + 1)
            words = sorted(
                {*words, *(rest[:stop] for stop in stops if rest[:stop] in user_inputs)}, key=len
            )
        for word in words:
            _add_entries(matches, password, i, i + len(word) - 1, word, index)
    return sorted(matches, key=lambda m: (m["i"], m["j"]))


def _add_entries(
    matches: list[Match], password: str, i: int, j: int, word: str, index: Index
) -> None:
    """Append a match of *word* at i..j for each dictionary that lists it."""
    entries = index.shared.entries(word)
    user_rank = index.user_inputs.get(word)
    if user_rank is not None:
        # zxcvbn adds "user_inputs" after the frequency dictionaries.
        entries = (*entries, ("user_inputs", user_rank))
    # Entries are in dictionary order, so the callers' stable sort gives
    # zxcvbn's order (dictionary, then i, then j) for equal (i, j).
    for name, rank in entries:
        matches.append(
            {
                "pattern": "dictionary",
                "i": i,
                "j": j,
                "token": password[i : j + 1],
                "matched_word": word,
                "rank": rank,
                "dictionary_name": name,
                "reversed": False,
                "l33t": False,
            }
        )


def reverse_dictionary_match(password: str, index: Index, edges: bool = False) -> list[Match]:
    matches = dictionary_match(password[::-1], index, edges)
    last = len(password) - 1
    for match in matches:
        match["token"] = match["token"][::-1]
        match["reversed"] = True
        match["i"], match["j"] = last - match["j"], last - match["i"]
    return sorted(matches, key=lambda m: (m["i"], m["j"]))


def l33t_match(engine: Engine, password: str, index: Index, edges: bool = False) -> list[Match]:
    matching = engine.matching
    subs = matching.enumerate_l33t_subs(
        matching.relevant_l33t_subtable(password, matching.L33T_TABLE)
    )
    matches: list[Match] = []
    for sub in subs[:MAX_L33T_SUBS]:
        if not sub:
            break
        subbed = matching.translate(password, sub)
        for match in dictionary_match(subbed, index, edges):
            token = password[match["i"] : match["j"] + 1]
            if token.lower() == match["matched_word"]:
                continue  # only matches that contain an actual substitution
            used = {k: v for k, v in sub.items() if k in token}
            match["l33t"] = True
            match["token"] = token
            match["sub"] = used
            match["sub_display"] = ", ".join(f"{k} -> {v}" for k, v in used.items())
            matches.append(match)
    return sorted((m for m in matches if len(m["token"]) > 1), key=lambda m: (m["i"], m["j"]))


_GREEDY: Final = re.compile(r"(.+)\1+")
_LAZY: Final = re.compile(r"(.+?)\1+")
_LAZY_ANCHORED: Final = re.compile(r"^(.+?)\1+$")
# Every date zxcvbn finds starts and ends with a digit and is at most 10 long.
_DIGIT: Final = re.compile(r"\d")
_LONGEST_DATE: Final = 10


def repeat_match(engine: Engine, password: str, index: Index, edges: bool = False) -> list[Match]:
    matches: list[Match] = []
    last = len(password) - 1
    last_index = 0
    while last_index < len(password):
        greedy = _GREEDY.search(password, pos=last_index)
        lazy = _LAZY.search(password, pos=last_index)
        if not greedy or not lazy:
            break
        if len(greedy.group(0)) > len(lazy.group(0)):
            match = greedy
            anchored = _LAZY_ANCHORED.search(match.group(0))
            base = anchored.group(1) if anchored else match.group(1)
        else:
            match = lazy
            base = match.group(1)
        i, j = match.span()[0], match.span()[1] - 1
        last_index = j + 1
        if edges and i and j != last:
            continue  # not at an edge: its base is never estimated
        # zxcvbn recurses with its module-level dictionaries here; we keep ours.
        analysis = engine.scoring.most_guessable_match_sequence(
            base, omnimatch(engine, base, index)
        )
        matches.append(
            {
                "pattern": "repeat",
                "i": i,
                "j": j,
                "token": match.group(0),
                "base_token": base,
                "base_guesses": analysis["guesses"],
                "base_matches": analysis["sequence"],
                "repeat_count": len(match.group(0)) / len(base),
            }
        )
    return matches


def omnimatch(engine: Engine, password: str, index: Index) -> list[Match]:
    matching = engine.matching
    matches = [
        *dictionary_match(password, index),
        *reverse_dictionary_match(password, index),
        *l33t_match(engine, password, index),
        *matching.spatial_match(password),
        *repeat_match(engine, password, index),
        *matching.sequence_match(password),
        *matching.regex_match(password, _regexen=_REGEXEN),
        *matching.date_match(password),
    ]
    return sorted(matches, key=lambda m: (m["i"], m["j"]))


def index_for(engine: Engine, ranks: Mapping[str, int]) -> Index:
    """One call's dictionaries: the shared index and this call's ranked user
    inputs (``_zxcvbn_inputs.ranked_inputs``, zxcvbn's ``build_ranked_dict``).

    A fresh index per call: this call's inputs are seen by no other call.
    """
    return Index(engine.shared, ranks, max(map(len, ranks), default=0))


def edge_matches(engine: Engine, password: str, index: Index) -> list[Match]:
    """The matches of ``omnimatch`` that start at 0 or end at the last character.

    Found without scanning the middle where a matcher allows it: spatial
    chains break wherever two neighbouring characters are adjacent on no
    keyboard, so the first and last chains are matched within those bounds;
    a date is at most 10 characters long and starts and ends with a digit.
    """
    matching = engine.matching
    length = len(password)
    last = length - 1
    pairs = map(str.__add__, password, password[1:])
    breaks = [at for at, pair in enumerate(pairs, 1) if pair not in engine.adjacent]
    matches = [
        *dictionary_match(password, index, edges=True),
        *reverse_dictionary_match(password, index, edges=True),
        *l33t_match(engine, password, index, edges=True),
        *repeat_match(engine, password, index, edges=True),
        *matching.sequence_match(password),
        *matching.regex_match(password, _regexen=_REGEXEN),
    ]
    if not breaks:
        matches += matching.spatial_match(password)
    else:
        # Both windows start a chain in every graph: a break in all is one in each.
        matches += _at_edge(matching.spatial_match(password[: breaks[0]]), 0, 0)
        matches += _at_edge(matching.spatial_match(password[breaks[-1] :]), breaks[-1], last)
    if length <= _LONGEST_DATE:
        if _DIGIT.match(password) or _DIGIT.match(password, last):
            matches += matching.date_match(password)
    else:
        # A date containing one at an edge is at that edge too, and no longer:
        # the windows see every date the submatch filter compares it with.
        if _DIGIT.match(password):
            matches += _at_edge(matching.date_match(password[:_LONGEST_DATE]), 0, 0)
        if _DIGIT.match(password, last):
            start = length - _LONGEST_DATE
            matches += _at_edge(matching.date_match(password[start:]), start, last)
    return [match for match in matches if match["i"] == 0 or match["j"] == last]


def _at_edge(matches: list[Match], offset: int, edge: int) -> list[Match]:
    """*matches* found at *offset*, moved there; those that touch *edge* only."""
    kept = []
    for match in matches:
        match["i"] += offset
        match["j"] += offset
        if edge in (match["i"], match["j"]):
            kept.append(match)
    return kept
