"""``Violation`` and ``CheckResult``: what a check returns.

A violation carries a stable dotted ``code`` (see ``docs/rules.md``), a
mapping of *safe* parameters (policy numbers, class and field names, counts;
never the password or a personal value) and a severity.  Its text comes from
the message catalogue in :mod:`credguard._messages`, in English or Japanese.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final, Literal, cast

from ._plain import as_dict

if TYPE_CHECKING:
    from ._messages import Lang

# The message catalogue (_messages) is imported by the first message
# rendered, not with this module: about 3 ms of ``import credguard``.

__all__ = ["CheckResult", "ParamValue", "Severity", "Violation", "new_result", "new_violation"]

Severity = Literal["error", "warning"]
ParamValue = int | float | str | bool | tuple[str, ...] | tuple[int, ...]

SEVERITIES: tuple[Severity, ...] = ("error", "warning")


@dataclass(frozen=True, slots=True)
class Violation:
    """One finding of one rule."""

    code: str
    params: Mapping[str, ParamValue] = field(default_factory=dict)
    severity: Severity = "error"

    def __post_init__(self) -> None:
        # A read-only copy: a caller keeping the dict it passed cannot change us.
        object.__setattr__(self, "params", MappingProxyType(dict(self.params)))

    def __hash__(self) -> int:
        return hash((self.code, self.severity, tuple(sorted(self.params.items()))))

    def __reduce__(self) -> tuple[object, ...]:
        # A read-only mapping does not pickle; its dict does.
        return Violation, (self.code, dict(self.params), self.severity)

    @property
    def message(self) -> str:
        """The English message."""
        from ._messages import render

        return render(self.code, self.params, "en")

    def message_in(self, lang: Lang) -> str:
        """The message in *lang* (``"en"`` or ``"ja"``)."""
        from ._messages import render

        return render(self.code, self.params, lang)

    def to_dict(self, lang: Lang = "en") -> dict[str, object]:
        """A JSON-ready dict: code, severity, params and message."""
        return as_dict(self, ("code", "severity", "params"), message=self.message_in(lang))


@dataclass(frozen=True, slots=True)
class CheckResult:
    """Every violation one check found, in rule order.

    One documented exception: a rule set ``only_if_otherwise_accepted``
    (the ``blocklist`` rule of the bundled presets, the ``strength`` rule of
    ``recommended``) runs last and only while no other rule has refused, so
    its violations appear only for passwords nothing else refused.  ``ok``
    is the same either way.
    """

    violations: tuple[Violation, ...] = ()
    kind: str = "login"
    policy: str = ""

    @property
    def ok(self) -> bool:
        """True when no violation has severity ``"error"``."""
        # A plain loop: no generator to build for the few violations a check finds.
        for violation in self.violations:  # noqa: SIM110 - all(genexpr) is slower
            if violation.severity == "error":
                return False
        return True

    @property
    def errors(self) -> tuple[Violation, ...]:
        """The violations of severity ``"error"``."""
        return tuple(v for v in self.violations if v.severity == "error")

    @property
    def warnings(self) -> tuple[Violation, ...]:
        """The violations of severity ``"warning"``."""
        return tuple(v for v in self.violations if v.severity == "warning")

    @property
    def codes(self) -> tuple[str, ...]:
        """The violation codes, in order."""
        return tuple(v.code for v in self.violations)

    def messages(self, lang: Lang = "en") -> tuple[str, ...]:
        """The violation messages in *lang*, in order."""
        return tuple(v.message_in(lang) for v in self.violations)

    def to_dict(self, lang: Lang = "en") -> dict[str, object]:
        """A JSON-ready dict: policy, kind, ok and the violations, messages in *lang*."""
        violations = [v.to_dict(lang) for v in self.violations]
        return as_dict(self, ("policy", "kind", "ok"), violations=violations)


# ---- fast constructors for the check pipeline.
#
# A frozen dataclass's __init__ sets each field through object.__setattr__,
# and Violation copies its params; together about 0.75 µs, as much as a
# whole composition rule.  Rules build a fresh params dict for every finding,
# so the copy protects nothing there: these set the slots directly (a slot's
# descriptor ignores the frozen __setattr__), giving equal objects for about
# half the cost.  tests/test_violation.py checks they equal the constructors';
# without them a whole-policy check is 7 to 11 % slower (issue 14).
_new = object.__new__


def _slot_setter(cls: type, name: str) -> Any:
    return cast("Any", cls.__dict__[name]).__set__


_SET_CODE: Final = _slot_setter(Violation, "code")
_SET_PARAMS: Final = _slot_setter(Violation, "params")
_SET_SEVERITY: Final = _slot_setter(Violation, "severity")
_SET_VIOLATIONS: Final = _slot_setter(CheckResult, "violations")
_SET_KIND: Final = _slot_setter(CheckResult, "kind")
_SET_POLICY: Final = _slot_setter(CheckResult, "policy")


def new_violation(
    code: str, params: dict[str, ParamValue], severity: Severity = "error"
) -> Violation:
    """``Violation(code, params, severity)`` for a *params* dict no one else holds."""
    violation: Violation = _new(Violation)
    _SET_CODE(violation, code)
    _SET_PARAMS(violation, MappingProxyType(params))
    _SET_SEVERITY(violation, severity)
    return violation


def new_result(violations: tuple[Violation, ...], kind: str, policy: str) -> CheckResult:
    """``CheckResult(violations, kind=kind, policy=policy)``, without the dataclass's setattrs."""
    result: CheckResult = _new(CheckResult)
    _SET_VIOLATIONS(result, violations)
    _SET_KIND(result, kind)
    _SET_POLICY(result, policy)
    return result
