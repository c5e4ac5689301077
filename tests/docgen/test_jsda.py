"""docs/jsda-2025.md is generated from the presets and the jsda-2025 baseline (and current)."""

from __future__ import annotations

from pathlib import Path

import pytest

import credguard
from credguard._docgen.jsda import firm_presets, main, render_jsda_page
from tests.helpers import GOLDEN, IDS, ROOT

PAGE = ROOT / "docs" / "jsda-2025.md"


class TestJsdaPage:
    def test_page_is_current(self) -> None:
        assert PAGE.read_text(encoding="utf-8") == render_jsda_page(), (
            "docs/jsda-2025.md is stale: run python -m credguard._docgen.jsda docs/jsda-2025.md"
        )

    def test_firms_are_the_presets_that_are_not_baselines(self) -> None:
        firms = firm_presets()
        assert "moomoo" in firms
        assert "kabucom" in firms
        for name in ("jsda-2025", "nist-800-63b", "owasp-asvs", "recommended"):
            assert name not in firms
        assert len(firms) == len(credguard.list_presets()) - 4

    def test_summary_counts_match_the_golden_audit(self) -> None:
        page = render_jsda_page()
        firms = firm_presets()
        for index, requirement in enumerate(IDS):
            column = [GOLDEN[firm].split()[index] for firm in firms]
            counts = [column.count(c) for c in ("M", "N", "?")]
            row = f"| [{requirement}](#{requirement}) |"
            line = next(line for line in page.splitlines() if line.startswith(row))
            assert line.endswith(" | ".join(map(str, counts)) + " |"), line

    def test_each_firm_row_and_quote_is_shown(self) -> None:
        page = render_jsda_page()
        for firm in firm_presets():
            assert f"| [`{firm}`](presets.md#{firm}) |" in page
        assert "「ご出金時の追加認証は設定画面にて「なし」も選択可能です」" in page
        # Dated, and marked as older than the requirement.
        assert "| `kabucom` | **not met** | published 2022-03-15 † | `mfa.withdrawal`:" in page
        assert "| `gmo-click` | **not met** (3p) | undated | `mfa.withdrawal`:" in page
        assert "\n## login-mfa\n" in page

    def test_every_requirement_is_quoted_and_dated(self) -> None:
        page = render_jsda_page()
        for requirement in IDS:
            assert f"\n## {requirement}\n" in page
        assert page.count("**third-party**: press or blog wording") == len(IDS)
        assert page.count("in force from 2025-10-15.") == len(IDS)
        # A season is not a concrete schedule: kabucom's 2026年春 is unknown.
        assert "| `kabucom` | unknown | undated | `mfa.phishing_resistant_planned`:" in page

    def test_linked_from_the_index(self) -> None:
        index = (PAGE.parent / "index.md").read_text(encoding="utf-8")
        assert "(jsda-2025.md)" in index

    def test_check_mode(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        target = tmp_path / "jsda.md"
        assert main(["--check", str(target)]) == 1
        assert "stale" in capsys.readouterr().err
        assert main([str(target)]) == 0
        assert main(["--check", str(target)]) == 0
