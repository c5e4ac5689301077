from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping

import pytest
from hypothesis import given
from hypothesis import strategies as st

from credguard import ContextError, UserContext
from credguard._context import (
    MAX_FIELD_LENGTH,
    MAX_HISTORY,
    MAX_ITEMS,
    _plain_text,
    _text,
    _texts,
)

HASH = "$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG"


class TestUserContext:
    def test_all_fields_optional(self) -> None:
        context = UserContext()
        assert context.fields_set == ()
        assert context.names == ()
        assert dict(context.other_credentials) == {}

    def test_full_context(self) -> None:
        context = UserContext(
            username="taro_y",
            customer_number="275-381946",
            birthdate=datetime.date(1985, 7, 23),
            phone="090-3961-2475",
            email="yamada.taro@example.co.jp",
            names=("やまだ たろう", "Yamada Taro"),
            other_words=("pochi", "giants"),
            address_numbers=("1-2-3",),
            postal_code="150-0041",
            car_number="12-34",
            password_history=(HASH,),
            other_credentials={"login": HASH},
        )
        assert context.birthdate == datetime.date(1985, 7, 23)
        assert context.other_credentials["login"] == HASH
        assert len(context.fields_set) == 12

    def test_fields_set_is_worked_out_once_and_not_pickled(self) -> None:
        import pickle

        context = UserContext(username="taro_y", phone="090-1234-5678")
        first = context.fields_set
        assert first == ("username", "phone")
        assert context.fields_set is first  # kept: every check asks it
        again = pickle.loads(pickle.dumps(context))  # noqa: S301 - our own bytes
        assert again.fields_set == first

    @pytest.mark.parametrize(
        "value", ["1985-07-23", "1985/7/23", "1985.07.23", datetime.datetime(1985, 7, 23, 9, 30)]
    )
    def test_birthdate_forms(self, value: object) -> None:
        assert UserContext(birthdate=value).birthdate == datetime.date(1985, 7, 23)  # type: ignore[arg-type]

    def test_single_string_is_one_item(self) -> None:
        assert UserContext(names="Yamada Taro").names == ("Yamada Taro",)  # type: ignore[arg-type]

    def test_blank_values_are_unset(self) -> None:
        context = UserContext(username="  ", names=("", "Taro"))
        assert context.username is None
        assert context.names == ("Taro",)

    @pytest.mark.parametrize(
        ("kwargs", "field"),
        [
            ({"username": 42}, "username"),
            ({"username": "x" * (MAX_FIELD_LENGTH + 1)}, "username"),
            ({"birthdate": "23/07/1985"}, "birthdate"),
            ({"birthdate": "1985-02-30"}, "birthdate"),
            ({"birthdate": "1700-01-01"}, "birthdate"),
            ({"birthdate": 19850723}, "birthdate"),
            ({"names": ("ok", 3)}, "names[1]"),
            ({"names": 3}, "names"),
            ({"names": ("n",) * (MAX_ITEMS + 1)}, "names"),
            ({"password_history": HASH}, "password_history"),
            ({"password_history": (HASH,) * (MAX_HISTORY + 1)}, "password_history"),
            ({"password_history": ("",)}, "password_history[0]"),
            ({"other_credentials": {"bank": HASH}}, "other_credentials"),
            ({"other_credentials": [HASH]}, "other_credentials"),
            ({"other_credentials": {"login": 5}}, "other_credentials[login]"),
        ],
    )
    def test_invalid(self, kwargs: dict[str, object], field: str) -> None:
        with pytest.raises(ContextError) as info:
            UserContext(**kwargs)  # type: ignore[arg-type]
        assert info.value.field == field
        assert isinstance(info.value, ValueError)

    def test_error_never_contains_the_value(self) -> None:
        with pytest.raises(ContextError) as info:
            UserContext(birthdate="canary-1985")
        assert "canary" not in str(info.value)
        with pytest.raises(ContextError) as info:
            UserContext(username="canary" * 100)
        assert "canary" not in str(info.value)

    def test_repr_lists_fields_only(self) -> None:
        context = UserContext(
            username="canary_user", email="canary@example.jp", password_history=(HASH,)
        )
        text = repr(context)
        assert "canary" not in text
        assert "argon2" not in text
        assert text == "UserContext(<set: username, email, password_history>)"

    def test_immutable(self) -> None:
        context = UserContext(other_credentials={"login": HASH})
        with pytest.raises(AttributeError):
            context.username = "x"  # type: ignore[misc]
        assert isinstance(context.other_credentials, Mapping)
        with pytest.raises(TypeError):
            context.other_credentials["trade"] = HASH  # type: ignore[index]

    def test_caller_dict_is_copied(self) -> None:
        credentials = {"login": HASH}
        context = UserContext(other_credentials=credentials)
        credentials["trade"] = HASH
        assert "trade" not in context.other_credentials


def _outcome(make: Callable[[], object]) -> tuple[str, object]:
    """("value", what *make* returns) or ("error", the field its ContextError names)."""
    try:
        return "value", make()
    except ContextError as error:
        return "error", error.field


class TestFastValidation:
    """The constructor's fast path (a value kept as given) equals the full validation."""

    @given(st.one_of(st.none(), st.text(max_size=MAX_FIELD_LENGTH + 2), st.integers()))
    def test_plain_text_is_what_validation_keeps(self, value: object) -> None:
        if _plain_text(value):
            assert _text("username", value) is value
        assert _outcome(lambda: UserContext(username=value).username) == _outcome(  # type: ignore[arg-type]
            lambda: _text("username", value)
        )

    @given(
        st.one_of(
            st.lists(st.one_of(st.text(max_size=4), st.integers()), max_size=MAX_ITEMS + 2),
            st.text(max_size=4),
            st.none(),
        ),
        st.booleans(),
    )
    def test_tuple_fields_as_validation_makes_them(self, items: object, as_tuple: bool) -> None:
        value = tuple(items) if as_tuple and isinstance(items, list) else items
        assert _outcome(lambda: UserContext(names=value).names) == _outcome(  # type: ignore[arg-type]
            lambda: _texts("names", value)
        )

    def test_empty_credentials_shared_and_read_only(self) -> None:
        first, second = UserContext(), UserContext(other_credentials={})
        assert first.other_credentials is second.other_credentials
        with pytest.raises(TypeError):
            first.other_credentials["login"] = HASH  # type: ignore[index]
        with pytest.raises(ContextError):
            UserContext(other_credentials=[])  # type: ignore[arg-type]
