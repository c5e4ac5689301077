"""Tests for credguard._personal.data: lazy fields, the screens, and the index they defer to."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from unittest import mock

from benchmarks.tools import ACCOUNT
from hypothesis import given, settings
from hypothesis import strategies as st

from credguard import Candidate, UserContext
from credguard._personal import PERSONAL_FIELDS, SCREEN_CHECKS, PersonalData
from credguard._personal.data import _too_few_digits
from credguard._personal.forms import password_views
from credguard._personal.index import Match, PersonalIndex
from credguard._personal.screen import Views
from credguard.rules.personal import DEFAULT_MIN_TOKEN_LENGTH
from tests.helpers import run_in_threads

# The default rule's settings: no field equality-only, the default lengths.
DEFAULT = (frozenset[str](), DEFAULT_MIN_TOKEN_LENGTH)


# Pieces of the account's data in many spellings, and noise around them.
_PIECES = [
    "taro", "Tarou", "TAROH", "やまだ", "ヤマダ", "山田", "yamada", "adamay", "y4m4d4", "taachan",
    "1985", "19850723", "0723", "S60", "showa60", "3961", "2475", "09039612475", "5742",
    "275381946", "381946", "pochi", "p0ch1", "giants", "123", "010203", "1500041", "1234",
    "yamada.taro", "-", "!", "_", ".", "Ren", "ｔａｒｏ", "7.23", "ab", "yamakun", "nahcoat",
    "renchan", "p0chisama", "R", "e", "n", "1", "A", "y", "a",
]  # fmt: skip
_passwords = st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=3)), max_size=6).map(
    "".join
)
_texts = st.one_of(
    st.none(),
    st.sampled_from(["taro_y", "Ren", "しょうた", "Yūko Satō", "p0ch1", "1-2-3", "12-34"]),
    st.text(max_size=12),
)
_contexts = st.builds(
    UserContext,
    username=_texts,
    customer_number=st.one_of(st.none(), st.sampled_from(["275-381946", "12"]), _texts),
    birthdate=st.one_of(st.none(), st.dates(datetime.date(1900, 1, 1), datetime.date(2030, 1, 1))),
    phone=st.one_of(st.none(), st.sampled_from(["090-3961-2475", "+81 3 1234 5678"]), _texts),
    email=_texts,
    names=st.lists(
        st.one_of(
            st.sampled_from(["やまだ たろう", "Yamada Taro", "山田 太郎", "れん", "Ren", "Aya"]),
            _texts,
        ),
        max_size=3,
    ).map(lambda items: tuple(i for i in items if i is not None)),
    other_words=st.lists(st.sampled_from(["pochi", "giants", "さくら", "ab"]), max_size=2).map(
        tuple
    ),
    address_numbers=st.lists(st.sampled_from(["1-2-3", "12-3"]), max_size=2).map(tuple),
    postal_code=st.one_of(st.none(), st.just("150-0041")),
    car_number=st.one_of(st.none(), st.just("12-34"), st.just("・・12")),
)
_wanted = st.sets(st.sampled_from(PERSONAL_FIELDS), min_size=1).map(frozenset)
_equals_only = st.sets(st.sampled_from(PERSONAL_FIELDS), max_size=3).map(frozenset)
_lengths = st.dictionaries(st.sampled_from(PERSONAL_FIELDS), st.integers(3, 8))


def _index_matches(
    context: UserContext,
    candidate: Candidate,
    wanted: frozenset[str],
    equals_only: frozenset[str],
    min_lengths: Mapping[str, int],
) -> object:
    """The definition: the full index over every field, as before the screens."""
    index = PersonalIndex.build(context.personal_tokens())
    return index.matches(
        candidate, wanted & frozenset(context.fields_set), equals_only, min_lengths
    )


def _everything(data: PersonalData, password: str) -> dict[str, Match]:
    """What a default rule finds with *data* (every field set) in *password*."""
    return data.matches(Candidate.from_password(password), data.present, rule=DEFAULT)


def _assert_no_wrong_no(
    context: UserContext, password: str, equals_only: frozenset[str], lengths: dict[str, int]
) -> None:
    """Every field the full index finds in *password*, a new context's _maybe lets through."""
    candidate = Candidate.from_password(password)
    min_lengths = {**DEFAULT_MIN_TOKEN_LENGTH, **lengths}
    data = context._personal_data()
    views = Views(candidate, *password_views(candidate))
    index = PersonalIndex.build(context.personal_tokens())
    for name in data.present:
        found = index.matches(candidate, {name}, equals_only, min_lengths)
        maybe = data._maybe(name, views, name in equals_only, min_lengths[name])
        assert maybe or not found, name


class TestScreensAgreeWithTheIndex:
    """The fast path (screens, lazy fields) gives the index's matches: codes, fields, hows."""

    @settings(deadline=None, max_examples=300)
    @given(_contexts, _passwords, _wanted, _equals_only, _lengths)
    def test_fresh_context_matches_as_the_index(
        self,
        context: UserContext,
        password: str,
        wanted: frozenset[str],
        equals_only: frozenset[str],
        lengths: dict[str, int],
    ) -> None:
        candidate = Candidate.from_password(password)
        min_lengths = {**DEFAULT_MIN_TOKEN_LENGTH, **lengths}
        fresh = UserContext(**{name: getattr(context, name) for name in context.fields_set})
        data = fresh._personal_data()
        got = data.matches(candidate, wanted & data.present, rule=(equals_only, min_lengths))
        assert got == _index_matches(context, candidate, wanted, equals_only, min_lengths)

    @settings(deadline=None, max_examples=300)
    @given(_contexts, _passwords, _equals_only, _lengths)
    def test_a_screen_says_no_only_when_the_index_finds_nothing(
        self,
        context: UserContext,
        password: str,
        equals_only: frozenset[str],
        lengths: dict[str, int],
    ) -> None:
        _assert_no_wrong_no(context, password, equals_only, lengths)

    def test_account_passwords_screened_and_found(self) -> None:
        context = UserContext(**ACCOUNT)
        data = context._personal_data()
        views = Views(*(lambda c: (c, *password_views(c)))(Candidate.from_password("Sakura1985!")))
        assert data._screen("birthdate").maybe(views, False, 4)
        assert not data._screen("names").maybe(views, False, 4)
        assert not data._screen("phone").maybe(views, False, 4)

    def test_nicknames_are_screened_once_a_suffix_shows(self) -> None:
        data = UserContext(names=("やまだ たろう",))._personal_data()
        views = Views(*(lambda c: (c, *password_views(c)))(Candidate.from_password("Xq!yamakun9")))
        # The names' own screen leaves the nicknames out; the suffix brings them in.
        assert not data._screen("names").maybe(views, False, 4)
        assert data._maybe("names", views, False, 4)
        found = data.matches(views.candidate, {"names"}, rule=DEFAULT)
        assert found == {"names": ("contains", "plain")}

    def test_a_short_name_as_the_letters_of_a_password(self) -> None:
        # "ren" is no substring of "R1e2n3!", but the letters taken together
        # are a segment: the start screen must not skip it.
        candidate = Candidate.from_password("R1e2n3!")
        data = UserContext(names=("Ren",))._personal_data()
        found = data.matches(candidate, {"names"}, rule=DEFAULT)
        assert found == {"names": ("contains", "plain")}
        assert found == _index_matches(
            UserContext(names=("Ren",)),
            candidate,
            frozenset({"names"}),
            frozenset(),
            DEFAULT_MIN_TOKEN_LENGTH,
        )


class TestLaziness:
    def test_no_index_while_the_screens_say_no(self) -> None:
        data = UserContext(**ACCOUNT)._personal_data()
        candidate = Candidate.from_password("q9#Lm2x!Vb7@Kz")
        with mock.patch.object(PersonalIndex, "build", wraps=PersonalIndex.build) as build:
            for _ in range(SCREEN_CHECKS):
                assert data.matches(candidate, data.present, rule=DEFAULT) == {}
            assert build.call_count == 0
            # A context reused for more checks builds the index, once.
            for _ in range(3):
                assert data.matches(candidate, data.present, rule=DEFAULT) == {}
            assert build.call_count == 1

    def test_a_screen_hit_builds_the_index_of_that_field_only(self) -> None:
        data = UserContext(**ACCOUNT)._personal_data()
        found = _everything(data, "Pass!1234word")
        assert found == {"car_number": ("contains", "plain")}
        assert set(data._field_indexes) == {"car_number"}
        assert data._index is None

    def test_a_non_ascii_password_hit_builds_only_its_fields_indexes(self) -> None:
        data = UserContext(**ACCOUNT)._personal_data()
        found = _everything(data, "やまだ1985!")
        assert {"birthdate", "names"} <= set(found)
        assert data._index is None
        assert set(data._field_indexes) == set(found)
        assert found == _index_matches(
            UserContext(**ACCOUNT),
            Candidate.from_password("やまだ1985!"),
            frozenset(PERSONAL_FIELDS),
            frozenset(),
            DEFAULT_MIN_TOKEN_LENGTH,
        )

    @settings(deadline=None, max_examples=300)
    @given(
        _contexts,
        st.lists(
            st.one_of(
                st.sampled_from(_PIECES),
                st.sampled_from(["İ", "ß", "Ｒｅｎ", "れん", "ー", "é", "ǅ", "ﬁ", "①"]),
                st.text(max_size=3),
            ),
            min_size=1,
            max_size=5,
        ).map("".join),
    )
    def test_non_ascii_passwords_find_each_field_as_the_full_index(
        self, context: UserContext, password: str
    ) -> None:
        candidate = Candidate.from_password(password)
        fresh = UserContext(**{name: getattr(context, name) for name in context.fields_set})
        data = fresh._personal_data()
        got = data.matches(candidate, data.present, rule=DEFAULT)
        wanted = frozenset(PERSONAL_FIELDS)
        assert got == _index_matches(context, candidate, wanted, *DEFAULT)

    def test_only_wanted_fields_are_derived(self) -> None:
        data = UserContext(**ACCOUNT)._personal_data()
        candidate = Candidate.from_password("q9#Lm2x!Vb7@Kz4816")
        assert data.matches(candidate, {"phone"}, rule=DEFAULT) == {}
        assert set(data._tokens) == {"phone"}
        # A phone number is all digits: told by its number keys, no screen.
        assert not data._screens
        assert {name for name, _ in data._numbers} == {"phone"}

    def test_too_few_digits_derive_no_number_field(self) -> None:
        data = UserContext(**ACCOUNT)._personal_data()
        numbers = {"phone", "postal_code", "car_number"}
        candidate = Candidate.from_password("Sakura!pochiX")  # no digit
        assert data.matches(candidate, {*numbers, "address_numbers"}, rule=DEFAULT) == {}
        # Letters and three digits: fewer than any number's own digits.
        assert data.matches(Candidate.from_password("q9#Lm2x!Vb7@Kz"), numbers, rule=DEFAULT) == {}
        assert not data._tokens
        # Digits alone may equal a short token: those are looked at.
        found = data.matches(
            Candidate.from_password("123"), {*numbers, "address_numbers"}, rule=DEFAULT
        )
        assert found == {"address_numbers": ("equals", "plain")}
        assert "address_numbers" in data._tokens

    def test_a_field_without_tokens_matches_nothing(self) -> None:
        data = UserContext(phone="---", car_number="ab")._personal_data()
        assert data.present == {"phone", "car_number"}
        assert not data.tokens
        candidate = Candidate.from_password("---")
        assert data.matches(candidate, data.present, rule=DEFAULT) == {}

    def test_threads_sharing_a_new_context_agree(self) -> None:
        passwords = ["q9#Lm2x!Vb7@Kz", "Taro$1985x", "y4m4d4-0723", "Sakura1985!"] * 8
        expected = [
            _index_matches(
                UserContext(**ACCOUNT),
                Candidate.from_password(p),
                frozenset(PERSONAL_FIELDS),
                frozenset(),
                DEFAULT_MIN_TOKEN_LENGTH,
            )
            for p in passwords
        ]
        for _ in range(5):
            data = UserContext(**ACCOUNT)._personal_data()
            results: dict[int, list[object]] = {}

            def work(
                worker: int, data: PersonalData = data, results: dict[int, list[object]] = results
            ) -> None:
                results[worker] = [_everything(data, p) for p in passwords]

            run_in_threads(work)
            assert all(got == expected for got in results.values())


_digit_texts = st.text(alphabet="0123456789-() +", min_size=1, max_size=14)
_digit_passwords = st.lists(
    st.one_of(
        st.text(alphabet="0123456789", max_size=8),
        st.sampled_from(["-", "a", "!", "x1", "1-2-3", "3-2-1", "1-2", "(", " "]),
    ),
    max_size=5,
).map("".join)


class TestNumberKeys:
    """A field of numbers alone is screened by the password's digits: never a wrong "no"."""

    @settings(deadline=None, max_examples=300)
    @given(_digit_texts, _digit_texts, _digit_texts, _digit_passwords, _equals_only, _lengths)
    def test_number_keys_say_no_only_when_the_index_finds_nothing(
        self,
        phone: str,
        customer: str,
        car: str,
        password: str,
        equals_only: frozenset[str],
        lengths: dict[str, int],
    ) -> None:
        context = UserContext(
            phone=phone,
            customer_number=customer,
            car_number=car,
            postal_code="150-0041",
            address_numbers=(car, "1-2-3", "1丁目2番3号"),
        )
        _assert_no_wrong_no(context, password, equals_only, lengths)

    def test_a_phone_number_is_two_keys(self) -> None:
        data = UserContext(phone="090-3961-2475")._personal_data()
        keys = data._number_keys("phone", 4)
        assert keys is not None
        assert {"2475", "3961"} <= set(keys[0])
        assert keys[1:] == ((), frozenset())
        assert data.matches(Candidate.from_password("x2475-q"), {"phone"}, rule=DEFAULT)
        assert not data.matches(Candidate.from_password("x3962-q5742"), {"phone"}, rule=DEFAULT)

    def test_an_address_keeps_its_hyphens(self) -> None:
        """1-2-3 is looked for as written, 123 (too short to count inside) only as the password."""
        data = UserContext(address_numbers=("1-2-3",))._personal_data()
        fields = {"address_numbers"}
        assert not data.matches(Candidate.from_password("Sakura123!"), fields, rule=DEFAULT)
        assert not data._screens  # told by the keys alone
        for password in ("Sakura1-2-3!", "123", "1-2"):
            found = data.matches(Candidate.from_password(password), fields, rule=DEFAULT)
            assert set(found) == fields, password


@st.composite
def _dates_and_passwords(draw: st.DrawFn) -> tuple[datetime.date, str]:
    """A birthdate and a password made of one of its forms, dressed (leet, case, reversed)."""
    day = draw(
        st.one_of(
            st.dates(datetime.date(1900, 1, 1), datetime.date(2030, 12, 31)),
            # The first year of an era (元年, "gannen"), and its changeover days.
            st.sampled_from([datetime.date(1926, 12, 25), datetime.date(1989, 1, 8)]),
            st.dates(datetime.date(2019, 5, 1), datetime.date(2019, 12, 31)),
        )
    )
    token = draw(st.sampled_from(UserContext(birthdate=day).personal_tokens()["birthdate"]))
    form = draw(
        st.sampled_from(
            [token, token[::-1], token.upper(), token.translate(_UNLEET), token.replace("0", "-0")]
        )
    )
    noise = st.text(alphabet="abcxyz!#_-0123456789", max_size=4)
    return day, draw(noise) + form + draw(noise)


# Some leet dressings of digits and letters (the leet tables read them back).
_UNLEET = str.maketrans({"o": "0", "s": "5", "6": "g", "0": "o", "1": "!", "5": "$", "a": "4"})


class TestBirthdateKeys:
    """A birthdate is screened from the date itself: never a wrong "no"."""

    @settings(deadline=None, max_examples=400)
    @given(_dates_and_passwords(), _equals_only, _lengths)
    def test_keys_say_no_only_when_the_index_finds_nothing(
        self,
        drawn: tuple[datetime.date, str],
        equals_only: frozenset[str],
        lengths: dict[str, int],
    ) -> None:
        day, password = drawn
        _assert_no_wrong_no(UserContext(birthdate=day), password, equals_only, lengths)

    def test_no_form_is_made_for_a_password_without_the_keys(self) -> None:
        data = UserContext(birthdate=datetime.date(1985, 7, 23))._personal_data()
        assert (
            data.matches(Candidate.from_password("q9#Lm2x!Vb7@Kz"), {"birthdate"}, rule=DEFAULT)
            == {}
        )
        assert not data._tokens  # decided from the date alone
        found = data.matches(Candidate.from_password("Sh0wa60!x"), {"birthdate"}, rule=DEFAULT)
        assert set(found) == {"birthdate"}
        assert data.matches(Candidate.from_password("x5h0wag0"), {"birthdate"}, rule=DEFAULT)
        # NCB's era year + month with a separator: only the digits hold "60".
        assert data.matches(Candidate.from_password("Zx6-007!"), {"birthdate"}, rule=DEFAULT)


_DIGIT_FIELD_NAMES = ("phone", "postal_code", "car_number", "address_numbers")


class TestTooFewDigits:
    """A number field skipped for its password's digits is one the index never finds there."""

    def test_a_postal_codes_hyphenated_form_weighs_one_more_than_its_digits(self) -> None:
        # 000-0000 weighs 8 with 7 digits: a password with 7 digits and a
        # letter may hold it when the shortest counted token is 8.
        candidate = Candidate.from_password("000-0000X")
        views = Views(candidate, *password_views(candidate))
        assert not _too_few_digits("postal_code", views, 8)
        assert _too_few_digits("postal_code", views, 9)
        assert _too_few_digits("phone", views, 8)

    @settings(deadline=None, max_examples=500)
    @given(
        st.sampled_from(_DIGIT_FIELD_NAMES),
        st.text(alphabet="0123456789-+() .・あ", min_size=1, max_size=14),
        st.data(),
        st.integers(3, 12),
        st.booleans(),
    )
    def test_skipped_only_when_the_index_finds_nothing(
        self, name: str, value: str, data: st.DataObject, min_weight: int, equals_only: bool
    ) -> None:
        context = UserContext(**{name: (value,) if name == "address_numbers" else value})  # type: ignore[arg-type]
        digits = "".join(c for c in value if c.isdigit())
        start = data.draw(st.integers(0, len(digits)))
        # One of the field's own tokens (or a part of the value's digits),
        # so the index often does find it.
        tokens = context.personal_tokens().get(name, ())
        piece = data.draw(st.sampled_from((*tokens, digits[start:])))
        if data.draw(st.booleans()):
            piece = piece[::-1]
        around = st.text(alphabet="abXY!-_.", max_size=4)
        password = data.draw(around) + piece + data.draw(around)
        candidate = Candidate.from_password(password)
        views = Views(candidate, *password_views(candidate))
        if not _too_few_digits(name, views, min_weight):
            return
        index = PersonalIndex.build(context.personal_tokens())
        lengths = {**DEFAULT_MIN_TOKEN_LENGTH, name: min_weight}
        assert (
            index.matches(candidate, {name}, frozenset({name} if equals_only else ()), lengths)
            == {}
        )
