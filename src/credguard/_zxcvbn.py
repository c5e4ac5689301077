"""zxcvbn strength estimates without zxcvbn's shared state or unbounded cost.

The Python port's entry point ``zxcvbn.zxcvbn()`` stores each call's user
inputs in the module-level ``matching.RANKED_DICTIONARIES['user_inputs']``,
so concurrent calls see each other's personal data, and a later call's
``repeat_match`` still consults the previous caller's inputs.  It also
raises ``ValueError`` above 72 characters, and its leet matcher enumerates
every combination of ambiguous substitutions (up to 736 of them), each
followed by a quadratic dictionary scan: seconds for a crafted input.

This module calls zxcvbn's matchers and scorer with an index built per call
— one merged index of the shared frequency dictionaries (shipped as a
trie, :mod:`credguard._zxcvbn_index`, never mutated) plus this call's user
inputs — and re-implements (in :mod:`credguard._zxcvbn_match`) the three
matchers that would otherwise fall back to the module-level mapping or cost
too much:

* ``dictionary_match`` asks the merged index once per start position for
  every listed word there (zxcvbn asks each dictionary about every
  substring; the matches and their order are the same);
* ``l33t_match`` tries at most :data:`MAX_L33T_SUBS` substitution tables
  (zxcvbn tries all; this only differs on inputs with many distinct
  ambiguous symbols, where it may estimate more guesses);
* ``repeat_match`` recurses into this module's ``omnimatch``, with this
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
from collections.abc import Iterable, Sequence
from typing import Final, NamedTuple

from ._zxcvbn_bounds import reaches
from ._zxcvbn_index import shipped
from ._zxcvbn_inputs import UserWords, ranked_inputs
from ._zxcvbn_match import (
    MAX_L33T_SUBS,
    RECENT_YEAR,
    Engine,
    Match,
    edge_matches,
    index_for,
    load_engine,
    omnimatch,
)

__all__ = [
    "BACKENDS",
    "MAX_EVALUATED",
    "MAX_L33T_SUBS",
    "RECENT_YEAR",
    "Estimate",
    "estimate",
    "estimate_unless_reaches",
    "rust_available",
    "surely_reaches",
]

#: The most characters given to zxcvbn (the Python port refuses more than 72).
MAX_EVALUATED: Final = 72
#: Backend names: ``python`` (the reference), ``rust``, ``auto`` (rust if installed).
BACKENDS: Final = ("python", "rust", "auto")


class Estimate(NamedTuple):
    """A zxcvbn estimate: score 0–4 and log10 of the estimated guesses."""

    score: int
    guesses_log10: float


def rust_available() -> bool:
    """True when the ``zxcvbn-rs-py`` package can be imported."""
    return importlib.util.find_spec("zxcvbn_rs_py") is not None


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

    It first tries the same proof with lower bounds on the shipped data
    (:mod:`credguard._zxcvbn_bounds`), which does not import zxcvbn and is
    the cheaper; only when that cannot say yes are zxcvbn's matchers run.
    The answer is the same either way: the bounds only say yes when the
    exact proof would.
    """
    if guesses > _COVERS_OF_THREE:
        return False
    length = len(password)
    if not length:
        return False
    # The bounds first, whether zxcvbn is loaded or not: on the passwords
    # recommended's other rules accept (run.py's corpus) they prove 97.5 %
    # of the strong ones at about 18 us against the exact proof's 50-80,
    # and give up on a weak one in about 5.
    words = UserWords(user_inputs)
    tables = shipped()
    if tables is not None and reaches(password, words, guesses, tables):
        return True
    engine = load_engine()
    index = index_for(engine, words.ranked())
    return _proves(engine, password, edge_matches(engine, password, index), guesses)


def estimate_unless_reaches(
    password: str, user_inputs: Sequence[str], guesses: float
) -> Estimate | None:
    """``None`` when :func:`surely_reaches` says yes, else the Python :func:`estimate`.

    What the strength rule asks.  When the bounds cannot say yes, zxcvbn's
    matchers run once over the whole password: their matches at the ends
    make the exact proof, and, if it fails, all of them the estimate (the
    exact proof, then the full estimate, ran the matchers at the ends
    twice: 54 + 106 us for a weak password).
    """
    if len(password) > MAX_EVALUATED:
        raise ValueError(f"give at most {MAX_EVALUATED} characters to estimate()")
    provable = bool(password) and guesses <= _COVERS_OF_THREE
    # Read once: the bounds and zxcvbn's matchers see the same inputs (the
    # matchers' ranked dict is made only if they run).
    words = UserWords(user_inputs)
    if provable:
        tables = shipped()
        if tables is not None and reaches(password, words, guesses, tables):
            return None
    engine = load_engine()
    matches = omnimatch(engine, password, index_for(engine, words.ranked()))
    if provable:
        last = len(password) - 1
        ends = [match for match in matches if match["i"] == 0 or match["j"] == last]
        # (Scoring a match caches its guesses in it; the estimate reads the same.)
        if _proves(engine, password, ends, guesses):
            return None
    return _scored(engine, password, matches)


def _proves(engine: Engine, password: str, matches: Iterable[Match], guesses: float) -> bool:
    """Whether no cover by one or two of *matches* (those at the ends) or
    brute-force runs comes under *guesses*: see :func:`surely_reaches`."""
    guess = engine.scoring.estimate_guesses
    length = len(password)
    last = length - 1
    # A brute-force run of n characters costs 10**n guesses (11 for one).
    heads = [11 if k == 0 else 10 ** (k + 1) for k in range(length)]
    tails = [11 if k == last else 10 ** (length - k) for k in range(length)]
    for match in matches:
        found = guess(match, password)
        if match["i"] == 0:
            heads[match["j"]] = min(heads[match["j"]], found)
        if match["j"] == last:
            tails[match["i"]] = min(tails[match["i"]], found)
    if heads[last] + 1 < guesses:
        return False
    return all(2 * heads[k] * tails[k + 1] + 10000 >= guesses for k in range(last))


def _estimate_python(password: str, user_inputs: Sequence[str]) -> Estimate:
    engine = load_engine()
    index = index_for(engine, ranked_inputs(user_inputs))
    return _scored(engine, password, omnimatch(engine, password, index))


def _scored(engine: Engine, password: str, matches: list[Match]) -> Estimate:
    # zxcvbn's search, its guesses only (about 2.5x cheaper; the same number).
    # Imported with zxcvbn, never for a password the bounds prove.
    from ._zxcvbn_score import least_guesses

    guesses = least_guesses(engine.scoring, password, matches)
    score = int(engine.time_estimates.guesses_to_score(guesses))
    return Estimate(score, float(math.log10(guesses)))


def _estimate_rust(password: str, user_inputs: Sequence[str]) -> Estimate:
    import zxcvbn_rs_py

    found = zxcvbn_rs_py.zxcvbn(password, [word.lower() for word in user_inputs])
    return Estimate(int(found.score), float(found.guesses_log10))


def _many_l33t_tables(password: str) -> bool:
    """True when zxcvbn would try more than MAX_L33T_SUBS substitution tables."""
    matching = load_engine().matching
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
