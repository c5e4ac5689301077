"""The JSON Schema shipped for editors: every preset validates, and the
schema lists exactly the parameters the rule and section classes take.

The validator below implements the subset of JSON Schema (2020-12) the
schema uses; it is small enough to read, so no dependency is needed.
"""

from __future__ import annotations

import datetime
import json
import sys
from collections.abc import Iterator, Mapping
from dataclasses import fields
from importlib import resources
from typing import Any

import pytest

import credguard
from credguard._loader import _preset_text
from credguard._settings import PROVENANCE_KEYS, SECTIONS
from credguard.rules import RULES

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

SCHEMA: dict[str, Any] = json.loads(
    resources.files("credguard").joinpath("schema/policy.schema.json").read_text("utf-8")
)
_TYPES = {
    "object": dict,
    "array": list,
    "string": str,
    "integer": int,
    "boolean": bool,
}


def _resolve(schema: Mapping[str, Any]) -> Mapping[str, Any]:
    ref = schema.get("$ref")
    if ref is None:
        return schema
    node: Any = SCHEMA
    for part in ref.removeprefix("#/").split("/"):
        node = node[part]
    return _resolve(node)


def validate(value: Any, schema: Mapping[str, Any], path: str = "") -> Iterator[str]:
    """Yield one message per problem of *value* against *schema*."""
    schema = _resolve(schema)
    expected = schema.get("type")
    if expected is not None:
        cls = _TYPES[expected]
        if not isinstance(value, cls) or (expected == "integer" and isinstance(value, bool)):
            yield f"{path}: expected {expected}"
            return
    if "enum" in schema and value not in schema["enum"]:
        yield f"{path}: not one of {schema['enum']}"
    is_number = isinstance(value, int) and not isinstance(value, bool)
    if is_number and not schema.get("minimum", value) <= value <= schema.get("maximum", value):
        yield f"{path}: out of range"
    if isinstance(value, str) and len(value) < schema.get("minLength", 0):
        yield f"{path}: too short"
    if isinstance(value, list):
        if len(value) < schema.get("minItems", 0):
            yield f"{path}: too few items"
        if schema.get("uniqueItems") and len(set(map(repr, value))) != len(value):
            yield f"{path}: duplicate items"
        for index, item in enumerate(value):
            yield from validate(item, schema.get("items", {}), f"{path}[{index}]")
    if isinstance(value, dict):
        properties = schema.get("properties", {})
        extra = schema.get("additionalProperties", True)
        for key, item in value.items():
            if "propertyNames" in schema:
                yield from validate(key, schema["propertyNames"], f"{path}.{key}")
            if key in properties:
                yield from validate(item, properties[key], f"{path}.{key}")
            elif extra is False:
                yield f"{path}.{key}: not allowed"
            elif isinstance(extra, dict):
                yield from validate(item, extra, f"{path}.{key}")


def _jsonable(value: Any) -> Any:
    """TOML dates become the strings a JSON-based editor would see."""
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return value


class TestValidator:
    @pytest.mark.parametrize(
        ("document", "fragment"),
        [
            ({"rules": {"length": {"min": "8"}}}, "rules.length.min: expected integer"),
            ({"rules": {"lenght": {}}}, "rules.lenght: not allowed"),
            ({"rules": {"charset": {"allow": ["digits"]}}}, "not one of"),
            ({"kinds": {"login": {}}}, "kinds.login: not allowed"),
            ({"lockout": {"max_failures": 0}}, "out of range"),
            ({"rules": {"classes": {"min_counts": {"digits": 2}}}}, "not one of"),
        ],
    )
    def test_the_validator_catches_mistakes(self, document: Any, fragment: str) -> None:
        problems = list(validate(document, SCHEMA))
        assert any(fragment in p for p in problems), problems


class TestSchema:
    @pytest.mark.parametrize("name", credguard.list_presets())
    def test_every_preset_validates(self, name: str) -> None:
        document = _jsonable(tomllib.loads(_preset_text(name)))
        assert list(validate(document, SCHEMA)) == []

    @pytest.mark.parametrize("name", sorted(RULES))
    def test_rule_parameters_match_the_rule_class(self, name: str) -> None:
        rule_schema = SCHEMA["$defs"]["rules"]["properties"][name]
        params = {f.name for f in fields(RULES[name]) if f.init}  # type: ignore[arg-type]
        listed = set(rule_schema["properties"]) - PROVENANCE_KEYS - {"enabled"}
        assert listed == params
        assert rule_schema["additionalProperties"] is False

    def test_every_rule_has_a_schema(self) -> None:
        assert set(SCHEMA["$defs"]["rules"]["properties"]) == set(RULES)

    @pytest.mark.parametrize("name", sorted(SECTIONS))
    def test_section_parameters_match_the_section_class(self, name: str) -> None:
        section = SCHEMA["properties"][name]
        params = {f.name for f in fields(SECTIONS[name]) if f.init} - {"provenance"}
        assert set(section["properties"]) - PROVENANCE_KEYS == params

    def test_policy_keys_match_the_loader(self) -> None:
        from credguard._loader import _POLICY_KEYS, _TOP_KEYS

        assert set(SCHEMA["properties"]) == set(_TOP_KEYS)
        assert set(SCHEMA["properties"]["policy"]["properties"]) == set(_POLICY_KEYS)
