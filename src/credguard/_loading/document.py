"""One policy file after reading: its text, its parsed tables and where it lives.

Every step of loading passes :class:`Document` along, so an error anywhere
can name the file, the line and the key path (:meth:`Document.error`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .._problems import Problem
from ..errors import PolicyError
from .lines import LineIndex

__all__ = ["Document"]


@dataclass(frozen=True, slots=True)
class Document:
    """One policy file, parsed and shape-checked."""

    file: str
    name: str
    data: Mapping[str, Any]
    text: str
    #: Directory for relative ``extends`` paths; None for presets.
    base: Path | None

    @property
    def index(self) -> LineIndex:
        """Lines of keys, scanned only when a line is needed (an error, a lint finding)."""
        return LineIndex(self.text)

    def error(self, problem: Problem, key: str) -> PolicyError:
        return PolicyError(problem, file=self.file, line=self.index.line_of(key), key=key)
