"""The built presets shipped in ``presets/built/`` are current; the generator's modes."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

import credguard
from credguard._docgen.built_presets import encode, main, render_built
from tests.helpers import ROOT

SHIPPED = ROOT / "src" / "credguard" / "presets" / "built"


def test_shipped_built_presets_are_current() -> None:
    assert main(["--check", str(SHIPPED)]) == 0
    assert sorted(p.stem for p in SHIPPED.glob("*.json")) == credguard.list_presets()


def test_check_mode(tmp_path: Path) -> None:
    target = tmp_path / "built"
    assert main(["--check", str(target)]) == 1  # missing
    assert main([str(target)]) == 0
    assert main(["--check", str(target)]) == 0
    assert (target / "moomoo.json").read_text("utf-8") == render_built("moomoo")
    (target / "gone.json").write_text("{}", "utf-8")
    assert main(["--check", str(target)]) == 1  # left over
    assert main([str(target)]) == 0
    assert not (target / "gone.json").exists()
    (target / "sbi.json").write_text(render_built("sbi").replace('"sbi"', '"sbj"'), "utf-8")
    assert main(["--check", str(target)]) == 1  # stale


@pytest.mark.parametrize("argv", [[], ["a", "b"], ["--chek"]])
def test_usage(argv: list[str]) -> None:
    assert main(argv) == 2


def test_repeated_objects_are_shared() -> None:
    data = json.loads(render_built("recommended"))
    assert data["shared"]
    assert '"@ref"' in json.dumps(data["policy"])


@dataclass(frozen=True)
class _Odd:
    value: object  # a field of a type JSON has no tag for


@pytest.mark.parametrize("value", [{1: "a"}, Path("x"), b"bytes", [1]])
def test_values_json_cannot_carry_are_refused(value: object) -> None:
    with pytest.raises(TypeError):
        encode(_Odd(value))  # type: ignore[arg-type]  # any dataclass is encoded alike
