from __future__ import annotations

from typing import Annotated

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import AfterValidator, BaseModel, SecretStr, TypeAdapter, ValidationError
from pydantic_core import PydanticCustomError

import credguard
from credguard import CheckResult, Policy, PolicyError, UserContext, Violation
from credguard.contrib.pydantic import (
    PasswordValidator,
    custom_errors,
    line_errors,
    raise_for_result,
    to_validation_error,
)
from credguard.rules import CharsetRule, LengthRule
from tests.helpers import CANARY

RECOMMENDED = credguard.load_policy("recommended")
WEAK = "1234567"


class SignUp(BaseModel):
    password: Annotated[str, AfterValidator(PasswordValidator())]


class SecretSignUp(BaseModel):
    password: Annotated[SecretStr, AfterValidator(PasswordValidator(lang="ja"))]


def _leaks(error: ValidationError, secret: str) -> bool:
    texts = [str(error), repr(error), error.json(), repr(error.errors())]
    return any(secret in text for text in texts) or any(
        item.get("input") is not None for item in error.errors()
    )


class TestPasswordValidator:
    def test_every_violation_with_codes_messages_and_params(self) -> None:
        with pytest.raises(ValidationError) as caught:
            SignUp(password=WEAK)
        expected = RECOMMENDED.check(WEAK)
        errors = caught.value.errors()
        assert len(errors) == len(expected.errors) >= 3
        assert [e["type"] for e in errors] == list(expected.codes)
        assert [e["msg"] for e in errors] == list(expected.messages("en"))
        assert [e["ctx"] for e in errors] == [dict(v.params) for v in expected.errors]
        assert all(e["loc"] == ("password",) for e in errors)

    def test_acceptable_value_is_returned_unchanged(self) -> None:
        assert SignUp(password="Tr0ub4dor&3 staple").password == "Tr0ub4dor&3 staple"
        secret = SecretSignUp(password=SecretStr("Tr0ub4dor&3 staple")).password
        assert secret.get_secret_value() == "Tr0ub4dor&3 staple"

    def test_secret_str_and_japanese(self) -> None:
        with pytest.raises(ValidationError) as caught:
            SecretSignUp(password=SecretStr(WEAK))
        assert [e["msg"] for e in caught.value.errors()] == list(
            RECOMMENDED.check(WEAK).messages("ja")
        )

    def test_type_adapter_kind_and_context(self) -> None:
        policy = Policy(rules=(LengthRule(min=8),), kinds={"trade": (LengthRule(min=12),)})
        adapter: TypeAdapter[str] = TypeAdapter(
            Annotated[str, AfterValidator(PasswordValidator(policy, kind="trade"))]
        )
        with pytest.raises(ValidationError) as caught:
            adapter.validate_python("Tr0ub4dor&3")
        assert caught.value.errors()[0]["ctx"] == {"min": 12, "actual": 11}
        assert caught.value.errors()[0]["loc"] == ()

    def test_warnings_do_not_fail(self) -> None:
        policy = Policy(rules=(LengthRule(min=20, severity="warning"),))
        adapter: TypeAdapter[str] = TypeAdapter(
            Annotated[str, AfterValidator(PasswordValidator(policy))]
        )
        assert adapter.validate_python("Tr0ub4dor&3") == "Tr0ub4dor&3"

    @pytest.mark.parametrize(
        ("arguments", "error"),
        [
            ({"policy": "moomo"}, credguard.UnknownPresetError),
            ({"kind": "deposit"}, PolicyError),
            ({"lang": "fr"}, PolicyError),
        ],
    )
    def test_bad_arguments_fail_at_construction(
        self, arguments: dict[str, str], error: type[Exception]
    ) -> None:
        with pytest.raises(error):
            PasswordValidator(**arguments)  # type: ignore[arg-type]

    def test_repr(self) -> None:
        assert repr(PasswordValidator()) == "PasswordValidator(policy='recommended', kind='login')"


class TestNoPasswordInErrors:
    @pytest.mark.parametrize("model", [SignUp, SecretSignUp])
    def test_canary(self, model: type[BaseModel]) -> None:
        password = f"{CANARY}aaaa"
        value = SecretStr(password) if model is SecretSignUp else password
        with pytest.raises(ValidationError) as caught:
            model(password=value)
        assert caught.value.errors()
        assert not _leaks(caught.value, CANARY)
        assert all(e["input"] is None for e in caught.value.errors())

    def test_plain_pydantic_would_leak(self) -> None:
        # The baseline the design works around: Pydantic's own errors carry the input.
        def reject(value: str) -> str:
            raise PydanticCustomError("x", "rejected")

        adapter: TypeAdapter[str] = TypeAdapter(Annotated[str, AfterValidator(reject)])
        with pytest.raises(ValidationError) as caught:
            adapter.validate_python(CANARY)
        assert caught.value.errors()[0]["input"] == CANARY

    @given(st.text(max_size=40))
    def test_never_leaks(self, suffix: str) -> None:
        password = f"{CANARY}{suffix}"
        result = RECOMMENDED.check(password)
        if result.ok:
            return
        assert not _leaks(to_validation_error(result, lang="ja"), CANARY)


class TestConversion:
    RESULT = CheckResult(
        (
            Violation("length.too_short", {"min": 8, "actual": 3}),
            Violation("keyboard.walk", {"layout": "qwerty", "length": 4, "max": 3}, "warning"),
            Violation("charset.disallowed_symbol", {"allowed": "{}%"}),
        )
    )

    def test_custom_errors_skip_warnings(self) -> None:
        errors = custom_errors(self.RESULT)
        assert [e.type for e in errors] == ["length.too_short", "charset.disallowed_symbol"]
        assert errors[0].context == {"min": 8, "actual": 3}
        assert errors[0].message() == self.RESULT.violations[0].message

    def test_braces_and_percent_in_messages_are_kept(self) -> None:
        error = custom_errors(self.RESULT, lang="ja")[1]
        assert error.message() == self.RESULT.violations[2].message_in("ja")
        assert "{}%" in error.message()

    def test_line_errors_and_validation_error(self) -> None:
        details = line_errors(self.RESULT, loc=("body", "password"))
        assert [d["loc"] for d in details] == [("body", "password")] * 2
        error = to_validation_error(self.RESULT, loc=("password",), title="SignUp")
        assert error.title == "SignUp"
        assert error.error_count() == 2
        assert error.errors()[1]["type"] == "charset.disallowed_symbol"

    def test_raise_for_result(self) -> None:
        raise_for_result(CheckResult(self.RESULT.violations[1:2]))  # a warning only: no raise
        with pytest.raises(ValidationError):
            raise_for_result(self.RESULT)

    # Passes every field on purpose, to policies that use only some.
    @pytest.mark.filterwarnings("ignore::credguard.errors.UnusedContextWarning")
    def test_in_a_model_validator_with_context(self) -> None:
        from pydantic import model_validator

        class Registration(BaseModel):
            username: str
            password: str

            @model_validator(mode="after")
            def check(self) -> Registration:
                context = UserContext(username=self.username)
                policy = Policy(rules=(CharsetRule(fullwidth="reject"), LengthRule(min=10)))
                raise_for_result(policy.check(self.password, context=context), loc=("password",))
                return self

        with pytest.raises(ValidationError) as caught:
            Registration(username="taro_y", password="ｐａｓｓ")
        errors = caught.value.errors()
        assert [e["type"] for e in errors] == ["charset.fullwidth", "length.too_short"]
        assert [e["loc"] for e in errors] == [("password",), ("password",)]


class Profile(BaseModel):
    password: Annotated[str, PasswordValidator("recommended")]


class Deferred(BaseModel):
    password: Annotated[SecretStr, PasswordValidator("recommended", defer=True)]


class TestValidationContextSchemaAndAsync:
    def test_the_validation_context_gives_the_user_context(self) -> None:
        context = UserContext(username="yamadataro")
        password = "yamadataro-Kumo7!"
        assert Profile.model_validate({"password": password}).password == password
        for validation_context in (context, {"user_context": context, "other": 1}):
            with pytest.raises(ValidationError) as caught:
                Profile.model_validate({"password": password}, context=validation_context)
            assert "personal.username" in [e["type"] for e in caught.value.errors()]
        # AfterValidator(PasswordValidator()) gets the context too.
        with pytest.raises(ValidationError):
            SignUp.model_validate({"password": password}, context=context)

    def test_a_wrong_validation_context_is_a_typed_error(self) -> None:
        with pytest.raises(credguard.InputTypeError, match="UserContext"):
            Profile.model_validate({"password": "whatever-9Kx!"}, context={"user_context": "me"})

    def test_the_json_schema_shows_the_requirements(self) -> None:
        policy = credguard.parse_policy("[rules.length]\nmin = 10\nmax = 32\n")

        class Model(BaseModel):
            password: Annotated[SecretStr, PasswordValidator(policy, lang="ja")]

        schema = Model.model_json_schema()["properties"]["password"]
        assert schema["minLength"] == 10
        assert schema["maxLength"] == 32
        assert schema["description"] == " ".join(credguard.describe_requirements(policy, lang="ja"))
        assert "pattern" not in schema
        assert schema["format"] == "password"  # SecretStr's own keywords stay

    def test_warning_length_rules_give_no_length_keywords(self) -> None:
        policy = Policy(rules=(LengthRule(min=12, severity="warning"),))
        assert set(PasswordValidator(policy).json_schema()) == {"description"}

    def test_deferred_fields_are_checked_by_avalidate(self) -> None:
        import asyncio

        body = Deferred(password=SecretStr(WEAK))  # not checked during validation
        validator = PasswordValidator("recommended", defer=True)
        with pytest.raises(ValidationError) as caught:
            asyncio.run(validator.avalidate(body.password, loc=("body", "password")))
        errors = caught.value.errors()
        assert [e["type"] for e in errors] == list(RECOMMENDED.check(WEAK).codes)
        assert all(e["loc"] == ("body", "password") for e in errors)
        assert not _leaks(caught.value, WEAK)
        context = UserContext(username="yamadataro")
        with pytest.raises(ValidationError):
            asyncio.run(validator.avalidate("yamadataro-Kumo7!", context=context))
        good = SecretStr("Tr0ub4dor&3 staple")
        assert asyncio.run(validator.avalidate(good)) is good
