"""Tests for credguard._personal.tokens: token derivation per field, and its caching."""

from __future__ import annotations

import datetime
import time
from unittest import mock

import pytest
from hypothesis import given
from hypothesis import strategies as st

from credguard import Candidate, UserContext
from credguard._personal.starts import word_starts
from credguard._personal.tokens import (
    MAX_TOKENS_PER_FIELD,
    address_tokens,
    birthdate_tokens,
    car_tokens,
    customer_number_tokens,
    derive_tokens,
    email_tokens,
    eras_of,
    field_tokens,
    fold_text,
    name_tokens,
    phone_tokens,
    postal_tokens,
    username_tokens,
)
from credguard.rules.personal import PersonalDataRule


def _day(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


class TestBirthdateTokens:
    @pytest.mark.parametrize(
        ("day", "expected"),
        [
            # seed 000 (moomoo): 2010年1月1日 → 20100101, 201001, 100101, 201011
            ("2010-01-01", {"20100101", "201001", "100101", "201011", "h22", "h220101", "220101"}),
            # NCB: 1983 (昭和58) 12月31日 → 1983, 1231, 8312, 8331, 5812, 5831
            ("1983-12-31", {"1983", "1231", "8312", "8331", "5812", "5831"}),
            # 岩井コスモ: 1981-07-03 → YYYY, MMDD
            ("1981-07-03", {"1981", "0703"}),
            # derivation_facts.md worked example 1985-03-15 = 昭和60年3月15日
            (
                "1985-03-15",
                {
                    "19850315",
                    "198503",
                    "850315",
                    "1985315",
                    "0315",
                    "1503",
                    "8503",
                    "8515",
                    "03151985",
                    "15031985",
                    "s60",
                    "showa60",
                    "shouwa60",
                    "syowa60",
                    "s600315",
                    "600315",
                    "3600315",
                    "6003",
                    "6015",
                    "昭和60",
                    "85315",
                    "s60315",
                },
            ),
            ("1993-06-01", {"h5", "h05", "heisei5", "heisei05", "h050601", "4050601"}),
            ("2023-04-01", {"r5", "r05", "reiwa5", "reiwa05", "令和5"}),
            ("1920-05-05", {"t9", "taisho9", "taishou9"}),
        ],
    )
    def test_published_forms(self, day: str, expected: set[str]) -> None:
        assert expected <= set(birthdate_tokens(_day(day)))

    @pytest.mark.parametrize(
        ("day", "eras"),
        [
            ("1989-01-07", (("s", 64),)),
            ("1989-01-08", (("h", 1),)),
            ("2019-04-30", (("h", 31),)),
            ("2019-05-01", (("r", 1),)),
            ("1926-12-25", (("t", 15), ("s", 1))),
            ("1912-07-30", (("m", 45), ("t", 1))),
            ("1912-07-29", (("m", 45),)),
            ("1926-12-26", (("s", 1),)),
        ],
    )
    def test_era_boundaries(self, day: str, eras: tuple[tuple[str, int], ...]) -> None:
        assert eras_of(_day(day)) == eras

    @pytest.mark.parametrize(
        ("day", "present", "absent"),
        [
            ("1989-01-07", {"s64", "showa64", "s640107"}, {"h1", "heisei1", "h010107"}),
            ("1989-01-08", {"h1", "h01", "heisei1", "平成元年"}, {"s64", "showa64"}),
            ("2019-04-30", {"h31", "heisei31"}, {"r1", "reiwa1"}),
            ("2019-05-01", {"r1", "r01", "reiwa1", "令和元年", "r010501"}, {"h31", "heisei31"}),
            ("1926-12-25", {"t15", "taisho15", "s1", "showa1", "昭和元年"}, set()),
        ],
    )
    def test_boundary_tokens(self, day: str, present: set[str], absent: set[str]) -> None:
        tokens = set(birthdate_tokens(_day(day)))
        assert present <= tokens
        assert not absent & tokens


MOBILE = {"09012345678", "9012345678", "819012345678", "12345678", "5678", "1234"}


class TestMoreBirthdateForms:
    """Month-day, kanji dates and 元年 (issue 15 item 4)."""

    def test_month_day_with_separators_and_kanji(self) -> None:
        tokens = set(birthdate_tokens(_day("1978-07-23")))
        assert {"723", "7.23", "7/23", "07.23", "07/23", "7月23日", "1978年", "s53年"} <= tokens
        assert {"昭和53年", "1978年7月"} <= tokens

    def test_two_digit_month_day_is_not_a_token(self) -> None:
        # "51" (May 1) would be any two digits standing alone.
        assert "51" not in birthdate_tokens(_day("1990-05-01"))

    @pytest.mark.parametrize(
        ("day", "expected"),
        [
            ("2019-05-01", {"r元", "r元年", "令和元", "令和元年", "reiwagannen"}),
            ("1989-01-08", {"h元", "平成元年", "heiseigannen"}),
        ],
    )
    def test_first_year_of_an_era(self, day: str, expected: set[str]) -> None:
        assert expected <= set(birthdate_tokens(_day(day)))

    def test_no_gannen_after_the_first_year(self) -> None:
        assert not any("元" in t or "gannen" in t for t in birthdate_tokens(_day("1990-05-01")))


class TestPhoneTokens:
    @pytest.mark.parametrize(
        "written",
        [
            "090-1234-5678",
            "09012345678",
            "090 1234 5678",
            "+81 90 1234 5678",
            "+81-90-1234-5678",
            "81-90-1234-5678",
            "+81 (0)90 1234 5678",
            "010-81-90-1234-5678",
            "０９０－１２３４－５６７８",  # full-width digits and hyphen
            "090ー1234ー5678",  # katakana long mark U+30FC
            "090−1234−5678",  # minus sign U+2212
            "090‐1234‐5678",  # hyphen U+2010
            "(090)1234-5678",
        ],
    )
    def test_mobile_written_any_way(self, written: str) -> None:
        assert set(phone_tokens(written)) == set(phone_tokens("090-1234-5678"))
        assert set(phone_tokens(written)) >= MOBILE

    @pytest.mark.parametrize(
        ("written", "expected"),
        [
            (
                "03(1234)5678",
                {"0312345678", "312345678", "81312345678", "12345678", "5678", "1234"},
            ),
            ("03-1234-5678", {"12345678", "1234"}),
            ("0312345678", {"12345678", "1234", "5678"}),
            ("+81 3 1234 5678", {"0312345678", "12345678"}),
            ("0463(12)3456", {"0463123456", "123456", "3456"}),
            ("092-999-5632", {"5632", "9995632", "0929995632"}),  # NCB: last 4 = 5632
            ("045-123-4567", {"1234567", "4567", "123"}),
        ],
    )
    def test_landlines(self, written: str, expected: set[str]) -> None:
        assert expected <= set(phone_tokens(written))

    def test_no_digits(self) -> None:
        assert phone_tokens("なし") == ()


class TestTextTokens:
    def test_email(self) -> None:
        tokens = set(email_tokens("Yamada.Taro+news@Example.co.jp"))
        assert {
            "yamada.taro+news@example.co.jp",
            "yamada.taro+news",
            "yamada.taro",
            "yamadataronews",
            "yamada",
            "taro",
            "news",
        } <= tokens
        assert "example" not in tokens  # the domain is not personal

    @pytest.mark.parametrize(
        ("username", "expected"),
        [
            ("taro_y", {"taro_y", "taroy", "taro"}),
            # 松井: the last 6 characters of the login ID
            ("matsui_user123", {"matsui_user123", "ser123", "matsui"}),
            ("ＴＡＲＯ", {"taro"}),
        ],
    )
    def test_username(self, username: str, expected: set[str]) -> None:
        assert expected <= set(username_tokens(username))

    @pytest.mark.parametrize(
        ("number", "expected"),
        [
            ("275-381946", {"275381946", "381946"}),  # moomoo: 部店番号 + 口座番号
            ("1234567", {"1234567"}),  # Mizuho: a 7-digit お客様コード
            ("２７５－３８１９４６", {"275381946", "381946"}),
        ],
    )
    def test_customer_number(self, number: str, expected: set[str]) -> None:
        assert expected <= set(customer_number_tokens(number))

    @pytest.mark.parametrize(
        ("address", "expected"),
        [
            ("1-2-3", {"1-2-3", "123", "010203", "10203"}),
            ("1丁目2番3号", {"1-2-3", "123", "010203", "10203"}),
            ("１－２－３", {"1-2-3", "123", "010203", "10203"}),
            ("12-3-45", {"12-3-45", "12345", "120345"}),
        ],
    )
    def test_address(self, address: str, expected: set[str]) -> None:
        assert expected <= set(address_tokens(address))

    @pytest.mark.parametrize("code", ["150-0041", "1500041", "〒１５０－００４１"])
    def test_postal_code(self, code: str) -> None:
        assert set(postal_tokens(code)) == {"1500041", "150-0041"}

    @pytest.mark.parametrize(
        ("plate", "serial"),
        [
            ("12-34", "1234"),
            ("・・12", "0012"),
            ("・123", "0123"),
            ("品川 300 あ 12-34", "1234"),
            ("品川300さ・・・7", "0007"),
        ],
    )
    def test_car_number(self, plate: str, serial: str) -> None:
        assert car_tokens(plate)[0] == serial


class TestNameTokens:
    @pytest.mark.parametrize(
        ("names", "expected"),
        [
            (
                ("やまだ たろう",),
                {
                    "yamada",
                    "taro",
                    "tarou",
                    "taroh",
                    "yamadataro",
                    "taroyamada",
                    "tyamada",
                    "yamadat",
                    "やまだ",
                    "ヤマダ",
                    "やまだたろう",
                },
            ),
            (("Yamada Taro",), {"yamada", "taro", "yamadataro", "taroyamada", "tyamada", "ytaro"}),
            (("山田 太郎",), {"山田", "太郎", "山田太郎", "太郎山田"}),
            (("Satō Shōta",), {"sato", "satou", "shota", "shouta", "syota", "satoshota"}),
            (("ｻﾄｳ",), {"sato", "satou", "サトウ", "さとう"}),
            (("t.yamada",), {"t", "yamada"}),
            (("POCHI",), {"pochi", "poti"}),
            (("giants",), {"giants"}),
        ],
    )
    def test_spellings(self, names: tuple[str, ...], expected: set[str]) -> None:
        assert expected <= set(name_tokens(names))

    def test_bounded(self) -> None:
        many = tuple(f"しょうこう じゅんいちろう{i}" for i in range(32))
        tokens = name_tokens(many)
        assert len(tokens) <= MAX_TOKENS_PER_FIELD
        assert len(name_tokens(("しょうこう じゅんいちろう",))) <= 256


class TestNicknames:
    @pytest.mark.parametrize(
        ("names", "expected"),
        [
            (("やまだ たろう",), {"yamachan", "yachan", "tachan", "taachan", "tarochan", "taro"}),
            (("Yamamoto Ren",), {"yamachan", "renchan", "renkun", "rekun"}),
            (("さくら",), {"sakuchan", "sakurachan", "sakutan"}),
            (("しゅうじ",), {"shuchan", "shuuchan"}),
        ],
    )
    def test_names_give_nicknames(self, names: tuple[str, ...], expected: set[str]) -> None:
        assert expected <= set(name_tokens(names, nicknames=True))

    def test_other_words_give_none(self) -> None:
        assert "pochan" not in name_tokens(("pochi",))
        assert "pochan" in name_tokens(("pochi",), nicknames=True)

    def test_no_nickname_shorter_than_five(self) -> None:
        # "achan" is the shortest: "arin" for あい would match random passwords.
        tokens = name_tokens(("あい",), nicknames=True)
        assert "achan" in tokens
        assert not any(len(t) < 5 and t.endswith(("rin", "tan", "kun")) for t in tokens)

    def test_bounded(self) -> None:
        names = ("しょうじ じゅんいち",) * 3
        assert len(name_tokens(names, nicknames=True)) <= MAX_TOKENS_PER_FIELD


class TestFolding:
    @pytest.mark.parametrize(
        ("text", "folded"),
        [("Satō", "sato"), ("ÔNO", "ono"), ("ＡＢＣ", "abc"), ("ガ", "ガ"), ("ｶﾞ", "ガ")],
    )
    def test_fold_text(self, text: str, folded: str) -> None:
        assert fold_text(text) == folded


FULL = {
    "username": "taro_y",
    "customer_number": "275-381946",
    "birthdate": "1985-07-23",
    "phone": "090-3961-2475",
    "email": "yamada.taro@example.co.jp",
    "names": ("やまだ たろう",),
    "other_words": ("pochi",),
    "address_numbers": ("1-2-3",),
    "postal_code": "150-0041",
    "car_number": "12-34",
}


class TestPersonalTokens:
    def test_every_field_set_yields_tokens(self) -> None:
        tokens = UserContext(**FULL).personal_tokens()  # type: ignore[arg-type]
        assert set(tokens) == set(FULL)
        for values in tokens.values():
            assert values
            assert all(isinstance(v, str) and v == v.casefold() for v in values)

    def test_unset_fields_absent(self) -> None:
        assert dict(UserContext(phone="090-1234-5678").personal_tokens()).keys() == {"phone"}
        assert not UserContext().personal_tokens()

    def test_derived_once_per_context(self) -> None:
        context = UserContext(**FULL)  # type: ignore[arg-type]
        with mock.patch("credguard._personal.data.field_tokens", wraps=field_tokens) as derive:
            first = context.personal_tokens()
            second = context.personal_tokens()
            context._personal_data().index  # noqa: B018 - builds the index
            assert derive.call_count == len(context._personal_data().present)
        assert first is second
        assert first == derive_tokens(context)

    def test_each_field_derived_only_when_asked(self) -> None:
        context = UserContext(**FULL)  # type: ignore[arg-type]
        data = context._personal_data()
        with mock.patch("credguard._personal.data.field_tokens", wraps=field_tokens) as derive:
            assert data.tokens_of("phone") == phone_tokens(FULL["phone"])  # type: ignore[arg-type]
            assert data.tokens_of("phone") is data.tokens_of("phone")
            assert [call.args[0] for call in derive.call_args_list] == ["phone"]

    def test_a_check_derives_only_the_fields_its_rule_wants(self) -> None:
        with mock.patch("credguard._personal.data.field_tokens", wraps=field_tokens) as derive:
            context = UserContext(**FULL)  # type: ignore[arg-type]
            assert derive.call_count == 0  # nothing at construction
            PersonalDataRule(fields=("phone",)).check(
                Candidate.from_password("q9#Lm2x!Vb7@Kz4816"), context
            )
            assert [call.args[0] for call in derive.call_args_list] == ["phone"]

    def test_largest_context_is_bounded(self) -> None:
        # Every tuple field at its 32-item cap with variant-rich names.
        context = UserContext(
            names=tuple(f"しょうこう じゅんいちろう{i}" for i in range(32)),
            other_words=tuple(f"Shouko Junichirou Satoh{i}" for i in range(32)),
            address_numbers=tuple(f"{i}-{i}-{i}" for i in range(32)),
            username="x" * 256,
        )
        started = time.perf_counter()
        tokens = context.personal_tokens()
        context._personal_data().index  # noqa: B018
        assert time.perf_counter() - started < 10.0  # generous: about 0.4 s measured
        assert all(len(values) <= MAX_TOKENS_PER_FIELD for values in tokens.values())

    def test_cache_not_a_visible_field(self) -> None:
        context = UserContext(**FULL)  # type: ignore[arg-type]
        context.personal_tokens()
        assert "_derived" not in context.fields_set
        assert "_derived" not in repr(context)
        assert "taro" not in repr(context)


class TestAnyInput:
    @given(
        st.text(max_size=60),
        st.lists(st.text(max_size=30), max_size=4),
        st.dates(datetime.date(1868, 1, 1), datetime.date(2200, 12, 31)),
    )
    def test_never_raises(self, text: str, items: list[str], day: datetime.date) -> None:
        context = UserContext(
            username=text,
            customer_number=text,
            birthdate=day,
            phone=text,
            email=text,
            names=tuple(items),
            other_words=(text,),
            address_numbers=tuple(items),
            postal_code=text,
            car_number=text,
        )
        tokens = context.personal_tokens()
        for values in tokens.values():
            assert len(values) <= MAX_TOKENS_PER_FIELD
            assert all(value and value.isprintable() for value in values)
        context._personal_data().index.compile()  # the index compiles for any tokens

    @given(st.text(alphabet="0123456789-ー−‐()+ ", max_size=20))
    def test_full_width_phone_reads_the_same(self, written: str) -> None:
        wide = written.translate(str.maketrans("0123456789-()+ ", "０１２３４５６７８９－（）＋　"))
        assert phone_tokens(wide) == phone_tokens(written)


_WORDS = st.sampled_from(
    ["やまだ", "たろう", "Yamada", "Taro", "しょうこ", "Shouko", "Smith", "ちば", "ゆうき", "Yūki",
     "r2d2", "ai", "え", "山田", "pochi", "giants", "Satoh", "Ohno", "かっぱ", "ホンマ", "junnichi"]
)  # fmt: skip


class TestWordStarts:
    """Each ASCII token of name_tokens but a nickname holds a word_start (the screen's premise)."""

    @given(st.lists(st.lists(_WORDS, min_size=1, max_size=3).map(" ".join), max_size=3))
    def test_every_token_holds_a_start(self, items: list[str]) -> None:
        starts = word_starts(items)
        if starts is None:
            return
        for token in filter(str.isascii, name_tokens(items)):
            assert any(start in token for start in starts), token

    def test_words_it_cannot_cover(self) -> None:
        assert word_starts(["ai"]) is None  # a spelling of two letters
        assert word_starts(["r2d2"]) is None  # not letters: leet forms
        assert word_starts(["Yūki"]) is None  # folds to ASCII

    def test_starts_of_kana_and_kanji(self) -> None:
        assert word_starts(["やまだ たろう"]) == frozenset({"yam", "tar"})
        # Kanji are matched as written: no ASCII token.
        assert word_starts(["山田 太郎"]) == frozenset()
        assert not any(map(str.isascii, name_tokens(["山田 太郎"])))
