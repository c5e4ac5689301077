"""Tests for ``blocklist.*`` (rules/blocklist.py)."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

import credguard
from credguard import Candidate, UserContext
from credguard.rules import RULES, BlocklistRule, blocklist
from credguard.wordlists import WordList, load_wordlist
from tests.helpers import CANARY

EMPTY = UserContext()


def _match(rule: BlocklistRule, password: str) -> tuple[str, str] | None:
    return rule.match(Candidate.from_password(password))


class TestBlocklistMatching:
    @pytest.mark.parametrize(
        ("password", "expected"),
        [
            ("password", ("common", "exact")),
            ("PASSWORD", ("common", "exact")),
            ("Ｐａｓｓｗｏｒｄ", ("common", "exact")),  # full-width folds under NFKC
            ("dragon", ("common", "exact")),
            ("Dr4g0n", ("common", "leet")),
            ("d|amond", ("common", "leet")),  # "|" read as l (leet_alt)
            ("Password1!", ("common", "stripped")),
            ("!!Dragon2024", ("common", "stripped")),
            ("@dmin1", ("common", "stripped")),  # "@" kept as a when one end is stripped
            ("yeknom", ("common", "reversed")),
            ("llabtoof99", ("common", "reversed")),
            ("adgjmptw", ("common", "exact")),  # in both lists: the first one reports
            ("uchipass1", ("japanese", "stripped")),
            ("uchipass", ("japanese", "exact")),
            ("pasuwado2020", ("japanese", "stripped")),
            ("Tanaka1985", ("japanese", "stripped")),
            ("Shouta0401", ("japanese", "stripped")),  # long-vowel variant of shota
            ("jyunko", ("japanese", "exact")),  # wāpuro spelling of junko
            ("パスワード2024", ("japanese", "stripped")),
        ],
    )
    def test_listed(self, password: str, expected: tuple[str, str]) -> None:
        assert _match(BlocklistRule(), password) == expected

    @pytest.mark.parametrize(
        "password",
        [
            "Tr0ub4dor&3",
            "correct horse battery staple",
            "yamada-taro-x",
            "k9#Vq2!xLm",
            "pass word",  # inner symbols are not stripped
            "a1",
            "",
        ],
    )
    def test_not_listed(self, password: str) -> None:
        assert _match(BlocklistRule(), password) is None

    def test_sakura_with_year_is_caught_by_either_list(self) -> None:
        assert _match(BlocklistRule(), "Sakura2024!") == ("common", "stripped")
        assert _match(BlocklistRule(lists=("japanese",)), "Sakura2024!") == (
            "japanese",
            "stripped",
        )

    def test_min_word_length_ignores_short_cores(self) -> None:
        # "aoi" is a listed given name, but three letters are below the default 4.
        assert _match(BlocklistRule(lists=("japanese",)), "aoi2024!") is None
        assert _match(BlocklistRule(lists=("japanese",), min_word_length=3), "aoi2024!") == (
            "japanese",
            "stripped",
        )


class TestBlocklistCustomWords:
    @pytest.mark.parametrize(
        ("password", "how"),
        [
            ("Monex", "exact"),
            ("ＭＯＮＥＸ", "exact"),
            ("M0nex", "leet"),
            ("monex2024!", "stripped"),
            ("xenom", "reversed"),
        ],
    )
    def test_policy_words(self, password: str, how: str) -> None:
        rule = BlocklistRule(lists=(), words=("Monex",))
        assert _match(rule, password) == ("custom", how)

    def test_custom_words_are_reported_first(self) -> None:
        rule = BlocklistRule(words=("dragon",))
        assert _match(rule, "dragon") == ("custom", "exact")

    def test_custom_words_are_normalized(self) -> None:
        rule = BlocklistRule(lists=(), words=(" ＫａｂｕＣｏｍ ", "kabucom"))
        assert rule.words == ("kabucom",)


class TestBlocklistNearMiss:
    @pytest.mark.parametrize(
        ("password", "expected"),
        [
            ("sakurb", ("japanese", "near_miss")),  # substitution
            ("sakra", ("japanese", "near_miss")),  # deletion
            ("sakuar", None),  # a transposition is two edits
            ("doraemonn", ("japanese", "near_miss")),  # insertion
            ("doramon", ("japanese", "near_miss")),  # deletion
            ("doraemon", ("japanese", "exact")),
            ("dorxxmon", None),  # two edits
            ("doraemonx1!", ("japanese", "near_miss")),  # stripped core, then one edit
        ],
    )
    def test_edit_distance_one(self, password: str, expected: tuple[str, str] | None) -> None:
        rule = BlocklistRule(lists=("japanese",), near_miss=True, near_miss_min_length=6)
        assert _match(rule, password) == expected

    def test_off_by_default(self) -> None:
        assert _match(BlocklistRule(lists=("japanese",)), "doraemonn") is None

    def test_threshold_applies_to_the_listed_word(self) -> None:
        rule = BlocklistRule(lists=("japanese",), near_miss=True, near_miss_min_length=9)
        assert _match(rule, "doraemonn") is None  # doraemon has 8 letters
        assert _match(rule, "hellokittx") == ("japanese", "near_miss")

    def test_custom_near_miss(self) -> None:
        rule = BlocklistRule(lists=(), words=("rakuten",), near_miss=True)
        assert _match(rule, "rakuton") == ("custom", "near_miss")


class TestBlocklistRule:
    def test_registered_after_the_composition_rules(self) -> None:
        names = list(RULES)
        assert RULES["blocklist"] is BlocklistRule
        assert names.index("blocklist") > names.index("keyboard")

    def test_violation_names_the_list_never_the_word(self) -> None:
        rule = BlocklistRule()
        violations = list(rule.check(Candidate.from_password("Password1!"), EMPTY))
        assert [v.code for v in violations] == ["blocklist.common"]
        assert dict(violations[0].params) == {"list": "common", "how": "stripped"}
        for lang in credguard.LANGS:
            text = violations[0].message_in(lang)
            assert "password1" not in text.casefold()
            assert text != violations[0].code

    def test_japanese_message(self) -> None:
        policy = credguard.Policy(rules=(BlocklistRule(),))
        result = policy.check("Tanaka1985")
        assert result.codes == ("blocklist.japanese",)
        assert "前後の数字・記号を除くと、" in result.messages("ja")[0]

    def test_from_policy_file(self) -> None:
        policy = credguard.parse_policy(
            '[rules.blocklist]\nlists = ["japanese"]\nwords = ["Monex"]\n'
            "near_miss = true\nnear_miss_min_length = 5\n"
        )
        assert policy.check("monex99").codes == ("blocklist.custom",)
        assert policy.check("monet").codes == ("blocklist.custom",)
        assert policy.check("monkey").ok  # only in the common list

    @pytest.mark.parametrize(
        ("params", "key"),
        [
            ({"lists": ["klingon"]}, "lists"),
            ({"lists": [], "words": []}, "lists"),
            ({"words": "monex"}, "words"),
            ({"words": [3]}, "words[0]"),
            ({"words": ["  "]}, "words[0]"),
            ({"words": ["x" * 65]}, "words[0]"),
            ({"min_word_length": 2}, "min_word_length"),
            ({"near_miss": "yes"}, "near_miss"),
            ({"near_miss_min_length": 3}, "near_miss_min_length"),
            ({"severity": "fatal"}, "severity"),
        ],
    )
    def test_invalid_parameters(self, params: dict[str, object], key: str) -> None:
        with pytest.raises(credguard.PolicyError) as caught:
            BlocklistRule(**params)  # type: ignore[arg-type]
        assert caught.value.key == key

    def test_long_input_is_cheap_and_unmatched(self) -> None:
        rule = BlocklistRule(near_miss=True)
        assert _match(rule, "x" * credguard.MAX_PASSWORD_LENGTH) is None


class TestBlocklistProperties:
    @given(st.text(max_size=40))
    def test_never_raises_and_never_echoes(self, text: str) -> None:
        password = CANARY + text
        policy = credguard.Policy(rules=(BlocklistRule(words=("canary",), near_miss=True),))
        result = policy.check(password)
        for lang in credguard.LANGS:
            for message in result.messages(lang):
                assert CANARY not in message

    @given(
        st.sampled_from(
            ["Sakura2024!", "Ｐａｓｓｗｏｒｄ1", "ドラえもん", "Café1234", "Tanaka1985"]
        )
    )
    def test_normal_forms_give_the_same_verdict(self, password: str) -> None:
        rule = BlocklistRule(words=("café",))
        verdicts = {
            _match(rule, unicodedata.normalize(form, password))
            for form in ("NFC", "NFD", "NFKC", "NFKD")
        }
        assert len(verdicts) == 1


def _strip_bounds_by_loop(text: str) -> tuple[int, int] | None:
    """The definition: drop non-letters (str.isalpha) from both ends."""
    start, end = 0, len(text)
    while start < end and not text[start].isalpha():
        start += 1
    while end > start and not text[end - 1].isalpha():
        end -= 1
    if start == end or (start, end) == (0, len(text)):
        return None
    return start, end


def _queries_by_definition(candidate: Candidate) -> Iterator[tuple[str, str]]:
    """(how, text) pairs to look up, most direct first: the rule before its speed-up."""
    folded = candidate.folded
    views = (folded, candidate.leet, candidate.leet_alt)
    yield "exact", folded
    yield "leet", candidate.leet
    yield "leet", candidate.leet_alt
    bounds = _strip_bounds_by_loop(folded)
    spans = () if bounds is None else {(bounds[0], len(folded)), (0, bounds[1]), bounds}
    cores = [view[s:e] for s, e in sorted(spans) for view in views]
    for core in cores:
        yield "stripped", core
    yield "reversed", candidate.reversed_folded
    yield "reversed", candidate.reversed_leet
    for core in cores:
        yield "reversed", core[::-1]


def _match_by_definition(rule: BlocklistRule, candidate: Candidate) -> tuple[str, str] | None:
    """The first (list, how): every list in order, every query in order, then near misses."""
    queries = list(_queries_by_definition(candidate))
    sources = ([WordList("custom", rule.words)] if rule.words else []) + [
        load_wordlist(name) for name in rule.lists
    ]
    minimum = rule.min_word_length
    for source in sources:
        for how, text in queries:
            if len(text) >= minimum and text in source:
                return source.name, how
        if rule.near_miss:
            threshold = max(rule.near_miss_min_length, minimum)
            for how, text in queries:
                if how != "reversed" and source.near_miss(text, threshold):
                    return source.name, "near_miss"
    return None


# Passwords shaped like listed ones: words with digits, symbols and look-alikes around them.
_LISTED_SHAPES = st.builds(
    lambda pre, word, post: pre + word + post,
    st.text("0123456789!@#$|_ ", max_size=4),
    st.sampled_from(
        ["password", "dragon", "sakura", "monex", "tanaka", "ドラえもん", "xk9q", "nogard"]
    )
    | st.sampled_from(["xenom", "d|amond", "dnoma|d", "p@ssw0rd", "dr0wss@p"]),
    st.text("0123456789!@#$|_ ", max_size=4),
)


class TestBlocklistFastPath:
    """violations() screens with one set test per source; it must agree with match()."""

    @given(st.text(max_size=30))
    def test_strip_bounds_ascii_path_is_the_loop(self, text: str) -> None:
        assert blocklist._strip_bounds(text) == _strip_bounds_by_loop(text)

    @given(st.text(st.characters(max_codepoint=127), max_size=30))
    def test_strip_bounds_on_ascii(self, text: str) -> None:
        assert blocklist._strip_bounds(text) == _strip_bounds_by_loop(text)

    @given(
        st.one_of(_LISTED_SHAPES, st.text(max_size=24)),
        st.sampled_from([(), ("monex", "xk9q", "ab")]),
        st.integers(3, 6),
        st.booleans(),
    )
    def test_same_result_as_the_definition(
        self, password: str, words: tuple[str, ...], minimum: int, near_miss: bool
    ) -> None:
        rule = BlocklistRule(words=words, min_word_length=minimum, near_miss=near_miss)
        candidate = Candidate.from_password(password)
        expected = _match_by_definition(rule, Candidate.from_password(password))
        got = rule.violations(candidate, EMPTY)
        assert rule.match(candidate) == expected
        assert [(v.params["list"], v.params["how"]) for v in got] == (
            [] if expected is None else [expected]
        )
