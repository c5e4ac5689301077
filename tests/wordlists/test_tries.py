"""Tests for the bundled tries (credguard/wordlists/tries.py and the shipped data)."""

from __future__ import annotations

import gzip
import hashlib
import json
import subprocess
import sys
import zipfile
from dataclasses import asdict
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from credguard.wordlists import tries
from credguard.wordlists._sources import INPUTS
from credguard.wordlists.normalize import MAX_KEY_LENGTH, core_forms, fold, keys
from credguard.wordlists.scoring import WordSource
from credguard.wordlists.screen import build_screen
from credguard.wordlists.tries import TRIE_NAMES, BlockTrie, load_trie
from tests.helpers import CANARY, ROOT, run_in_threads

PACKAGE = resources.files("credguard.wordlists")


def _manifest() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(PACKAGE.joinpath("MANIFEST.json").read_text("utf-8"))
    return data


class TestLookups:
    @pytest.mark.parametrize("key", ["password", "p@ssw0rd", "123456", "abc123", "4649", "dragon"])
    def test_common_holds(self, key: str) -> None:
        assert key in load_trie("common")

    @pytest.mark.parametrize("entry", ["P@ssw0rd!", "Password1", "DRAGON2024", "iloveyou!!"])
    def test_dressed_up_passwords_find_their_core(self, entry: str) -> None:
        forms = core_forms(fold(entry))
        assert forms
        assert all(form in load_trie("common") for form in forms)

    def test_leet_core_is_the_plain_word(self) -> None:
        assert "password" in keys("p@ssw0rd")
        assert "password" in load_trie("common")
        # Stripped before leet folding: the trailing 1 never becomes "i".
        assert "passwordi" not in load_trie("common")

    @pytest.mark.parametrize(
        "key", ["sakura", "tanaka", "satou", "syouta", "jyunko", "doraemon", "パスワード"]
    )
    def test_japanese_holds(self, key: str) -> None:
        assert key in load_trie("japanese")

    def test_unlisted_and_non_strings(self) -> None:
        common = load_trie("common")
        assert "qz7vkcanaryxw" not in common
        assert "" not in common
        assert 123456 not in common
        assert None not in common

    def test_sizes(self) -> None:
        assert len(load_trie("common")) > 1_000_000
        assert len(load_trie("japanese")) > 20_000

    def test_repr_shows_no_key(self) -> None:
        text = repr(load_trie("common"))
        assert text.startswith("<BlockTrie common keys=")
        assert CANARY not in text


class TestPrefixes:
    def test_every_listed_prefix(self) -> None:
        found = load_trie("common").prefixes("xpassword123", 1)
        assert {"pass", "password", "password1", "password123"} <= set(found)
        assert all("password123".startswith(key) for key in found)
        assert found == sorted(found, key=len)

    def test_long_text_is_read_from_start_for_the_longest_key(self) -> None:
        common = load_trie("common")
        text = "q" * 1000 + "password123" + "z" * 100_000
        found = common.prefixes(text, 1000)
        assert found == common.prefixes(text[1000 : 1000 + MAX_KEY_LENGTH])
        assert "password123" in found

    def test_contained(self) -> None:
        found = load_trie("common").contained("mypassword!", 8)
        assert (2, "password") in found
        assert all(len(key) >= 8 for _, key in found)
        assert found == sorted(found, key=lambda hit: (hit[0], len(hit[1])))

    def test_depth_is_the_longest_start_of_a_key(self) -> None:
        japanese = load_trie("japanese")
        assert japanese.depth("sakuraqqqq") == len("sakura")
        assert japanese.depth("\x00") == 0
        assert WordSource(["monex"]).depth("monkey") == 3

    def test_contained_on_short_text(self) -> None:
        assert load_trie("common").contained("ab", 3) == []


class TestLoading:
    @pytest.mark.slow
    def test_nothing_is_opened_at_import(self) -> None:
        code = (
            "import sys, credguard, credguard.wordlists.tries as t\n"
            "assert not t._LOADED, 'a trie was opened at import'\n"
            "assert 'marisa_trie' not in sys.modules, 'marisa_trie imported at import'\n"
            "t.load_trie('japanese')\n"
            "assert list(t._LOADED) == ['japanese'] and 'marisa_trie' in sys.modules\n"
        )
        subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT / "src")

    def test_first_load_is_once_and_shared_between_threads(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        opened: list[str] = []
        real_open = tries._open

        def counting(name: str) -> BlockTrie:
            opened.append(name)
            return real_open(name)

        monkeypatch.setattr(tries, "_LOADED", {})
        monkeypatch.setattr(tries, "_open", counting)
        seen: list[BlockTrie] = []
        run_in_threads(lambda n: seen.append(load_trie(TRIE_NAMES[n % 2])), count=8)
        assert sorted(opened) == sorted(TRIE_NAMES)
        assert len({id(trie) for trie in seen}) == 2
        assert load_trie("common") is next(t for t in seen if t.name == "common")

    def test_unknown_list(self) -> None:
        with pytest.raises(LookupError, match="common, japanese"):
            load_trie("klingon")

    def test_package_data_inside_a_zip_is_read_into_memory(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        archive = tmp_path / "site.zip"
        with zipfile.ZipFile(archive, "w") as zipped:
            for suffix in ("marisa", "screen"):
                zipped.writestr(
                    f"credguard/wordlists/japanese.{suffix}",
                    PACKAGE.joinpath(f"japanese.{suffix}").read_bytes(),
                )
        inside = zipfile.Path(archive, "credguard/wordlists/")
        monkeypatch.setattr(resources, "files", lambda _package: inside)
        trie = tries._open("japanese")
        assert len(trie) == len(load_trie("japanese"))
        assert "sakura" in trie


class TestShippedFiles:
    @pytest.mark.parametrize("name", TRIE_NAMES)
    def test_files_match_the_manifest(self, name: str) -> None:
        data = PACKAGE.joinpath(f"{name}.marisa").read_bytes()
        entry = _manifest()["tries"][f"{name}.marisa"]
        assert hashlib.sha256(data).hexdigest() == entry["sha256"]
        assert len(data) == entry["bytes"]
        assert len(load_trie(name)) == entry["keys"]

    @pytest.mark.parametrize("name", TRIE_NAMES)
    def test_screens_are_built_from_the_shipped_tries(self, name: str) -> None:
        trie = load_trie(name)
        assert trie.screen == build_screen(trie._trie.keys())

    def test_manifest_records_the_pinned_inputs(self) -> None:
        recorded = _manifest()["inputs"]
        for item in INPUTS:
            pinned = asdict(item)
            assert recorded[item.key]["version"] == pinned["version"]
            assert recorded[item.key]["sha256"] == pinned["sha256"]
            assert recorded[item.key]["package"] == pinned["package"]

    def test_own_sources_were_not_edited_since_the_build(self) -> None:
        # Editing sources/ without rerunning _generate.py fails here.
        for path, digest in _manifest()["sources"].items():
            data = PACKAGE.joinpath(path).read_bytes()
            assert hashlib.sha256(data).hexdigest() == digest, path

    def test_total_size_stays_small(self) -> None:
        total = sum(len(PACKAGE.joinpath(f"{n}.marisa").read_bytes()) for n in TRIE_NAMES)
        assert total <= 8_000_000

    def test_licences_are_shipped(self) -> None:
        notice = PACKAGE.joinpath("NOTICE").read_text("utf-8")
        readme = PACKAGE.joinpath("README.md").read_text("utf-8")
        for item in INPUTS:
            assert f"{item.package}" in readme
            assert item.version in readme
            assert item.sha256 in readme
        assert "Dan Wheeler" in notice
        assert "@zxcvbn-ts" in notice
        assert "Django Software Foundation" in notice
        assert "public domain" in notice


class TestDjangosList:
    def test_every_entry_of_the_installed_list_is_in_common(self) -> None:
        import django

        path = Path(django.__file__).parent / "contrib/auth/common-passwords.txt.gz"
        entries = gzip.decompress(path.read_bytes()).decode("utf-8").splitlines()
        assert len(entries) > 19_000
        common = load_trie("common")
        missing = [entry for entry in entries if not all(key in common for key in keys(entry))]
        assert missing == []
        # Entries shorter than three characters are the only ones with no key.
        assert all(len(entry) < 3 for entry in entries if not keys(entry))
