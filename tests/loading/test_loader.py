"""The public loading API end to end: errors name file, line and key; noise never escapes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import credguard
from credguard import PolicyError, parse_policy
from credguard._loading import as_policy
from credguard._sections import section_tables
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


class TestAsPolicy:
    def test_a_policy_is_returned_as_is(self) -> None:
        policy = parse_policy("[rules.length]\nmin = 9\n")
        assert as_policy(policy) is policy

    def test_a_name_or_path_is_loaded(self, tmp_path: Path) -> None:
        path = tmp_path / "p.toml"
        path.write_text("[rules.length]\nmin = 9\n", "utf-8")
        assert as_policy(path) == credguard.load_policy(path)
        assert as_policy("moomoo") == credguard.load_policy("moomoo")

    def test_an_unknown_preset_is_refused(self) -> None:
        with pytest.raises(credguard.UnknownPresetError):
            as_policy("no-such-preset")
