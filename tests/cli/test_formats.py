"""``_cli._formats.Summary``: rows counted by their tuple of codes."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from credguard._cli import _formats
from credguard._cli._formats import Summary

CODES = st.sampled_from(
    ("length.too_short", "classes.too_few", "blocklist.common", "blocklist.japanese", "x")
)
ROWS = st.lists(st.tuples(st.booleans(), st.lists(CODES, max_size=4).map(tuple)), max_size=60)


def reference(rows: list[tuple[bool, tuple[str, ...]]]) -> tuple[Counter[str], Counter[str]]:
    """The definition: each row adds one to each of its distinct codes and rules."""
    codes: Counter[str] = Counter()
    rules: Counter[str] = Counter()
    for _, found in rows:
        codes.update(set(found))
        rules.update({code.partition(".")[0] for code in found})
    return codes, rules


class TestSummary:
    @given(rows=ROWS, fold_at=st.sampled_from((1, 2, 3, _formats.FOLD_AT)))
    def test_same_as_the_definition(
        self, rows: list[tuple[bool, tuple[str, ...]]], fold_at: int
    ) -> None:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(_formats, "FOLD_AT", fold_at)
            summary = Summary()
            for ok, found in rows:
                summary.add(ok, found)
        assert (summary.codes, summary.rules) == reference(rows)
        assert (summary.checked, summary.passed) == (len(rows), sum(ok for ok, _ in rows))
        assert len(summary.by_codes) < fold_at or fold_at == _formats.FOLD_AT

    def test_as_dict_ranks_codes_and_rules(self) -> None:
        summary = Summary()
        for found in (("b.x", "a.y"), ("a.y",), ("a.y", "a.z", "a.y"), ()):
            summary.add(not found, found)
        stats = summary.as_dict(statistics=True)
        assert stats["codes"] == {"a.y": 3, "a.z": 1, "b.x": 1}
        assert stats["rules"] == {"a": 3, "b": 1}
        assert (stats["checked"], stats["passed"], stats["failed"]) == (4, 1, 3)
