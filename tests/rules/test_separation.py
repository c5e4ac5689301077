"""separation.*: login, trade and withdrawal passwords must differ."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import credguard
from credguard import MAX_PASSWORD_LENGTH, testing
from credguard._candidate import Candidate
from credguard.rules import RULES, SeparationRule
from credguard.rules.separation import bounded_edit_distance
from tests.helpers import CANARY

CHEAP = testing.cheap_hasher()
LOGIN = "Login-Secret-2024"
LOGIN_HASH = CHEAP.hash(LOGIN)
TRADE_HASH = CHEAP.hash("Trade-Secret-2024")


def _codes(rule: SeparationRule, password: str, credentials: dict[str, str]) -> tuple[str, ...]:
    context = credguard.UserContext(other_credentials=credentials)
    return tuple(v.code for v in rule.check(Candidate.from_password(password), context))


class TestSeparationRule:
    def test_registered_after_history(self) -> None:
        names = list(RULES)
        assert RULES["separation"] is SeparationRule
        assert names.index("separation") > names.index("history")

    @pytest.mark.parametrize(
        ("password", "differ_from", "expected"),
        [
            (LOGIN, ("login",), ("separation.same",)),
            ("Ｌｏｇｉｎ－Ｓｅｃｒｅｔ－２０２４", ("login",), ("separation.same",)),
            ("login-secret-2024", ("login",), ()),  # case differs: a hash cannot tell more
            ("Other-Secret-99", ("login",), ()),
            ("Trade-Secret-2024", ("login", "trade"), ("separation.same",)),
            (LOGIN, ("trade",), ()),
            (LOGIN, ("withdrawal",), ()),  # not set: nothing to compare
        ],
    )
    def test_cases(self, password: str, differ_from: tuple[str, ...],
                   expected: tuple[str, ...]) -> None:  # fmt: skip
        rule = SeparationRule(differ_from=differ_from, hasher=CHEAP)
        credentials = {"login": LOGIN_HASH, "trade": TRADE_HASH}
        assert _codes(rule, password, credentials) == expected

    def test_params_name_the_kind(self) -> None:
        rule = SeparationRule(differ_from=("login",), hasher=CHEAP)
        context = credguard.UserContext(other_credentials={"login": LOGIN_HASH})
        (violation,) = rule.check(Candidate.from_password(LOGIN), context)
        assert violation.params == {"other": "login"}
        assert "login password" in violation.message
        assert "ログインパスワード" in violation.message_in("ja")

    def test_corrupt_stored_hash_fails_closed(self) -> None:
        rule = SeparationRule(differ_from=("login", "trade"), hasher=CHEAP)
        codes = _codes(rule, "anything-at-all", {"login": "garbage", "trade": TRADE_HASH})
        assert codes == ("separation.unverifiable",)

    @pytest.mark.parametrize(
        ("params", "key"),
        [
            ({"differ_from": ()}, "differ_from"),
            ({"differ_from": "login"}, "differ_from"),
            ({"differ_from": ("login", "login")}, "differ_from"),
            ({"differ_from": ("deposit",)}, "differ_from"),
            ({"severity": "high"}, "severity"),
            ({"hasher": None}, "hasher"),
        ],
    )
    def test_invalid_parameters(self, params: dict[str, Any], key: str) -> None:
        with pytest.raises(credguard.PolicyError) as info:
            SeparationRule(**params)
        assert info.value.key == key

    # Passes every field on purpose, to policies that use only some.
    @pytest.mark.filterwarnings("ignore::credguard.errors.UnusedContextWarning")
    def test_policy_file_per_kind(self) -> None:
        policy = credguard.parse_policy(
            '[rules.length]\nmin = 8\n\n[kinds.trade.rules.separation]\ndiffer_from = ["login"]\n'
        ).with_hasher(CHEAP)
        context = credguard.UserContext(other_credentials={"login": LOGIN_HASH})
        assert policy.check(LOGIN, context=context, kind="trade").codes == ("separation.same",)
        assert policy.check(LOGIN, context=context, kind="login").ok
        assert policy.check("Different-One-7", context=context, kind="trade").ok
        (rule,) = [r for r in policy.rules_for("trade") if isinstance(r, SeparationRule)]
        assert rule.differ_from == ("login",)
        assert rule.hasher is CHEAP

    def test_no_secret_in_output(self) -> None:
        hasher = testing.cheap_hasher(pepper=credguard.Pepper("k1", CANARY.encode()))
        rule = SeparationRule(differ_from=("login", "trade"), hasher=hasher)
        password = CANARY + "-login"
        context = credguard.UserContext(
            other_credentials={"login": hasher.hash(password), "trade": CANARY}
        )
        violations = list(rule.check(Candidate.from_password(password), context))
        assert [v.code for v in violations] == ["separation.same", "separation.unverifiable"]
        texts = [repr(rule), str(rule), repr(context), repr(violations)]
        texts += [v.message_in(lang) for v in violations for lang in ("en", "ja")]
        for text in texts:
            assert CANARY not in text
            assert CANARY.encode().hex() not in text


class TestCheckSeparation:
    @pytest.mark.parametrize(
        ("first", "second", "expected"),
        [
            ("Mizuho-2024!", "Mizuho-2024!", "separation.same"),
            ("Ｍｉｚｕｈｏ２０２４", "Mizuho2024", "separation.same"),
            ("Mizuho-2024!", "mIZUHO-2024!", "separation.case_only"),
            ("Mizuho-2024!", "xMizuho-2024!x", "separation.contains"),
            ("Kabu-Trade-77", "kabu-trade", "separation.contains"),
            ("Mizuho-2024!", "Mizuho-2025!", "separation.near_equal"),
            ("Mizuho-2024!", "Mizuho-2042!", "separation.near_equal"),
            ("Mizuho-2024!", "Mizuho-2024", "separation.contains"),
            ("Tokyo-Tower-333", "Osaka-Castle-88", None),
            ("abc", "abcd", "separation.near_equal"),  # too short to count as contained
        ],
    )
    def test_cases(self, first: str, second: str, expected: str | None) -> None:
        result = credguard.check_separation(first, second)
        assert result.codes == ((expected,) if expected else ())
        assert result.kind == "trade"
        assert result.ok is (expected is None)

    @pytest.mark.parametrize("second", ["a" * (MAX_PASSWORD_LENGTH + 1), "\ufdfa" * 100])
    def test_the_guard_caps_before_and_after_nfkc(self, second: str) -> None:
        # 100 × U+FDFA is within the cap, but its NFKC form is 1,800 code points.
        with pytest.raises(credguard.PasswordTooLongError, match="second password") as info:
            credguard.check_separation("Mizuho-2024!", second)
        assert info.value.length == len(credguard.Candidate.from_password(second).nfkc)

    def test_the_guard_refuses_a_non_str(self) -> None:
        with pytest.raises(credguard.InputTypeError, match="first password"):
            credguard.check_separation(b"Mizuho-2024!", "Mizuho-2025!")  # type: ignore[arg-type]

    def test_max_distance(self) -> None:
        pair = ("Mizuho-2024!", "Mizuho-2042!")  # distance 2
        assert credguard.check_separation(*pair, max_distance=1).ok
        result = credguard.check_separation(*pair, max_distance=2)
        assert result.violations[0].params == {"other": "login", "max": 2}
        assert credguard.check_separation("Mizuho-2024!", "Mizuho-2025!", max_distance=0).ok

    def test_kinds(self) -> None:
        result = credguard.check_separation("same-same", "same-same", kinds=("trade", "withdrawal"))
        assert result.kind == "withdrawal"
        assert result.violations[0].params == {"other": "trade"}
        assert "取引パスワード" in result.messages("ja")[0]

    @pytest.mark.parametrize(
        ("kwargs", "error"),
        [
            ({"first": b"x"}, credguard.InputTypeError),
            ({"second": None}, credguard.InputTypeError),
            ({"first": "x" * 1025}, credguard.PasswordTooLongError),
            ({"kinds": ("login",)}, credguard.PolicyError),
            ({"kinds": ("login", "pin")}, credguard.PolicyError),
            ({"max_distance": 5}, credguard.PolicyError),
            ({"severity": "bad"}, credguard.PolicyError),
        ],
    )
    def test_invalid(self, kwargs: dict[str, Any], error: type) -> None:
        params: dict[str, Any] = {"first": "one-password", "second": "two-password"}
        params.update(kwargs)
        first, second = params.pop("first"), params.pop("second")
        with pytest.raises(error):
            credguard.check_separation(first, second, **params)

    @given(st.text(max_size=30), st.text(max_size=30))
    def test_never_raises_and_never_leaks(self, first: str, second: str) -> None:
        result = credguard.check_separation(CANARY + first, second + CANARY)
        assert len(result.violations) <= 1
        for text in (*result.messages("en"), *result.messages("ja"), repr(result)):
            assert CANARY not in text

    @given(st.text(max_size=20))
    def test_a_password_equals_itself(self, password: str) -> None:
        assert credguard.check_separation(password, password).codes == ("separation.same",)


class TestBoundedEditDistance:
    @pytest.mark.parametrize(
        ("a", "b", "limit", "expected"),
        [
            ("", "", 2, 0),
            ("abc", "abc", 2, 0),
            ("abc", "abd", 2, 1),
            ("abc", "ab", 2, 1),
            ("kitten", "sitting", 3, 3),
            ("kitten", "sitting", 2, 3),  # over the limit: limit + 1
            ("abcdef", "", 2, 3),
            ("flaw", "lawn", 2, 2),
        ],
    )
    def test_cases(self, a: str, b: str, limit: int, expected: int) -> None:
        assert bounded_edit_distance(a, b, limit) == expected
        assert bounded_edit_distance(b, a, limit) == expected

    @given(st.text(max_size=12), st.text(max_size=12), st.integers(0, 4))
    def test_matches_full_levenshtein(self, a: str, b: str, limit: int) -> None:
        previous = list(range(len(b) + 1))
        for i, char in enumerate(a, start=1):
            current = [i]
            for j, other in enumerate(b, start=1):
                current.append(
                    min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char != other))
                )
            previous = current
        assert bounded_edit_distance(a, b, limit) == min(previous[-1], limit + 1)


class TestSeparationCost:
    """``check_separation`` at the cap: linear in the length, in bounded time."""

    def test_bounded_time_at_the_cap(self) -> None:
        import time

        # ΐ case-folds to three code points: 3,072 folded characters a side,
        # lengths within the distance, so the edit distance is computed.
        first, second = "\u0390" * MAX_PASSWORD_LENGTH, "\u0390" * 1022 + "xy"
        started = time.perf_counter()
        for _ in range(10):
            assert credguard.check_separation(first, second, max_distance=4).ok
        assert time.perf_counter() - started < 5.0  # about 30 ms; generous

    def test_rows_hold_only_the_band(self) -> None:
        import tracemalloc

        # A full-width row per character (3,073 cells of 8 bytes, 24 KB,
        # allocated 3,072 times) made the allocation quadratic; the band is
        # 2 * limit + 1 cells.
        first, second = "x" * 3072, "x" * 3071 + "y"
        tracemalloc.start()
        try:
            tracemalloc.reset_peak()
            assert bounded_edit_distance(first, second, 4) == 1
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        assert peak < 8_000
