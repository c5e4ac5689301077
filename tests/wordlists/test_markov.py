"""Tests for the character model (credguard/wordlists/markov.py, _markov_build.py) and
the blocklist rule's ``likely_bits``."""

from __future__ import annotations

import hashlib
import json
import math
import random
import string
import subprocess
import sys
from importlib import resources

import pytest
from hypothesis import given
from hypothesis import strategies as st

from credguard import Candidate, PolicyError, load_policy, parse_policy
from credguard.rules import BlocklistRule
from credguard.wordlists import markov
from credguard.wordlists._markov_build import train
from credguard.wordlists.markov import (
    BOUNDARY,
    LIKELY,
    MODEL_FILE,
    NEAR,
    NEAR_MARGIN,
    OTHER,
    OTHER_BITS,
    RANDOM_MARGIN,
    SIZE,
    SYMBOL,
    UNIT,
    UNLIKELY,
    MarkovModel,
    codes,
    dressed,
    likeliness,
    likely,
    load_model,
    random_bits,
)
from tests.helpers import CANARY

PACKAGE = resources.files("credguard.wordlists")


def _likely(password: str, bits: int = 90) -> bool:
    return likely(password, password.casefold(), bits)


def _cost(model: MarkovModel, password: str) -> float:
    """The definition: every character's cost summed, no early exit, in bits."""
    folded = password.casefold()
    texts = {folded, dressed(folded)}
    text = min(sum(_plain_costs(model, t)) for t in texts)
    return (text + _plain_extra_cost(model, password, folded)) / UNIT


def _plain_extra_cost(model: MarkovModel, nfkc: str, folded: str) -> int:
    """The definition of ``extra_cost``: a loop over the characters, no fast path."""
    total = sum(model.symbols[ord(c)] if c.isascii() else OTHER_BITS * UNIT for c in folded)
    state = 0
    for char in nfkc:
        if char.isascii() and char.isalpha():
            total += model.case[2 * state + char.isupper()]
            state = 2 if char.isupper() else 1
    return total


def _plain_random_bits(nfkc: str) -> float:
    """The definition of ``random_bits``: the classes present, their sizes summed."""
    sizes = {"l": 26, "u": 26, "d": 10, "s": 33, "other": 2**OTHER_BITS}
    present = {
        "other"
        if not c.isascii()
        else "l"
        if c.islower()
        else "u"
        if c.isupper()
        else "d"
        if c.isdigit()
        else "s"
        for c in nfkc
    }
    alphabet = sum(sizes[name] for name in present)
    return len(nfkc) * math.log2(alphabet) if alphabet else 0.0


def _plain_costs(model: MarkovModel, text: str) -> list[int]:
    coded = [BOUNDARY, BOUNDARY, *codes(text), BOUNDARY]
    return [
        model.table[(coded[i - 2] * SIZE + coded[i - 1]) * SIZE + coded[i]]
        for i in range(2, len(coded))
    ]


class TestShippedModel:
    def test_matches_the_manifest(self) -> None:
        manifest = json.loads(PACKAGE.joinpath("MANIFEST.json").read_text("utf-8"))
        data = PACKAGE.joinpath(MODEL_FILE).read_bytes()
        assert manifest["markov"] == {
            MODEL_FILE: hashlib.sha256(data).hexdigest(),
            "bytes": len(data),
        }

    def test_opened_once(self) -> None:
        assert load_model() is load_model()
        assert "order=3" in repr(load_model())

    @pytest.mark.parametrize(
        "password",
        ["renchunjia520!", "mischevious1", "i.love.you123", "Latryce1996", "Jessilyn11!"],
    )
    def test_guessable_strings_are_likely(self, password: str) -> None:
        assert _likely(password)

    @pytest.mark.parametrize(
        "password",
        [
            "xK9#mQ2!pLz",
            "CorrectHorse9!xQ",
            "Tr0ub4dor&3",
            "correct horse battery staple",
            "パスワード",
            "qzxvbnjwkt",
        ],
    )
    def test_strong_or_long_strings_are_not(self, password: str) -> None:
        assert not _likely(password)

    @pytest.mark.parametrize(
        "alphabet",
        [string.ascii_lowercase, string.ascii_lowercase + string.digits, string.digits],
    )
    @pytest.mark.parametrize("length", [8, 12, 16])
    def test_random_strings_are_rarely_likely(self, alphabet: str, length: int) -> None:
        # The margin bounds the share by 2**-(RANDOM_MARGIN - 1) (0.2 %); 1 % leaves room.
        rng = random.Random(length)
        sample = ["".join(rng.choices(alphabet, k=length)) for _ in range(500)]
        assert sum(map(_likely, sample)) <= 5

    def test_cheaper_reading_of_leet_between_letters(self) -> None:
        assert dressed("g3tch3n1!") == "getchen1!"
        assert dressed("p@ssw0rd") == "password"
        # Not at the edges, nor next to a digit: 2024 stays a number.
        assert dressed("@dmin2024") == "@dmin2024"
        assert dressed("abc") == "abc"

    def test_codes(self) -> None:
        assert list(codes("a9 ~é")) == [0, 35, SYMBOL, SYMBOL, OTHER]

    def test_random_bits(self) -> None:
        assert random_bits("") == 0
        assert random_bits("abcd") == pytest.approx(4 * math.log2(26))
        assert random_bits("aB3!") == pytest.approx(4 * math.log2(26 + 26 + 10 + 33))
        assert random_bits("あ") == 16

    def test_the_bound_is_the_lower_of_bits_and_random_minus_margin(self) -> None:
        # Two names and a digit: refused at any bound above its cost...
        password = "jessilynlatryce1"
        cost = _cost(load_model(), password)
        assert cost < random_bits(password) - RANDOM_MARGIN
        assert _likely(password, math.floor(cost) + 1)
        assert not _likely(password, math.floor(cost))
        # ...and never when the password is short enough to be random-looking.
        assert not _likely("ab", 160)

    @given(
        st.text(string.ascii_letters + string.digits + "!@#$ -_.é", max_size=40),
        st.integers(16, 160),
    )
    def test_early_exit_equals_the_definition(self, password: str, bits: int) -> None:
        expected = _cost(load_model(), password) < min(bits, random_bits(password) - RANDOM_MARGIN)
        assert _likely(password, bits) == expected

    @given(
        st.text(string.ascii_letters + string.digits + "!@#$ -_.é", max_size=40),
        st.integers(16, 160),
    )
    def test_likeliness_equals_the_definition(self, password: str, bits: int) -> None:
        cost, randomly = _cost(load_model(), password), random_bits(password)
        expected = (
            LIKELY
            if cost < min(bits, randomly - RANDOM_MARGIN)
            else NEAR
            if cost < randomly - NEAR_MARGIN
            else UNLIKELY
        )
        assert likeliness(password, password.casefold(), bits) == expected

    # The fast paths (ASCII text translated in C) against the loops they replace:
    # ASCII and not, all cases, controls and symbols.
    _TEXT = st.text(
        st.one_of(
            st.characters(max_codepoint=127),
            st.sampled_from("aAzZ09!~ éÉßあア\ud800"),
            st.characters(),
        ),
        max_size=40,
    )

    @given(_TEXT)
    def test_fast_codes_equal_the_definition(self, text: str) -> None:
        assert list(markov._coded(text)) == list(codes(text))

    @given(_TEXT)
    def test_fast_extra_cost_equals_the_definition(self, nfkc: str) -> None:
        model = load_model()
        for folded in (nfkc.casefold(), nfkc):
            assert model.extra_cost(nfkc, folded) == _plain_extra_cost(model, nfkc, folded)

    @given(_TEXT)
    def test_fast_random_bits_equal_the_definition(self, nfkc: str) -> None:
        assert random_bits(nfkc) == _plain_random_bits(nfkc)

    def test_extra_cost_of_each_case_pattern(self) -> None:
        # Every sequence of cases up to five letters, with symbols between.
        model = load_model()
        for length in range(6):
            for bits in range(2**length):
                text = "".join("B" if bits >> i & 1 else "b" for i in range(length))
                for nfkc in (text, "-".join(text), f"1{text}!"):
                    folded = nfkc.casefold()
                    assert model.extra_cost(nfkc, folded) == _plain_extra_cost(model, nfkc, folded)

    def test_not_a_model(self) -> None:
        with pytest.raises(ValueError, match="not a credguard character model"):
            MarkovModel(b"CGM1" + bytes(10))


class TestTraining:
    def test_deterministic(self) -> None:
        words = ["password", "Dragon1", "monkey!", "sakura2000"] * 3
        assert train(words) == train(list(reversed(words)))

    def test_learns_its_passwords(self) -> None:
        model = MarkovModel(train(["banana", "bandana", "cabana"] * 50))
        costs = [sum(_plain_costs(model, text)) for text in ("banana", "zqxjvk")]
        assert costs[0] < costs[1]
        # Case: lower case after lower case costs little, upper case much.
        assert model.extra_cost("banana", "banana") < model.extra_cost("bAnAnA", "banana")

    def test_the_shipped_costs_are_in_range(self) -> None:
        model = load_model()
        assert len(model.table) == SIZE**3
        assert min(model.table[:SIZE]) > 0
        assert max(model.table) < 255


class TestRule:
    def test_off_by_default(self) -> None:
        candidate = Candidate.from_password("renchunjia520!")
        assert BlocklistRule().match(candidate) is None
        assert BlocklistRule(likely_bits=90).match(candidate) == ("common", "likely")

    def test_only_with_the_common_list(self) -> None:
        rule = BlocklistRule(lists=("japanese",), likely_bits=90)
        assert rule.match(Candidate.from_password("renchunjia520!")) is None

    def test_other_readings_first(self) -> None:
        rule = BlocklistRule(likely_bits=90)
        assert rule.match(Candidate.from_password("Password1!")) == ("common", "equals")

    def test_in_the_presets(self) -> None:
        result = load_policy("recommended").check("jessilynlatryce1")
        assert result.violations[-1].params == {"list": "common", "how": "likely"}
        # nist-800-63b asks seven points: its score alone refuses it.
        result = load_policy("nist-800-63b").check("jessilynlatryce1")
        assert result.violations[-1].params == {"list": "common", "how": "contains"}
        for name in ("recommended", "nist-800-63b"):
            (rule,) = (r for r in load_policy(name).rules if isinstance(r, BlocklistRule))
            assert rule.likely_bits == 90
        assert load_policy("recommended").check("Vq7!mTz4Lp9#wKe2").ok
        # A listed phrase and four characters, at the threshold and likelier
        # than random: refused by the reading near the threshold.
        assert load_policy("recommended").check("CorrectHorse9!xQ").codes == ("blocklist.common",)

    @pytest.mark.parametrize("password", ["Daniluxka1", "kjwolff121!", "Jaymerzon1!"])
    def test_near_the_threshold_and_likelier_than_random(self, password: str) -> None:
        # Scored exactly at min_score (one point too many) and NEAR_MARGIN bits
        # likelier than random, though not likely by the model alone.
        rule = BlocklistRule(likely_bits=90, short_words=3000)
        candidate = Candidate.from_password(password)
        assert likeliness(candidate.nfkc, candidate.folded, 90) == NEAR
        assert rule.assess(candidate).score == rule.min_score
        assert rule.match(candidate) == ("common", "likely")
        assert BlocklistRule(short_words=3000).match(candidate) is None

    @pytest.mark.parametrize("separator", [" ", "-", ".", "_"])
    def test_never_near_the_threshold_with_word_separators(self, separator: str) -> None:
        # The same kind of password split like a passphrase: the separators
        # are what keep a passphrase of listed words above the threshold.
        rule = BlocklistRule(likely_bits=90, short_words=3000)
        for password in ("Daniluxka1", "kjwolff121!"):
            split = password[:4] + separator + password[4:]
            candidate = Candidate.from_password(split)
            if likeliness(candidate.nfkc, candidate.folded, 90) == NEAR:
                assert rule.match(candidate) != ("common", "likely")

    @pytest.mark.parametrize("value", [15, 161, True, "90", 90.5])
    def test_invalid(self, value: object) -> None:
        with pytest.raises(PolicyError) as caught:
            BlocklistRule(likely_bits=value)  # type: ignore[arg-type]
        assert "likely_bits" in str(caught.value)

    def test_no_password_in_the_violation(self) -> None:
        policy = parse_policy("[rules.blocklist]\nlikely_bits = 90\n")
        # The canary's word with two letters before and a year after: refused as likely.
        word = CANARY.split("-")[1]
        for password in ("renchunjia520!", f"xq{word}1990!"):
            result = policy.check(password)
            assert result.violations[0].params == {"list": "common", "how": "likely"}
            texts = (repr(result), *result.messages("en"), *result.messages("ja"))
            for text in texts:
                for secret in (password, "renchunjia", word):
                    assert secret.casefold() not in text.casefold()


@pytest.mark.slow
def test_read_only_when_the_other_readings_accept() -> None:
    code = f"""
import sys
opened = []
sys.addaudithook(lambda event, args: event == "open" and opened.append(str(args[0])))
import credguard
policy = credguard.parse_policy("[rules.blocklist]\\nlikely_bits = 90\\n")
policy.check("password")
print(any(p.endswith("{MODEL_FILE}") for p in opened))
policy.check("renchunjia520!")
print(any(p.endswith("{MODEL_FILE}") for p in opened))
"""
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert done.stdout.split() == ["False", "True"]
