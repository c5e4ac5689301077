"""Line numbers of keys, and the dotted-key pre-check before parsing."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import credguard
from credguard import parse_policy
from credguard._loading.lines import LineIndex
from tests.helpers import error_of, write

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib


class TestLineIndex:
    def test_multiline_strings_and_arrays_are_skipped(self) -> None:
        text = (
            '[policy]\ndescription = """\n[rules.length]\nmin = 1\n"""\n'
            '[rules.keyboard]\nlayouts = [\n  "qwerty",\n]\nmax_run = 3\n'
            "[rules . 'length']\nmin = 2\n"
        )
        index = LineIndex(text)
        assert index.line_of("rules.keyboard.max_run") == 10
        assert index.line_of("rules.length") == 11
        assert index.line_of("rules.length.min") == 12
        assert index.line_of("rules.keyboard.layouts.0") == 7
        assert index.line_of("nothing.here") is None


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


# --- the index over generated documents ------------------------------------

_names = st.from_regex(r"[a-z][a-z0-9_]{0,5}", fullmatch=True)
# Text that looks like TOML structure, for the inside of strings.
_key_like = st.sampled_from(
    [
        "a.b.c = 1",
        "[fake.header]",
        "[[fake.array]]",
        "x = [",
        "]",
        "{",
        "# comment",
        "'",
        "'''",
        "quoted.'key' = 2",
        "a." * 300 + "a = 1",
        "[" + "a." * 300 + "a]",
    ]
)


@st.composite
def _multiline_basic(draw: st.DrawFn) -> str:
    # Escaped quotes (\""" does not end the string), escaped backslashes,
    # key-like lines; no piece starts with a quote, so none closes early.
    pieces = st.sampled_from(['\\"""', '\\"', "\\\\ ", "\n", "text "])
    return '"""' + "".join(draw(st.lists(st.one_of(_key_like, pieces), max_size=8))) + '"""'


@st.composite
def _multiline_literal(draw: st.DrawFn) -> str:
    lines = draw(st.lists(_key_like.filter(lambda s: "'''" not in s), max_size=4))
    return "'''\n" + "\n".join(lines) + "\n'''"


@st.composite
def _array(draw: st.DrawFn) -> str:
    items = draw(
        st.lists(st.one_of(_multiline_basic(), st.just('"]"'), st.just("{ a = 1 }")), max_size=3)
    )
    return "[\n" + ",\n".join(items) + ",\n]" if items else "[]"


_values = st.one_of(
    st.integers(-5, 5).map(str),
    st.just('"a [ string ] with # hash"'),
    _multiline_basic(),
    _multiline_literal(),
    _array(),
)


@st.composite
def _documents(draw: st.DrawFn) -> tuple[str, dict[str, int]]:
    """A valid TOML document and, for each key path it defines, its line."""
    lines: list[str] = []
    expected: dict[str, int] = {}

    def define(path: tuple[str, ...]) -> None:
        for end in range(1, len(path) + 1):
            expected.setdefault(".".join(path[:end]), len(lines))

    for number in range(draw(st.integers(1, 4))):
        header = (*draw(st.lists(_names, max_size=5)), f"t{number}")
        lines.append(f"[{'.'.join(header)}]")
        define(header)
        for index in range(draw(st.integers(0, 4))):
            key = (*draw(st.lists(_names, max_size=2)), f"k{index}")
            lines.append(f"{'.'.join(key)} = {draw(_values)}")
            define((*header, *key))
            lines.extend(lines.pop().split("\n"))
    return "\n".join(lines) + "\n", expected


@given(_documents())
def test_the_index_holds_exactly_the_keys_of_generated_documents(
    document: tuple[str, dict[str, int]],
) -> None:
    text, expected = document
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        assume(False)  # two generated keys met, like a.b = 1 then a = 2
    index = LineIndex(text)
    for path, line in expected.items():
        assert index.line_of(path) == line, path
    # Nothing from inside a string, array or inline table was indexed.
    assert len(index) == len(expected)


def test_a_1_mib_adversarial_file_is_indexed_in_bounded_time(tmp_path: Path) -> None:
    # A valid policy whose multi-line string holds an escaped \""" and then
    # a key of half a million parts: the old index ended the string at the
    # escape and stored every prefix of the key (1.2 GB for 64 KB).
    body = "a." * ((1 << 20) // 2 - 64) + "a = 1"
    text = (
        '[policy]\nname = "x"\ndescription = """\\"""\n' + body + '\n"""\n[rules.length]\nmin = 8\n'
    )
    assert len(text) <= 1 << 20
    started = time.perf_counter()
    findings = credguard.lint_policy(write(tmp_path / "p.toml", text))
    assert time.perf_counter() - started < 10.0  # about 0.3 s; the old index never ended
    assert [f.key for f in findings] == ["rules.length"]
    assert LineIndex(text).line_of("rules.length.min") == 7
