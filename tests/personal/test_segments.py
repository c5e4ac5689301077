"""Tests for credguard._personal.segments: the pieces a password was typed in."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from credguard import Candidate
from credguard._personal.segments import MAX_SEGMENT, Segment, letters_of, segments


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
