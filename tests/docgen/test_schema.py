"""The JSON Schema shipped for editors: every preset validates, and the
schema lists exactly the parameters the rule and section classes take.

The validator below implements the subset of JSON Schema (2020-12) the
schema uses; it is small enough to read, so no dependency is needed.
"""

from __future__ import annotations

import datetime
import json
import os
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, ClassVar

import pytest

import credguard
from credguard._docgen.schema import build_schema
from credguard._docgen.schema import main as schema_main
from credguard._loading import policy_parameters
from credguard._loading.files import preset_text
from credguard._sections import MFA_METHODS, MFA_MODES, PROVENANCE_KEYS, SECTIONS, events_of
from credguard.rules import RULES

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

SCHEMA: dict[str, Any] = json.loads(
    resources.files("credguard").joinpath("schema/policy.schema.json").read_text("utf-8")
)
_TYPES: dict[str, type | tuple[type, ...]] = {
    "object": dict,
    "array": list,
    "string": str,
    "integer": int,
    "number": (int, float),
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
    if "anyOf" in schema:
        if all(list(validate(value, option, path)) for option in schema["anyOf"]):
            yield f"{path}: matches no option"
        return
    expected = schema.get("type")
    if expected is not None:
        cls = _TYPES[expected]
        numeric = expected in ("integer", "number")
        if not isinstance(value, cls) or (numeric and isinstance(value, bool)):
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
            ({"mfa": {"login": {"methods": ["otp"]}}}, "mfa.login.methods[0]: not one of"),
            ({"mfa": {"login": {"mode": "sometimes"}}}, "mfa.login.mode: not one of"),
            ({"mfa": {"logon": {}}}, "mfa.logon: not allowed"),
            ({"notifications": {"login": {"to_previous_address": True}}}, "not allowed"),
            ({"notifications": {"withdrawal": {"channels": ["fax"]}}}, "not one of"),
            ({"masking": {"fields": ["email", "email"]}}, "duplicate items"),
            ({"login_history": {"retention_months": 0}}, "out of range"),
        ],
    )
    def test_the_validator_catches_mistakes(self, document: Any, fragment: str) -> None:
        problems = list(validate(document, SCHEMA))
        assert any(fragment in p for p in problems), problems


class TestSchema:
    @pytest.mark.parametrize("name", credguard.list_presets())
    def test_every_preset_validates(self, name: str) -> None:
        document = _jsonable(tomllib.loads(preset_text(name)))
        assert list(validate(document, SCHEMA)) == []

    def test_shipped_schema_is_current(self) -> None:
        assert build_schema() == SCHEMA, (
            "policy.schema.json is stale: run"
            " python -m credguard._docgen.schema src/credguard/schema/policy.schema.json"
        )

    @pytest.mark.parametrize("name", sorted(RULES))
    def test_rule_tables_list_policy_parameters_and_provenance(self, name: str) -> None:
        listed = set(SCHEMA["$defs"]["rules"]["properties"][name]["properties"])
        expected = set(policy_parameters(RULES[name])) | PROVENANCE_KEYS | {"enabled"}
        assert listed == expected
        assert "severity" in listed

    @pytest.mark.parametrize("name", sorted(SECTIONS))
    def test_section_tables_list_parameters_events_and_provenance(self, name: str) -> None:
        table = SCHEMA["properties"][name]
        events = events_of(SECTIONS[name])
        assert set(table["properties"]) == (
            set(policy_parameters(SECTIONS[name])) | PROVENANCE_KEYS | set(events)
        )
        for event, cls in events.items():
            listed = set(table["properties"][event]["properties"])
            assert listed == set(policy_parameters(cls)) | PROVENANCE_KEYS

    def test_mfa_methods_and_modes_come_from_the_code(self) -> None:
        login = SCHEMA["properties"]["mfa"]["properties"]["login"]["properties"]
        assert login["methods"]["items"]["enum"] == list(MFA_METHODS)
        assert login["mode"]["enum"] == list(MFA_MODES)

    def test_check_mode(self, tmp_path: Path) -> None:
        target = tmp_path / "schema.json"
        assert schema_main(["--check", str(target)]) == 1
        assert schema_main([str(target)]) == 0
        assert schema_main(["--check", str(target)]) == 0
        assert json.loads(target.read_text("utf-8")) == SCHEMA


class TestCodeOnlyParameters:
    def test_a_field_no_toml_value_can_fill_is_not_a_policy_parameter(self) -> None:
        @dataclass(frozen=True, kw_only=True)
        class WithHasher:
            NAME: ClassVar[str] = "x"
            rounds: int = 1
            hasher: Path = Path()
            maybe: str | os.PathLike[str] | None = None

        assert set(policy_parameters(WithHasher)) == {"rounds", "maybe"}
