"""Tests for the shipped merged zxcvbn index (credguard/_zxcvbn_index.py)."""

from __future__ import annotations

from importlib import resources
from importlib.metadata import version
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from zxcvbn import matching
from zxcvbn.frequency_lists import FREQUENCY_LISTS

from credguard import _zxcvbn_index
from credguard._zxcvbn_index import (
    DATA_NAME,
    build_files,
    runtime_index,
    shared_index,
    shipped_index,
)

DATA = resources.files("credguard").joinpath("data")
SOURCE = _zxcvbn_index._frequency_lists_file()
# Listed words, their prefixes and neighbours, and anything else.
WORDS = sorted({word for words in FREQUENCY_LISTS.values() for word in words})
TEXT = st.one_of(
    st.sampled_from(WORDS),
    st.tuples(st.sampled_from(WORDS), st.text(max_size=8)).map("".join),
    st.text(max_size=30),
)


def _shipped() -> _zxcvbn_index.RankedIndex:
    index = shipped_index()
    assert index is not None
    return index


class TestShippedFiles:
    def test_equal_what_the_installed_zxcvbn_gives(self) -> None:
        # Fails after a zxcvbn upgrade that changes the lists: rebuild with
        # `python -m credguard._zxcvbn_index src/credguard/data`.
        assert SOURCE is not None
        built = build_files(FREQUENCY_LISTS, SOURCE.read_bytes(), version("zxcvbn"))
        for name, data in built.items():
            assert DATA.joinpath(name).read_bytes() == data, name

    def test_the_generator_writes_them(self, tmp_path: Path) -> None:
        assert _zxcvbn_index.main([str(tmp_path)]) == 0
        for suffix in (".marisa", ".json"):
            name = DATA_NAME + suffix
            assert (tmp_path / name).read_bytes() == DATA.joinpath(name).read_bytes()

    def test_the_generator_wants_one_folder(self) -> None:
        assert _zxcvbn_index.main([]) == 2

    def test_licence_is_shipped(self) -> None:
        notice = DATA.joinpath("NOTICE").read_text("utf-8")
        assert "zxcvbn" in notice
        assert "4.5.0" in notice
        assert "Daniel Wolf" in notice
        assert "Dan Wheeler" in notice
        assert "MIT" in notice


class TestSameAsZxcvbnsLists:
    def test_every_word_has_zxcvbns_ranks(self) -> None:
        index = _shipped()
        for word in WORDS:
            expected = tuple(
                (name, matching.RANKED_DICTIONARIES[name][word])
                for name in FREQUENCY_LISTS
                if word in matching.RANKED_DICTIONARIES[name]
            )
            assert index.entries(word) == expected, word
        assert index.longest == max(map(len, WORDS))

    @given(TEXT)
    def test_shipped_equals_runtime(self, text: str) -> None:
        shipped, built = _shipped(), runtime_index()
        assert shipped.prefixes(text) == built.prefixes(text)
        assert (text in shipped) == (text in built)
        assert shipped.entries(text) == built.entries(text)

    @pytest.mark.parametrize("text", ["\x00", "pass\x00word", "a\x00", "\x00a"])
    def test_nul_is_never_listed(self, text: str) -> None:
        # marisa reads keys up to the first NUL; the index must not.
        index = _shipped()
        assert text not in index
        assert index.entries(text) == ()
        assert all("\x00" not in word for word in index.prefixes(text))

    def test_the_shared_index_is_the_shipped_one(self) -> None:
        assert type(shared_index()) is type(_shipped())
        assert shared_index() is shared_index()


class TestFallback:
    def test_other_lists_are_not_read_from_the_file(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        assert SOURCE is not None
        other = tmp_path / "frequency_lists.py"
        other.write_bytes(SOURCE.read_bytes() + b"\n# another release\n")
        monkeypatch.setattr(_zxcvbn_index, "_frequency_lists_file", lambda: other)
        assert shipped_index() is None

    def test_no_source_file_means_no_shipped_index(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(_zxcvbn_index, "_frequency_lists_file", lambda: None)
        assert shipped_index() is None

    def test_a_list_with_nul_is_refused(self) -> None:
        with pytest.raises(ValueError, match="NUL"):
            build_files({"passwords": ["a\x00b"]}, b"", "0")
