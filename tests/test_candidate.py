from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from credguard import CHAR_CLASSES, Candidate
from credguard._candidate import _ascii_views, _views, char_class


class TestCandidate:
    def test_views(self) -> None:
        candidate = Candidate.from_password("P@ssw0rd1!")
        assert candidate.raw == "P@ssw0rd1!"
        assert candidate.nfkc == "P@ssw0rd1!"
        assert candidate.folded == "p@ssw0rd1!"
        assert candidate.leet == "passwordii"
        assert candidate.leet_alt == "passwordll"
        assert candidate.digits == "01"
        assert candidate.reversed_folded == "!1dr0wss@p"
        assert candidate.reversed_leet == "iidrowssap"

    def test_fullwidth_folds(self) -> None:
        candidate = Candidate.from_password("Ｐａｓｓ１２３")
        assert candidate.nfkc == "Pass123"
        assert candidate.folded == "pass123"
        assert candidate.digits == "123"
        assert candidate.length == 7

    def test_casefold_not_lower(self) -> None:
        assert Candidate.from_password("Straße").folded == "strasse"

    def test_class_counts(self) -> None:
        candidate = Candidate.from_password("Ab1 !さ")
        assert dict(candidate.class_counts) == {
            "upper": 1,
            "lower": 1,
            "digit": 1,
            "symbol": 1,
            "space": 1,
            "other": 1,
        }
        assert candidate.classes_present() == {
            "upper",
            "lower",
            "digit",
            "symbol",
            "space",
            "other",
        }

    def test_repr_hides_the_password(self) -> None:
        candidate = Candidate.from_password("canary-secret")
        assert "canary" not in repr(candidate)
        assert "canary" not in str(candidate)
        assert repr(candidate) == "<Candidate length=13>"

    def test_immutable(self) -> None:
        candidate = Candidate.from_password("abc")
        with pytest.raises(AttributeError):
            candidate.raw = "x"  # type: ignore[misc]
        with pytest.raises(TypeError):
            candidate.class_counts["upper"] = 3  # type: ignore[index]


class TestCharClass:
    @pytest.mark.parametrize(
        ("char", "expected"),
        [
            ("A", "upper"),
            ("z", "lower"),
            ("7", "digit"),
            ("٣", "digit"),
            ("!", "symbol"),
            ("€", "symbol"),
            (" ", "space"),
            ("さ", "other"),
            ("漢", "other"),
            ("É", "upper"),
        ],
    )
    def test_table(self, char: str, expected: str) -> None:
        assert char_class(char) == expected


class TestAsciiFastPath:
    """ASCII passwords take byte-table shortcuts; they must give the same views."""

    @given(st.text(st.characters(max_codepoint=127), max_size=40))
    def test_same_views_as_the_general_path(self, password: str) -> None:
        fast = _ascii_views(password)
        general = _views(password)
        assert fast[:-1] == general[:-1]
        assert dict(fast[-1]) == dict(general[-1])

    @pytest.mark.parametrize("code", range(128))
    def test_every_ascii_character(self, code: int) -> None:
        char = chr(code)
        fast = _ascii_views(char * 3)
        assert fast[:-1] == _views(char * 3)[:-1]
        assert dict(fast[-1]) == {**dict.fromkeys(CHAR_CLASSES, 0), char_class(char): 3}

    def test_from_password_uses_either_path(self) -> None:
        for password in ("P@ssw0rd1!", "Ｐａｓｓ１２３", "Straße1"):
            candidate = Candidate.from_password(password)
            assert (candidate.leet, candidate.digits) == _views(password)[3:6:2]


_VIEW_NAMES = (
    "raw",
    "nfkc",
    "folded",
    "leet",
    "leet_alt",
    "digits",
    "reversed_folded",
    "reversed_leet",
    "class_counts",
)


class TestLazyViews:
    """Views are computed on first read; any order of reads gives the definitions."""

    @given(st.text(max_size=40), st.permutations(range(len(_VIEW_NAMES))))
    def test_any_text_any_order(self, password: str, order: list[int]) -> None:
        expected = _views(password)
        candidate = Candidate.from_password(password)
        for index in order:
            value = getattr(candidate, _VIEW_NAMES[index])
            wanted = expected[index]
            if isinstance(wanted, str):
                assert value == wanted
            else:
                assert dict(value) == dict(wanted)

    @given(st.text(max_size=40))
    def test_class_letters_count_like_class_counts(self, password: str) -> None:
        candidate = Candidate.from_password(password)
        letters = candidate.class_letters()
        assert len(letters) == candidate.length
        counted = {
            name: letters.count(code) for name, code in zip(CHAR_CLASSES, b"ULDSWO", strict=True)
        }
        assert counted == dict(_views(password)[8])

    def test_views_are_read_only(self) -> None:
        candidate = Candidate.from_password("P@ssw0rd")
        for name in (*_VIEW_NAMES, "length"):
            with pytest.raises(AttributeError):
                setattr(candidate, name, "x")
