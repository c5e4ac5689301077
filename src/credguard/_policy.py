"""``Policy``: ordered rules per password kind, and the check pipeline.

``Policy.check`` runs the input guard (type, size cap before and after
NFKC, control and format characters), builds the :class:`Candidate` once,
then runs every rule of the requested kind in order and collects *every*
violation.  The one exception is a rule that says
``only_if_otherwise_accepted`` (:data:`GATE`; the ``blocklist`` and
``strength`` rules can): gated rules run after the others, in order, each
only while no rule has refused the password, so their violations are
reported only for passwords nothing else refused.  The verdict is the
same: a password already refused stays refused.  A policy
is immutable; one instance is safe to share between threads.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple

from ._candidate import Candidate
from ._context import EMPTY_CONTEXT, KINDS, UserContext
from ._context_use import fields_used, note_unused
from ._guard import MAX_PASSWORD_LENGTH, forbidden_violations, guard, too_long_violation
from ._pickling import Source, by_fields
from ._violation import CheckResult, Violation, new_result
from .errors import InputTypeError, PasswordTooLongError, PolicyError
from .rules import Rule
from .rules._base import CredentialRule, TupleRule

if TYPE_CHECKING:
    from ._hashing import PasswordHasher
    from ._sections import (
        LockoutSettings,
        LoginHistorySettings,
        MaskingSettings,
        MfaSettings,
        NotificationSettings,
        PhishingSettings,
        PolicyMeta,
        Provenance,
        RotationSettings,
        SessionSettings,
    )
    from ._sections.safeguards import AccountReopeningSettings, BehaviourDetectionSettings

__all__ = ["GATE", "Policy"]

#: The rule attribute that, when true, runs the rule only on passwords the
#: other rules of the kind accept (after them, whatever its place).
GATE = "only_if_otherwise_accepted"


def _rule_tuple(key: str, rules: Iterable[Rule]) -> tuple[Rule, ...]:
    out = tuple(rules)
    for rule in out:
        if not isinstance(rule, Rule):
            raise PolicyError.of("policy.not_a_rule", key=key, name=type(rule).__name__)
    return out


# What a rule is asked: its tuple-returning ``violations`` where it has one
# (no generator to build when, as usual, it finds nothing), else its
# ``check`` gathered into a tuple.
_Finder = Callable[[Candidate, UserContext], tuple[Violation, ...]]


def _finder(rule: Rule) -> _Finder:
    if isinstance(rule, TupleRule):
        return rule.violations  # the built-in rules: a tuple by construction
    # Anyone else's rule: gathered into a tuple whatever it returns.
    violations = getattr(rule, "violations", None)
    find = violations if callable(violations) else rule.check
    return lambda candidate, context: tuple(find(candidate, context))


class _Plan(NamedTuple):
    """What ``check`` needs for one kind, prepared once per policy."""

    finders: tuple[_Finder, ...]
    gated: tuple[_Finder, ...]  # run only when ``finders`` refused nothing
    accepted: CheckResult  # shared by every check that finds nothing (it is immutable)
    # The result of each finding a rule made once (``findings_made_once``),
    # by the tuple's id: a check that finds only that tuple returns it.  The
    # ids are safe keys because each result holds its tuple alive.
    made: dict[int, CheckResult]
    uses: frozenset[str] | None  # the context fields the rules read; None: unknown


def _section(name: str) -> Callable[[], Any]:
    """A default factory for the section *name*, from :mod:`._sections` at its first call.

    Not imported with this module: the sections' sixteen frozen dataclasses
    were a fifth of ``import credguard`` (about 10 ms), and a policy is only
    built after the loader has imported them anyway.
    """

    def default() -> Any:
        from . import _sections

        return getattr(_sections, name)()

    default.__name__ = default.__qualname__ = name
    return default


def _unknown_kind(kind: str) -> PolicyError:
    return PolicyError.of("policy.unknown_password_kind", key="kind", kind=kind, kinds=KINDS)


def _bad_context(context: object) -> InputTypeError:
    return InputTypeError(f"context must be a UserContext, not {type(context).__name__}")


@dataclass(frozen=True, slots=True, kw_only=True)
class Policy:
    """Rules for each password kind.

    ``rules`` apply to the login password and, unless ``kinds`` gives a kind
    its own tuple, to the trade and withdrawal passwords as well.
    """

    name: str = "custom"
    rules: tuple[Rule, ...] = ()
    kinds: Mapping[str, tuple[Rule, ...]] = field(default_factory=dict)
    title: str = ""
    title_ja: str = ""
    #: ``[policy]`` metadata beyond name and titles.
    meta: PolicyMeta = field(default_factory=_section("PolicyMeta"))
    #: kind -> rule name -> where that rule comes from (filled by the loader).
    provenance: Mapping[str, Mapping[str, Provenance]] = field(default_factory=dict)
    lockout: LockoutSettings = field(default_factory=_section("LockoutSettings"))
    session: SessionSettings = field(default_factory=_section("SessionSettings"))
    rotation: RotationSettings = field(default_factory=_section("RotationSettings"))
    #: Account-protection measures (docs/measures.md); ``None`` inside is unknown.
    mfa: MfaSettings = field(default_factory=_section("MfaSettings"))
    notifications: NotificationSettings = field(default_factory=_section("NotificationSettings"))
    login_history: LoginHistorySettings = field(default_factory=_section("LoginHistorySettings"))
    masking: MaskingSettings = field(default_factory=_section("MaskingSettings"))
    phishing: PhishingSettings = field(default_factory=_section("PhishingSettings"))
    behaviour_detection: BehaviourDetectionSettings = field(
        default_factory=_section("BehaviourDetectionSettings")
    )
    account_reopening: AccountReopeningSettings = field(
        default_factory=_section("AccountReopeningSettings")
    )
    _plans: dict[str, _Plan] = field(init=False, repr=False, compare=False)
    # What the loader read (a preset name, or a file's path and text): a
    # loaded policy pickles as this and is loaded again on the other side.
    # ``replace`` (``with_hasher``) drops it: a copy pickles by its fields.
    _source: Source | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name:
            raise PolicyError.of("value.non_empty_string", key="policy.name")
        object.__setattr__(self, "rules", _rule_tuple("rules", self.rules))
        kinds: dict[str, tuple[Rule, ...]] = {}
        for kind, rules in self.kinds.items():
            if kind not in KINDS:
                raise PolicyError.of("policy.unknown_kind", key="kinds", kind=kind, kinds=KINDS)
            kinds[kind] = _rule_tuple(f"kinds.{kind}", rules)
        object.__setattr__(self, "kinds", MappingProxyType(kinds))
        object.__setattr__(
            self,
            "provenance",
            MappingProxyType(
                {kind: MappingProxyType(dict(by_rule)) for kind, by_rule in self.provenance.items()}
            ),
        )
        plans = {}
        for kind in KINDS:
            rules = kinds.get(kind, self.rules)
            # Rules need not be hashable: a flag per rule, in order.
            gates = [(rule, getattr(rule, GATE, False) is True) for rule in rules]
            made = {
                id(found): CheckResult(found, kind=kind, policy=self.name)
                for rule in rules
                if isinstance(rule, TupleRule)
                for found in rule.findings_made_once()
            }
            plans[kind] = _Plan(
                tuple(_finder(rule) for rule, gated in gates if not gated),
                tuple(_finder(rule) for rule, gated in gates if gated),
                CheckResult((), kind=kind, policy=self.name),
                made,
                fields_used(rules),
            )
        # A plain dict (private, never handed out): its lookup is the cheapest.
        object.__setattr__(self, "_plans", plans)

    def provenance_of(self, rule: str, kind: str = "login") -> Provenance:
        """Where *rule* of *kind* comes from (empty when the policy does not say)."""
        self.rules_for(kind)  # validates kind
        # A kind with its own rules has its own provenance, even an empty one.
        own = kind in self.provenance and kind in self.kinds
        by_rule = self.provenance[kind] if own else self.provenance.get("login", {})
        if rule in by_rule:
            return by_rule[rule]
        from ._sections import Provenance  # not at import (see _section)

        return Provenance()

    def rules_for(self, kind: str = "login") -> tuple[Rule, ...]:
        """The rules that apply to *kind*."""
        if kind not in KINDS:
            raise _unknown_kind(kind)
        return self.kinds.get(kind, self.rules)

    def check(
        self,
        password: str,
        *,
        context: UserContext | None = None,
        kind: str = "login",
    ) -> CheckResult:
        """Check *password* as a *kind* password; return every violation found.

        Rules set ``only_if_otherwise_accepted`` run last, in order, each
        only while no rule has refused the password (the verdict is the same).
        """
        # The hot path of every login: what can be is prepared in __post_init__.
        if (
            password.__class__ is str
            and len(password) <= MAX_PASSWORD_LENGTH
            and password.isascii()
            and password.isprintable()
        ):
            # What the guard would find, from its own C-level tests without
            # calling it: printable ASCII is its own NFKC form and holds no
            # forbidden character (about 0.05 µs a check).
            normalized = password
            violations: tuple[Violation, ...] = ()
        else:
            try:
                normalized, forbidden = guard(password)
            except PasswordTooLongError as refused:
                return self._too_long(refused.length or 0, kind, context)
            # Guard violations come first.
            violations = forbidden_violations(forbidden) if forbidden else ()
        plan = self._plans.get(kind)
        if plan is None:
            raise _unknown_kind(kind)
        if context is None:
            context = EMPTY_CONTEXT
        elif not isinstance(context, UserContext):
            raise _bad_context(context)
        elif context is not EMPTY_CONTEXT:
            # A field no rule reads protects nothing: say so (once).
            note_unused(self.name, plan, kind, plan.uses, context)
        candidate = Candidate(password, normalized)
        for find in plan.finders:
            found = find(candidate, context)
            # Adding a rule's tuple to an empty one copies nothing.
            if found:
                violations += found
        if plan.gated and not any(v.severity == "error" for v in violations):
            for find in plan.gated:
                found = find(candidate, context)
                if found:
                    violations += found
                    # The next gated rule runs only while nothing refused.
                    if any(v.severity == "error" for v in found):
                        break
        if not violations:
            return plan.accepted
        # One rule's finding made once, alone (40 % of the benchmark corpus:
        # too few classes, or too short): a result made once as well.
        made = plan.made.get(id(violations))
        if made is not None:
            return made
        return new_result(violations, kind, self.name)

    def _too_long(self, length: int, kind: str, context: object) -> CheckResult:
        # The arguments are validated as for any other password.
        self.rules_for(kind)
        if context is not None and not isinstance(context, UserContext):
            raise _bad_context(context)
        return CheckResult((too_long_violation(length),), kind=kind, policy=self.name)

    async def acheck(
        self,
        password: str,
        *,
        context: UserContext | None = None,
        kind: str = "login",
    ) -> CheckResult:
        """:meth:`check` in a worker thread, for ``async`` code.

        A check is CPU work, and an online breach lookup waits on the
        network for up to its timeout: called directly from a coroutine
        either blocks the event loop.  ``await policy.acheck(...)`` runs the
        check with :func:`asyncio.to_thread`, so other requests are served
        meanwhile (the policy is thread-safe).
        """
        import asyncio  # only async callers pay for importing it

        return await asyncio.to_thread(self.check, password, context=context, kind=kind)

    def with_hasher(self, hasher: PasswordHasher) -> Policy:
        """A copy whose credential rules (``history``, ``separation``) verify
        stored hashes with *hasher* (its profile limits and pepper keys).

        A hasher is never read from a policy file: peppers are secrets and
        belong to the application, not to a file an auditor reads.
        """
        from ._hashing import PasswordHasher  # not needed by a policy that only checks

        if not isinstance(hasher, PasswordHasher):
            raise InputTypeError(f"hasher must be a PasswordHasher, not {type(hasher).__name__}")

        def rebind(rules: tuple[Rule, ...]) -> tuple[Rule, ...]:
            return tuple(
                rule.with_hasher(hasher) if isinstance(rule, CredentialRule) else rule
                for rule in rules
            )

        return replace(
            self,
            rules=rebind(self.rules),
            kinds={kind: rebind(rules) for kind, rules in self.kinds.items()},
        )

    def __reduce__(self) -> tuple[object, ...]:
        # Pickled as its source when loaded (small, validated again when
        # loaded), else as its fields; never with a pepper (a secret).
        for rule in (*self.rules, *(r for rules in self.kinds.values() for r in rules)):
            if isinstance(rule, CredentialRule) and (
                rule.hasher.pepper is not None or rule.hasher.old_peppers
            ):
                raise TypeError(
                    f"policy {self.name!r} is bound to a hasher holding pepper keys, which are"
                    " never pickled; pickle the policy before with_hasher() and bind the hasher"
                    " in each process (see docs/scale.md)"
                )
        if self._source is not None:
            return self._source, ()
        return by_fields(self)

    def __repr__(self) -> str:
        return f"Policy(name={self.name!r}, rules={len(self.rules)}, kinds={sorted(self.kinds)})"
