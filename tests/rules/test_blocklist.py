"""Tests for ``blocklist.*`` (rules/blocklist.py, wordlists/scoring.py, wordlists/kana_keys.py)."""

from __future__ import annotations

import gc
import re
import time
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import credguard
from credguard import Candidate, UserContext
from credguard._candidate import leet_views
from credguard.rules import RULES, BlocklistRule
from credguard.wordlists import scoring
from credguard.wordlists.kana_keys import kana_words
from credguard.wordlists.normalize import core, core_forms, strip_edges
from credguard.wordlists.patterns import joined, patterns_at, separated
from credguard.wordlists.scoring import MAX_TOKEN, Source, WordSource
from credguard.wordlists.tries import load_trie
from credguard.wordlists.views import edge_core, read_views
from tests.helpers import CANARY, codes, run, run_in_threads

EMPTY = UserContext()


def _match(rule: BlocklistRule, password: str) -> tuple[str, str] | None:
    return rule.match(Candidate.from_password(password))


def _preset_match(preset: str, password: str) -> tuple[str, str] | None:
    """What *preset*'s blocklist rule finds, whatever its other rules find.

    The presets gate the rule (``only_if_otherwise_accepted``): a password
    another rule refuses gets no ``blocklist.*`` violation, so the rule is
    asked directly.
    """
    (rule,) = (r for r in credguard.load_policy(preset).rules if isinstance(r, BlocklistRule))
    return _match(rule, password)


class TestScoring:
    @pytest.mark.parametrize(
        ("password", "expected"),
        [
            ("password", ("common", "equals")),
            ("Ｐａｓｓｗｏｒｄ", ("common", "equals")),  # full width folds under NFKC
            ("Dr4g0n", ("common", "leet")),
            ("Sakura2024!", ("common", "contains")),
            ("Tanaka1985", ("common", "contains")),
            ("iloveyoubaby1234", ("common", "contains")),
            ("yeknom", ("common", "equals")),
            ("uchipass1", ("common", "leet")),
            ("パスワード2024", ("common", "contains")),
        ],
    )
    def test_listed(self, password: str, expected: tuple[str, str]) -> None:
        assert _match(BlocklistRule(), password) == expected

    def test_a_date_inside_counts_as_one_token(self) -> None:
        # amor + 251286 + perro: 3 points; six lone digits would make it 8.
        assert _match(BlocklistRule(), "Amor251286Perro!") == ("common", "contains")
        # A run longer than MAX_DIGIT_RUN is digits one by one again.
        # (Gato: perro's doubled r read once would save the point the test is about.)
        assert _match(BlocklistRule(), "Amor251286731Gato!") is None

    def test_a_long_number_alone_is_still_read_as_its_listed_parts(self) -> None:
        # As one digit token it would be "a number", which never refuses.
        assert _match(BlocklistRule(), "28371946") == ("common", "contains")
        assert _match(BlocklistRule(), "12345686^") is not None  # no letter: the same

    @pytest.mark.parametrize(
        "password",
        [
            "correct horse battery staple",
            "k9#Vq2!xLm",
            "Gq7#mZ2$wX9!",
            "a1",
            "",
            "58#31",  # digits alone never refuse
            "Ab3456",  # nor a number inside a password, listed or a sequence
        ],
    )
    def test_not_refused(self, password: str) -> None:
        assert _match(BlocklistRule(), password) is None

    @pytest.mark.parametrize("password", ["Y0$hid@2024", "N0ki@2024", "My$p@c3123!"])
    def test_a_leet_last_letter_is_still_read(self, password: str) -> None:
        # Measured escapes of the equality-based rule: the leet end was stripped.
        assert _match(BlocklistRule(), password) is not None

    @pytest.mark.parametrize(
        "password", ["Word2024", "Word123", "Dragon1!", "Monkey@2023", "J6543211!", "Gfcgfc12021"]
    )
    def test_common_suffixes_score_as_tokens(self, password: str) -> None:
        assert _match(BlocklistRule(), password) is not None

    def test_min_score_and_min_token_length(self) -> None:
        # sakura (1) + 7 characters = 8: refused only from min_score 9.
        assert _match(BlocklistRule(), "sakuraXq#v9Lp") is None
        assert _match(BlocklistRule(min_score=9), "sakuraXq#v9Lp") is not None
        # "aoi" is a listed name, below the default token length of 4.
        assert _match(BlocklistRule(lists=("japanese",)), "aoiXq#") is None
        assert _match(BlocklistRule(lists=("japanese",), min_token_length=3), "aoiXq#") == (
            "japanese",
            "contains",
        )

    def test_deprecated_names_map_onto_the_new_ones(self) -> None:
        rule = BlocklistRule(min_word_length=3, near_miss=True, near_miss_min_length=7)
        assert (rule.min_token_length, rule.fuzzy, rule.fuzzy_min_length) == (3, True, 7)

    def test_patterns_alone_are_reported_as_pattern(self) -> None:
        rule = BlocklistRule(lists=(), words=("unlisted-word",))
        assert _match(rule, "zzzzzzzz9876543") == ("pattern", "contains")

    def test_pattern_tokens(self) -> None:
        assert patterns_at("aaaa")[0] == 4
        assert patterns_at("x7890")[1] == 4  # 9 is followed by 0, as on the number row
        assert patterns_at("qwer")[0] == 4
        assert patterns_at("1qaz")[0] == 4
        assert patterns_at("qwe") == {}  # a walk counts from four keys
        assert patterns_at("gfcgfc")[0] == 6  # a repeated block
        assert patterns_at("abab!")[0] == 4
        assert patterns_at("axcax") == {}  # a block must repeat whole
        assert patterns_at("a" * 200)[0] == MAX_TOKEN

    def test_joined_words(self) -> None:
        assert joined("i love you1") == "iloveyou1"
        assert joined("mr.wiskers_x-y") == "mrwiskersxy"
        # Between two letters or digits (a digit may be a leet letter); the
        # edges and other symbols keep their separators.
        assert joined("i l0v3 y0u1") == "il0v3y0u1"
        assert joined("love 2 u") == "love2u"
        assert joined(" love!") is None
        assert joined("love! you") is None
        assert joined("password") is None

    @pytest.mark.parametrize(
        ("password", "how"),
        [
            ("i love you!", "equals"),  # iloveyou! is itself a key
            ("I love you2020", "contains"),
            ("Te amo123", "equals"),
            ("pea_nut1!", "contains"),
            ("I l0v3 y0u1!", "leet"),  # the core's leet reading is the key
        ],
    )
    def test_a_listed_word_written_with_separators_is_read_joined(
        self, password: str, how: str
    ) -> None:
        assert _match(BlocklistRule(), password) == ("common", how)

    @given(
        st.lists(st.sampled_from(["orbit", "canyon", "velvet", "humble", "x7", "q"]), min_size=2)
    )
    def test_words_not_one_or_two_listed_words_are_read_as_written(self, words: list[str]) -> None:
        # The joined reading replaces the views exactly when the joined core,
        # as written or in a leet reading (how the lists store keys), is one
        # key, or, with separators only between letters, two keys or a key
        # and a letter as written: otherwise the rule scores the password as
        # written.
        rule = BlocklistRule()
        tries = [load_trie(name) for name in rule.lists]

        def key(piece: str) -> bool:
            return len(piece) >= rule.min_token_length and any(piece in t for t in tries)

        for separator in (" ", "-"):
            candidate = Candidate.from_password(separator.join(words) + "!")
            text = read_views(candidate)[0]
            together = joined(text)
            if together is None:
                continue
            forms = [f for f in (core(together), *core_forms(together)) if len(f) >= 4]
            listed = any(form in trie for form in forms for trie in tries)
            letters = core(together)
            between_letters = all(
                text[at - 1].isalpha() and text[at + 1].isalpha()
                for at, char in enumerate(text[:-1])
                if char == separator
            )
            two = between_letters and any(
                (key(a) or len(a) == 1) and (key(b) or len(b) == 1) and (key(a) or key(b))
                for at in range(1, len(letters))
                for a, b in ((letters[:at], letters[at:]),)
            )
            assert (rule._read(candidate) != read_views(candidate)) == (listed or two)

    @pytest.mark.parametrize(
        ("password", "read_joined"),
        [
            ("i love sammie1!", True),  # two listed words: ilove, sammie
            ("I love sammie", True),
            ("correct horse battery staple", False),  # four words: the separators count
            ("Va.71K4sU5", False),  # a separator beside a digit: not words
            ("I l0v3 3ric2023", False),  # two words only as typed, not through leet
        ],
    )
    def test_two_listed_words_with_separators_are_read_joined(
        self, password: str, read_joined: bool
    ) -> None:
        candidate = Candidate.from_password(password)
        rule = BlocklistRule()
        assert (rule._read(candidate) != read_views(candidate)) is read_joined

    def test_separated_single_characters(self) -> None:
        assert separated("p a s s w o r d") == "password"
        assert separated("p.a.s.s") == "pass"
        assert separated("pass word") == "pass word"


class TestJapanesePatterns:
    @pytest.mark.parametrize("password", ["Yoro4649!", "Saiko3150!", "Sankyu39!!", "Iikuni1192!"])
    @pytest.mark.parametrize(
        "preset", ["recommended", "kabucom", "fujitomi-fx", "fujitomi-commodity", "rakuten"]
    )
    def test_goroawase(self, password: str, preset: str) -> None:
        assert not credguard.load_policy(preset).check(password).ok
        assert _preset_match(preset, password) is not None

    def test_goroawase_digits_are_in_the_japanese_list(self) -> None:
        japanese = load_trie("japanese")
        assert all(number in japanese for number in ("4649", "3150", "1192", "14106", "0840"))

    def test_kana_keys(self) -> None:
        assert kana_words("xho2024!") == ((0, 3, "sakura"),)
        assert _match(BlocklistRule(lists=("japanese",)), "xho2024!") == (
            "japanese",
            "kana_keys",
        )
        assert _match(BlocklistRule(lists=("japanese",), kana_keys=False), "xho2024!") is None

    def test_voiced_marks(self) -> None:
        # さ゛ = ざ, は゜ = ぱ
        assert kana_words("x@f[b") == ((0, 5, "zapako"),)

    @pytest.mark.parametrize("password", ["Tr0ub4dor&3", "tr0ub4dor&3", "Correct-Horse-7"])
    def test_a_piece_of_a_word_is_not_read_as_kana(self, password: str) -> None:
        # "dor" spells しらす, but it holds three of the seven letters only.
        assert _match(BlocklistRule(), password) is None

    @pytest.mark.parametrize("keys", ["xh", "12345", "x@@"])
    def test_short_runs_and_digits_are_not_read(self, keys: str) -> None:
        # Under three kana, or digits (a number far more often than ぬふあうえ).
        assert kana_words(keys) == ()


ISSUE_21 = [
    "aaaaaaaaaaaaaaa",
    "123456789012345",
    "qwertyuiopasdfg",
    "passwordpassword",
    "pässword1234567",
    "p a s s w o r d 1 2 3",
]


class TestStandardsPresets:
    @pytest.mark.parametrize("password", ISSUE_21)
    @pytest.mark.parametrize("preset", ["nist-800-63b", "owasp-asvs", "recommended", "jsda-2025"])
    def test_expected_strings_are_refused(self, password: str, preset: str) -> None:
        assert not credguard.load_policy(preset).check(password).ok
        assert _preset_match(preset, password) is not None


class TestCustomWords:
    def test_policy_words(self) -> None:
        rule = BlocklistRule(lists=(), words=("Monex",))
        assert _match(rule, "Monex") == ("custom", "equals")
        assert _match(rule, "M0nex") == ("custom", "leet")
        assert _match(rule, "monex2024!") == ("custom", "contains")
        assert _match(rule, "xenom") == ("custom", "reversed")

    def test_custom_words_are_reported_first(self) -> None:
        assert _match(BlocklistRule(words=("dragon",)), "dragon") == ("custom", "equals")

    def test_custom_words_are_normalized(self) -> None:
        rule = BlocklistRule(lists=(), words=(" ＫａｂｕＣｏｍ ", "kabucom"))
        assert rule.words == ("kabucom",)


class TestFuzzy:
    @pytest.mark.parametrize(
        ("password", "refused"),
        [
            ("doraxmon", True),  # substitution
            ("dorxxmon", False),  # two edits
        ],
    )
    def test_edit_distance_one(self, password: str, refused: bool) -> None:
        rule = BlocklistRule(lists=("japanese",), fuzzy=True, kana_keys=False)
        assert (_match(rule, password) == ("japanese", "near_miss")) is refused

    def test_off_by_default(self) -> None:
        assert _match(BlocklistRule(lists=("japanese",), kana_keys=False), "doraxmon") is None

    def test_custom(self) -> None:
        rule = BlocklistRule(lists=(), words=("rakuten",), fuzzy=True)
        assert _match(rule, "rakuton") == ("custom", "near_miss")


class TestRule:
    def test_registered_before_strength(self) -> None:
        names = list(RULES)
        assert names.index("blocklist") < names.index("strength")

    def test_violation_names_the_list_never_the_word(self) -> None:
        policy = credguard.Policy(rules=(BlocklistRule(),))
        violation = policy.check("Tanaka1985").violations[0]
        assert violation.code == "blocklist.common"
        assert set(violation.params) == {"list", "how"}
        for lang in credguard.LANGS:
            assert "tanaka" not in policy.check("Tanaka1985").messages(lang)[0].casefold()

    @pytest.mark.parametrize(
        ("params", "key"),
        [
            ({"lists": ("klingon",)}, "lists"),
            ({"lists": (), "words": ()}, "lists"),
            ({"words": ("",)}, "words[0]"),
            ({"min_score": 0}, "min_score"),
            ({"min_token_length": 2}, "min_token_length"),
            ({"fuzzy": "yes"}, "fuzzy"),
            ({"min_word_length": 2}, "min_word_length"),
            ({"near_miss_min_length": 3}, "near_miss_min_length"),
        ],
    )
    def test_invalid_parameters(self, params: dict[str, object], key: str) -> None:
        with pytest.raises(credguard.PolicyError) as caught:
            BlocklistRule(**params)  # type: ignore[arg-type]
        assert caught.value.key == key

    def test_from_policy_file(self) -> None:
        policy = credguard.parse_policy('[rules.blocklist]\nmin_score = 6\nwords = ["Monex"]\n')
        assert policy.check("Monex2024").codes == ("blocklist.custom",)

    def test_long_input_is_accepted_after_one_len(self) -> None:
        rule = BlocklistRule(fuzzy=True)
        assert _match(rule, "password" * 100) is None

    def test_first_use_from_many_threads(self) -> None:
        rule = BlocklistRule()
        seen: list[tuple[str, str] | None] = []
        run_in_threads(lambda n: seen.append(_match(rule, "Sakura2024!")))
        assert seen == [("common", "contains")] * 8

    def test_cost_is_linear(self) -> None:
        # min_score high enough that nothing is accepted after one len().
        rule = BlocklistRule(min_score=64, fuzzy=True)
        small = Candidate.from_password("Xq7#password9!Lv" * 16)
        large = Candidate.from_password("Xq7#password9!Lv" * 32)
        gc.disable()
        try:
            best = [float("inf"), float("inf")]
            for _ in range(5):
                for index, candidate in enumerate((small, large)):
                    # CPU time, best of five: other processes do not count.
                    began = time.process_time()
                    rule.violations(candidate, EMPTY)
                    best[index] = min(best[index], time.process_time() - began)
        finally:
            gc.enable()
        # Linear: twice the text costs about twice the time (generous bound).
        assert best[1] <= 3 * best[0] + 5e-3


class TestProperties:
    @given(st.text(max_size=40))
    def test_never_raises_and_never_echoes(self, text: str) -> None:
        policy = credguard.Policy(rules=(BlocklistRule(words=("canary",), fuzzy=True),))
        result = policy.check(CANARY + text)
        for lang in credguard.LANGS:
            for message in result.messages(lang):
                assert CANARY not in message
                assert "canary" not in message.casefold()

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


def _rank(token: tuple[int, int, bool] | None) -> tuple[int, int]:
    """Ties prefer a token over a lone character, then the earlier source, then list
    over pattern over digits."""
    if token is None:
        return (3, 0)
    source = token[1]
    if source >= 0:
        return (0, source)
    return (1, 0) if source == scoring.PATTERN else (2, 0)


def _mostly_letters(piece: str) -> bool:
    return 2 * sum(map(str.isdigit, piece)) <= len(piece)


def _reference(views: tuple[str, ...], sources: list[Source], minimum: int) -> scoring.Cover:
    """The definition: every view asked at every position, then the DP over all positions."""
    text = views[0]
    size = len(text)
    tokens: list[list[tuple[int, int, bool]]] = [[] for _ in range(size)]
    for start, length in patterns_at(text).items():
        tokens[start].append((length, scoring.PATTERN, False))
    letters = any(char.isalpha() for char in text)
    longest = scoring.MAX_DIGIT_RUN if letters else scoring.NUMBER_DIGIT_RUN
    digit_run = re.compile(rf"(?<![0-9])[0-9]{{2,{longest}}}(?![0-9])")
    for match in digit_run.finditer(text):
        tokens[match.start()].append((match.end() - match.start(), scoring._DIGITS_SOURCE, False))
    # The leet view first: the order in which ties are broken.
    readings = [(views[1], True), (views[0], False), *((view, True) for view in views[2:])]
    for index, source in enumerate(sources):
        for view, is_leet in readings:
            for start in range(size):
                for key in source.prefixes(view, start):
                    if len(key) >= minimum:
                        piece = text[start : start + len(key)]
                        changed = is_leet and key != piece
                        if changed and not _mostly_letters(piece):
                            continue  # a number read as letters is not a word
                        tokens[start].append((len(key), index, changed))
    for index, source in enumerate(sources):  # short words: as typed, no leet
        for start in range(size - 2):
            if text[start : start + 3] in source.short:
                tokens[start].append((3, index, False))
    best = [0] * (size + 1)
    choice: list[tuple[int, int, bool] | None] = [None] * (size + 1)
    for start in range(size - 1, -1, -1):
        cost, chosen = best[start + 1] + 1, None
        for token in tokens[start]:
            option = 1 + best[start + token[0]]
            if option < cost or (option == cost and _rank(token) < _rank(chosen)):
                cost, chosen = option, token
        best[start], choice[start] = cost, chosen
    used, leet, words, loose, at = [], False, False, 0, 0
    while at < size:
        step = choice[at]
        if step is None:
            loose += text[at].isalpha()
            at += 1
            continue
        if step[1] != scoring._DIGITS_SOURCE:
            used.append(step[1])
            words = words or not text[at : at + step[0]].isdigit()
        leet = leet or step[2]
        at += step[0]
    first = choice[0] if size else None
    whole = first is not None and first[0] == size and first[1] != scoring._DIGITS_SOURCE
    refuses = words or whole or (bool(used) and loose < 2)
    return scoring.Cover(best[0], tuple(used), leet, whole, refuses)


_PIECES = st.sampled_from(
    [
        "password",
        "p@ss",
        "dr4g0n",
        "sakura",
        "4649",
        "2024",
        "123",
        "!",
        "1!",
        "@",
        "qwer",
        "aaa",
        "max",
        "b0b",
        "d0g",
    ]
) | st.text("abcxyz0123456789!@$|", min_size=1, max_size=3)


_LEETY = st.text("abeilostz0123456789!|@$ .-", max_size=14)
_DIGITS = st.text("0123456789", min_size=1, max_size=16)


def _sources(build: str) -> list[Source]:
    """The sources as the rule builds them (the tries' own C methods), or from prefixes only."""
    custom = WordSource(["monex", "dr4g0n"])
    if build == "rule":
        return list(BlocklistRule(words=("monex", "dr4g0n"))._sources())
    if build == "short":  # the three-letter words of recommended (short_words)
        return list(BlocklistRule(words=("monex", "dr4g0n"), short_words=3000)._sources())
    return [
        Source("custom", custom.prefixes, custom.screen),
        Source("common", load_trie("common").prefixes, load_trie("common").screen),
        Source("japanese", load_trie("japanese").prefixes, load_trie("japanese").screen),
    ]


class TestFastPath:
    """score() with its shortcuts and its limit finds what the definition finds."""

    def _check(self, password: str, build: str, minimum: int, limit: int) -> None:
        views = read_views(Candidate.from_password(password))
        sources = _sources(build)
        expected = _reference(views, sources, minimum)
        assert scoring.score(views, sources, minimum) == expected
        # Without the whole-text lookups first (what a gated rule does), the
        # search finds the same cover.
        assert scoring.score(views, sources, minimum, whole_first=False) == expected
        within = scoring.score(views, sources, minimum, limit)
        assert scoring.score(views, sources, minimum, limit, whole_first=False) == within
        if expected.score <= limit:
            assert within == expected
        else:
            assert within.score == limit + 1

    @settings(max_examples=400)
    @given(
        st.lists(_PIECES, max_size=6).map("".join),
        st.sampled_from(["rule", "short", "prefixes"]),
        st.integers(3, 6),
        st.integers(1, 8),
    )
    def test_same_cover_as_the_definition(
        self, password: str, build: str, minimum: int, limit: int
    ) -> None:
        self._check(password, build, minimum, limit)

    @settings(max_examples=300)
    @given(_LEETY | _DIGITS, st.sampled_from(["rule", "short", "prefixes"]), st.integers(1, 8))
    def test_leet_and_numbers_as_the_definition(
        self, password: str, build: str, limit: int
    ) -> None:
        # Numbers take the one-view path; leet characters, "1", "!" and "|"
        # give two or three views; the limit's last level asks membership only.
        self._check(password, build, 4, limit)

    @settings(max_examples=200)
    @given(st.text("abcdefghijklmnopqrstuvwxyz0123456789!@#$%^&*-_=+.?|", max_size=16))
    def test_screens_never_rule_out_a_key(self, text: str) -> None:
        common = load_trie("common")
        screened = Source("common", common.prefixes, common.screen)
        unscreened = Source("common", common.prefixes)
        for view in (text, *leet_views(text)):
            assert (view in screened) == (view in unscreened) == (view in common)


class TestCore:
    @given(st.text(st.characters(max_codepoint=127)).map(str.casefold))
    def test_ascii_core_is_strip_edges(self, view: str) -> None:
        assert edge_core(view) == strip_edges(view)


class TestPins:
    """Nearly every 4-digit number is in the common list: it says nothing about a PIN."""

    def test_a_plain_pin_is_not_refused_by_the_common_list(self) -> None:
        rule = BlocklistRule()
        for pin in ("1537", "5093", "8264"):
            assert run(rule, pin) == [], pin

    def test_a_pin_still_meets_patterns_the_japanese_list_and_the_policy_words(self) -> None:
        rule = BlocklistRule(words=("7777x", "2580"))
        assert codes(run(rule, "1234")) == ["blocklist.pattern"]
        assert codes(run(rule, "4649")) == ["blocklist.japanese"]
        assert codes(run(rule, "2580")) == ["blocklist.custom"]

    def test_longer_numbers_still_meet_the_common_list(self) -> None:
        assert codes(run(BlocklistRule(), "19850723")) == ["blocklist.common"]
