"""``generate_password``: a random password that a policy accepts.

For a help desk resetting a customer's password (what ``pwmake`` and
``pwqgen`` do for a system's own policy): the password is built from the
policy's rules, so it fits the firm's rules by construction, then checked
with :meth:`~credguard.Policy.check` and drawn again until it passes.

Construction, for the rules of one password kind:

* characters: the ASCII characters every ``charset`` rule allows (its
  ``allow`` classes, its ``symbols`` when set); printable ASCII without the
  space when the kind has no charset rule.  Spaces are drawn only where a
  ``classes`` rule requires them, and non-ASCII characters never: a
  password read out over the telephone must be typed back exactly;
* length: ``length`` when given (it must lie in the rules' range), else
  ``max(min, 16)`` capped by the rules' ``max``;
* classes: the characters each ``classes`` rule requires (``required``,
  ``min_counts``), one of each of enough further classes of ``of`` to
  reach ``min_classes``, the rest drawn from all the allowed characters,
  then shuffled.

Every draw comes from :mod:`secrets`.  Other rules (repetition, sequence,
blocklist, strength …) are met by drawing again: at most
:data:`MAX_ATTEMPTS` times, then :class:`~credguard.PolicyError`.  No
:class:`~credguard.UserContext` is used, so personal-data rules pass
trivially: the help desk knows nothing of the customer the generator could
avoid, and a random password of 16 characters contains no birthday.
"""

from __future__ import annotations

import secrets
import string
from collections.abc import Iterable, Mapping
from typing import Final

from ._guard import MAX_PASSWORD_LENGTH
from ._policy import Policy
from .errors import PolicyError
from .rules import Rule

__all__ = ["DEFAULT_LENGTH", "MAX_ATTEMPTS", "generate_password"]

#: The length drawn when neither the caller nor the policy's minimum asks for more.
DEFAULT_LENGTH: Final = 16
#: Draws per password before the policy is declared impossible to satisfy.
MAX_ATTEMPTS: Final = 1000

_ASCII: Final = {
    "upper": string.ascii_uppercase,
    "lower": string.ascii_lowercase,
    "digit": string.digits,
    "symbol": string.punctuation,
    "space": " ",
}
_RANDOM: Final = secrets.SystemRandom()


def _allowed(rules: Iterable[Rule]) -> set[str]:
    """The ASCII characters every charset rule allows (space included if one does)."""
    allowed = set("".join(_ASCII.values()))
    for rule in rules:
        if rule.NAME != "charset":
            continue
        chars: set[str] = set()
        for name in getattr(rule, "allow", ()):
            symbols = getattr(rule, "symbols", None)
            chars.update(
                symbols if name == "symbol" and symbols is not None else _ASCII.get(name, "")
            )
        allowed &= chars
    return allowed


def _pools(allowed: set[str]) -> dict[str, str]:
    """Class name (as ``classes`` rules spell it) -> its allowed characters, sorted."""
    pools = {name: "".join(sorted(allowed & set(chars))) for name, chars in _ASCII.items()}
    pools["letter"] = pools["upper"] + pools["lower"]
    pools["other"] = ""  # caseless letters (kana, kanji): never drawn
    return pools


def _length_range(rules: Iterable[Rule]) -> tuple[int, int]:
    low, high = 1, MAX_PASSWORD_LENGTH
    for rule in rules:
        if rule.NAME == "length":
            low = max(low, getattr(rule, "min", 1))
            high = min(high, getattr(rule, "max", None) or high)
    return low, high


def _covers(name: str, needed: Mapping[str, int]) -> bool:
    """Whether characters drawn for *needed* are sure to include class *name*."""
    if name == "letter":
        return any(needed.get(c) for c in ("upper", "lower", "letter"))
    return bool(needed.get(name))


class _Plan:
    """What one kind's rules ask of a generated password, worked out once."""

    def __init__(self, policy: Policy, kind: str, length: int | None) -> None:
        rules = policy.rules_for(kind)  # validates kind
        self.policy, self.kind = policy, kind
        low, high = _length_range(rules)
        if length is None:
            length = min(max(low, DEFAULT_LENGTH), high)
        elif isinstance(length, bool) or not isinstance(length, int):
            raise PolicyError.of(
                "value.type", key="length", wanted="an integer", actual=type(length).__name__
            )
        elif not low <= length <= high:
            raise PolicyError.of("value.between", key="length", low=low, high=high)
        self.length = length
        self.pools = _pools(_allowed(rules))
        # Spaces only where required: a space at either end is easily lost.
        self.fill = "".join(self.pools[name] for name in ("upper", "lower", "digit", "symbol"))
        self.needed: dict[str, int] = {}
        self.choices: list[tuple[int, tuple[str, ...]]] = []  # (k, candidate classes)
        for rule in rules:
            if rule.NAME != "classes":
                continue
            counts: Mapping[str, int] = getattr(rule, "min_counts", {})
            for name in getattr(rule, "required", ()):
                self.needed[name] = max(self.needed.get(name, 0), counts.get(name, 1))
            for name, count in counts.items():
                self.needed[name] = max(self.needed.get(name, 0), count)
        for rule in rules:
            wanted = getattr(rule, "min_classes", 0) if rule.NAME == "classes" else 0
            if wanted:
                of = getattr(rule, "of", ())
                missing = wanted - sum(_covers(name, self.needed) for name in of)
                open_ = tuple(n for n in of if not _covers(n, self.needed) and self.pools[n])
                if missing > 0:
                    if len(open_) < missing:
                        raise self.impossible()
                    self.choices.append((missing, open_))
        fixed = sum(self.needed.values()) + sum(k for k, _ in self.choices)
        if not self.fill or fixed > length or any(not self.pools[n] for n in self.needed):
            raise self.impossible()

    def impossible(self) -> PolicyError:
        return PolicyError.of(
            "policy.cannot_generate", policy=self.policy.name, kind=self.kind, length=self.length
        )

    def draw(self) -> str:
        chars = [
            secrets.choice(self.pools[n]) for n, count in self.needed.items() for _ in range(count)
        ]
        for k, candidates in self.choices:
            chars.extend(secrets.choice(self.pools[n]) for n in _RANDOM.sample(candidates, k))
        chars.extend(secrets.choice(self.fill) for _ in range(self.length - len(chars)))
        _RANDOM.shuffle(chars)
        return "".join(chars)


def generate_password(policy: Policy, *, kind: str = "login", length: int | None = None) -> str:
    """A random *kind* password of *length* characters that *policy* accepts.

    *length* defaults to ``max(min, 16)`` capped by the policy's ``max``;
    a *length* outside the policy's range, or a policy no password this
    generator draws can satisfy (one that requires kana, say), raises
    :class:`~credguard.PolicyError`.  No context is used: personal-data
    rules pass trivially.

    >>> import credguard
    >>> policy = credguard.load_policy("kabucom")
    >>> password = credguard.generate_password(policy)
    >>> policy.check(password).ok
    True
    """
    plan = _Plan(policy, kind, length)
    for _ in range(MAX_ATTEMPTS):
        password = plan.draw()
        if policy.check(password, kind=kind).ok:
            return password
    raise plan.impossible()
