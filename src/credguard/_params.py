"""Policy parameters declared once: type, bounds, vocabulary, doc and direction.

A rule or section field that a policy file can set is declared with
:func:`param`::

    min: int = param(8, doc="fewest code points (after NFKC)", range=(1, 4096),
                     stricter="higher")

The :class:`Param` record in the field's metadata is the one place that
knows the parameter: :func:`validate` (called from ``__post_init__``)
checks every declared field against it, the JSON Schema of policy files
reads its bounds, choices and doc, ``credguard diff`` its ``stricter``
direction.  Only checks that relate two fields (``max >= min``) stay
hand-written in the class.

The type comes from the field's annotation: ``bool`` (never an int here),
``int``, ``float`` (an int is accepted and stored as a float), ``str``,
``tuple[str, ...]`` (a list is stored as a tuple), ``Mapping[str, int]``
(stored read-only; ``choices`` apply to its keys, ``range`` to its values).
``X | None`` accepts ``None``: "no bound" in a rule, "unknown" in a section.
Errors are :class:`~credguard.PolicyError` keyed by the field name; a
rejected value is never echoed, since a pasted secret must not come back in
an error.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any, Final, Literal

from ._problems import did_you_mean, wrong_type
from .errors import PolicyError

__all__ = [
    "Param",
    "Stricter",
    "choice_error",
    "code_only",
    "code_only_problem",
    "param",
    "param_of",
    "params_of",
    "validate",
]

#: How strictness grows with a parameter: ``"higher"`` (a larger number is
#: stricter; ``None``, no bound, is loosest), ``"lower"``, ``"superset"``
#: (more items is stricter), ``"subset"``, or the values from loosest to
#: strictest.
Stricter = Literal["higher", "lower", "superset", "subset"] | tuple[object, ...]

_METADATA_KEY: Final = "credguard.param"
_CODE_ONLY_KEY: Final = "credguard.code_only"


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Param:
    """What credguard knows about one policy parameter (see the module doc)."""

    #: One line for the schema and the docs: what the value means.
    doc: str
    #: Inclusive bounds of a number (or of a mapping's values); ``hi`` may be None.
    range: tuple[float, float | None] | None = None
    #: The allowed strings (of a str, of each item of a tuple, of each key of a mapping).
    choices: tuple[str, ...] | None = None
    #: A tuple may not list an item twice.
    unique: bool = False
    #: The fewest items of a tuple, or characters of a str.
    min_items: int = 0
    #: The direction ``credguard diff`` reads; None: a change is just "changed".
    stricter: Stricter | None = None


def param(
    default: Any = dataclasses.MISSING,
    *,
    doc: str,
    default_factory: Callable[[], Any] | Any = dataclasses.MISSING,
    range: tuple[float, float | None] | None = None,
    choices: tuple[str, ...] | None = None,
    unique: bool = False,
    min_items: int = 0,
    stricter: Stricter | None = None,
    hash: bool | None = None,
) -> Any:
    """A dataclass field declaring a policy parameter (``Any``, like ``field()``)."""
    spec = Param(
        doc=doc,
        range=range,
        choices=tuple(choices) if choices is not None else None,
        unique=unique,
        min_items=min_items,
        stricter=stricter,
    )
    return dataclasses.field(
        default=default,
        default_factory=default_factory,
        hash=hash,
        metadata={_METADATA_KEY: spec},
    )


def code_only(default: Any, *, problem: str) -> Any:
    """A field a policy file must not set, whatever its type; *problem* says why.

    For a value that is plain data but whose choice belongs to the
    application (where to send requests): a policy file naming it is
    refused with the catalogue's *problem*, naming file, line and key.
    """
    return dataclasses.field(default=default, metadata={_CODE_ONLY_KEY: problem})


def code_only_problem(item: dataclasses.Field[Any]) -> str | None:
    """The problem id a :func:`code_only` field is refused with, or None."""
    problem: str | None = item.metadata.get(_CODE_ONLY_KEY)
    return problem


def param_of(item: dataclasses.Field[Any]) -> Param | None:
    """The :class:`Param` a field was declared with, or None."""
    spec: Param | None = item.metadata.get(_METADATA_KEY)
    return spec


def params_of(cls: type) -> dict[str, Param]:
    """Field name -> :class:`Param` for every declared parameter of *cls*, in field order."""
    if not dataclasses.is_dataclass(cls):
        return {}
    found = {item.name: param_of(item) for item in dataclasses.fields(cls)}
    return {name: spec for name, spec in found.items() if spec is not None}


Kind = Literal["bool", "int", "float", "str", "tuple", "mapping", "any"]
_KINDS: Final[Mapping[str, Kind]] = {"bool": "bool", "int": "int", "float": "float", "str": "str"}
# (field name, Param, kind, None allowed) per class, worked out on first use.
_SPECS: dict[type, tuple[tuple[str, Param, Kind, bool], ...]] = {}


def _kind(annotation: object) -> tuple[Kind, bool]:
    """The kind of value an annotation asks for, and whether None is allowed."""
    text = annotation if isinstance(annotation, str) else getattr(annotation, "__name__", "")
    parts = [part.strip() for part in str(text).split("|")]
    optional = "None" in parts
    bases = [part for part in parts if part != "None"]
    if len(bases) != 1:
        return "any", optional
    base = bases[0]
    if base.startswith("tuple["):
        return "tuple", optional
    if base.startswith(("Mapping[", "dict[")):
        return "mapping", optional
    return _KINDS.get(base, "any"), optional


def _specs(cls: type) -> tuple[tuple[str, Param, Kind, bool], ...]:
    specs = _SPECS.get(cls)
    if specs is None:
        found = []
        for item in dataclasses.fields(cls):
            spec = param_of(item)
            if spec is not None:
                found.append((item.name, spec, *_kind(item.type)))
        specs = _SPECS[cls] = tuple(found)
    return specs


def _type_error(name: str, wanted: str, value: object) -> PolicyError:
    return PolicyError(wrong_type(wanted, value), key=name)


def choice_error(name: str, value: object, choices: tuple[str, ...]) -> PolicyError:
    """The error for *value* not in *choices*, with a "did you mean" hint."""
    # The value itself is not echoed: a pasted secret must not come back in an error.
    hint = did_you_mean(str(value), choices)
    return PolicyError.of("value.choice", key=name, choices=choices, hint=hint)


def _in_range(name: str, value: float, bounds: tuple[float, float | None] | None) -> None:
    if bounds is None:
        return
    low, high = bounds
    if high is None:
        if not value >= low:
            raise PolicyError.of("value.at_least", key=name, low=low)
    elif not low <= value <= high:  # also refuses NaN
        raise PolicyError.of("value.between", key=name, low=low, high=high)


def _number(name: str, spec: Param, kind: Kind, value: object) -> object:
    if isinstance(value, bool) or not isinstance(value, (int, float) if kind == "float" else int):
        raise _type_error(name, "type.number" if kind == "float" else "type.integer", value)
    _in_range(name, value, spec.range)
    return float(value) if kind == "float" else value


def _items(name: str, spec: Param, value: object) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, (list, tuple)):
        raise _type_error(name, "type.strings", value)
    items = value
    for index, item in enumerate(items):
        if not isinstance(item, str):
            raise _type_error(f"{name}[{index}]", "type.string", item)
        if spec.choices is not None and item not in spec.choices:
            raise choice_error(name, item, spec.choices)
    if spec.unique and len(set(items)) != len(items):
        raise PolicyError.of("value.twice", key=name)
    if len(items) < spec.min_items:
        raise PolicyError.of("value.min_items", key=name, n=spec.min_items)
    return tuple(items)


def _table(name: str, spec: Param, value: object) -> Mapping[str, int]:
    if not isinstance(value, Mapping):
        raise _type_error(name, "type.table", value)
    for key, count in value.items():
        if spec.choices is not None and key not in spec.choices:
            raise choice_error(f"{name}.{key}", key, spec.choices)
        _number(f"{name}.{key}", spec, "int", count)
    return MappingProxyType(dict(value))


def _checked(name: str, spec: Param, kind: Kind, value: object) -> object:
    """*value* validated against *spec*, in its stored form."""
    if kind == "bool":
        if not isinstance(value, bool):
            raise _type_error(name, "type.true_or_false", value)
    elif kind in ("int", "float"):
        return _number(name, spec, kind, value)
    elif kind == "tuple":
        return _items(name, spec, value)
    elif kind == "mapping":
        return _table(name, spec, value)
    elif kind == "str":
        if not isinstance(value, str):
            raise _type_error(name, "type.string", value)
        if len(value.strip()) < spec.min_items:
            raise PolicyError.of("value.empty", key=name)
    if spec.choices is not None and value not in spec.choices:
        raise choice_error(name, value, spec.choices)
    return value


def validate(obj: object) -> None:
    """Check every declared parameter of the (frozen) dataclass *obj*; store normalized values.

    Raises :class:`~credguard.PolicyError` keyed by the field name.
    """
    for name, spec, kind, optional in _specs(type(obj)):
        value = getattr(obj, name)
        if value is None and optional:
            continue
        checked = _checked(name, spec, kind, value)
        if checked is not value:
            object.__setattr__(obj, name, checked)
