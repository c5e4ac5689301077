"""docs/presets.md is generated from the preset files and must be current."""

from __future__ import annotations

from pathlib import Path

import pytest

import credguard
from credguard._docgen.presets import main, render_presets_page
from credguard._sections import section_tables
from tests.helpers import ROOT

PAGE = ROOT / "docs" / "presets.md"


class TestPresetsPage:
    def test_page_is_current(self) -> None:
        assert PAGE.read_text(encoding="utf-8") == render_presets_page(), (
            "docs/presets.md is stale: run python -m credguard._docgen.presets docs/presets.md"
        )

    def test_page_has_every_preset_quote_and_assumption(self) -> None:
        page = render_presets_page()
        for name in credguard.list_presets():
            assert f"\n## {name}\n" in page
            policy = credguard.load_policy(name)
            for rule in policy.rules:
                prov = policy.provenance_of(rule.NAME)
                for text in (prov.quote, prov.assumed):
                    assert text in page

    def test_page_shows_every_measure_with_its_quote(self) -> None:
        page = render_presets_page()
        for name in credguard.list_presets():
            for path, section in section_tables(credguard.load_policy(name)):
                if section.known:
                    assert f"- **{path}**: " in page, (name, path)
                for text in (section.provenance.quote, section.provenance.note):
                    assert text in page, (name, path)
        assert '`mode = "risk_based"`' in page

    def test_check_mode(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        target = tmp_path / "presets.md"
        assert main(["--check", str(target)]) == 1
        assert "stale" in capsys.readouterr().err
        assert main([str(target)]) == 0
        assert main(["--check", str(target)]) == 0
        assert main([]) == 2

    @pytest.mark.parametrize("flag", ["--help", "-h"])
    def test_help_writes_no_file(
        self,
        flag: str,
        tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str],
    ) -> None:
        monkeypatch.chdir(tmp_path)
        assert main([flag]) == 0
        assert "usage:" in capsys.readouterr().out
        assert list(tmp_path.iterdir()) == []

    def test_option_like_path_is_refused(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.chdir(tmp_path)
        assert main(["--output"]) == 2
        assert list(tmp_path.iterdir()) == []
