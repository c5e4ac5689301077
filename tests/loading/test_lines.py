"""Line numbers of keys, and the dotted-key pre-check before parsing."""

from __future__ import annotations

import time

import pytest

import credguard
from credguard import parse_policy
from credguard._loading.lines import LineIndex
from tests.helpers import error_of


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
