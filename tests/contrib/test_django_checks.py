"""Django system checks for PolicyValidator options, and the kana field defaults."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import override_settings

from credguard.contrib.django import DEFAULT_USER_ATTRIBUTES, PolicyValidator
from credguard.contrib.django_checks import check_validators

NAME = "credguard.contrib.django.PolicyValidator"


def _found(*options: dict[str, Any]) -> list[tuple[str, str, str | None]]:
    validators = [{"NAME": NAME, "OPTIONS": o} for o in options]
    with override_settings(AUTH_PASSWORD_VALIDATORS=validators):
        return [(m.id or "", m.msg, m.hint) for m in check_validators()]


def test_a_good_configuration_has_no_findings() -> None:
    assert _found({"policy": "moomoo", "kind": "trade"}, {}) == []
    mapping = {"username": "username", "email": "email", "last_name": "names"}
    assert _found({"user_attributes": mapping}) == []


def test_an_unknown_preset_is_e001_with_close_names() -> None:
    [(code, message, hint)] = _found({"policy": "moomo"})
    assert code == "credguard.E001"
    assert "AUTH_PASSWORD_VALIDATORS[0]" in message
    assert "'moomo'" in message
    assert hint == "Did you mean 'moomoo'?"


def test_a_bad_policy_file_is_e001(tmp_path: Any) -> None:
    path = tmp_path / "firm.toml"
    path.write_text("[rules.length]\nmin = 0\n", encoding="utf-8")
    [(code, message, _)] = _found({"policy": str(path)})
    assert code == "credguard.E001"
    assert "firm.toml" in message


def test_a_bad_kind_is_e002() -> None:
    [(code, _, hint)] = _found({"kind": "withdrawl"})
    assert code == "credguard.E002"
    assert hint == "Did you mean 'withdrawal'?"


def test_a_bad_mapping_is_e003_and_a_missing_attribute_w001() -> None:
    found = _found({"user_attributes": {"nickname": "nmaes", "profile.birthdate": "birthdate"}})
    assert [code for code, _, _ in found] == [
        "credguard.E003",
        "credguard.W001",
        "credguard.W001",
    ]
    assert "'names'" in (found[0][2] or "")
    assert "'profile'" in found[2][1]


def test_other_refused_options_are_e004() -> None:
    [(code, message, _)] = _found({"history_depth": 99})
    assert code == "credguard.E004"
    assert "history_depth" in message


def test_other_validators_are_not_read() -> None:
    validators = [
        {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
        {"NAME": "no.such.Validator"},
    ]
    with override_settings(AUTH_PASSWORD_VALIDATORS=validators):
        assert check_validators() == []


def test_manage_py_check_fails_on_a_typo() -> None:
    validators = [{"NAME": NAME, "OPTIONS": {"policy": "moomo"}}]
    with (
        override_settings(AUTH_PASSWORD_VALIDATORS=validators),
        pytest.raises(SystemCheckError, match=r"credguard\.E001"),
    ):
        call_command("check")
    # The documented settings pass (the profile.* mapping only warns).
    call_command("check")


class KanaUser:
    username = "taro_y"
    last_name = "山田"
    first_name = "太郎"
    last_name_kana = "ヤマダ"
    first_name_kana = "タロウ"


class TestKanaReadings:
    def test_the_default_mapping_reads_kana_fields(self) -> None:
        for field in ("last_name_kana", "first_name_kana", "furigana", "フリガナ", "name_reading"):
            assert DEFAULT_USER_ATTRIBUTES[field] == "names"

    @pytest.mark.parametrize("preset", ["moomoo", "recommended"])
    def test_the_reading_of_a_kanji_name_is_refused(self, preset: str) -> None:
        validator = PolicyValidator(policy=preset)
        assert "personal.names" in validator.check("Yamada!2024", KanaUser()).codes

    def test_without_the_reading_the_kanji_alone_does_not_catch_it(self) -> None:
        class KanjiOnly:
            username = "taro_y"
            last_name = "山田"
            first_name = "太郎"

        validator = PolicyValidator(policy="moomoo")
        assert "personal.names" not in validator.check("Yamada!2024", KanjiOnly()).codes
