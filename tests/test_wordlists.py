"""Tests for the bundled word lists (credguard/wordlists)."""

from __future__ import annotations

import gzip
import subprocess
import sys
import threading
from importlib import resources
from importlib.metadata import version

import pytest

from credguard.wordlists import LIST_NAMES, WordList, load_wordlist
from credguard.wordlists._generate import (
    ZXCVBN_VERSION,
    build_common,
    build_japanese,
    encode,
    name_variants,
)
from tests.helpers import ROOT


def _shipped(name: str) -> bytes:
    return resources.files("credguard.wordlists").joinpath(f"{name}.txt.gz").read_bytes()


def _content(data: bytes) -> str:
    # The gzip bytes differ between Python versions (3.11 writes the header
    # through zlib, 3.10 through GzipFile); what must match is the text.
    return gzip.decompress(data).decode("utf-8")


class TestShippedLists:
    def test_japanese_file_is_what_the_script_generates(self) -> None:
        assert _content(_shipped("japanese")) == _content(encode(build_japanese()))

    def test_common_file_is_what_the_script_generates(self) -> None:
        if version("zxcvbn") == ZXCVBN_VERSION:
            assert _content(_shipped("common")) == _content(encode(build_common()))
        else:
            # Another zxcvbn release: the lists come from the same leak data.
            shipped = set(gzip.decompress(_shipped("common")).decode().split())
            assert len(shipped & set(build_common())) >= 0.95 * len(shipped)

    def test_common_list_comes_from_zxcvbn(self) -> None:
        words = load_wordlist("common")
        assert len(words) == 30_000
        assert {"password", "dragon", "1qaz2wsx"} <= words.words

    @pytest.mark.parametrize(
        "word",
        [
            "sakura",
            "doraemon",
            "1qaz2wsx",
            "adgjmptw",
            "asdasd456",
            "uchipass",
            "pasuwado",
            "takahiro",
            "daisuki",
            "tanaka",
            "satou",
            "syouta",
            "jyunko",
            "パスワード",
        ],
    )
    def test_japanese_list_holds(self, word: str) -> None:
        assert word in load_wordlist("japanese")

    def test_licence_is_credited(self) -> None:
        readme = resources.files("credguard.wordlists").joinpath("README.md").read_text("utf-8")
        assert "MIT" in readme
        assert "Daniel Wolf" in readme

    def test_files_are_gzip_of_sorted_unique_lines(self) -> None:
        for name in LIST_NAMES:
            data = resources.files("credguard.wordlists").joinpath(f"{name}.txt.gz").read_bytes()
            lines = gzip.decompress(data).decode("utf-8").splitlines()
            assert lines == sorted(set(lines))


class TestLoading:
    @pytest.mark.slow
    def test_nothing_is_read_or_imported_at_import(self) -> None:
        code = (
            "import sys, credguard, credguard.wordlists as w\n"
            "assert not w._LOADED, 'a list was read at import'\n"
            "assert 'zxcvbn' not in sys.modules, 'zxcvbn was imported at import'\n"
        )
        src = ROOT / "src"
        subprocess.run([sys.executable, "-c", code], check=True, cwd=src)

    def test_loaded_once_and_shared_between_threads(self) -> None:
        seen: list[WordList] = []
        threads = [
            threading.Thread(target=lambda: seen.append(load_wordlist("japanese")))
            for _ in range(8)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert len({id(found) for found in seen}) == 1
        assert load_wordlist("japanese") is seen[0]

    def test_unknown_list(self) -> None:
        with pytest.raises(LookupError, match="common, japanese"):
            load_wordlist("klingon")

    def test_words_are_immutable(self) -> None:
        assert isinstance(load_wordlist("common").words, frozenset)


class TestNearMissIndex:
    @pytest.mark.parametrize(
        ("query", "expected"),
        [
            ("monex", True),
            ("monet", True),  # substitution
            ("monexx", True),  # one extra
            ("mnex", True),  # one missing
            ("omnex", False),  # transposition: two edits
            ("mxnxx", False),
            ("", False),
            ("m" * 100, False),
        ],
    )
    def test_edit_distance_one(self, query: str, expected: bool) -> None:
        assert WordList("t", ["monex"]).near_miss(query, 4) is expected

    def test_index_built_once_under_concurrency(self) -> None:
        words = WordList("t", [f"word{i:04d}x" for i in range(2000)])
        answers: list[bool] = []
        threads = [
            threading.Thread(target=lambda: answers.append(words.near_miss("word0007y", 6)))
            for _ in range(8)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert answers == [True] * 8
        index = words._near_index()
        assert words._near_index() is index
        assert "word000\x00x" in index  # "word0007x" with its 8th letter out

    def test_threshold_is_the_listed_words_length(self) -> None:
        words = WordList("t", ["monex"])
        assert not words.near_miss("monet", 6)
        assert not words.near_miss("monexx", 6)


class TestNameVariants:
    @pytest.mark.parametrize(
        ("name", "spellings"),
        [
            ("shota", {"shouta", "shohta", "shoota", "syota", "syouta"}),
            ("junko", {"jyunko", "zyunko"}),
            ("yuki", {"yuuki"}),
            ("honma", {"homma"}),
            ("chiba", {"tiba"}),
            ("tsubasa", {"tubasa"}),
        ],
    )
    def test_variants(self, name: str, spellings: set[str]) -> None:
        variants = name_variants(name)
        assert name in variants
        assert spellings <= variants

    def test_variants_stay_few(self) -> None:
        assert len(name_variants("yoshihiro")) < 40
