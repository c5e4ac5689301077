"""Tests for credguard._personal.segments: the pieces a password was typed in."""

from __future__ import annotations

import datetime
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from credguard import Candidate, UserContext
from credguard._personal.index import PersonalIndex
from credguard._personal.segments import MAX_SEGMENT, Segment, letters_of, segments
from credguard.rules.personal import DEFAULT_MIN_TOKEN_LENGTH


@pytest.mark.parametrize(
    ("password", "present", "absent"),
    [
        ("Hello_S53!", {Segment("s53", True)}, {Segment("hello", True)}),  # 3 at most
        # Lowercase meeting uppercase is a boundary; S + 53 is one segment.
        ("HelloS53!", {Segment("s53", False)}, {Segment("os53", False)}),
        ("Sakura_H5!", {Segment("h5", True)}, set()),
        ("Nihon-723", {Segment("723", True)}, set()),
        ("Ren1761!", {Segment("ren", False)}, set()),
        # A letter inside a word is no boundary: "ren" is not a segment of "siren".
        ("siren42", {Segment("42", False)}, {Segment("ren", False)}),
        ("Sakura_R元!", {Segment("r元", True)}, set()),
    ],
)
def test_segments(password: str, present: set[Segment], absent: set[Segment]) -> None:
    found = set(segments(password))
    assert present <= found
    assert not absent & found


def test_three_pieces_give_pairs_but_not_the_middle_crossing_two_boundaries() -> None:
    found = {segment.text for segment in segments("ab1Cd")}
    assert {"ab", "1", "cd", "ab1", "1cd"} == found


def test_letters_taken_together() -> None:
    assert letters_of(Candidate("Ren1761!")) == "ren"
    assert letters_of(Candidate("R3e5n!")) == "ren"
    assert letters_of(Candidate("12345!")) == ""
    assert letters_of(Candidate("山田1985")) == "山田"


@given(st.text(max_size=64))
def test_segments_are_short_folded_alphanumerics(text: str) -> None:
    password = unicodedata.normalize("NFKC", text)  # what the index passes
    for piece, _ in segments(password):
        assert 0 < len(piece) <= MAX_SEGMENT
        assert all(char.isalnum() for char in piece)
        assert piece == piece.casefold()


def test_a_non_ascii_password_is_cut_whatever_the_other_fields() -> None:
    """``İ`` folds to ``i`` in a piece but keeps its dot in the whole folded view.

    The segment ``rin`` of ``Rİn723xy`` is no substring of that view: it was
    found only when another field's token (``723`` of a birthdate) made the
    password be cut.  What a field finds no longer depends on the others.
    """
    candidate = Candidate.from_password("Rİn723xy")
    alone = PersonalIndex.build(UserContext(names=("Rin",)).personal_tokens())
    both = PersonalIndex.build(
        UserContext(names=("Rin",), birthdate=datetime.date(1985, 7, 23)).personal_tokens()
    )
    found = [
        index.matches(candidate, {"names"}, frozenset(), DEFAULT_MIN_TOKEN_LENGTH)
        for index in (alone, both)
    ]
    assert found[0] == found[1] == {"names": ("contains", "plain")}
