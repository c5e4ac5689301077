"""Parameters declared once (``credguard._params``): validation and coverage."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

import pytest

from credguard import PolicyError
from credguard._loading import policy_parameters
from credguard._params import param, param_of, params_of, validate
from credguard._sections import SECTIONS, Provenance, events_of
from credguard.rules import RULES, LengthRule

_SECRET = "hunter2-correct-horse"


@dataclass(frozen=True, slots=True, kw_only=True)
class _Table:
    count: int = param(3, doc="a count", range=(1, 10))
    ratio: float = param(0.5, doc="a ratio", range=(0, 1))
    flag: bool = param(False, doc="a flag")
    mode: str = param("fold", doc="a mode", choices=("fold", "reject"))
    names: tuple[str, ...] = param(
        ("a",), doc="names", choices=("a", "b", "c"), unique=True, min_items=1
    )
    words: tuple[str, ...] = param((), doc="free text")
    counts: Mapping[str, int] = param(doc="counts", default_factory=dict, range=(1, 5))
    known: int | None = param(None, doc="unknown when None", range=(0, None))

    def __post_init__(self) -> None:
        validate(self)


def _error(**kwargs: Any) -> PolicyError:
    with pytest.raises(PolicyError) as info:
        _Table(**kwargs)
    return info.value


class TestValidate:
    def test_defaults_pass_and_values_are_normalized(self) -> None:
        table = _Table(names=["b", "c"], ratio=1, counts={"x": 2})  # type: ignore[arg-type]
        assert table.names == ("b", "c")
        assert table.ratio == 1.0
        assert isinstance(table.ratio, float)
        with pytest.raises(TypeError):
            table.counts["x"] = 3  # type: ignore[index]

    @pytest.mark.parametrize(
        ("kwargs", "key", "problem"),
        [
            ({"count": "3"}, "count", "must be an integer, not str"),
            ({"count": True}, "count", "must be an integer, not bool"),
            ({"count": 2.0}, "count", "must be an integer, not float"),
            ({"ratio": "x"}, "ratio", "must be a number, not str"),
            ({"flag": 1}, "flag", "must be true or false, not int"),
            ({"mode": 3}, "mode", "must be a string, not int"),
            ({"names": "a"}, "names", "must be an array of strings, not str"),
            ({"names": ["a", 3]}, "names[1]", "must be a string, not int"),
            ({"words": [None]}, "words[0]", "must be a string, not NoneType"),
            ({"counts": [1]}, "counts", "must be a table, not list"),
            ({"count": None}, "count", "must be an integer, not NoneType"),
        ],
    )
    def test_bad_type(self, kwargs: dict[str, Any], key: str, problem: str) -> None:
        error = _error(**kwargs)
        assert (error.key, error.problem) == (key, problem)

    @pytest.mark.parametrize(
        ("kwargs", "key", "problem"),
        [
            ({"count": 0}, "count", "must be between 1 and 10"),
            ({"count": 11}, "count", "must be between 1 and 10"),
            ({"ratio": 1.5}, "ratio", "must be between 0 and 1"),
            ({"ratio": float("nan")}, "ratio", "must be between 0 and 1"),
            ({"known": -1}, "known", "must be at least 0"),
            ({"counts": {"x": 9}}, "counts.x", "must be between 1 and 5"),
        ],
    )
    def test_out_of_range(self, kwargs: dict[str, Any], key: str, problem: str) -> None:
        error = _error(**kwargs)
        assert (error.key, error.problem) == (key, problem)

    def test_unknown_choice_hints_and_does_not_echo(self) -> None:
        error = _error(mode="flod")
        assert error.key == "mode"
        assert error.problem == "has a value that is not one of fold, reject; did you mean 'fold'?"
        error = _error(names=[_SECRET])
        assert error.problem == "has a value that is not one of a, b, c"
        assert _SECRET not in str(error)

    def test_duplicate_and_missing_items(self) -> None:
        assert _error(names=["a", "a"]).problem == "lists a name twice"
        assert _error(names=[]).problem == "must name at least 1"
        assert _Table(words=["x", "x"]).words == ("x", "x")  # type: ignore[arg-type]  # not unique

    def test_none_only_where_optional(self) -> None:
        assert _Table(known=None).known is None
        assert _Table(known=0).known == 0

    def test_real_rules_and_sections_use_it(self) -> None:
        with pytest.raises(PolicyError, match="between 1 and") as info:
            LengthRule(min=0)
        assert info.value.key == "min"
        with pytest.raises(PolicyError, match="must be a string"):
            Provenance(source=3)  # type: ignore[arg-type]


def _tables() -> list[tuple[str, type]]:
    tables: list[tuple[str, type]] = [(f"rules.{name}", cls) for name, cls in RULES.items()]
    for name, cls in SECTIONS.items():
        tables.append((name, cls))
        tables.extend((f"{name}.{event}", event_cls) for event, event_cls in events_of(cls).items())
    return tables


@pytest.mark.parametrize(("table", "cls"), _tables())
def test_every_settable_field_is_declared_with_a_doc(table: str, cls: type) -> None:
    declared = params_of(cls)
    for name in policy_parameters(cls):
        assert name in declared, f"{table}.{name} is not declared with param()"
        assert declared[name].doc.strip(), f"{table}.{name} has no doc"


def test_provenance_keys_are_declared_too() -> None:
    for item in fields(Provenance):
        spec = param_of(item)
        assert spec is not None
        assert spec.doc
