"""The policy loader: shape, types, contradictions, extends, line numbers."""

from __future__ import annotations

import hashlib
import os
import re
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import credguard
from credguard import PolicyError, parse_policy
from credguard._loading import MAX_EXTENDS_DEPTH, MAX_POLICY_BYTES, _LineIndex
from credguard._sections import section_tables
from credguard.rules import LengthRule
from tests.helpers import ROOT, error_of


class TestErrors:
    @pytest.mark.parametrize(
        ("text", "line", "key", "fragment"),
        [
            ("[rules.lenght]\nmin = 3\n", 1, "rules.lenght", "did you mean 'length'"),
            ("[rules.length]\nmni = 3\n", 2, "rules.length.mni", "did you mean 'min'"),
            ("[rules.length]\nmin = 30\nmax = 20\n", 3, "rules.length.max", "less than min"),
            (
                '[rules.length]\nmin = "8"\n',
                2,
                "rules.length.min",
                "must be an integer, not string",
            ),
            ("[rules.length]\nmin = 8.5\n", 2, "rules.length.min", "not float"),
            ('[rules.charset]\nallow = "digit"\n', 2, "rules.charset.allow", "an array of strings"),
            ('[rules.charset]\nallow = ["digit", 3]\n', 2, "rules.charset.allow", "array"),
            (
                '[rules.charset]\nallow = ["digits"]\n',
                2,
                "rules.charset.allow",
                "not one of upper, lower",
            ),
            ('[rules.length]\nseverity = "fatal"\n', 2, "rules.length.severity", "one of"),
            ('[policy]\nnam = "x"\n', 2, "policy.nam", "did you mean 'name'"),
            ("[policy]\nname = 3\n", 2, "policy.name", "must be a string"),
            ("[rule.length]\nmin = 3\n", 1, "rule", "did you mean 'rules'"),
            ("[kinds.trading.rules.length]\nmin = 3\n", 1, "kinds.trading", "did you mean 'trade'"),
            ("[kinds.login.rules.length]\nmin = 3\n", 1, "kinds.login", "[rules.*]"),
            (
                "[kinds.trade.rules.lenght]\nmin = 3\n",
                1,
                "kinds.trade.rules.lenght",
                "unknown rule",
            ),
            ("[kinds.trade]\nrule = 3\n", 2, "kinds.trade.rule", "did you mean 'rules'"),
            ("rules = 3\n", 1, "rules", "must be a table"),
            (
                "[lockout]\nmax_failure = 3\n",
                2,
                "lockout.max_failure",
                "did you mean 'max_failures'",
            ),
            ("[lockout]\nmax_failures = 0\n", 2, "lockout.max_failures", "between 1 and"),
            (
                "[lockout]\nauto_unlock = false\nlock_minutes = 30\n",
                3,
                "lockout.lock_minutes",
                "never expires",
            ),
            (
                '[session]\nidle_timeout_minutes = "30"\n',
                2,
                "session.idle_timeout_minutes",
                "integer",
            ),
            ("[rules.length]\nquote = 3\n", 2, "rules.length.quote", "must be a string"),
            ('[rules.length]\nenabled = "no"\n', 2, "rules.length.enabled", "true or false"),
        ],
    )
    def test_error_names_file_line_and_key(
        self, text: str, line: int, key: str, fragment: str
    ) -> None:
        error = error_of(text)
        assert error.file == "p.toml"
        assert error.line == line
        assert error.key == key
        assert fragment in error.problem
        assert str(error).startswith(f"p.toml:{line}: {key}: ")

    @pytest.mark.parametrize("key", ["regex", "pattern", "match"])
    def test_regular_expressions_are_refused(self, key: str) -> None:
        error = error_of(f'[rules.length]\nmin = 8\n{key} = "(a+)+$"\n')
        assert "regular expressions are not allowed" in error.problem
        assert error.line == 3

    def test_regex_rule_table_is_refused(self) -> None:
        assert "regular expressions" in error_of('[rules.regex]\nvalue = "x"\n').problem

    @pytest.mark.parametrize(
        ("text", "key", "fragment"),
        [
            (
                "[rules.length]\nmin = 4\nmax = 4\n[rules.classes]\n"
                'required = ["upper", "lower", "digit", "symbol", "space"]\n',
                "rules.classes.required",
                "needs at least 5 characters but length.max is 4",
            ),
            (
                "[rules.length]\nmin = 2\nmax = 3\n[rules.classes]\nmin_counts = {digit = 4}\n",
                "rules.classes.min_counts",
                "length.max is 3",
            ),
            (
                '[rules.charset]\nallow = ["lower", "digit"]\n'
                '[rules.classes]\nrequired = ["upper"]\n',
                "rules.classes.required",
                "charset.allow excludes",
            ),
            (
                '[rules.charset]\nallow = ["lower", "digit"]\n[rules.classes]\nmin_classes = 3\n',
                "rules.classes.min_classes",
                "permits only 2",
            ),
            (
                '[rules.charset]\nallow = ["digit"]\n'
                '[kinds.trade.rules.classes]\nrequired = ["symbol"]\n',
                "kinds.trade.rules.classes.required",
                "excludes",
            ),
        ],
    )
    def test_contradictions(self, text: str, key: str, fragment: str) -> None:
        error = error_of(text)
        assert error.key == key
        assert fragment in error.problem
        assert error.line is not None

    def test_invalid_toml_has_its_line(self) -> None:
        error = error_of('[policy]\nname = "x"\nbroken =\n')
        assert error.line == 3
        assert error.problem.startswith("invalid TOML")

    def test_deep_nesting_is_a_policy_error(self) -> None:
        error = error_of("a = " + "[" * 100_000)
        assert "invalid TOML" in error.problem

    def test_size_cap_before_parsing(self) -> None:
        error = error_of("#" * (MAX_POLICY_BYTES + 1))
        assert "larger than" in error.problem

    def test_size_cap_counts_bytes(self) -> None:
        # Under the cap in code points, over it in UTF-8 bytes.
        error = error_of("#" + "あ" * (MAX_POLICY_BYTES // 3 + 1))
        assert "larger than" in error.problem

    def test_file_too_large_is_refused_before_reading(self, tmp_path: Path) -> None:
        path = tmp_path / "big.toml"
        path.write_bytes(b"#" * (MAX_POLICY_BYTES + 1))
        with pytest.raises(PolicyError, match="larger than"):
            credguard.load_policy(path)

    def test_invalid_utf8_names_the_line(self, tmp_path: Path) -> None:
        path = tmp_path / "bad.toml"
        path.write_bytes(b'[policy]\nname = "\xff"\n')
        with pytest.raises(PolicyError) as info:
            credguard.load_policy(path)
        assert info.value.line == 2

    def test_missing_file(self, tmp_path: Path) -> None:
        with pytest.raises(PolicyError, match="cannot read"):
            credguard.load_policy(tmp_path / "missing.toml")

    def test_unknown_preset_suggests(self) -> None:
        with pytest.raises(credguard.UnknownPresetError) as info:
            credguard.load_policy("mizuh")
        assert "mizuho" in info.value.suggestions


class TestKinds:
    def test_kind_inherits_login_and_overrides(self) -> None:
        policy = parse_policy(
            "[rules.length]\nmin = 6\nmax = 16\n"
            "[kinds.trade.rules.length]\nmin = 8\n"
            "[kinds.trade.rules.classes]\nmin_classes = 2\n"
        )
        trade = {r.NAME: r for r in policy.rules_for("trade")}
        assert trade["length"] == LengthRule(min=8, max=16)  # max is inherited
        assert "classes" in trade
        assert policy.rules_for("withdrawal") == policy.rules
        assert not policy.check("Ab3456", kind="trade").ok
        assert policy.check("Ab3456", kind="login").ok

    def test_kind_can_disable_a_rule(self) -> None:
        policy = parse_policy(
            "[rules.sequence]\nmax_run = 3\n[kinds.withdrawal.rules.sequence]\nenabled = false\n"
        )
        assert policy.check("x12345678").codes == ("sequence.ascending",)
        assert policy.check("x12345678", kind="withdrawal").ok


class TestProvenance:
    def test_rule_and_section_provenance_is_kept(self) -> None:
        policy = parse_policy(
            '[rules.length]\nmin = 8\nsource = "https://example.jp/"\nquote = "8文字以上"\n'
            "retrieved = 2025-01-02\n"
            '[kinds.trade.rules.length]\nmin = 10\nassumed = "trade is longer"\n'
            '[lockout]\nmax_failures = 5\nquote = "5回"\n',
            file="/x/firm.toml",
        )
        login = policy.provenance_of("length")
        assert login.quote == "8文字以上"
        assert login.retrieved == "2025-01-02"
        assert login.origin == "firm"
        # A table with its own provenance replaces the inherited one.
        trade = policy.provenance_of("length", "trade")
        assert trade.assumed == "trade is longer"
        assert trade.quote == ""
        assert policy.provenance_of("length", "withdrawal") == login
        assert policy.lockout.max_failures == 5
        assert policy.lockout.provenance.quote == "5回"
        assert policy.session.idle_timeout_minutes is None  # absent = unknown
        assert not policy.session.known

    def test_metadata(self) -> None:
        policy = parse_policy(
            '[policy]\nname = "firm"\ntitle = "T"\ntitle_ja = "題"\npublished = 2024-03-16\n'
            'source = "https://example.jp/"\n'
        )
        assert (policy.name, policy.title, policy.title_ja) == ("firm", "T", "題")
        assert policy.meta.published == "2024-03-16"
        assert policy.meta.source == "https://example.jp/"


class TestExtends:
    def test_extends_a_preset(self) -> None:
        policy = parse_policy(
            '[policy]\nname = "mine"\nextends = "moomoo"\n[rules.length]\nmin = 12\n'
        )
        assert policy.meta.extends == ("moomoo",)
        assert policy.rules[0] == LengthRule(min=12, max=20)
        assert policy.lockout.max_failures == 10
        # The quote was about 8-20; the child's table brings no provenance, so
        # the inherited one stays, marked with its origin.
        assert policy.provenance_of("length").origin == "moomoo"

    def test_extends_a_relative_file(self, tmp_path: Path) -> None:
        (tmp_path / "base.toml").write_text("[rules.length]\nmin = 10\nmax = 30\n", "utf-8")
        child = tmp_path / "child.toml"
        child.write_text('[policy]\nextends = "base.toml"\n[rules.length]\nmax = 12\n', "utf-8")
        policy = credguard.load_policy(child)
        assert policy.rules[0] == LengthRule(min=10, max=12)

    def test_error_after_merge_points_at_the_child(self, tmp_path: Path) -> None:
        (tmp_path / "base.toml").write_text("[rules.length]\nmin = 10\n", "utf-8")
        child = tmp_path / "child.toml"
        child.write_text('[policy]\nextends = "base.toml"\n\n[rules.length]\nmax = 6\n', "utf-8")
        with pytest.raises(PolicyError) as info:
            credguard.load_policy(child)
        assert info.value.file == str(child)
        assert (info.value.line, info.value.key) == (5, "rules.length.max")

    def test_error_in_parent_names_the_parent(self, tmp_path: Path) -> None:
        (tmp_path / "base.toml").write_text("[rules.length]\nmni = 10\n", "utf-8")
        child = tmp_path / "child.toml"
        child.write_text('[policy]\nextends = "base.toml"\n', "utf-8")
        with pytest.raises(PolicyError) as info:
            credguard.load_policy(child)
        assert info.value.line == 2
        assert "base.toml" in str(info.value)

    def test_cycle(self, tmp_path: Path) -> None:
        (tmp_path / "a.toml").write_text('[policy]\nextends = "b.toml"\n', "utf-8")
        (tmp_path / "b.toml").write_text('[policy]\nextends = "a.toml"\n', "utf-8")
        with pytest.raises(PolicyError, match="extends cycle") as info:
            credguard.load_policy(tmp_path / "a.toml")
        assert info.value.key == "policy.extends"

    def test_self_cycle(self, tmp_path: Path) -> None:
        (tmp_path / "a.toml").write_text('[policy]\nextends = "./a.toml"\n', "utf-8")
        with pytest.raises(PolicyError, match="extends cycle"):
            credguard.load_policy(tmp_path / "a.toml")

    def test_depth_cap(self, tmp_path: Path) -> None:
        for i in range(MAX_EXTENDS_DEPTH + 2):
            (tmp_path / f"p{i}.toml").write_text(f'[policy]\nextends = "p{i + 1}.toml"\n', "utf-8")
        (tmp_path / f"p{MAX_EXTENDS_DEPTH + 2}.toml").write_text("", "utf-8")
        with pytest.raises(PolicyError, match="longer than"):
            credguard.load_policy(tmp_path / "p0.toml")

    def test_unknown_preset_in_extends(self) -> None:
        error = error_of('[policy]\nextends = "recomended"\n')
        assert "did you mean 'recommended'" in error.problem
        assert error.line == 2

    def test_missing_parent_file(self, tmp_path: Path) -> None:
        child = tmp_path / "child.toml"
        child.write_text('[policy]\nextends = "nope.toml"\n', "utf-8")
        with pytest.raises(PolicyError, match="cannot extend"):
            credguard.load_policy(child)


class TestLineIndex:
    def test_multiline_strings_and_arrays_are_skipped(self) -> None:
        text = (
            '[policy]\ndescription = """\n[rules.length]\nmin = 1\n"""\n'
            '[rules.keyboard]\nlayouts = [\n  "qwerty",\n]\nmax_run = 3\n'
            "[rules . 'length']\nmin = 2\n"
        )
        index = _LineIndex(text)
        assert index.line_of("rules.keyboard.max_run") == 10
        assert index.line_of("rules.length") == 11
        assert index.line_of("rules.length.min") == 12
        assert index.line_of("rules.keyboard.layouts.0") == 7
        assert index.line_of("nothing.here") is None

    def test_path_object_and_string_path_load_alike(self, tmp_path: Path) -> None:
        path = tmp_path / "p.toml"
        path.write_text("[rules.length]\nmin = 9\n", "utf-8")
        assert credguard.load_policy(path) == credguard.load_policy(os.fspath(path))


class TestDocumentedExamples:
    def test_toml_examples_in_the_format_page_load(self) -> None:
        page = ROOT / "docs" / "policy-format.md"
        blocks = re.findall(r"^```toml\n(.*?)^```", page.read_text("utf-8"), re.S | re.M)
        assert blocks
        for block in blocks:
            policy = parse_policy(block, file="example.toml")
            # Every example states something: rules, or account-protection measures.
            assert policy.rules or any(s.known for _, s in section_tables(policy))


_KEYS = [
    "policy",
    "rules",
    "kinds",
    "lockout",
    "session",
    "trade",
    "length",
    "min",
    "max",
    "classes",
    "charset",
    "allow",
    "required",
    "extends",
    "max_failures",
    "quote",
    "x",
]
_VALUES = st.one_of(
    st.integers(-5, 2000),
    st.booleans(),
    st.sampled_from(['"digit"', '"recommended"', '"a.toml"', "1.5", "2024-01-01", '"無"']),
    st.lists(st.sampled_from(['"upper"', '"digit"', "3", '"x"']), max_size=4).map(
        lambda items: "[" + ", ".join(items) + "]"
    ),
)


@st.composite
def _documents(draw: st.DrawFn) -> str:
    lines: list[str] = []
    for _ in range(draw(st.integers(0, 8))):
        if draw(st.booleans()):
            path = draw(st.lists(st.sampled_from(_KEYS), min_size=1, max_size=4))
            lines.append("[" + ".".join(path) + "]")
        else:
            key = draw(st.sampled_from(_KEYS))
            lines.append(f"{key} = {draw(_VALUES)}")
    return "\n".join(lines) + "\n"


def _outcome(text: str) -> credguard.Policy | PolicyError:
    """The policy, or the PolicyError; any other exception escapes and fails the test."""
    try:
        return parse_policy(text, file="fuzz.toml")
    except PolicyError as error:
        return error


class TestNeverATraceback:
    @given(_documents())
    def test_structured_noise_gives_a_policy_or_a_policy_error(self, text: str) -> None:
        outcome = _outcome(text)
        if isinstance(outcome, PolicyError):
            assert outcome.file == "fuzz.toml"
            assert outcome.problem
        else:
            assert isinstance(outcome, credguard.Policy)

    @given(st.text(max_size=200))
    def test_arbitrary_text(self, text: str) -> None:
        outcome = _outcome(text)
        assert isinstance(outcome, (PolicyError, credguard.Policy))


class TestDottedKeyCost:
    """tomllib takes quadratic time on long dotted keys; they are refused first."""

    @pytest.mark.parametrize(
        "text",
        [
            "a." * 30_000 + "a = 1",
            "[" + "a." * 30_000 + "a]",
            '"x".' * 20_000 + '"x" = 1',
            "x = {" + "a . " * 30_000 + "a = 1}",
        ],
        ids=["key", "header", "quoted", "inline"],
    )
    def test_long_dotted_keys_are_refused_quickly(self, text: str) -> None:
        started = time.perf_counter()
        error = error_of(text)
        # Parsing the first of these took about 30 seconds before the check.
        assert time.perf_counter() - started < 2.0
        assert "more than 16 parts" in error.problem
        assert error.line == 1

    @pytest.mark.parametrize(
        "text",
        [
            '[policy]\ndescription = "a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r.s"\n',
            "[policy]\ndescription = '''\na.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r.s = 1\n'''\n",
            '[policy]\ndescription = """\\\\"""\nname = "x"\n',
            "# a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r.s = 1\n[rules.length]\nmin = 8\n",
            "[kinds.trade.rules.classes]\nmin_counts.digit = 2\n",
        ],
    )
    def test_dots_in_strings_and_comments_do_not_count(self, text: str) -> None:
        assert isinstance(parse_policy(text), credguard.Policy)

    def test_line_of_a_deep_key_after_a_multiline_string(self) -> None:
        text = 'x = """\n\n"""\n' + "a." * 20 + "a = 1\n"
        assert error_of(text).line == 4


class TestCredentialRuleTables:
    @pytest.mark.parametrize(
        ("text", "key", "fragment"),
        [
            (
                '[rules.separation]\ndiffer_from = ["trade"]\n',
                "rules.separation.differ_from",
                "the trade password cannot differ from itself (it inherits login's rules",
            ),
            (
                '[kinds.trade.rules.separation]\ndiffer_from = ["trade"]\n',
                "kinds.trade.rules.separation.differ_from",
                "the trade password cannot differ from itself",
            ),
            (
                '[rules.separation]\ndiffer_from = ["login"]\n',
                "rules.separation.differ_from",
                "the login password cannot differ from itself",
            ),
            (
                '[rules.history]\ngenerations = 5\nhasher = "argon2"\n',
                "rules.history.hasher",
                "is set in code",
            ),
        ],
    )
    def test_errors(self, text: str, key: str, fragment: str) -> None:
        error = error_of(text)
        assert error.key == key
        assert fragment in error.problem
        assert error.line is not None

    def test_both_sides_of_a_separation(self) -> None:
        policy = parse_policy(
            '[rules.separation]\ndiffer_from = ["trade"]\n'
            '[kinds.trade.rules.separation]\ndiffer_from = ["login"]\n'
            "[kinds.withdrawal.rules.separation]\nenabled = false\n"
        )
        assert [r.NAME for r in policy.rules_for("withdrawal")] == []
        trade = policy.rules_for("trade")[0]
        assert trade.NAME == "separation"
        assert trade == policy.kinds["trade"][0]


class TestPathParameters:
    def test_breach_file_is_relative_to_the_policy_file(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        leaked = "Zx9!leaked-pw"
        digests = sorted(
            hashlib.sha1(p.encode(), usedforsecurity=False).hexdigest().upper()
            for p in (leaked, "other-1", "other-2")
        )
        (tmp_path / "pwned.txt").write_text("".join(f"{d}:7\n" for d in digests), "utf-8")
        (tmp_path / "policy.toml").write_text(
            '[rules.breached]\nfile = "pwned.txt"\nassumed = "a local corpus"\n', "utf-8"
        )
        elsewhere = tmp_path / "elsewhere"
        elsewhere.mkdir()
        monkeypatch.chdir(elsewhere)
        policy = credguard.load_policy(tmp_path / "policy.toml")
        assert policy.check(leaked).codes == ("breached.found",)
        assert policy.check("Zx9!not-leaked").ok
