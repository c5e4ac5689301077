"""Tests for credguard._personal.index: matching tokens in a password, and its caching."""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from unittest import mock

import pytest
from hypothesis import given
from hypothesis import strategies as st

from credguard import Candidate, UserContext
from credguard._personal import index as personal
from credguard._personal.index import COMPILE_AFTER, Match, PersonalIndex, token_weight
from credguard._personal.tokens import fold_text
from credguard.rules.personal import DEFAULT_MIN_TOKEN_LENGTH


def _context() -> UserContext:
    return UserContext(
        birthdate="1985-07-23",
        phone="090-3961-2475",
        names=("やまだ たろう",),
        other_words=("pochi",),
    )


@pytest.mark.parametrize(("token", "weight"), [("abc", 3), ("山田", 4), ("やまだ", 6)])
def test_weight(token: str, weight: int) -> None:
    assert token_weight(token) == weight


def test_index_built_once() -> None:
    context = _context()
    with mock.patch.object(PersonalIndex, "build", wraps=PersonalIndex.build) as build:
        for _ in range(3):
            context._personal_data().index  # noqa: B018
    assert build.call_count == 1


# ---- the index's two ways of finding contained tokens, against a definition.


def _reference_matches(
    tokens: Mapping[str, tuple[str, ...]],
    candidate: Candidate,
    wanted: frozenset[str],
    equals_only: frozenset[str],
    min_lengths: Mapping[str, int],
) -> dict[str, Match]:
    """What PersonalIndex.matches must return, by brute force over every place."""
    entries: dict[str, list[personal._Entry]] = {}
    for name, field_tokens in tokens.items():
        for token in field_tokens:
            weight = token_weight(token)
            forms = [(token, "plain")]
            # Numbers under 6 digits are not read backwards.
            if len(token) > 1 and (len(token) >= 6 or not token.isdigit()):
                forms.append((token[::-1], "reversed"))
            if any(c.isalpha() for c in token):
                views = Candidate.from_password(token)
                forms += [(views.leet, "leet"), (views.leet_alt, "leet")]
            for form, relation in forms:
                entry = personal._Entry(name, weight, relation, form.isdigit(), len(form))
                entries.setdefault(form, []).append(entry)
    texts, hows = personal._views(candidate)
    remaining = set(wanted)
    found: dict[str, Match] = {}
    for text, how in zip(texts, hows, strict=True):
        for entry in entries.get(text, []) if how != "digits" else []:
            if entry.field in remaining:
                found[entry.field] = Match("equals", personal._how(how, entry))
                remaining.discard(entry.field)
    remaining -= equals_only
    by_length = sorted(entries, key=len)
    for text, how in zip(texts, hows, strict=True):
        for place in range(len(text)):
            for form in by_length:
                if len(form) > 64 or not text.startswith(form, place):
                    continue
                for entry in entries[form]:
                    if (
                        entry.weight >= 3
                        and entry.field in remaining
                        and entry.weight >= min_lengths[entry.field]
                        and (how != "digits" or entry.length >= 6)
                    ):
                        found[entry.field] = Match("contains", personal._how(how, entry))
                        remaining.discard(entry.field)
    for text, whole, together in _reference_segments(candidate.nfkc):
        for entry in entries.get(text, []):
            if (
                entry.form == "plain"
                and entry.field in ("birthdate", "names", "other_words")
                and 2 <= entry.weight <= 3
                and entry.field in remaining
                and (entry.weight > 2 or together or (whole and not text.isdigit()))
            ):
                found[entry.field] = Match("contains", "plain")
                remaining.discard(entry.field)
    return found


def _reference_segments(password: str) -> list[tuple[str, bool, bool]]:
    """(folded text, whole run, letters together) for every segment, by brute force.

    A segment is a span of letters and digits that starts and ends at a
    boundary (a symbol, an end, letter/digit, lowercase/uppercase), crossing
    at most one boundary unless it is a whole run.
    """

    def kind(char: str) -> str:
        if char.isdecimal():
            return "digit"
        return "letter" if char.isalnum() else "other"

    def boundary(at: int) -> bool:
        if at in (0, len(password)):
            return True
        before, after = password[at - 1], password[at]
        return (
            kind(before) != kind(after)
            or "other" in (kind(before), kind(after))
            or (before.islower() and after.isupper() and (before + after).isascii())
        )

    out = []
    for start in range(len(password)):
        for end in range(start + 1, len(password) + 1):
            span = password[start:end]
            if "other" in map(kind, span) or not (boundary(start) and boundary(end)):
                continue
            inner = sum(boundary(at) for at in range(start + 1, end))
            whole = (start == 0 or kind(password[start - 1]) == "other") and (
                end == len(password) or kind(password[end]) == "other"
            )
            text = fold_text(span)
            if (inner <= 1 or whole) and len(text) <= 3:
                out.append((text, whole, False))
    out.append((fold_text("".join(c for c in password if c.isalpha())), False, True))
    return out


_PIECES = [
    "taro",
    "たろう",
    "yamada",
    "山田",
    "1985",
    "0723",
    "p0ch1",
    "3961",
    "ｔａｒｏ",
    "-",
    "!",
]


class TestIndexTiers:
    """A new index scans with a dict; after COMPILE_AFTER checks, with a regex: same results."""

    @given(
        st.lists(
            st.sampled_from(["やまだ たろう", "Yamada Taro", "山田 太郎", "Pochi", "ab"]),
            max_size=3,
        ),
        st.one_of(st.none(), st.dates(datetime.date(1900, 1, 1), datetime.date(2030, 12, 31))),
        st.one_of(st.none(), st.sampled_from(["090-3961-2475", "03-1234-5678"])),
        st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=4)), max_size=5),
        st.sampled_from([frozenset(), frozenset({"names"}), frozenset({"birthdate", "phone"})]),
        st.dictionaries(st.sampled_from(["names", "birthdate", "phone"]), st.integers(3, 8)),
    )
    def test_both_ways_agree_with_the_definition(
        self,
        names: list[str],
        birthdate: datetime.date | None,
        phone: str | None,
        pieces: list[str],
        equals_only: frozenset[str],
        lengths: dict[str, int],
    ) -> None:
        context = UserContext(names=tuple(names), birthdate=birthdate, phone=phone)
        tokens = context.personal_tokens()
        candidate = Candidate.from_password("".join(pieces))
        min_lengths = {**DEFAULT_MIN_TOKEN_LENGTH, **lengths}
        wanted = frozenset(tokens)
        expected = _reference_matches(tokens, candidate, wanted, equals_only, min_lengths)
        index = PersonalIndex.build(tokens)
        assert index.matches(candidate, wanted, equals_only, min_lengths) == expected
        index.compile()
        assert index.matches(candidate, wanted, equals_only, min_lengths) == expected

    def test_compiles_after_enough_checks(self) -> None:
        index = _context()._personal_data().index
        candidate = Candidate.from_password("nothing-personal")
        for _ in range(COMPILE_AFTER):
            index.matches(candidate, {"names"}, frozenset(), DEFAULT_MIN_TOKEN_LENGTH)
        assert index._compiled is None
        index.matches(candidate, {"names"}, frozenset(), DEFAULT_MIN_TOKEN_LENGTH)
        assert index._compiled is not None

    def test_compiled_index_not_kept_in_re_cache(self) -> None:
        # The compiled pattern spells out the tokens: it must go with the
        # context, not stay in the re module's process-wide cache.
        caches = [v for k, v in vars(re).items() if k.startswith("_cache")]
        assert caches  # the check below inspects something

        def cached() -> bool:
            return any("zqxcanary" in str(key) for cache in caches for key in cache)

        context = UserContext(names=("Zqxcanaryname",), email="zqxcanary@example.com")
        index = context._personal_data().index
        index.compile()
        assert index._compiled is not None
        assert not cached()
        # The inspection would see the pattern had re.compile been used.
        try:
            re.compile(index._compiled[0].pattern)
            assert cached()
        finally:
            re.purge()
