"""Tests for the isolated zxcvbn estimator (credguard/_zxcvbn.py)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest
import zxcvbn
from hypothesis import given
from hypothesis import strategies as st
from zxcvbn import matching, scoring

from credguard import _zxcvbn_match
from credguard._zxcvbn import (
    MAX_EVALUATED,
    MAX_L33T_SUBS,
    RECENT_YEAR,
    Estimate,
    estimate,
    estimate_unless_reaches,
    rust_available,
    surely_reaches,
)
from credguard._zxcvbn_index import shipped_index
from credguard._zxcvbn_inputs import ranked_inputs
from tests.helpers import ZXCVBN_FLOORS, zxcvbn_guesses, zxcvbn_texts

# Passwords exercising every zxcvbn matcher: dictionary, reversed, l33t,
# spatial, repeat, sequence, regex (recent year) and date.
CORPUS = (
    "password",
    "Password1",
    "P@ssw0rd!",
    "drowssap",
    "qwertyuiop",
    "1qaz2wsx",
    "zxcvbnm,./",
    "aaaaaaaa",
    "abcabcabc",
    "abcdefgh",
    "13579",
    "19851203",
    "03/15/1985",
    "correcthorsebatterystaple",
    "Tr0ub4dor&3",
    "sakuratanaka",
    "hanakohanako",
    "xkqzvbnw1985",
    "k9#Vq2!xLm",
    "monkey99dragon",
    "ILoveYou",
    "yamada.taro@example.co.jp",
)
USER_INPUTS = ("tanaka", "hanako", "xkqzvbnw", "1985")


@pytest.fixture
def polluted_module() -> Iterator[None]:
    """zxcvbn's module-level dictionaries after another caller's check."""
    zxcvbn.zxcvbn("anything", user_inputs=["xkqzvbnw"])
    try:
        yield
    finally:
        matching.RANKED_DICTIONARIES.pop("user_inputs", None)


def _reference(password: str, user_inputs: tuple[str, ...]) -> Estimate:
    found = zxcvbn.zxcvbn(password, user_inputs=list(user_inputs))
    matching.RANKED_DICTIONARIES.pop("user_inputs", None)
    return Estimate(found["score"], found["guesses_log10"])


class TestAgreementWithZxcvbn:
    @pytest.mark.parametrize("password", CORPUS)
    @pytest.mark.parametrize("user_inputs", [(), USER_INPUTS])
    def test_same_estimate_as_the_python_port(
        self, password: str, user_inputs: tuple[str, ...]
    ) -> None:
        ours = estimate(password, user_inputs)
        reference = _reference(password, user_inputs)
        assert ours.score == reference.score
        assert ours.guesses_log10 == pytest.approx(reference.guesses_log10, abs=1e-9)

    def test_user_inputs_lower_the_estimate(self) -> None:
        assert estimate("xkqzvbnw1985", USER_INPUTS).guesses_log10 < (
            estimate("xkqzvbnw1985").guesses_log10 - 3
        )


BACKENDS = ["python", *(["rust"] if rust_available() else [])]


class TestYears:
    """Every year from 1900 to 2099 is as guessable as 2019 (zxcvbn 4.5 stops at 2019)."""

    WORDS = ("Word", "Sakura", "Tokyo", "Pa55word!")

    @pytest.mark.parametrize("backend", BACKENDS)
    @pytest.mark.parametrize("year", range(1950, 2031))
    def test_same_band_as_2019(self, year: int, backend: str) -> None:
        for word in self.WORDS:
            found = estimate(f"{word}{year}", backend=backend)
            reference = estimate(f"{word}2019", backend=backend)
            assert found.score == reference.score, word
            assert found.guesses_log10 == pytest.approx(reference.guesses_log10, abs=0.5), word

    @pytest.mark.parametrize("year", [2020, 2024, 2026, 2037])
    def test_a_recent_year_costs_what_2019_does(self, year: int) -> None:
        # zxcvbn's year space: distance from its REFERENCE_YEAR, at least 20.
        assert abs(year - scoring.REFERENCE_YEAR) <= scoring.MIN_YEAR_SPACE
        assert estimate(f"Sakura{year}") == estimate("Sakura2019")

    def test_the_pattern_is_our_own(self) -> None:
        estimate("Sakura2024")
        # zxcvbn's own table is not patched: other users of zxcvbn see no change.
        assert list(matching.REGEXEN) == ["recent_year"]
        assert matching.REGEXEN["recent_year"].pattern == r"19\d\d|200\d|201\d"
        assert RECENT_YEAR.fullmatch("2099")
        assert not RECENT_YEAR.fullmatch("2100")
        assert not RECENT_YEAR.fullmatch("1899")


class TestIsolation:
    @pytest.mark.usefixtures("polluted_module")
    def test_another_callers_inputs_do_not_leak_into_a_check(self) -> None:
        # Passing our own dictionaries to zxcvbn's omnimatch is not enough: its
        # repeat matcher re-analyses "xkqzvbnw" with the module-level
        # dictionaries, which now hold the other caller's input.
        assert "xkqzvbnw" in matching.RANKED_DICTIONARIES["user_inputs"]
        password = "xkqzvbnwxkqzvbnw"
        own = {k: v for k, v in matching.RANKED_DICTIONARIES.items() if k != "user_inputs"}
        naive = scoring.most_guessable_match_sequence(password, matching.omnimatch(password, own))
        ours = estimate(password)
        assert ours.guesses_log10 > naive["guesses_log10"] + 3
        matching.RANKED_DICTIONARIES.pop("user_inputs", None)
        assert ours == estimate("xkqzvbnwxkqzvbnw")

    def test_our_inputs_never_reach_the_module(self) -> None:
        matching.RANKED_DICTIONARIES.pop("user_inputs", None)
        estimate("tanaka1985", ("tanaka",))
        assert "user_inputs" not in matching.RANKED_DICTIONARIES

    def test_concurrent_checks_do_not_share_user_inputs(self) -> None:
        password = "xkqzvbnwxkqzvbnw"
        alone = estimate(password)
        with_name = estimate(password, ("xkqzvbnw",))
        assert with_name.guesses_log10 < alone.guesses_log10
        failures: list[str] = []
        stop = threading.Event()

        def user(inputs: tuple[str, ...], expected: Estimate) -> None:
            for _ in range(60):
                if estimate(password, inputs) != expected:
                    failures.append(f"inputs={bool(inputs)}")

        def plain_zxcvbn_caller() -> None:
            # Another library in the process using zxcvbn the usual way.
            while not stop.is_set():
                zxcvbn.zxcvbn("x", user_inputs=["xkqzvbnw"])

        noise = threading.Thread(target=plain_zxcvbn_caller)
        noise.start()
        users = [threading.Thread(target=user, args=((), alone)) for _ in range(3)]
        users += [threading.Thread(target=user, args=(("xkqzvbnw",), with_name)) for _ in range(3)]
        try:
            for thread in users:
                thread.start()
            for thread in users:
                thread.join()
        finally:
            stop.set()
            noise.join()
            matching.RANKED_DICTIONARIES.pop("user_inputs", None)
        assert failures == []


class TestBoundedCost:
    def test_refuses_more_than_the_cap(self) -> None:
        with pytest.raises(ValueError, match=str(MAX_EVALUATED)):
            estimate("x" * (MAX_EVALUATED + 1))

    def test_many_ambiguous_substitutions_stay_fast(self) -> None:
        # 736 substitution tables in the plain port: over a second at this length.
        crafted = ("4@8({[<3691!|70$5+%2" * 4)[:MAX_EVALUATED]
        matching_subs = matching.enumerate_l33t_subs(
            matching.relevant_l33t_subtable(crafted, matching.L33T_TABLE)
        )
        assert len(matching_subs) > MAX_L33T_SUBS
        started = time.perf_counter()
        estimate(crafted)
        assert time.perf_counter() - started < 5.0  # generous: about 0.1 s here


@pytest.mark.skipif(not rust_available(), reason="zxcvbn-rs-py (the [fast] extra) not installed")
class TestRustBackend:
    # The ports differ on a few patterns (three-digit suffixes, dates, leet
    # variants; see docs/blocklists.md), so this corpus avoids them.
    AGREED = tuple(p for p in CORPUS if p not in ("19851203", "03/15/1985", "P@ssw0rd!"))

    @pytest.mark.parametrize("password", AGREED)
    def test_scores_agree(self, password: str) -> None:
        rust = estimate(password, USER_INPUTS, backend="rust")
        python = estimate(password, USER_INPUTS, backend="python")
        assert rust.score == python.score

    def test_no_length_limit_and_isolated(self) -> None:
        assert estimate("xkqzvbnw" * 2, ("xkqzvbnw",), backend="rust").guesses_log10 < (
            estimate("xkqzvbnw" * 2, backend="rust").guesses_log10
        )

    def test_crafted_leet_input_uses_the_bounded_matcher(self) -> None:
        # The Rust port tries every substitution table: about a second here.
        crafted = ("4@8({[<3691!|70$5+%2" * 4)[:MAX_EVALUATED]
        started = time.perf_counter()
        assert estimate(crafted, backend="rust") == estimate(crafted, backend="python")
        assert time.perf_counter() - started < 5.0

    def test_auto_prefers_rust(self) -> None:
        assert estimate("sandro779", backend="auto") == estimate("sandro779", backend="rust")


_texts = zxcvbn_texts()
_inputs = st.sampled_from(((), USER_INPUTS))
_floors = ZXCVBN_FLOORS


def _key(match: dict[str, object]) -> str:
    return repr(sorted((name, repr(value)) for name, value in match.items()))


class TestEstimateUnlessReaches:
    """The strength rule's fast path against the definitions: the proof's
    answer, then the full estimate."""

    @given(password=_texts.filter(bool), user_inputs=_inputs, floor=_floors)
    def test_none_when_proven_else_the_estimate(
        self, password: str, user_inputs: tuple[str, ...], floor: float
    ) -> None:
        found = estimate_unless_reaches(password, user_inputs, floor)
        if found is None:
            assert surely_reaches(password, user_inputs, floor)
            assert zxcvbn_guesses(password, user_inputs) >= floor
        else:
            assert not surely_reaches(password, user_inputs, floor)
            assert found == estimate(password, user_inputs)

    @pytest.mark.parametrize("password", ["k9#Vq2!xLm", "password1", "Tr0ub4dor&3", "k9#Vq2\u0130"])
    def test_the_corpus_kinds(self, password: str) -> None:
        strong = estimate(password).score >= 3
        found = estimate_unless_reaches(password, (), 1e8 + 5)
        assert (found is None) == strong
        assert found is None or found == estimate(password)

    def test_no_more_than_zxcvbn_takes(self) -> None:
        with pytest.raises(ValueError, match="at most"):
            estimate_unless_reaches("x" * (MAX_EVALUATED + 1), (), 1e8 + 5)


class TestSurelyReaches:
    """The fast path against the definition: the full estimate."""

    @given(password=_texts, user_inputs=_inputs, floor=_floors)
    def test_true_only_when_the_estimate_reaches_the_floor(
        self, password: str, user_inputs: tuple[str, ...], floor: float
    ) -> None:
        if surely_reaches(password, user_inputs, floor):
            found = zxcvbn_guesses(password, user_inputs)
            assert found >= floor

    @given(password=_texts, user_inputs=_inputs)
    def test_decides_exactly_at_score_three(
        self, password: str, user_inputs: tuple[str, ...]
    ) -> None:
        # Not just sound: at the default floor it is exact (only covers by
        # one or two matches can come under 10**8 + 5).
        strong = estimate(password, user_inputs).score >= 3
        assert surely_reaches(password, user_inputs, 1e8 + 5) == strong

    @given(password=_texts, user_inputs=_inputs)
    def test_edge_matches_are_the_full_matchers_at_the_edges(
        self, password: str, user_inputs: tuple[str, ...]
    ) -> None:
        engine = _zxcvbn_match.load_engine()
        index = _zxcvbn_match.index_for(engine, ranked_inputs(user_inputs))
        last = len(password) - 1
        full = _zxcvbn_match.omnimatch(engine, password, index)
        at_edges = [m for m in full if m["i"] == 0 or m["j"] == last]
        edges = _zxcvbn_match.edge_matches(engine, password, index)
        assert sorted(map(_key, edges)) == sorted(map(_key, at_edges))

    @pytest.mark.parametrize("password", CORPUS)
    @pytest.mark.parametrize("user_inputs", [(), USER_INPUTS])
    def test_the_corpus(self, password: str, user_inputs: tuple[str, ...]) -> None:
        strong = estimate(password[:MAX_EVALUATED], user_inputs).score >= 3
        assert surely_reaches(password[:MAX_EVALUATED], user_inputs, 1e8 + 5) == strong

    def test_random_strong_passwords_take_the_fast_path(self) -> None:
        for password in ("k9#Vq2!xLm", "zq8#Lm2!vX9p", "Gh7$kP2qW9zR"):
            assert estimate(password).score >= 3
            assert surely_reaches(password, (), 1e8 + 5)

    @pytest.mark.parametrize("floor", [1e10 + 5, 1e8 + 7, 1e20])
    def test_no_claim_above_what_three_matches_cost(self, floor: float) -> None:
        # Covers by three or more matches start at 10**8 + 6 guesses.
        assert not surely_reaches("Gh7$kP2qW9zR#x8!Lm4q", (), floor)

    def test_empty(self) -> None:
        assert not surely_reaches("", (), 0)


class TestShippedIndex:
    """The shipped trie gives what zxcvbn's own dicts give."""

    @given(password=_texts, user_inputs=_inputs)
    def test_same_matches_and_guesses(self, password: str, user_inputs: tuple[str, ...]) -> None:
        built = _zxcvbn_match.load_engine()  # zxcvbn's own dicts
        trie = shipped_index()
        assert trie is not None
        shipped = built._replace(shared=trie)
        results = []
        for engine in (shipped, built):
            index = _zxcvbn_match.index_for(engine, ranked_inputs(user_inputs))
            matches = _zxcvbn_match.omnimatch(engine, password, index)
            edges = _zxcvbn_match.edge_matches(engine, password, index)
            guesses = scoring.most_guessable_match_sequence(password, matches)["guesses"]
            # In order: the same matches, sorted the same way (re.Match by repr).
            results.append((list(map(_key, matches)), sorted(map(_key, edges)), guesses))
        assert results[0] == results[1]
