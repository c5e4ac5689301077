"""zxcvbn strength estimates without zxcvbn's shared state or unbounded cost.

The Python port's entry point ``zxcvbn.zxcvbn()`` stores each call's user
inputs in the module-level ``matching.RANKED_DICTIONARIES['user_inputs']``,
so concurrent calls see each other's personal data, and a later call's
``repeat_match`` still consults the previous caller's inputs.  It also
raises ``ValueError`` above 72 characters, and its leet matcher enumerates
every combination of ambiguous substitutions (up to 736 of them), each
followed by a quadratic dictionary scan: seconds for a crafted input.

This module calls zxcvbn's matchers and scorer with an index built per call
— one merged index of the shared frequency dictionaries (built once, never
mutated) plus this call's user inputs — and re-implements the three
matchers that would otherwise fall back to the module-level mapping or cost
too much:

* ``_dictionary_match`` looks each substring up once in the merged index
  instead of once per dictionary, and only tries substrings no longer than
  the longest word (zxcvbn tries all of them; the matches and their order
  are the same);
* ``_l33t_match`` tries at most :data:`MAX_L33T_SUBS` substitution tables
  (zxcvbn tries all; this only differs on inputs with many distinct
  ambiguous symbols, where it may estimate more guesses);
* ``_repeat_match`` recurses into this module's ``omnimatch``, with this
  call's dictionaries, instead of zxcvbn's default argument.

It also passes zxcvbn's regex matcher its own table, :data:`RECENT_YEAR`:
the Python port, released in 2017, only knows 1900-2019 as years (scored
as about 20 guesses) and estimates ``Word2024`` as four random digits —
a hundred times stronger than ``Word2019``.  The Rust port already treats
every year from 1900 to 2099 alike; with the wider pattern both agree.
zxcvbn's ``REFERENCE_YEAR`` (2017) stays: a year's guesses are its distance
from 2017, at least 20, so every year up to 2037 costs the same 20.

:func:`surely_reaches` answers "is the estimate at least this floor?"
for floors up to about 10**8 (score 3) from the matches at the password's
two ends only, which is enough there; the strength rule asks it first and
runs :func:`estimate` only when it cannot say yes.

Callers pass a prefix of at most :data:`MAX_EVALUATED` characters.  The
zxcvbn modules are imported on first use, never at import, under a lock.

When ``zxcvbn-rs-py`` (the Rust port; ``pip install credguard-policy[fast]``)
is installed, :func:`estimate` can use it instead: it is pure (no shared
state) and fast, and agrees with the Python port on most inputs (see
``docs/blocklists.md`` for the measured differences).
"""

from __future__ import annotations

import importlib.util
import math
import re
import threading
from collections.abc import Mapping, Sequence
from types import MappingProxyType, ModuleType
from typing import Any, Final, NamedTuple

from ._zxcvbn_index import RankedIndex, shared_index

__all__ = [
    "BACKENDS",
    "MAX_EVALUATED",
    "MAX_L33T_SUBS",
    "RECENT_YEAR",
    "Estimate",
    "estimate",
    "rust_available",
    "surely_reaches",
]

#: The most characters given to zxcvbn (the Python port refuses more than 72).
MAX_EVALUATED: Final = 72
#: The most leet substitution tables tried per (sub)string.
MAX_L33T_SUBS: Final = 32
#: What zxcvbn's ``recent_year`` regex matches here: every year from 1900 to 2099.
RECENT_YEAR: Final = re.compile(r"19\d\d|20\d\d")
# zxcvbn's regex table, passed to each call (its own stops at 2019).
_REGEXEN: Final = MappingProxyType({"recent_year": RECENT_YEAR})
#: Backend names: ``python`` (the reference), ``rust``, ``auto`` (rust if installed).
BACKENDS: Final = ("python", "rust", "auto")

_Match = dict[str, Any]


class Estimate(NamedTuple):
    """A zxcvbn estimate: score 0–4 and log10 of the estimated guesses."""

    score: int
    guesses_log10: float


class _Engine(NamedTuple):
    matching: ModuleType
    scoring: ModuleType
    time_estimates: ModuleType
    #: The shared frequency dictionaries, merged (:mod:`credguard._zxcvbn_index`).
    shared: RankedIndex
    #: Every two-character string whose second key neighbours the first on
    #: one of zxcvbn's keyboard graphs (where its spatial matcher may go on).
    adjacent: frozenset[str]


class _Index(NamedTuple):
    """One call's dictionaries: the shared merged index plus this call's inputs."""

    shared: RankedIndex
    user_inputs: Mapping[str, int]
    #: The longest of this call's inputs.
    longest_input: int


_LOCK: Final = threading.Lock()
_ENGINE: list[_Engine] = []


def _engine() -> _Engine:
    if not _ENGINE:
        with _LOCK:
            if not _ENGINE:
                from zxcvbn import matching, scoring, time_estimates

                adjacent = frozenset(
                    key + near
                    for graph in matching.GRAPHS.values()
                    for key, neighbours in graph.items()
                    for keys in neighbours or ()
                    if keys
                    for near in keys
                )
                _ENGINE.append(_Engine(matching, scoring, time_estimates, shared_index(), adjacent))
    return _ENGINE[0]


def rust_available() -> bool:
    """True when the ``zxcvbn-rs-py`` package can be imported."""
    return importlib.util.find_spec("zxcvbn_rs_py") is not None


def _dictionary_match(password: str, index: _Index, edges: bool = False) -> list[_Match]:
    """zxcvbn's dictionary matcher: one lookup per substring in a merged index.

    With *edges*, only the substrings that start at the first character or
    end at the last (the matches :func:`surely_reaches` needs).
    """
    matches: list[_Match] = []
    lower = password.lower()
    length = len(password)
    shared, user_inputs, longest_input = index
    if edges:
        # Every listed word the password starts with (one trie walk), then
        # every substring to the end that is listed.
        heads = set(shared.prefixes(lower))
        tails = {lower[start:] for start in range(max(1, length - shared.longest), length)}
        listed = heads | {tail for tail in tails if tail in shared}
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
    matches: list[_Match], password: str, i: int, j: int, word: str, index: _Index
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


def _reverse_dictionary_match(password: str, index: _Index, edges: bool = False) -> list[_Match]:
    matches = _dictionary_match(password[::-1], index, edges)
    last = len(password) - 1
    for match in matches:
        match["token"] = match["token"][::-1]
        match["reversed"] = True
        match["i"], match["j"] = last - match["j"], last - match["i"]
    return sorted(matches, key=lambda m: (m["i"], m["j"]))


def _l33t_match(engine: _Engine, password: str, index: _Index, edges: bool = False) -> list[_Match]:
    matching = engine.matching
    subs = matching.enumerate_l33t_subs(
        matching.relevant_l33t_subtable(password, matching.L33T_TABLE)
    )
    matches: list[_Match] = []
    for sub in subs[:MAX_L33T_SUBS]:
        if not sub:
            break
        subbed = matching.translate(password, sub)
        for match in _dictionary_match(subbed, index, edges):
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


def _repeat_match(
    engine: _Engine, password: str, index: _Index, edges: bool = False
) -> list[_Match]:
    matches: list[_Match] = []
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
            base, _omnimatch(engine, base, index)
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


def _omnimatch(engine: _Engine, password: str, index: _Index) -> list[_Match]:
    matching = engine.matching
    matches = [
        *_dictionary_match(password, index),
        *_reverse_dictionary_match(password, index),
        *_l33t_match(engine, password, index),
        *matching.spatial_match(password),
        *_repeat_match(engine, password, index),
        *matching.sequence_match(password),
        *matching.regex_match(password, _regexen=_REGEXEN),
        *matching.date_match(password),
    ]
    return sorted(matches, key=lambda m: (m["i"], m["j"]))


def _index(engine: _Engine, user_inputs: Sequence[str]) -> _Index:
    inputs = [str(word).lower() for word in user_inputs]
    # A fresh index per call: this call's inputs are seen by no other call.
    return _Index(
        engine.shared,
        engine.matching.build_ranked_dict(inputs),
        max((len(word) for word in inputs), default=0),
    )


def _edge_matches(engine: _Engine, password: str, index: _Index) -> list[_Match]:
    """The matches of ``_omnimatch`` that start at 0 or end at the last character.

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
        *_dictionary_match(password, index, edges=True),
        *_reverse_dictionary_match(password, index, edges=True),
        *_l33t_match(engine, password, index, edges=True),
        *_repeat_match(engine, password, index, edges=True),
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


def _at_edge(matches: list[_Match], offset: int, edge: int) -> list[_Match]:
    """*matches* found at *offset*, moved there; those that touch *edge* only."""
    kept = []
    for match in matches:
        match["i"] += offset
        match["j"] += offset
        if edge in (match["i"], match["j"]):
            kept.append(match)
    return kept


# The fewest guesses of a cover by three or more matches: 3! times one guess
# each (zxcvbn's least is 10 a match), plus 10000**2.
_COVERS_OF_THREE: Final = 10**8 + 6


def surely_reaches(password: str, user_inputs: Sequence[str], guesses: float) -> bool:
    """True when the Python estimate of *password* is certainly at least *guesses*.

    zxcvbn's estimate is the least, over the ways of cutting the password
    into matches, of ``l! * (product of the matches' guesses) + 10000**(l-1)``
    for ``l`` matches; with three or more that is above ``10**8``.  So for
    a floor of at most ``10**8`` only the covers by one or two matches
    matter: a match (or a brute-force run) spanning the whole password, or
    one from the start followed by one to the end.  This looks at just
    those (a password's first and last few characters, for most) and says
    ``True`` when none comes under the floor; ``False`` means "not known",
    and the caller runs :func:`estimate`.
    """
    if guesses > _COVERS_OF_THREE:
        return False
    length = len(password)
    if not length:
        return False
    engine = _engine()
    index = _index(engine, user_inputs)
    guess = engine.scoring.estimate_guesses
    last = length - 1
    # A brute-force run of n characters costs 10**n guesses (11 for one).
    heads = [11 if k == 0 else 10 ** (k + 1) for k in range(length)]
    tails = [11 if k == last else 10 ** (length - k) for k in range(length)]
    for match in _edge_matches(engine, password, index):
        found = guess(match, password)
        if match["i"] == 0:
            heads[match["j"]] = min(heads[match["j"]], found)
        if match["j"] == last:
            tails[match["i"]] = min(tails[match["i"]], found)
    if heads[last] + 1 < guesses:
        return False
    return all(2 * heads[k] * tails[k + 1] + 10000 >= guesses for k in range(last))


def _estimate_python(password: str, user_inputs: Sequence[str]) -> Estimate:
    engine = _engine()
    index = _index(engine, user_inputs)
    matches = _omnimatch(engine, password, index)
    result = engine.scoring.most_guessable_match_sequence(password, matches)
    guesses = result["guesses"]
    score = int(engine.time_estimates.guesses_to_score(guesses))
    return Estimate(score, float(math.log10(guesses)))


def _estimate_rust(password: str, user_inputs: Sequence[str]) -> Estimate:
    import zxcvbn_rs_py

    found = zxcvbn_rs_py.zxcvbn(password, [word.lower() for word in user_inputs])
    return Estimate(int(found.score), float(found.guesses_log10))


def _many_l33t_tables(password: str) -> bool:
    """True when zxcvbn would try more than MAX_L33T_SUBS substitution tables."""
    matching = _engine().matching
    table = matching.relevant_l33t_subtable(password, matching.L33T_TABLE)
    # Cheap upper bound first: the product of the choices per letter.
    bound = math.prod(len(subs) + 1 for subs in table.values())
    return bound > MAX_L33T_SUBS and len(matching.enumerate_l33t_subs(table)) > MAX_L33T_SUBS


def estimate(
    password: str, user_inputs: Sequence[str] = (), *, backend: str = "python"
) -> Estimate:
    """Estimate *password* (at most :data:`MAX_EVALUATED` characters) with zxcvbn.

    The Rust port enumerates every leet substitution table, which takes
    about a second for a crafted 72-character input; such inputs go to the
    bounded Python matcher instead, whatever the backend.
    """
    if len(password) > MAX_EVALUATED:
        raise ValueError(f"give at most {MAX_EVALUATED} characters to estimate()")
    use_rust = backend == "rust" or (backend == "auto" and rust_available())
    if use_rust and not _many_l33t_tables(password):
        return _estimate_rust(password, user_inputs)
    return _estimate_python(password, user_inputs)
