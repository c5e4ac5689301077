"""The ``Rule`` protocol and helpers shared by the rule families.

A rule is a frozen, keyword-only dataclass validated in ``__post_init__``
(raising :class:`~credguard.PolicyError`): its policy parameters are
declared with :func:`~credguard._params.param` and checked by
:func:`~credguard._params.validate`; only checks relating two parameters
are written in the rule.  A rule may describe what it asks of a user with
``requirements()``, yielding ``(requirement id, params)`` pairs that
``describe_requirements`` renders.  It holds no mutable state, so one
instance serves every thread.  ``check`` reads the normalized views of a
:class:`~credguard.Candidate` (it never renormalizes) and yields
:class:`~credguard.Violation` objects whose params are safe to show.

Speed: most checks find nothing, and a generator costs about 0.1 µs to make
and exhaust even then.  A rule may therefore also define
``violations(candidate, context)`` returning the same findings as a tuple
(empty when none); :meth:`Policy.check <credguard.Policy.check>` calls it
instead of ``check``.  The built-in rules do so through :class:`TupleRule`,
whose ``check`` iterates that tuple, so both methods always agree.

A rule that verifies stored hashes (``history``, ``separation``) is a
:class:`CredentialRule`: it holds a :class:`~credguard.PasswordHasher` and
gives a copy bound to another one, which is how
:meth:`Policy.with_hasher <credguard.Policy.with_hasher>` finds and binds it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, ClassVar, Protocol, runtime_checkable

from .._candidate import Candidate
from .._context import UserContext
from .._pickling import by_fields
from .._violation import SEVERITIES, Severity, Violation
from ..errors import PolicyError

if TYPE_CHECKING:  # a policy that only checks never loads the hashing package
    from .._hashing import PasswordHasher

__all__ = [
    "CredentialRule",
    "Rule",
    "TupleRule",
    "check_choice",
    "check_int",
    "check_severity",
    "severity_param",
]


@runtime_checkable
class Rule(Protocol):
    """What every rule provides."""

    #: The rule's table name in policy files (``[rules.<NAME>]``).
    NAME: ClassVar[str]

    @property
    def severity(self) -> Severity:
        """The severity of the violations this rule reports."""
        ...

    def check(self, candidate: Candidate, context: UserContext) -> Iterator[Violation]:
        """Yield every violation of this rule by *candidate*."""
        ...


@runtime_checkable
class CredentialRule(Rule, Protocol):
    """A rule that verifies the password against stored hashes."""

    @property
    def hasher(self) -> PasswordHasher:
        """The hasher that verifies stored hashes (its bounds and pepper keys)."""
        ...

    def with_hasher(self, hasher: PasswordHasher) -> CredentialRule:
        """A copy of this rule verifying with *hasher*."""
        ...


class TupleRule:
    """Base of the rules that find their violations as a tuple (see the module doc)."""

    __slots__ = ()

    # Pickled as its parameters; the prebuilt findings are made again.
    __reduce__ = by_fields

    def violations(self, candidate: Candidate, context: UserContext) -> tuple[Violation, ...]:
        """Every violation of this rule by *candidate*, in order; ``()`` when none."""
        raise NotImplementedError

    def check(self, candidate: Candidate, context: UserContext) -> Iterator[Violation]:
        """Yield every violation of this rule by *candidate*."""
        return iter(self.violations(candidate, context))

    def findings_made_once(self) -> Iterable[tuple[Violation, ...]]:
        """The tuples, made at construction, that ``violations`` returns as they are.

        When one of them is all a check finds, :class:`~credguard.Policy`
        returns a result it also made once (for each kind) instead of a new
        one: a short password, or one with too few classes, allocates nothing.
        """
        return ()


def severity_param() -> Any:
    """The ``severity`` field every built-in rule declares (see :func:`credguard._params.param`)."""
    # Imported here, when a rule family's module is first loaded: the
    # declarations' machinery is not needed by ``import credguard``.
    from .._params import param

    return param(
        "error",
        doc="error rejects the password; warning only advises",
        choices=SEVERITIES,
        stricter=("warning", "error"),
    )


def gate_param(what: str) -> Any:
    """The ``only_if_otherwise_accepted`` field of a rule that may be gated.

    :class:`~credguard.Policy` reads it (``credguard._policy.GATE``): a gated
    rule runs after the others, in order, and only while no rule has refused
    the password; the verdict is the same either way.  *what* says what the
    rule then skips, for the parameter's doc.
    """
    from .._params import param

    return param(
        False,
        doc=f"{what} only passwords the policy's other rules accept (same verdicts, less work)",
    )


def check_severity(value: object) -> Severity:
    """Validate a rule's ``severity`` parameter."""
    if value not in SEVERITIES:
        raise PolicyError.of("value.one_of", key="severity", options=SEVERITIES)
    return value


def check_int(name: str, value: object, *, minimum: int = 0, maximum: int | None = None) -> int:
    """Validate an integer parameter (``bool`` is not an integer here)."""
    if isinstance(value, bool) or not isinstance(value, int):
        from .._problems import wrong_type  # the catalogue: only for an error

        raise PolicyError(wrong_type("type.integer", value), key=name)
    if value < minimum:
        raise PolicyError.of("value.at_least", key=name, low=minimum)
    if maximum is not None and value > maximum:
        raise PolicyError.of("value.at_most", key=name, high=maximum)
    return value


def check_choice(name: str, value: object, choices: Iterable[str]) -> str:
    """Validate a parameter that must be one of *choices*."""
    options = tuple(choices)
    if value not in options:
        raise PolicyError.of("value.one_of", key=name, options=options)
    return value
