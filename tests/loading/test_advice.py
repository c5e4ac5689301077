"""``wording``, ``status`` and ``advice``: how strongly a page words a rule, and who hears it.

A rule's provenance records ``wording = "required" | "advised"`` and
``status = "in_force" | "planned"``; ``load_policy(..., advice="warn")``
makes the advised rules warnings.  Bad values are typed errors that name
the file, the line and the key, and never echo the value.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import credguard
from credguard import PolicyError
from tests.helpers import CANARY, write

ADVISED = """\
[policy]
name = "advice-test"

[rules.length]
min = 8
wording = "required"

[rules.sequence]
max_run = 3
wording = "advised"

[rules.repetition]
max_run = 3
"""


class TestAdvice:
    def test_both_wordings_are_errors_by_default(self) -> None:
        result = credguard.parse_policy(ADVISED).check("Tk1234")
        assert result.codes == ("length.too_short", "sequence.ascending")
        assert {v.severity for v in result.violations} == {"error"}

    def test_warn_makes_only_the_advised_rules_warnings(self) -> None:
        result = credguard.parse_policy(ADVISED, advice="warn").check("Tk1234")
        severities = {v.code: v.severity for v in result.violations}
        assert severities == {"length.too_short": "error", "sequence.ascending": "warning"}
        # A rule whose wording is unknown stays an error.
        unknown = credguard.parse_policy(ADVISED, advice="warn").check("Tkyr8mwqqqq")
        assert unknown.codes == ("repetition.same_character",)
        assert not unknown.ok

    def test_error_is_the_default(self) -> None:
        default = credguard.load_policy("moomoo")
        explicit = credguard.load_policy("moomoo", advice="error")
        assert default.rules == explicit.rules

    def test_advised_personal_fields_warn(self) -> None:
        policy = credguard.parse_policy(
            '[rules.personal]\nfields = ["customer_number", "phone"]\n'
            'equals_only = ["customer_number"]\nadvised = ["phone"]\nwording = "required"\n',
            advice="warn",
        )
        context = credguard.UserContext(customer_number="2753819", phone="090-3961-2475")
        phone = policy.check("xq2475zz", context=context)
        assert [(v.code, v.severity) for v in phone.violations] == [("personal.phone", "warning")]
        number = policy.check("2753819", context=context)
        assert [(v.code, v.severity) for v in number.violations] == [
            ("personal.customer_number", "error")
        ]

    @pytest.mark.parametrize("advice", ["warning", "errors", "", CANARY, None, 1])
    def test_an_unknown_advice_is_a_policy_error(self, advice: object, tmp_path: Path) -> None:
        path = write(tmp_path / "mine.toml", ADVISED)
        anything: Any = advice  # deliberately not a str
        loads: list[Callable[[], object]] = [
            lambda: credguard.load_policy("moomoo", advice=anything),
            lambda: credguard.load_policy(path, advice=anything),
            lambda: credguard.parse_policy(ADVISED, file="x.toml", advice=anything),
        ]
        for load, file in zip(loads, ("<preset moomoo>", str(path), "x.toml"), strict=True):
            with pytest.raises(PolicyError) as caught:
                load()
            assert (caught.value.file, caught.value.key) == (file, "advice")
            assert "error, warn" in str(caught.value)
            assert CANARY not in str(caught.value)


class TestWordingAndStatus:
    def test_recorded_on_the_provenance(self) -> None:
        policy = credguard.parse_policy(
            '[rules.classes]\nmin_classes = 3\nwording = "required"\nstatus = "planned"\n'
            "published = 2022-03-15\n"
        )
        prov = policy.provenance_of("classes")
        assert (prov.wording, prov.status, prov.published) == ("required", "planned", "2022-03-15")
        assert prov.to_dict()["status"] == "planned"

    def test_defaults_unknown_and_in_force(self) -> None:
        prov = credguard.parse_policy("[rules.length]\nmin = 8\n").provenance_of("length")
        assert prov.wording is None
        assert prov.status == "in_force"
        assert "status" not in prov.to_dict()
        assert "wording" not in prov.to_dict()

    @pytest.mark.parametrize(
        ("key", "value", "line"),
        [
            ("wording", '"must"', 4),
            ("wording", '"Required"', 4),
            ("wording", f'"{CANARY}"', 4),
            ("status", '"soon"', 4),
            ("status", '"in force"', 4),
            ("wording", "1", 4),
            ("status", "true", 4),
        ],
    )
    def test_a_value_outside_the_vocabulary_is_a_located_error(
        self, key: str, value: str, line: int, tmp_path: Path
    ) -> None:
        path = write(tmp_path / "bad.toml", f"[rules.length]\nmin = 8\nmax = 20\n{key} = {value}\n")
        with pytest.raises(PolicyError) as caught:
            credguard.load_policy(path)
        error = caught.value
        assert (error.file, error.line, error.key) == (str(path), line, f"rules.length.{key}")
        assert CANARY not in str(error)

    def test_a_bad_wording_in_a_kind_or_a_section_is_located(self, tmp_path: Path) -> None:
        path = write(
            tmp_path / "bad.toml",
            '[rules.length]\nmin = 8\n\n[kinds.trade.rules.length]\nmin = 4\nwording = "maybe"\n',
        )
        with pytest.raises(PolicyError) as caught:
            credguard.load_policy(path)
        assert (caught.value.line, caught.value.key) == (6, "kinds.trade.rules.length.wording")
        path = write(tmp_path / "section.toml", '[lockout]\nmax_failures = 5\nstatus = "later"\n')
        with pytest.raises(PolicyError) as caught:
            credguard.load_policy(path)
        assert (caught.value.line, caught.value.key) == (3, "lockout.status")


class TestRulesTurnedOff:
    POLICY = """\
[rules.length]
min = 8
quote = "8文字以上"
wording = "required"

[kinds.trade.rules.length]
enabled = false
assumed = "the trade PIN's format is not published"

[kinds.withdrawal.rules.length]
enabled = false
"""

    def test_a_kind_can_have_no_length_rule(self) -> None:
        policy = credguard.parse_policy(self.POLICY)
        assert policy.check("1537", kind="trade").ok
        assert policy.check("1537").codes == ("length.too_short",)

    def test_the_reason_written_beside_enabled_false_is_kept(self) -> None:
        policy = credguard.parse_policy(self.POLICY)
        assert policy.provenance_of("length", "trade").assumed.startswith("the trade PIN")
        # Login's quote does not describe a rule the kind turned off.
        assert policy.provenance_of("length", "withdrawal").quote == ""
        desc = credguard.describe_policy(policy)
        assert desc.why_off("trade", "length").assumed.startswith("the trade PIN")
        text = desc.render()
        assert "length: off\n    assumed: the trade PIN's format is not published" in text
