from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from credguard import Candidate, PolicyError, UserContext
from credguard.rules import RepetitionRule
from credguard.rules.repetition import MAX_BLOCK, longest_char_run, longest_tandem_span
from tests.helpers import codes, run

GMO = RepetitionRule(max_run=1, max_repeat_span=None)


class TestLongestCharRun:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [("", 0), ("a", 1), ("ab", 1), ("aab", 2), ("5555555", 7), ("abccc", 3), ("aabbbba", 4)],
    )
    def test_table(self, text: str, expected: int) -> None:
        assert longest_char_run(text) == expected


class TestLongestTandemSpan:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("", 0),
            ("abc", 0),
            ("abab", 4),
            ("abcabc", 6),
            ("12121212", 8),
            ("xabab", 4),
            ("passpass", 8),
            ("aaaaaa", 0),  # one character repeated is a run, not a block
            ("abcabcx", 6),
            ("abcdefghijklmabcdefghijklm", 0),  # 13-character blocks are beyond MAX_BLOCK
            ("abcdefghijklabcdefghijkl", 24),
            ("Tr0ub4dor&3", 0),
        ],
    )
    def test_table(self, text: str, expected: int) -> None:
        assert longest_tandem_span(text) == expected


class TestRepetitionRule:
    @pytest.mark.parametrize(
        ("rule", "password", "expected"),
        [
            # moomoo's examples
            (RepetitionRule(), "5555555", ["repetition.same_character"]),
            (RepetitionRule(), "ccccccc", ["repetition.same_character"]),
            (RepetitionRule(), "Abc55xyz", []),
            (RepetitionRule(), "Abc555xyz", ["repetition.same_character"]),
            # GMOクリック: even two identical in a row
            (GMO, "abccd", ["repetition.same_character"]),
            (GMO, "abcdc", []),
            # case-insensitive
            (RepetitionRule(max_run=2), "aAa", ["repetition.same_character"]),
            (RepetitionRule(), "abcabc", ["repetition.repeated_substring"]),
            (RepetitionRule(), "x12121212y", ["repetition.repeated_substring"]),
            (RepetitionRule(), "AbcaBC", ["repetition.repeated_substring"]),
            (RepetitionRule(max_repeat_span=8), "passpass", []),
            (RepetitionRule(max_repeat_span=7), "passpass", ["repetition.repeated_substring"]),
            (RepetitionRule(max_run=None), "aaaaaaaa", []),
        ],
    )
    def test_table(self, rule: RepetitionRule, password: str, expected: list[str]) -> None:
        assert codes(run(rule, password)) == expected

    def test_params(self) -> None:
        violations = run(RepetitionRule(max_run=2, max_repeat_span=5), "aaaa-xyxyxy")
        assert [dict(v.params) for v in violations] == [
            {"max": 2, "actual": 4},
            {"max": 5, "span": 6},
        ]

    @pytest.mark.parametrize(
        ("kwargs", "key"),
        [
            ({"max_run": 0}, "max_run"),
            ({"max_repeat_span": 2}, "max_repeat_span"),
            ({"max_run": None, "max_repeat_span": None}, "max_run"),
        ],
    )
    def test_invalid_parameters(self, kwargs: dict[str, object], key: str) -> None:
        with pytest.raises(PolicyError) as info:
            RepetitionRule(**kwargs)  # type: ignore[arg-type]
        assert info.value.key == key


def _reference_tandem_span(text: str, max_block: int = MAX_BLOCK) -> int:
    """The definition, spelled out: the longest stretch of period 2..max_block."""
    best = 0
    for block in range(2, max_block + 1):
        for start in range(len(text)):
            if len(set(text[start : start + block])) < 2:
                continue
            end = start + block
            while end < len(text) and text[end] == text[end - block]:
                end += 1
            if end - start >= 2 * block:
                best = max(best, end - start)
    return best


class TestPrescreenAndScans:
    @given(st.text("ab1!さ", max_size=40), st.sampled_from([2, 3, 5, MAX_BLOCK]))
    def test_tandem_span_matches_the_definition(self, text: str, max_block: int) -> None:
        assert longest_tandem_span(text, max_block) == _reference_tandem_span(text, max_block)

    @given(st.text("aAb12!", max_size=30), st.integers(1, 4), st.integers(3, 8))
    def test_same_verdict_as_the_exact_scans(self, password: str, max_run: int, span: int) -> None:
        text = password.casefold()
        expected = []
        if longest_char_run(text) > max_run:
            expected.append("repetition.same_character")
        if len(text) > span and longest_tandem_span(text) > span:
            expected.append("repetition.repeated_substring")
        rule = RepetitionRule(max_run=max_run, max_repeat_span=span)
        assert codes(run(rule, password)) == expected


class TestFastPath:
    """violations() screens with a set and two regular expressions; it must equal the scans."""

    @given(
        st.text("abAB12!", max_size=30) | st.text(max_size=30),
        st.one_of(st.none(), st.integers(1, 6)),
        st.one_of(st.none(), st.integers(3, 14)),
    )
    def test_same_as_the_exact_scans(
        self, password: str, max_run: int | None, max_repeat_span: int | None
    ) -> None:
        if max_run is None and max_repeat_span is None:
            max_run = 2
        rule = RepetitionRule(max_run=max_run, max_repeat_span=max_repeat_span)
        text = Candidate.from_password(password).folded
        expected = []
        if max_run is not None and longest_char_run(text) > max_run:
            expected.append(("repetition.same_character", longest_char_run(text)))
        if max_repeat_span is not None and longest_tandem_span(text) > max_repeat_span:
            expected.append(("repetition.repeated_substring", longest_tandem_span(text)))
        got = rule.violations(Candidate.from_password(password), UserContext())
        assert [(v.code, v.params.get("actual", v.params.get("span"))) for v in got] == expected


class TestCaseSensitive:
    """GMOクリック's 「二つ以上の連続した同一文字」: e and E are different characters."""

    def test_folded_by_default(self) -> None:
        assert codes(run(RepetitionRule(max_run=1), "TkeEr8")) == ["repetition.same_character"]

    def test_as_written_when_case_sensitive(self) -> None:
        rule = RepetitionRule(max_run=1, case_sensitive=True)
        assert run(rule, "TkeEr8") == []
        assert codes(run(rule, "Tkeer8")) == ["repetition.same_character"]
        assert codes(run(rule, "TkEEr8")) == ["repetition.same_character"]

    def test_blocks_too(self) -> None:
        folded = RepetitionRule(max_run=None, max_repeat_span=5)
        written = RepetitionRule(max_run=None, max_repeat_span=5, case_sensitive=True)
        assert codes(run(folded, "abcABC")) == ["repetition.repeated_substring"]
        assert run(written, "abcABC") == []
        assert codes(run(written, "abcabc")) == ["repetition.repeated_substring"]

    def test_full_width_is_still_folded_to_half_width(self) -> None:
        # NFKC: a full-width ｅ is the same character as e.
        rule = RepetitionRule(max_run=1, case_sensitive=True)
        assert codes(run(rule, "Tkeｅr8")) == ["repetition.same_character"]

    def test_not_a_bool_is_refused(self) -> None:
        with pytest.raises(PolicyError) as caught:
            RepetitionRule(case_sensitive="yes")  # type: ignore[arg-type]
        assert caught.value.key == "case_sensitive"
