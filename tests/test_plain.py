"""``as_dict``: the one JSON-ready conversion behind the public ``to_dict()`` methods."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import credguard
from credguard import CheckResult, Violation
from credguard._plain import as_dict, plain
from credguard._sections import Provenance


class TestPlain:
    def test_containers_become_lists_and_dicts(self) -> None:
        value = {1: (1, [2]), "s": frozenset({"a"}), "p": Provenance(source="x")}
        assert plain(value) == {"1": [1, [2]], "s": ["a"], "p": {"source": "x"}}

    def test_as_dict_fields_names_and_extra(self) -> None:
        violation = Violation("length.too_short", {"min": 8, "actual": 3})
        assert list(as_dict(violation)) == ["code", "params", "severity"]
        assert as_dict(violation, ("severity",), extra=(1,)) == {"severity": "error", "extra": [1]}


class TestToolShapes:
    """The tools' to_dict() shapes are pinned: the CLI's JSON output is built from them."""

    def test_policy_tools(self) -> None:
        description = credguard.describe_policy("jsda-2025")
        for item in (*description.rules, *description.sections):
            data = item.to_dict()
            assert list(data) == ["kind", "rule", "params", "provenance"]
            assert data["provenance"] == item.provenance.to_dict()
            assert json.loads(json.dumps(data, ensure_ascii=False)) == data
        differences = credguard.diff_policies("recommended", "jsda-2025")
        assert differences
        for difference in differences:
            data = difference.to_dict()
            assert list(data) == ["kind", "rule", "key", "a", "b", "change"]
            assert json.loads(json.dumps(data, ensure_ascii=False)) == data

    def test_lint(self, tmp_path: Path) -> None:
        path = tmp_path / "p.toml"
        path.write_text("[rules.length]\nmin = 8\n", encoding="utf-8")
        findings = credguard.lint_policy(path)
        assert findings
        for finding in findings:
            data = finding.to_dict()
            assert list(data) == ["file", "line", "key", "problem", "severity"]
            assert data["file"] == str(path)
            assert data["severity"] == "warning"


class TestCheckResultToDict:
    @pytest.mark.parametrize("lang", ["en", "ja"])
    def test_shape(self, lang: str) -> None:
        policy = credguard.load_policy("recommended")
        result = policy.check("abc", kind="login")
        data = result.to_dict(lang)  # type: ignore[arg-type]
        assert list(data) == ["policy", "kind", "ok", "violations"]
        assert data["policy"] == "recommended"
        assert data["kind"] == "login"
        assert data["ok"] is False
        assert data["violations"] == [v.to_dict(lang) for v in result.violations]  # type: ignore[arg-type]
        assert json.loads(json.dumps(data, ensure_ascii=False)) == data

    def test_empty(self) -> None:
        assert CheckResult().to_dict() == {
            "policy": "",
            "kind": "login",
            "ok": True,
            "violations": [],
        }
