"""Tests for the kana-key reading (credguard/wordlists/kana_keys.py): the C-level
spelling against the syllable-by-syllable definition."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from credguard import Candidate
from credguard.rules import BlocklistRule
from credguard.wordlists import kana_keys
from credguard.wordlists.kana_keys import KANA_KEYS, kana_words

# The keys a run may hold (no digit), the marks twice as often: runs of marks
# are where a one-pass rewrite could go wrong.
_RUN_KEYS = "".join(key for key in KANA_KEYS if not key.isdigit()) + "@[@["


def _spell_slowly(keys: str) -> str:
    """The definition: each key's syllable; a mark rewrites the syllable before it."""
    syllables: list[str] = []
    for key in keys:
        if key in "@[":
            if syllables:
                marks = kana_keys._VOICED if key == "@" else kana_keys._SEMI_VOICED
                syllables[-1] = marks.get(syllables[-1], syllables[-1])
        else:
            syllable = kana_keys._ROMAJI[key]
            if syllable != "-":
                syllables.append(syllable)
    return "".join(syllables)


def _kana_words_slowly(folded: str) -> tuple[tuple[int, int, str], ...]:
    """The definition of kana_words, letters counted with str.isalpha."""
    if not folded.isascii():
        return ()
    letters = sum(map(str.isalpha, folded))
    found = []
    for match in kana_keys._LETTER_RUN.finditer(folded):
        keys = match.group()
        kana = len(keys) - sum(map(keys.count, "@[\\"))
        if kana >= kana_keys.MIN_KANA and 2 * sum(map(str.isalpha, keys)) > letters:
            found.append((match.start(), len(keys), _spell_slowly(keys)))
    return tuple(found)


class TestSpelling:
    @settings(max_examples=500)
    @given(st.text(_RUN_KEYS, max_size=16))
    def test_same_as_the_definition(self, keys: str) -> None:
        assert kana_keys._spell(keys) == _spell_slowly(keys)

    def test_marks(self) -> None:
        assert kana_keys._spell("t@") == "ga"  # か゛ = が
        assert kana_keys._spell("f[") == "pa"  # は゜ = ぱ
        assert kana_keys._spell("h[@") == "gu"  # each mark in turn: く゜ = く, then ぐ
        assert kana_keys._spell("@t") == "ka"  # a mark with nothing before it is dropped
        assert kana_keys._spell("ye@") == "ni"  # ん い゛: no voiced い

    @settings(max_examples=500)
    @given(st.text(_RUN_KEYS + "0123456789ABZ!é ", max_size=24))
    def test_words_same_as_the_definition(self, folded: str) -> None:
        assert kana_words(folded) == _kana_words_slowly(folded)


# Romaji as the kana keys spell it: the syllables, and words of the Japanese list.
_SYLLABLES = sorted(set(kana_keys._ROMAJI.values()) - {"-"})


class TestRuleKeyTest:
    """The rule asks a spelled word with the source's key test alone (no screen first)."""

    @settings(max_examples=300)
    @given(
        st.lists(
            st.one_of(st.sampled_from(_SYLLABLES), st.sampled_from(["sakura", "tanaka", "z"])),
            max_size=6,
        ).map("".join)
    )
    def test_same_as_in(self, romaji: str) -> None:
        for source in BlocklistRule(words=("sakuraz",))._sources():
            assert source.contains is not None
            assert source.contains(romaji) == (romaji in source)

    def test_listed_words_are_found(self) -> None:
        sources = {source.name: source for source in BlocklistRule(words=("hoge",))._sources()}
        assert sources["japanese"].contains is not None
        assert sources["japanese"].contains("sakura")
        assert sources["custom"].contains is not None
        assert sources["custom"].contains("hoge")
        assert not sources["japanese"].contains("qqqq")

    def test_refused_as_typed_on_the_kana_keys(self) -> None:
        assert BlocklistRule().match(Candidate.from_password("xho2024!")) == (
            "japanese",
            "kana_keys",
        )
