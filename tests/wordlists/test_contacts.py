"""Email addresses and phone numbers as blocklist tokens (wordlists.contacts, issue 15)."""

from __future__ import annotations

import re
import string
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from credguard import Candidate, Policy, PolicyError
from credguard._candidate import leet_views
from credguard.rules import BlocklistRule
from credguard.wordlists.contacts import (
    TOP_LEVEL_DOMAINS,
    email_tokens,
    phone_tokens,
)
from credguard.wordlists.normalize import MAX_KEY_LENGTH
from tests.helpers import CANARY


def _emails(password: str) -> list[dict[int, int]]:
    folded = Candidate.from_password(password).folded
    return email_tokens(folded, leet_views(folded)[0])


class TestEmailTokens:
    @pytest.mark.parametrize(
        ("password", "token"),
        [
            ("joe@somebody.com", {0: 16}),
            ("nathanpayton@hotmail.co.uk2004", {0: 26}),
            # Leet inside the labels and the top-level domain.
            ("g3i$h@tru3f@ct$@y@h00.c0m1!", {0: 25}),
            # A digit or symbol after the domain, read by leet as a letter, ends it.
            ("foxyroxygurl21@msn.com1!", {0: 22}),
            # The local part starts after a character no address holds.
            ("=joe@mail.jp", {1: 11}),
        ],
    )
    def test_an_address_is_one_token(self, password: str, token: dict[int, int]) -> None:
        assert _emails(password) == [token]

    @pytest.mark.parametrize(
        "password",
        [
            "joe@somebody",  # no top-level domain
            "joe@somebody.comx",  # a letter after it: no domain ends there
            "joe@somebody.zz",  # not a listed top-level domain
            "@somebody.com",  # no local part
            "Lentes.morados1!",  # no @
            "joe@.com",  # no label
        ],
    )
    def test_no_address(self, password: str) -> None:
        assert _emails(password) == []

    def test_the_top_level_domains_are_lower_case_letters(self) -> None:
        assert all(re.fullmatch("[a-z]{2,4}", tld) for tld in TOP_LEVEL_DOMAINS)
        assert {"com", "net", "jp", "uk"} <= TOP_LEVEL_DOMAINS


class TestPhoneTokens:
    @pytest.mark.parametrize(
        ("password", "tokens"),
        [
            # Japan's mobiles: 11 digits after the trunk 0 (or 10 with a digit after).
            ("09012345678", [{0: 11}, {0: 10}]),
            # North America, India: 10 digits starting 2-9.
            ("R9365206221", [{1: 10}]),
            # China's mobiles (and +1 numbers): 11 digits starting 1, 2-9.
            ("17166506581!", [{0: 11}]),
            # The digits after the number in its run are one more token.
            ("078252144812010", [{0: 11, 11: 4}, {0: 10, 10: 5}]),
        ],
    )
    def test_phone_shapes(self, password: str, tokens: list[dict[int, int]]) -> None:
        assert phone_tokens(password.casefold()) == tokens

    @pytest.mark.parametrize(
        "password",
        [
            "123456789",  # nine digits
            "0012345678",  # international prefix, no national number
            "1012345678",  # 10 digits starting 1
            "0812345678901234567890",  # 22 digits: more than a number and a date
            "Gh7$kP2qW9zR",
        ],
    )
    def test_no_phone_number(self, password: str) -> None:
        assert phone_tokens(password.casefold()) == []

    @given(st.text(alphabet=string.printable, max_size=40))
    def test_a_phone_token_is_a_run_of_ten_or_more_digits(self, text: str) -> None:
        folded = text.casefold()
        for tokens in phone_tokens(folded):
            start = min(tokens)
            end = max(at + length for at, length in tokens.items())
            assert folded[start:end].isdigit()
            assert end - start >= 10
            assert start == 0 or not folded[start - 1].isdigit()
            assert end == len(folded) or not folded[end].isdigit()


class TestRule:
    @pytest.mark.parametrize(
        ("password", "how"),
        [
            ("nathanpayton@hotmail.co.uk1", "email"),
            ("F0xyr0xygurl21@m$n.c0m2015", "email"),
            ("09174635441@", "phone"),
            ("0872857137!", "phone"),
            ("090-1234-5678x", None),  # separated by hyphens: no run of ten digits
        ],
    )
    def test_refused_as_a_contact_detail(self, password: str, how: str | None) -> None:
        rule = BlocklistRule()
        candidate = Candidate.from_password(password)
        found = rule.match(candidate)
        if how is None:
            assert found is None or found[1] not in ("email", "phone")
            return
        # The main score accepts it: the contact reading refuses it.
        assert rule.assess(candidate).score >= rule.min_score
        assert found == ("pattern", how)
        assert BlocklistRule(contacts=False).match(candidate) is None

    @pytest.mark.parametrize(
        "password",
        [
            # A contact detail inside a longer password scores 5 or more.
            "joe@somebody.com Xq7#Lp9!mZ",
            "Xq7#Lp9!mZ09012345678kT",
            "Gh7$kP2qW9zR",
        ],
    )
    def test_not_refused(self, password: str) -> None:
        assert BlocklistRule().match(Candidate.from_password(password)) is None

    def test_the_violation_never_shows_the_address(self) -> None:
        local = "".join(char for char in CANARY if char.isalnum()).casefold()
        address = f"{local}@example.com1"
        result = Policy(rules=(BlocklistRule(),)).check(address)
        assert result.codes == ("blocklist.pattern",)
        assert dict(result.violations[0].params) == {"list": "pattern", "how": "email"}
        texts = (repr(result), *result.messages("en"), *result.messages("ja"))
        for text in texts:
            assert local not in text.casefold()
            assert "example" not in text.casefold()

    def test_contacts_must_be_a_boolean(self) -> None:
        with pytest.raises(PolicyError):
            BlocklistRule(contacts="yes")  # type: ignore[arg-type]


class TestLongWords:
    def test_refused_at_the_threshold_with_long_words(self) -> None:
        candidate = Candidate.from_password("Returnxy871!")
        assert BlocklistRule().match(candidate) is None
        assert BlocklistRule(long_words=5).assess(candidate).score == 5
        assert BlocklistRule(long_words=5).match(candidate) == ("common", "contains")
        # Only at the threshold: a longer password with the same word is accepted.
        assert BlocklistRule(long_words=5).match(Candidate.from_password("Returnxy871!q")) is None

    def test_short_words_at_the_threshold_do_not_refuse(self) -> None:
        # A random string whose cover at 5 needs a four-letter key (read through leet).
        candidate = Candidate.from_password("jw4gI9y!Tz\\")
        rule = BlocklistRule(long_words=5)
        assert rule.assess(candidate).score >= rule.min_score
        assert rule.match(candidate) is None

    def test_a_passphrase_at_the_threshold_is_accepted(self) -> None:
        # Three words and two separators score exactly 5 with long words:
        # the separators keep a passphrase out of the reading.
        for password in ("canyon-velvet-humble", "canyon velvet humble"):
            candidate = Candidate.from_password(password)
            assert BlocklistRule().assess(candidate).score == 5
            assert BlocklistRule(long_words=5).match(candidate) is None

    @pytest.mark.parametrize("value", [4, 65, "5"])
    def test_out_of_range(self, value: object) -> None:
        with pytest.raises(PolicyError):
            BlocklistRule(long_words=value)  # type: ignore[arg-type]


class TestBoundedCost:
    def test_many_at_signs_cost_linear_time(self) -> None:
        # Each @ looks at most MAX_TOKEN characters either way: 80,000
        # characters of "a@b." take 0.02 s; a reading to the end from each @
        # took 2.8 s.
        text = "a@b." * 20_000
        started = time.perf_counter()
        email_tokens(text, leet_views(text)[0])
        assert time.perf_counter() - started < 1.0

    def test_no_token_is_longer_than_a_key(self) -> None:
        text = "x" * 200 + "@" + "y" * 200 + ".com"
        for token in email_tokens(text, leet_views(text)[0]):
            assert max(token.values()) <= MAX_KEY_LENGTH
