"""Comparing two policies: the library side of ``credguard diff``.

Each difference says whether policy *b* is stricter or looser than *a*.
Which way is stricter is declared with the parameter itself
(:attr:`Param.stricter <credguard._params.Param.stricter>`); a parameter
without a direction (or a user-registered rule's) is just "changed".

``None`` means two things.  In a rule it is "no bound" (no maximum length,
every symbol allowed), the loosest value.  In a section (``lockout``,
``masking``, ...) it is "the firm does not say": an unset measure is neither
stricter nor looser than a set one, so the difference is ``"unknown"``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final, Literal

from .._catalogue import Catalogue, Lang
from .._context import KINDS
from .._loading import PolicySource, as_policy
from .._params import params_of
from .._plain import as_dict
from .._sections import section_tables
from .describe import table_params

__all__ = ["CHANGES", "Change", "PolicyDifference", "diff_policies"]

Change = Literal["stricter", "looser", "changed", "unknown", "only_in_a", "only_in_b"]

#: How each change reads, "b is … than a": change -> (English, Japanese).
CHANGES: Final = Catalogue(
    {
        "stricter": (
            "{where}{name}: {a!r} -> {b!r} (stricter)",
            "{where}{name}: {a!r} -> {b!r}（b のほうが厳しい）",
        ),
        "looser": (
            "{where}{name}: {a!r} -> {b!r} (looser)",
            "{where}{name}: {a!r} -> {b!r}（b のほうが緩い）",
        ),
        "changed": (
            "{where}{name}: {a!r} -> {b!r} (changed)",
            "{where}{name}: {a!r} -> {b!r}（変更）",
        ),
        # A measure one policy does not state: neither stricter nor looser.
        "unknown": (
            "{where}{name}: {a!r} -> {b!r} (unknown: one side does not say)",
            "{where}{name}: {a!r} -> {b!r}（不明: 一方が公表していない）",
        ),
        "only_in_a": ("{where}{name}: only in a", "{where}{name}: a にのみあります"),
        "only_in_b": ("{where}{name}: only in b", "{where}{name}: b にのみあります"),
    }
)

# A user-registered rule declares no directions; its severity still has one.
_SEVERITY_ORDER: Final = ("warning", "error")

# One table of a policy: its class (which declares the directions) and its
# parameters, JSON-ready.
Table = tuple[type, dict[str, object]]


def _direction(cls: type, key: str) -> object:
    spec = params_of(cls).get(key)
    if spec is not None:
        return spec.stricter
    return _SEVERITY_ORDER if key == "severity" else None


def _compare(direction: object, a: object, b: object) -> Change:
    """How *b* compares with *a* (a != b)."""
    if direction in ("higher", "lower"):
        # None is "no bound": the loosest possible value.
        if a is None or b is None:
            return "looser" if b is None else "stricter"
        if isinstance(a, (int, float)) and isinstance(b, (int, float)):
            b_higher = b > a
            return "stricter" if b_higher == (direction == "higher") else "looser"
        return "changed"
    if direction in ("subset", "superset"):
        # None (e.g. charset.symbols) means "everything".
        if a is None or b is None:
            b_all = b is None
            return "looser" if b_all == (direction == "subset") else "stricter"
        set_a = set(a) if isinstance(a, (list, str)) else {a}
        set_b = set(b) if isinstance(b, (list, str)) else {b}
        if set_b < set_a:
            return "stricter" if direction == "subset" else "looser"
        if set_b > set_a:
            return "looser" if direction == "subset" else "stricter"
        return "changed"
    if isinstance(direction, tuple) and a in direction and b in direction:
        return "stricter" if direction.index(b) > direction.index(a) else "looser"
    return "changed"


@dataclass(frozen=True, slots=True)
class PolicyDifference:
    """One difference between policy *a* and policy *b*, read as "b is … than a".

    ``key`` is ``""`` when a whole rule is only in one policy.
    """

    kind: str
    rule: str
    key: str
    a: object
    b: object
    change: Change

    def message_in(self, lang: Lang) -> str:
        """The difference as one line in *lang* (``"en"`` is ``str()``)."""
        where = f"{self.kind}: " if self.kind else ""
        name = f"{self.rule}.{self.key}" if self.key else self.rule
        return CHANGES.render(
            self.change, {"where": where, "name": name, "a": self.a, "b": self.b}, lang
        )

    def __str__(self) -> str:
        return self.message_in("en")

    def to_dict(self) -> dict[str, object]:
        return as_dict(self)


def _diff_tables(
    kind: str, a: Mapping[str, Table], b: Mapping[str, Table], *, sections: bool = False
) -> list[PolicyDifference]:
    out: list[PolicyDifference] = []
    for name in list(a) + [n for n in b if n not in a]:
        if name not in b:
            out.append(PolicyDifference(kind, name, "", None, None, "only_in_a"))
        elif name not in a:
            out.append(PolicyDifference(kind, name, "", None, None, "only_in_b"))
        else:
            cls, pa = a[name]
            pb = b[name][1]
            for key in list(pa) + [k for k in pb if k not in pa]:
                va, vb = pa.get(key), pb.get(key)
                if va != vb:
                    if sections and (va is None or vb is None):
                        change: Change = "unknown"  # not said by one side
                    else:
                        change = _compare(_direction(cls, key), va, vb)
                    out.append(PolicyDifference(kind, name, key, va, vb, change))
    return out


def diff_policies(a: PolicySource, b: PolicySource) -> tuple[PolicyDifference, ...]:
    """Compare two policies rule by rule and parameter by parameter.

    Each difference says whether *b* is stricter or looser than *a* (or just
    different, or unknown when a section measure is set on one side only,
    or has a rule the other lacks).  Login is compared, then each
    kind that either policy gives its own rules, then the sections.
    """
    pa, pb = as_policy(a), as_policy(b)
    out: list[PolicyDifference] = []
    kinds = ["login", *(k for k in KINDS[1:] if k in pa.kinds or k in pb.kinds)]
    for kind in kinds:
        ta = {r.NAME: (type(r), table_params(r)) for r in pa.rules_for(kind)}
        tb = {r.NAME: (type(r), table_params(r)) for r in pb.rules_for(kind)}
        out.extend(_diff_tables(kind, ta, tb))
    sa = {name: (type(s), table_params(s)) for name, s in section_tables(pa)}
    sb = {name: (type(s), table_params(s)) for name, s in section_tables(pb)}
    out.extend(_diff_tables("", sa, sb, sections=True))
    return tuple(out)
