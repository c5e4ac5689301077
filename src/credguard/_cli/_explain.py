"""``check --explain``: why a password passed, and what nearly failed it.

For every password, accepted or not: zxcvbn's strength estimate (with the
policy's own strength rule and its thresholds when it has one) and the
checks the password only just met: a length at or a character or two above
the minimum, exactly the minimum number of character classes, a strength
score at the threshold.  Nothing of the password is shown: counts and
scores only.

The blocklist's Entra-style score (:meth:`BlocklistRule.assess
<credguard.rules.BlocklistRule.assess>`) is shown too: a password one or
two points above the threshold holds listed words or patterns ("a common
word plus a year") and is close.  Only the score, the count and the lists'
names are shown, never a word.
"""

from __future__ import annotations

from typing import Any, Final

from .._candidate import Candidate
from .._context import UserContext
from .._messages import Lang
from .._policy import Policy
from .._violation import CheckResult
from .._zxcvbn import MAX_EVALUATED, Estimate, estimate
from ..rules.blocklist import HOW, BlocklistRule
from ._i18n import text

__all__ = ["explain"]

#: A length this close above the minimum is "close".
_LENGTH_MARGIN: Final = 2
#: The class letters of Candidate.class_letters() for upper, lower, digit, symbol.
_CLASS_CODES: Final = b"ULDS"
#: The blocklist's readings other than the score as written, which reports
#: only these three: a new reading is a second one.
_SECOND_READINGS: Final = frozenset(HOW) - {"equals", "contains", "leet"}


def explain(
    policy: Policy, password: str, result: CheckResult, context: UserContext | None, lang: Lang
) -> dict[str, Any]:
    """The strength estimate and the near misses of *password* (JSON-ready, plus ``text``)."""
    rules = {rule.NAME: rule for rule in policy.rules_for(result.kind)}
    strength = rules.get("strength")
    limit = getattr(strength, "max_evaluated", MAX_EVALUATED)
    backend = getattr(strength, "backend", "python")
    inputs: tuple[str, ...] = ()
    if context is not None:
        inputs = context.personal_words()  # what the strength rule gives zxcvbn
    # zxcvbn fails on the empty string (an empty line): one guess, score 0.
    found = (
        estimate(password[: min(limit, MAX_EVALUATED)], inputs, backend=backend)
        if password
        else Estimate(0, 0.0)
    )
    # One candidate for both questions below: its classes are read the way
    # the classes rule reads them (on the NFKC form), and the blocklist scores it.
    candidate = Candidate.from_password(password)
    close: list[dict[str, Any]] = []
    failed = {code.partition(".")[0] for code in result.codes}
    length_min = getattr(rules.get("length"), "min", None)
    if length_min is not None and "length" not in failed:
        above = len(password) - length_min
        if 0 <= above <= _LENGTH_MARGIN:
            close.append({"check": "length", "length": len(password), "min": length_min})
    min_classes = getattr(rules.get("classes"), "min_classes", 0)
    if min_classes and "classes" not in failed:
        letters = candidate.class_letters()
        count = sum(code in letters for code in _CLASS_CODES)
        if count == min_classes:
            close.append({"check": "classes", "classes": count, "min": min_classes})
    min_score = getattr(strength, "min_score", None)
    if strength is not None and "strength" not in failed and found.score == min_score:
        close.append({"check": "strength", "score": found.score, "min": min_score})
    blocklist = rules.get("blocklist")
    assessed = None
    if isinstance(blocklist, BlocklistRule):
        assessed = blocklist.assess(candidate)
        near = assessed.min_score <= assessed.score <= assessed.min_score + 1
        if near and assessed.tokens and "blocklist" not in failed:
            close.append(
                {
                    "check": "blocklist",
                    "score": assessed.score,
                    "min": assessed.min_score,
                    "tokens": assessed.tokens,
                    "lists": ", ".join(assessed.lists),
                }
            )
    detail: dict[str, Any] = {
        "score": found.score,
        "guesses_log10": round(found.guesses_log10, 2),
        "close": close,
        "blocklist_assessed": assessed is not None,
    }
    if assessed is not None:
        detail["blocklist_score"] = assessed.score
    lines = [
        text(
            "explain.strength",
            lang,
            score=found.score,
            guesses=f"{found.guesses_log10:.1f}",
            rule=text("explain.policy_rule" if strength else "explain.computed", lang),
        )
    ]
    lines += [text(f"explain.close.{item['check']}", lang, **item) for item in close]
    if assessed is not None:
        # A score at the cap means "this many or more" (assess stops counting there).
        shown = str(assessed.score)
        if assessed.score > assessed.min_score + 1:
            shown += "+"
        # The score is the reading as written; a second reading (reversed,
        # doubled letters, kana keys, near misses, the character model) may
        # refuse a password that scores above the threshold: say which.
        how = next(
            (
                violation.params.get("how")
                for violation in result.violations
                if violation.code.startswith("blocklist.")
            ),
            None,
        )
        if how in _SECOND_READINGS:
            detail["blocklist_reading"] = how
            key = "explain.blocklist.reading"
            lines.append(text(key, lang, score=shown, min=assessed.min_score, how=how))
        else:
            lines.append(text("explain.blocklist", lang, score=shown, min=assessed.min_score))
    detail["text"] = lines
    return detail
