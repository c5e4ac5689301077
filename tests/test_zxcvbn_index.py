"""Tests for the shipped merged zxcvbn index (credguard/_zxcvbn_index.py)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from zxcvbn import matching
from zxcvbn.frequency_lists import FREQUENCY_LISTS

from credguard import _zxcvbn_index
from credguard._zxcvbn_index import (
    DATA_NAME,
    EDGES_NAME,
    REVERSED_MARK,
    build_files,
    build_from_installed,
    runtime_index,
    shipped,
    shipped_index,
)

DATA = resources.files("credguard").joinpath("data")
SOURCES = _zxcvbn_index._source_files()
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
        for name, data in build_from_installed().items():
            assert DATA.joinpath(name).read_bytes() == data, name

    def test_the_generator_writes_them(self, tmp_path: Path) -> None:
        assert _zxcvbn_index.main([str(tmp_path)]) == 0
        for name in (f"{DATA_NAME}.marisa", f"{DATA_NAME}.json", EDGES_NAME):
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
        heads = [text[:stop] for stop in range(len(text) + 1)]
        assert shipped.listed(heads) == built.listed(heads)

    @pytest.mark.parametrize("text", ["\x00", "pass\x00word", "a\x00", "\x00a"])
    def test_nul_is_never_listed(self, text: str) -> None:
        # marisa reads keys up to the first NUL; the index must not.
        index = _shipped()
        assert text not in index
        assert index.entries(text) == ()
        assert all("\x00" not in word for word in index.prefixes(text))

    @given(TEXT)
    def test_the_edge_trie_is_the_words_forwards_and_backwards(self, text: str) -> None:
        tables = shipped()
        assert tables is not None
        edges, built = tables.edges, runtime_index()
        clean = text.partition("\x00")[0]
        # Forwards: the listed words; after the mark: the listed words backwards.
        assert edges.prefixes(clean) == built.prefixes(clean)
        backwards = [key[:0:-1] for key in edges.prefixes(REVERSED_MARK + clean)]
        heads = {clean[:stop] for stop in range(1, len(clean) + 1)}
        assert sorted(backwards, key=len) == sorted(
            built.listed({head[::-1] for head in heads}), key=len
        )

    @given(st.one_of(TEXT, TEXT.map(REVERSED_MARK.__add__), TEXT.map(lambda t: t + "\x00x")))
    def test_runtime_prefixes_from_the_edge_trie_equal_the_set_lookups(self, text: str) -> None:
        from zxcvbn.frequency_lists import FREQUENCY_LISTS as lists

        ranked = [(name, matching.RANKED_DICTIONARIES[name]) for name in lists]
        plain = _zxcvbn_index._ZxcvbnDicts(ranked, max(map(len, WORDS)))
        assert runtime_index().prefixes(text) == plain.prefixes(text)

    @pytest.mark.parametrize("text", ["\ud800", "pass\udfffword", "password\ud800"])
    def test_runtime_prefixes_of_a_lone_surrogate(self, text: str) -> None:
        # marisa cannot encode it; the set lookups answer.
        assert runtime_index().prefixes(text) == [
            text[:stop] for stop in range(1, len(text) + 1) if text[:stop] in runtime_index()
        ]

    def test_the_edge_trie_holds_every_word_both_ways(self) -> None:
        tables = shipped()
        assert tables is not None
        for word in WORDS:
            assert word in tables.edges
            assert REVERSED_MARK + word[::-1] in tables.edges
        assert len(tables.edges) == 2 * len(WORDS)

    def test_opened_once(self) -> None:
        assert shipped() is shipped()
        assert isinstance(_shipped(), _zxcvbn_index.TrieIndex)


class TestFallback:
    def test_another_zxcvbn_is_not_read_from_the_files(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        assert SOURCES is not None
        assert _zxcvbn_index._open_shipped() is not None
        for changed in SOURCES:
            files = {}
            for name, path in SOURCES.items():
                files[name] = copy = tmp_path / name
                extra = b"\n# another release\n" if name == changed else b""
                copy.write_bytes(path.read_bytes() + extra)
            monkeypatch.setattr(_zxcvbn_index, "_source_files", lambda files=files: files)
            assert _zxcvbn_index._open_shipped() is None, changed

    def test_no_source_files_means_no_shipped_index(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(_zxcvbn_index, "_source_files", lambda: None)
        assert _zxcvbn_index._open_shipped() is None

    @pytest.mark.parametrize("word", ["a\x00b", "a" + REVERSED_MARK])
    def test_a_list_with_nul_or_the_mark_is_refused(self, word: str) -> None:
        with pytest.raises(ValueError, match="NUL"):
            build_files({"passwords": [word]}, {}, "0", {})


class TestTables:
    def test_the_tables_are_zxcvbns(self) -> None:
        from zxcvbn import scoring

        tables = shipped()
        assert tables is not None
        for symbol, letters in tables.l33t.items():
            assert all(symbol in matching.L33T_TABLE[letter] for letter in letters)
        assert sum(map(len, tables.l33t.values())) == sum(map(len, matching.L33T_TABLE.values()))
        graphs = matching.GRAPHS.values()
        for pair in tables.adjacent:
            assert any(pair[1] in "".join(filter(None, g.get(pair[0]) or ())) for g in graphs)
        assert tables.year_least == scoring.MIN_YEAR_SPACE
        assert (
            tables.spatial_least
            <= scoring.KEYPAD_STARTING_POSITIONS * scoring.KEYPAD_AVERAGE_DEGREE
        )
