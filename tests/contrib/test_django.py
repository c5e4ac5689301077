from __future__ import annotations

import datetime
import logging
import types
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.contrib.auth.password_validation import (
    get_default_password_validators,
    password_validators_help_texts,
    validate_password,
)
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import transaction
from django.test import override_settings
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

import credguard
import credguard.testing
from credguard import Policy, UnknownPresetError, UserContext, describe_requirements
from credguard.contrib.django import (
    DEFAULT_USER_ATTRIBUTES,
    HistoryNotRecordedError,
    PolicyValidator,
    active_lang,
)
from credguard.contrib.history import InMemoryHistoryStore
from credguard.rules import CharsetRule, LengthRule, SequenceRule
from credguard.testing import cheap_hasher
from tests.helpers import CANARY, documented_validators

HASH_A = "$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG"
HASH_B = "$argon2id$v=19$m=65536,t=3,p=4$b3RoZXJzYWx0$0123456789abcdefghijklmnopqrstuv"
HASH_C = "$argon2id$v=19$m=65536,t=3,p=4$dGhpcmRzYWx0$ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"

RECOMMENDED = credguard.load_policy("recommended")
# Fails length, sequence and keyboard at once: every one must be reported.
WEAK = "1234567"


@pytest.fixture
def user(rollback: None) -> User:
    created: User = User.objects.create_user(
        username="taro_y",
        email="yamada.taro@example.co.jp",
        first_name="Taro",
        last_name="Yamada",
        password="unused-in-these-tests",
    )
    return created


def _codes(error: ValidationError) -> list[str | None]:
    return [item.code for item in error.error_list]


class TestSettingsFromTheGuide:
    def test_documented_settings_are_the_ones_in_use(self) -> None:
        (validator,) = get_default_password_validators()
        (documented,) = documented_validators()
        assert isinstance(validator, PolicyValidator)
        assert validator.policy.name == documented["OPTIONS"]["policy"]
        assert validator.kind == documented["OPTIONS"]["kind"]
        assert validator.user_attributes == documented["OPTIONS"]["user_attributes"]

    def test_validate_password_reports_every_violation(self, user: User) -> None:
        with pytest.raises(ValidationError) as caught:
            validate_password(WEAK, user)
        expected = RECOMMENDED.check(WEAK)
        assert len(expected.errors) >= 3
        assert _codes(caught.value) == list(expected.codes)
        assert caught.value.messages == list(expected.messages("en"))
        for item, violation in zip(caught.value.error_list, expected.errors, strict=True):
            assert item.params == dict(violation.params)

    def test_acceptable_password_passes(self, user: User) -> None:
        validate_password("Tr0ub4dor&3 staple", user)  # raises if rejected

    def test_without_a_user(self) -> None:
        with pytest.raises(ValidationError) as caught:
            validate_password(WEAK)
        assert _codes(caught.value) == list(RECOMMENDED.check(WEAK).codes)

    def test_japanese_messages(self, user: User) -> None:
        with translation.override("ja"), pytest.raises(ValidationError) as caught:
            validate_password(WEAK, user)
        assert caught.value.messages == list(RECOMMENDED.check(WEAK).messages("ja"))
        assert "文字以上" in caught.value.messages[0]

    def test_help_text_in_the_active_language(self) -> None:
        english = " ".join(describe_requirements(RECOMMENDED, "login", "en"))
        japanese = " ".join(describe_requirements(RECOMMENDED, "login", "ja"))
        assert password_validators_help_texts() == [english]
        with translation.override("ja"):
            assert password_validators_help_texts() == [japanese]
        with translation.override("ja-jp"):
            assert password_validators_help_texts() == [japanese]
        assert english.startswith("Use 8 to 128 characters.")
        assert japanese.startswith("8文字以上128文字以下")


class TestActiveLang:
    @pytest.mark.parametrize(
        ("language", "expected"),
        [
            ("ja", "ja"),
            ("ja-jp", "ja"),
            ("JA-JP", "ja"),
            ("en", "en"),
            ("en-us", "en"),
            ("fr", "en"),
            ("jav", "en"),
        ],
    )
    def test_language_codes(self, language: str, expected: str) -> None:
        with translation.override(language):
            assert active_lang() == expected

    def test_translations_deactivated(self) -> None:
        with translation.override(None):
            assert active_lang() == "en"


class TestValidationErrorShape:
    def test_percent_signs_survive_django_interpolation(self) -> None:
        # Django renders ``message % params``; a symbol list holds a "%".
        policy = Policy(rules=(CharsetRule(symbols="@#$%"),))
        validator = PolicyValidator(policy=policy)
        with pytest.raises(ValidationError) as caught:
            validator.validate("abc!defgh")
        (violation,) = policy.check("abc!defgh").errors
        assert caught.value.messages == [violation.message]
        assert "@#$%" in caught.value.messages[0]
        assert caught.value.error_list[0].params == {"allowed": "@#$%"}

    def test_message_without_params(self) -> None:
        policy = Policy(rules=(CharsetRule(fullwidth="reject"),))
        with pytest.raises(ValidationError) as caught:
            PolicyValidator(policy=policy).validate("ｐａｓｓｗｏｒｄ")
        assert _codes(caught.value) == ["charset.fullwidth"]
        assert caught.value.error_list[0].params is None
        assert caught.value.messages == [policy.check("ｐａｓｓｗｏｒｄ").violations[0].message]

    def test_warnings_do_not_block(self) -> None:
        policy = Policy(rules=(LengthRule(min=20, severity="warning"), SequenceRule(max_run=3)))
        validator = PolicyValidator(policy=policy)
        validator.validate("Tr0ub4dor&3")
        with pytest.raises(ValidationError) as caught:
            validator.validate("Tr0ub4dor&1234")
        assert _codes(caught.value) == ["sequence.ascending"]
        assert validator.check("Tr0ub4dor&3").codes == ("length.too_short",)

    def test_kind_selects_the_rules(self) -> None:
        policy = Policy(rules=(LengthRule(min=8),), kinds={"trade": (LengthRule(min=12),)})
        PolicyValidator(policy=policy, kind="login").validate("Tr0ub4dor&3")
        with pytest.raises(ValidationError) as caught:
            PolicyValidator(policy=policy, kind="trade").validate("Tr0ub4dor&3")
        assert caught.value.error_list[0].params == {"min": 12, "actual": 11}

    def test_policy_file(self, tmp_path: Any) -> None:
        path = tmp_path / "firm.toml"
        path.write_text("[rules.length]\nmin = 10\n", encoding="utf-8")
        validator = PolicyValidator(policy=str(path))
        assert validator.policy.name == "firm"
        with pytest.raises(ValidationError) as caught:
            validator.validate("Tr0ub4do&")
        assert _codes(caught.value) == ["length.too_short"]


class TestUserContext:
    def test_auth_user_fields(self, user: User) -> None:
        context = PolicyValidator().user_context(user)
        assert context.username == "taro_y"
        assert context.email == "yamada.taro@example.co.jp"
        assert context.names == ("Taro", "Yamada")
        assert context.birthdate is None
        assert context.fields_set == ("username", "email", "names")

    def test_birthdate_and_phone_where_the_model_has_them(self, user: User) -> None:
        # A custom user model's fields are plain attributes to the validator.
        user.birthdate = datetime.date(1985, 7, 23)  # type: ignore[attr-defined]
        user.phone_number = "090-3961-2475"  # type: ignore[attr-defined]
        context = PolicyValidator().user_context(user)
        assert context.birthdate == datetime.date(1985, 7, 23)
        assert context.phone == "090-3961-2475"

    def test_dotted_paths_and_missing_related_objects(self, user: User) -> None:
        mapping = {"profile.birthdate": "birthdate", "profile.customer_number": "customer_number"}
        validator = PolicyValidator(user_attributes=mapping)
        assert validator.user_context(user).fields_set == ()
        user.profile = types.SimpleNamespace(  # type: ignore[attr-defined]
            birthdate="1985-07-23", customer_number=275381946
        )
        context = validator.user_context(user)
        assert context.birthdate == datetime.date(1985, 7, 23)
        assert context.customer_number == "275381946"

    def test_list_attribute_feeds_a_tuple_field(self) -> None:
        person = types.SimpleNamespace(pets=["pochi", None, "tama"], team="giants")
        mapping = {"pets": "other_words", "team": "other_words"}
        context = PolicyValidator(user_attributes=mapping).user_context(person)
        assert context.other_words == ("pochi", "tama", "giants")

    def test_methods_and_blank_values_are_skipped(self, user: User) -> None:
        mapping = {"get_full_name": "names", "first_name": "names"}
        user.first_name = ""
        assert PolicyValidator(user_attributes=mapping).user_context(user).names == ()

    def test_invalid_values_are_skipped_by_field_name(
        self, user: User, caplog: pytest.LogCaptureFixture
    ) -> None:
        user.birthdate = f"{CANARY}-not-a-date"  # type: ignore[attr-defined]
        user.last_name = CANARY * 40  # longer than a context field may be
        with caplog.at_level(logging.WARNING, logger="credguard.contrib.django"):
            context = PolicyValidator().user_context(user)
        assert context.birthdate is None
        assert context.names == ()
        assert context.username == "taro_y"
        logged = caplog.text
        assert "UserContext.birthdate" in logged
        assert "UserContext.names" in logged
        assert CANARY not in logged

    def test_first_mapped_attribute_wins_for_a_single_field(self) -> None:
        person = types.SimpleNamespace(phone="03-1234-5678", phone_number="090-3961-2475")
        assert PolicyValidator().user_context(person).phone == "03-1234-5678"

    def test_default_mapping_targets_are_context_fields(self) -> None:
        context_fields = set(UserContext.__dataclass_fields__)
        assert set(DEFAULT_USER_ATTRIBUTES.values()) <= context_fields


class _RecordingStore:
    """A HistoryStore that serves fixed hashes and records what it was asked."""

    def __init__(self, hashes: dict[str, Sequence[str]]) -> None:
        self.hashes = hashes
        self.asked: list[tuple[object, str]] = []

    def get(self, user: Any, kind: str) -> Sequence[str]:
        self.asked.append((user, kind))
        return self.hashes.get(kind, ())

    def set(self, user: Any, kind: str, hashes: Sequence[str]) -> None:
        self.hashes[kind] = tuple(hashes)


class TestHistoryStore:
    def test_stored_hashes_feed_the_context(self, user: User) -> None:
        store = _RecordingStore({"login": (HASH_A, HASH_B, HASH_C), "trade": (HASH_B, HASH_A)})
        validator = PolicyValidator(history_store=store, history_depth=2)
        context = validator.user_context(user)
        assert context.password_history == (HASH_A, HASH_B)
        assert dict(context.other_credentials) == {"trade": HASH_B}
        assert (user, "login") in store.asked

    def test_no_user_no_store_lookup(self) -> None:
        store = _RecordingStore({"login": (HASH_A,)})
        context = PolicyValidator(history_store=store).user_context(None)
        assert context.password_history == ()
        assert store.asked == []

    def test_store_by_dotted_path_to_a_class(self, user: User) -> None:
        validator = PolicyValidator(history_store="credguard.contrib.history.InMemoryHistoryStore")
        assert isinstance(validator.history_store, InMemoryHistoryStore)
        assert validator.history_store.get(user, "login") == ()

    def test_broken_store_fails_closed(self, user: User) -> None:
        store = _RecordingStore({"login": (b"not text",)})  # type: ignore[dict-item]
        with pytest.raises(credguard.ContextError, match="password_history"):
            PolicyValidator(history_store=store).validate("Tr0ub4dor&3 staple", user)


CREDENTIAL_POLICY = """
[rules.length]
min = 8

[rules.history]
generations = 3

[kinds.trade.rules.separation]
differ_from = ["login"]
"""


@pytest.fixture
def credential_policy(tmp_path: Any) -> str:
    path = tmp_path / "firm.toml"
    path.write_text(CREDENTIAL_POLICY, encoding="utf-8")
    return str(path)


class TestPasswordChanged:
    # Passes every field on purpose, to policies that use only some.
    @pytest.mark.filterwarnings("ignore::credguard.errors.UnusedContextWarning")
    def test_django_records_each_new_password_and_rejects_reuse(
        self, user: User, credential_policy: str
    ) -> None:
        validators = [
            {
                "NAME": "credguard.contrib.django.PolicyValidator",
                "OPTIONS": {
                    "policy": credential_policy,
                    "history_store": "credguard.contrib.history.InMemoryHistoryStore",
                    "hasher": "credguard.testing.cheap_hasher",
                },
            }
        ]
        passwords = ["Spring-Tanuki-1", "Summer-Tanuki-2", "Autumn-Tanuki-3", "Winter-Tanuki-4"]
        with override_settings(AUTH_PASSWORD_VALIDATORS=validators):
            (validator,) = get_default_password_validators()
            assert isinstance(validator, PolicyValidator)
            assert validator.history_depth == 3  # the policy's history generations
            store = validator.history_store
            assert store is not None
            for number, password in enumerate(passwords, start=1):
                validate_password(password, user)
                user.set_password(password)
                user.save()  # Django calls password_changed here
                stored = tuple(store.get(user, "login"))
                assert len(stored) == min(number, 3)
                assert validator.hasher.verify(stored[0], password)
                assert not any(password in entry for entry in stored)
                with pytest.raises(ValidationError) as caught:
                    validate_password(password, user)
                assert _codes(caught.value) == ["history.reused"]
                assert caught.value.error_list[0].params == {"generations": 3}
            # Only the last three are kept: the first password is allowed again.
            validate_password(passwords[0], user)

    # Passes every field on purpose, to policies that use only some.
    @pytest.mark.filterwarnings("ignore::credguard.errors.UnusedContextWarning")
    def test_trade_password_must_differ_from_login(
        self, user: User, credential_policy: str
    ) -> None:
        store = InMemoryHistoryStore()
        options: dict[str, Any] = {
            "policy": credential_policy,
            "history_store": store,
            "hasher": cheap_hasher(),
        }
        login = PolicyValidator(**options)
        trade = PolicyValidator(kind="trade", **options)
        login.password_changed("Sakura-2024!", user)
        with translation.override("ja"), pytest.raises(ValidationError) as caught:
            trade.validate("Sakura-2024!", user)
        assert _codes(caught.value) == ["separation.same"]
        assert caught.value.messages == [
            "ログインパスワードと同じパスワードは使えません。別のパスワードにしてください。"
        ]
        trade.validate("Momiji-2025?", user)
        trade.password_changed("Momiji-2025?", user)
        assert len(store.get(user, "trade")) == 1  # no history rule for trade: depth 1
        assert len(store.get(user, "login")) == 1

    def test_without_a_store_or_user_nothing_is_recorded(self, user: User) -> None:
        store = InMemoryHistoryStore()
        PolicyValidator().password_changed("Spring-Tanuki-1", user)
        PolicyValidator(history_store=store).password_changed("Spring-Tanuki-1", None)
        assert store.get(user, "login") == ()

    def test_hasher_defaults(self, credential_policy: str) -> None:
        bound = credguard.testing.cheap_policy(credguard.load_policy(credential_policy))
        assert PolicyValidator(policy=bound).hasher.profile.name == "INSECURE-testing-only"
        assert PolicyValidator().hasher.profile.name == credguard.PasswordHasher().profile.name
        chosen = cheap_hasher()
        validator = PolicyValidator(policy=credential_policy, hasher=chosen)
        history = validator.policy.rules[-1]
        assert history.NAME == "history"
        assert getattr(history, "hasher", None) is chosen

    def test_explicit_depth(self, user: User) -> None:
        store = InMemoryHistoryStore()
        validator = PolicyValidator(history_store=store, history_depth=2, hasher=cheap_hasher())
        for password in ("Spring-Tanuki-1", "Summer-Tanuki-2", "Autumn-Tanuki-3"):
            validator.password_changed(password, user)
        assert len(store.get(user, "login")) == 2


class TestConfigurationErrors:
    @pytest.mark.parametrize(
        ("options", "match"),
        [
            ({"policy": "moomo"}, "unknown preset"),
            ({"policy": "/nonexistent/firm.toml"}, "cannot read policy file"),
            ({"kind": "deposit"}, "unknown password kind"),
            ({"user_attributes": {"username": "nickname"}}, "not a UserContext field"),
            ({"user_attributes": {"x": "password_history"}}, "not a UserContext field"),
            ({"user_attributes": ["username"]}, "must map"),
            ({"history_store": "credguard.contrib.nothing.Store"}, "cannot import"),
            ({"history_store": "credguard.contrib.history.KINDS"}, "get\\(user, kind\\)"),
            ({"history_depth": 25}, "history_depth"),
            ({"history_depth": 0}, "history_depth"),
            ({"hasher": "credguard.nothing"}, "cannot import hasher"),
            ({"hasher": "credguard.KINDS"}, "hasher must be a PasswordHasher"),
            ({"hasher": credguard.testing.CHEAP_PROFILE}, "hasher must be a PasswordHasher"),
            ({"history_depth": True}, "history_depth"),
        ],
    )
    def test_bad_options(self, options: dict[str, Any], match: str) -> None:
        with pytest.raises(ImproperlyConfigured, match=match):
            PolicyValidator(**options)

    def test_policy_error_is_chained(self) -> None:
        with pytest.raises(ImproperlyConfigured) as caught:
            PolicyValidator(policy="moomo")
        assert isinstance(caught.value.__cause__, UnknownPresetError)


class TestSecrets:
    @given(st.text(max_size=60))
    def test_any_text_gives_the_policy_verdict_and_no_secret(self, suffix: str) -> None:
        password = CANARY + suffix
        expected = RECOMMENDED.check(password)
        validator = PolicyValidator()
        if expected.ok:
            validator.validate(password)
            return
        with pytest.raises(ValidationError) as caught:
            validator.validate(password)
        assert _codes(caught.value) == [v.code for v in expected.errors]
        assert not any(CANARY in message for message in caught.value.messages)

    # Passes every field on purpose, to policies that use only some.
    @pytest.mark.filterwarnings("ignore::credguard.errors.UnusedContextWarning")
    def test_no_password_in_errors_help_or_repr(self, user: User) -> None:
        store = _RecordingStore({"login": (HASH_A,)})
        validator = PolicyValidator(history_store=store)
        password = f"{CANARY}{CANARY}aaaa"
        for language in ("en", "ja"):
            with translation.override(language), pytest.raises(ValidationError) as caught:
                validator.validate(password, user)
            rendered = [str(caught.value), repr(caught.value), *caught.value.messages]
            rendered += [repr(item.params) for item in caught.value.error_list]
            assert not any(CANARY in text for text in rendered)
            assert not any(HASH_A in text for text in rendered)
        assert CANARY not in validator.get_help_text()
        assert repr(validator) == "PolicyValidator(policy='recommended', kind='login')"


class TestForms:
    def test_user_creation_form_shows_every_code(self, rollback: None) -> None:
        from django.contrib.auth.forms import UserCreationForm

        form: UserCreationForm[User] = UserCreationForm(
            data={"username": "hanako", "password1": WEAK, "password2": WEAK}
        )
        assert not form.is_valid()
        (field,) = form.errors.as_data()
        codes = [error.code for error in form.errors.as_data()[field]]
        assert codes == list(RECOMMENDED.check(WEAK).codes)
        assert not User.objects.filter(username="hanako").exists()

    def test_user_creation_form_accepts_a_good_password(self, rollback: None) -> None:
        from django.contrib.auth.forms import UserCreationForm

        password = "Tr0ub4dor&3 staple"
        form: UserCreationForm[User] = UserCreationForm(
            data={"username": "hanako", "password1": password, "password2": password}
        )
        assert form.is_valid(), form.errors.as_data()
        assert form.save().check_password(password)

    def test_unsaved_user_context(self) -> None:
        store = InMemoryHistoryStore()
        context = PolicyValidator(history_store=store).user_context(User(username="hanako"))
        assert context.username == "hanako"
        assert context.password_history == ()


class TestThreads:
    def test_one_validator_shared_by_threads(self) -> None:
        validator = PolicyValidator()
        passwords = [WEAK, "Tr0ub4dor&3 staple", "aaaa1234", "zaq12wsx", "ｐａｓｓｗｏｒｄ!"] * 20
        expected = [list(RECOMMENDED.check(p).codes) for p in passwords]
        people = [types.SimpleNamespace(username=f"user{n}", email=None) for n in range(8)]

        def outcome(index: int) -> list[str | None]:
            try:
                validator.validate(passwords[index], people[index % len(people)])
            except ValidationError as error:
                return _codes(error)
            return []

        with ThreadPoolExecutor(max_workers=8) as pool:
            assert list(pool.map(outcome, range(len(passwords)))) == expected


class _FailingStore(InMemoryHistoryStore):
    """Reads work; every write fails, like a history table that is unavailable."""

    def set(self, user: Any, kind: str, hashes: Sequence[str]) -> None:
        raise OSError("the history table is unavailable")


def _failing_validators(store: InMemoryHistoryStore) -> list[dict[str, Any]]:
    return [
        {
            "NAME": "credguard.contrib.django.PolicyValidator",
            "OPTIONS": {"policy": "recommended", "history_store": store, "hasher": cheap_hasher()},
        }
    ]


class TestPasswordChangedAtomically:
    OLD, NEW = "Old-Tanuki-Spring-1", "New-Tanuki-Summer-2"

    def test_inside_a_transaction_a_failure_rolls_the_new_password_back(self, user: User) -> None:
        user.set_password(self.OLD)
        user.save()

        def change() -> None:
            with transaction.atomic():
                user.set_password(self.NEW)
                user.save()

        validators = _failing_validators(_FailingStore())
        with (
            override_settings(AUTH_PASSWORD_VALIDATORS=validators),
            pytest.raises(OSError, match="unavailable"),
        ):
            change()
        stored = User.objects.get(pk=user.pk)
        assert stored.check_password(self.OLD)
        assert not stored.check_password(self.NEW)

    def test_in_autocommit_the_failure_is_raised_and_logged(
        self, django_db: None, caplog: pytest.LogCaptureFixture
    ) -> None:
        assert not transaction.get_connection().in_atomic_block
        created = User.objects.create_user(username="autocommit", password=self.OLD)
        try:
            with override_settings(AUTH_PASSWORD_VALIDATORS=_failing_validators(_FailingStore())):
                created.set_password(self.NEW)
                with (
                    caplog.at_level(logging.ERROR, "credguard.contrib.django"),
                    pytest.raises(
                        HistoryNotRecordedError, match="saved but not recorded"
                    ) as caught,
                ):
                    created.save()
            assert isinstance(caught.value.__cause__, OSError)
            # The row was committed before Django called password_changed.
            assert User.objects.get(pk=created.pk).check_password(self.NEW)
            (record,) = caplog.records
            assert f"pk={created.pk}" in record.getMessage()
            assert self.NEW not in record.getMessage()
            assert self.NEW not in str(caught.value)
        finally:
            created.delete()

    def test_a_working_store_records_inside_the_callers_transaction(self, user: User) -> None:
        store = InMemoryHistoryStore()
        with (
            override_settings(AUTH_PASSWORD_VALIDATORS=_failing_validators(store)),
            transaction.atomic(),
        ):
            user.set_password(self.NEW)
            user.save()
        (stored,) = store.get(user, "login")
        assert cheap_hasher().verify(stored, self.NEW)
