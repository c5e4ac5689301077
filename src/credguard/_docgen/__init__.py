"""The generated files: ``docs/presets.md``, ``jsda-2025.md``, ``api.md``, the JSON Schema
and the built presets.

Each generator is a module run as ``python -m credguard._docgen.<name> [--check] PATH``
(``presets``, ``jsda``, ``api``, ``schema``; ``built_presets`` writes a folder);
``--check`` exits 1 when the file on disk is stale, which the test suite runs for
every generated file.  Nothing here is imported by the check path.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path

__all__ = ["cell", "generate", "parse_target"]


def cell(text: str) -> str:
    """*text* made safe for one cell of a Markdown table."""
    return text.replace("|", "\\|").replace("\n", " ")


def parse_target(argv: Sequence[str], module: str, what: str = "PATH") -> tuple[Path, bool] | int:
    """``(path, check)`` from a generator's *argv*, or the exit status of ``--help`` or a misuse."""
    check = "--check" in argv
    paths = [a for a in argv if a != "--check"]
    usage = f"usage: python -m {module} [--check] {what}"
    if any(a in ("-h", "--help") for a in paths):
        print(usage)
        return 0
    # An option-like path is a mistyped flag, not a file to overwrite.
    if len(paths) != 1 or paths[0].startswith("-"):
        print(usage, file=sys.stderr)
        return 2
    return Path(paths[0]), check


def generate(argv: Sequence[str], module: str, render: Callable[[], str]) -> int:
    """Write *render()* to the one path in *argv*, or with ``--check`` compare it.

    Shared by the generated files (this page and the JSON Schema).
    """
    target = parse_target(argv, module)
    if isinstance(target, int):
        return target
    path, check = target
    text = render()
    if check:
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            print(f"{path} is stale: run python -m {module} {path}", file=sys.stderr)
            return 1
        return 0
    path.write_text(text, encoding="utf-8")
    return 0
