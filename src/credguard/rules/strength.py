"""``strength.*``: a floor on zxcvbn's guess estimate.

The rule asks zxcvbn (through :mod:`credguard._zxcvbn`, which keeps each
call's user inputs to itself and bounds the matcher's cost) how many guesses
the password would take, with the account's personal data as *user inputs*
so that ``tanaka1985`` is weak for Mr Tanaka born in 1985.  The floor is
either ``min_score`` (zxcvbn's 0–4 scale) or ``min_guesses_log10``.

Only the first ``max_evaluated`` characters (default 32, at most 72) of the
NFKC view are evaluated: zxcvbn refuses more than 72, and its cost grows
with the square of the length (with the Python port, a median of 1.5 ms
and a worst case of 14 ms at 32 characters, 4 ms and 38 ms at 64; see
``docs/blocklists.md``).  A longer
password whose prefix passes passes; one whose prefix fails fails, and its
violation carries ``evaluated_prefix`` so the result says what was judged.

With the Python backend a strong password is usually passed without the
full estimate (:func:`credguard._zxcvbn.estimate_unless_reaches`: same verdict,
about a fifteenth of the cost).  With ``only_if_otherwise_accepted`` the policy runs
the rule only on passwords its other rules accept (see ``_policy``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import ClassVar, Final

from .._candidate import Candidate
from .._context import UserContext
from .._params import param, validate
from .._violation import ParamValue, Severity, Violation
from .._zxcvbn import (
    BACKENDS,
    MAX_EVALUATED,
    estimate,
    estimate_unless_reaches,
    rust_available,
)
from ..errors import PolicyError
from ._base import TupleRule, gate_param, severity_param

__all__ = ["StrengthRule"]

_DEFAULT_MIN_SCORE: Final = 3
# The fewest guesses zxcvbn gives each score (its guesses_to_score, delta 5).
_SCORE_FLOORS: Final = (0, 10**3 + 5, 10**6 + 5, 10**8 + 5, 10**10 + 5)


def _user_inputs(context: UserContext) -> tuple[str, ...]:
    """The personal words zxcvbn should treat as known to an attacker."""
    # The personal.* rule's derived tokens (romanized names, birthdate and era
    # forms, phone digits …), flattened once per context and cached there
    # (about 8 µs a check for a full account when made at every check).
    return context.personal_words()


@dataclass(frozen=True, slots=True, kw_only=True)
class StrengthRule(TupleRule):
    """Require zxcvbn's estimate to reach ``min_score`` or ``min_guesses_log10``."""

    NAME: ClassVar[str] = "strength"

    min_score: int | None = param(
        None,
        doc="the lowest zxcvbn score (0-4) accepted; 3 by default",
        range=(0, 4),
        stricter="higher",
    )
    min_guesses_log10: float | None = param(
        None,
        doc="the fewest guesses (log10) zxcvbn must estimate; instead of min_score",
        range=(0, 50),
        stricter="higher",
    )
    max_evaluated: int = param(
        32,
        doc="the characters of a longer password estimated (zxcvbn slows with length)",
        range=(8, MAX_EVALUATED),
        stricter="higher",
    )
    backend: str = param("python", doc="the zxcvbn implementation", choices=BACKENDS)
    # Read by Policy.check (its GATE): the verdict is the same either way.
    only_if_otherwise_accepted: bool = gate_param("estimate")
    severity: Severity = severity_param()

    def __post_init__(self) -> None:
        if self.min_score is not None and self.min_guesses_log10 is not None:
            raise PolicyError.of("rule.strength_both", key="min_score")
        validate(self)
        if self.min_guesses_log10 is None and self.min_score is None:
            object.__setattr__(self, "min_score", _DEFAULT_MIN_SCORE)
        if self.backend == "rust" and not rust_available():
            raise PolicyError.of("rule.zxcvbn_missing", key="backend")

    def _floor(self) -> float:
        """The fewest guesses that pass."""
        if self.min_guesses_log10 is not None:
            # Just above 10**x, so that log10 of such an estimate is never below x.
            return 10**self.min_guesses_log10 * (1 + 1e-9)
        return _SCORE_FLOORS[self.min_score or 0]

    def requirements(self) -> Iterator[tuple[str, dict[str, object]]]:
        """What this rule asks: one family-level sentence, whatever its parameters."""
        yield self.NAME, {}

    def violations(self, candidate: Candidate, context: UserContext) -> tuple[Violation, ...]:
        """The ``strength.*`` violation when the estimate is under the floor; ``()`` otherwise."""
        text = candidate.nfkc
        if not text:
            return ()
        prefix = text[: self.max_evaluated]
        inputs = _user_inputs(context)
        # The Python port's estimate has a cheap proof of "at least the floor"
        # for most strong passwords; the full estimate is needed otherwise.
        if self.backend == "python":
            found = estimate_unless_reaches(prefix, inputs, self._floor(), lowered=True)
            if found is None:
                return ()  # proven: a pass needs no estimate (a violation does)
        else:
            found = estimate(prefix, inputs, backend=self.backend)
        params: dict[str, ParamValue] = {
            "score": found.score,
            "guesses_log10": round(found.guesses_log10, 1),
        }
        if len(prefix) < len(text):
            params["evaluated_prefix"] = len(prefix)
        if self.min_guesses_log10 is not None:
            if found.guesses_log10 < self.min_guesses_log10:
                params["min_guesses_log10"] = self.min_guesses_log10
                return (Violation("strength.too_few_guesses", params, self.severity),)
        elif self.min_score is not None and found.score < self.min_score:
            params["min_score"] = self.min_score
            return (Violation("strength.low_score", params, self.severity),)
        return ()
