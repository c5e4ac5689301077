"""The shape check: keys that would bring a pattern language are refused."""

from __future__ import annotations

import pytest

from tests.helpers import error_of


class TestRegularExpressions:
    @pytest.mark.parametrize("key", ["regex", "pattern", "match"])
    def test_regular_expressions_are_refused(self, key: str) -> None:
        error = error_of(f'[rules.length]\nmin = 8\n{key} = "(a+)+$"\n')
        assert "regular expressions are not allowed" in error.problem
        assert error.line == 3

    def test_regex_rule_table_is_refused(self) -> None:
        assert "regular expressions" in error_of('[rules.regex]\nvalue = "x"\n').problem
