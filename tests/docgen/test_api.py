"""docs/api.md is generated from the docstrings and must be current and complete."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest

import credguard
import credguard.errors
import credguard.rules
from credguard._docgen.api import main, render_api
from tests.helpers import ROOT

PAGE = ROOT / "docs" / "api.md"


class TestApiPage:
    def test_page_is_current(self) -> None:
        assert PAGE.read_text(encoding="utf-8") == render_api(), (
            "docs/api.md is stale: run python -m credguard._docgen.api docs/api.md"
        )

    @pytest.mark.parametrize("module", [credguard, credguard.rules, credguard.errors])
    def test_every_public_name(self, module: object) -> None:
        page = render_api()
        prefix = module.__name__  # type: ignore[attr-defined]
        for name in module.__all__:  # type: ignore[attr-defined]
            assert f"### `{prefix}.{name}`" in page or f"- `{name}`: see [`" in page, name

    def test_signatures_and_docstrings(self) -> None:
        page = render_api()
        assert (
            "def load_policy(name_or_path: str | os.PathLike[str], *, advice: str = 'error')"
            " -> Policy" in page
        )
        docstring = inspect.cleandoc(credguard.load_policy.__doc__ or "")
        assert docstring
        assert docstring in page
        assert "| `check(self, password: str, *, context: UserContext \\| None = None" in page
        # Described once, referred to from the other modules.
        assert page.count("### `credguard.errors.PolicyError`") == 0
        assert "- `PolicyError`: see [`credguard.PolicyError`](#credguardpolicyerror)" in page

    def test_stable_output(self) -> None:
        page = render_api()
        assert " at 0x" not in page
        assert "frozenset({'passkey', 'pki'})" in page

    def test_check_mode(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        target = tmp_path / "api.md"
        assert main(["--check", str(target)]) == 1
        assert "stale" in capsys.readouterr().err
        assert main([str(target)]) == 0
        assert main(["--check", str(target)]) == 0
