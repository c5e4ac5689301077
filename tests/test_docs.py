"""Run every ```python block in README.md and docs/*.md, so examples cannot rot.

Blocks in one file run in order in one namespace, like a reader typing them
into one session.  A block whose info string is ``python no-run`` is skipped
(for fragments that need a server or a Django project).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.helpers import ROOT, python_blocks

DOCUMENTS = sorted([ROOT / "README.md", *(ROOT / "docs").glob("*.md")])


class TestDocumentationExamples:
    def test_documents_exist(self) -> None:
        assert (ROOT / "README.md").exists()
        assert len(DOCUMENTS) >= 3

    @pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
    def test_examples_run(self, path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        namespace: dict[str, object] = {"__name__": f"docs_{path.stem}"}
        for number, block in enumerate(python_blocks(path), start=1):
            # dont_inherit: a reader's code does not have this module's
            # ``from __future__ import annotations`` (Pydantic models care).
            code = compile(block, f"{path.name}[block {number}]", "exec", dont_inherit=True)
            exec(code, namespace)  # noqa: S102 - our own documentation

    def test_readme_has_python_examples(self) -> None:
        assert len(python_blocks(ROOT / "README.md")) >= 2


class TestReadmeLinks:
    """PyPI shows the README without the repository: its links must be absolute."""

    REPOSITORY = "https://github.com/credguard/credguard-policy"
    LINK = re.compile(r"\]\(([^)\s]+)\)")

    def test_links_are_absolute_and_name_existing_files(self) -> None:
        links = self.LINK.findall((ROOT / "README.md").read_text(encoding="utf-8"))
        assert len(links) >= 10
        prefix = f"{self.REPOSITORY}/blob/main/"
        for link in links:
            assert link.startswith(prefix), link
            assert (ROOT / link.removeprefix(prefix).partition("#")[0]).is_file(), link
