"""Checking a policy file: the library side of ``credguard lint``.

Errors are what :func:`~credguard.load_policy` would refuse; warnings are
tables that do not say where they come from.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Final, Literal

from .._catalogue import Lang
from .._loading import collect_problems, read_document
from .._plain import as_dict
from .._sections import PROVENANCE_KEYS, SECTIONS, events_of
from ..errors import PolicyError, UnknownPresetError

__all__ = ["LINT_WARNINGS", "LintFinding", "LintSeverity", "lint_policy"]

LintSeverity = Literal["error", "warning"]

#: The warnings' wording: code -> (English, Japanese).
LINT_WARNINGS: Final[Mapping[str, tuple[str, str]]] = {
    "lint.no_name": (
        "no name: the policy is named after its file",
        "name がありません。ポリシー名にはファイル名が使われます",
    ),
    "lint.no_provenance": (
        'no provenance: add source and quote, or assumed = "<reason>"',
        '出典がありません。source と quote を書くか、assumed = "<理由>" を書いてください',
    ),
    "lint.quote_without_source": (
        "a quote without a source",
        "quote に対応する source がありません。引用元の URL を source に書いてください",
    ),
}


@dataclass(frozen=True, slots=True)
class LintFinding:
    """One problem in a policy file; ``str()`` gives ``file:line: key: problem``.

    ``code`` names a warning (``lint.no_name``, ``lint.no_provenance``,
    ``lint.quote_without_source``) or, for an error, the loader's problem id
    (:attr:`PolicyError.problem_id <credguard.PolicyError.problem_id>`, e.g.
    ``shape.unknown_key``; ``""`` for an unknown preset), so a tool can tell
    problems apart; :meth:`message_in` words the finding in English or Japanese.
    """

    file: str
    line: int | None
    key: str
    problem: str
    severity: LintSeverity = "error"
    code: str = ""
    #: The loader's error behind an error finding (it words the problem in Japanese).
    error: PolicyError | UnknownPresetError | None = field(default=None, repr=False, compare=False)

    def problem_in(self, lang: Lang) -> str:
        """The problem alone in *lang* (``"en"`` is :attr:`problem`)."""
        if isinstance(self.error, PolicyError):
            return self.error.problem_in(lang)
        if self.error is not None:
            return self.error.message_in(lang)
        if self.code in LINT_WARNINGS:
            return LINT_WARNINGS[self.code][0 if lang == "en" else 1]
        return self.problem

    def message_in(self, lang: Lang) -> str:
        """``file:line: key: problem`` with the problem in *lang*; ``"en"`` is ``str()``."""
        location = f"{self.file}:{self.line}" if self.line is not None else self.file
        key = f" {self.key}:" if self.key else ""
        return f"{location}:{key} {self.problem_in(lang)}"

    def __str__(self) -> str:
        return self.message_in("en")

    def to_dict(self) -> dict[str, object]:
        return as_dict(self, ("file", "line", "key", "problem", "severity", "code"))


def _tables_to_trace(data: Mapping[str, Any]) -> Iterable[tuple[str, Mapping[str, Any]]]:
    for name, table in data.get("rules", {}).items():
        yield f"rules.{name}", table
    for kind, kind_table in data.get("kinds", {}).items():
        for name, table in kind_table.get("rules", {}).items():
            yield f"kinds.{kind}.rules.{name}", table
    for name, cls in SECTIONS.items():
        if name in data:
            events = events_of(cls)
            if any(key not in events for key in data[name]) or not data[name]:
                yield name, data[name]
            for event in events:
                if event in data[name]:
                    yield f"{name}.{event}", data[name][event]


def lint_policy(name_or_path: str | os.PathLike[str]) -> tuple[LintFinding, ...]:
    """Check a policy file (or preset); never raises for problems in the policy.

    Errors are what :func:`load_policy` would refuse: every shape problem,
    or else the first problem of ``extends`` or contradicting rules
    (:func:`~credguard._loading.collect_problems`);
    warnings are tables that do not say where they come from (no
    ``source``, ``quote``, ``assumed`` or ``note``), a ``quote`` without a
    ``source``, and a file without ``[policy] name``.
    """
    label = os.fspath(name_or_path) if isinstance(name_or_path, os.PathLike) else name_or_path
    try:
        problems = collect_problems(name_or_path)
        if problems:
            return tuple(
                LintFinding(
                    error.file or str(label),
                    error.line,
                    error.key or "",
                    error.problem,
                    code=error.problem_id,
                    error=error,
                )
                for error in problems
            )
        doc = read_document(name_or_path)
    except PolicyError as error:
        file, key = error.file or str(label), error.key or ""
        return (
            LintFinding(file, error.line, key, error.problem, code=error.problem_id, error=error),
        )
    except UnknownPresetError as error:
        return (LintFinding(str(label), None, "", str(error), error=error),)
    findings: list[LintFinding] = []
    index = doc.index

    def warn(key: str, code: str) -> None:
        problem = LINT_WARNINGS[code][0]
        findings.append(LintFinding(doc.file, index.line_of(key), key, problem, "warning", code))

    if "name" not in doc.data.get("policy", {}):
        warn("policy", "lint.no_name")
    for path, table in _tables_to_trace(doc.data):
        traced = [key for key in PROVENANCE_KEYS if key in table]
        if not traced:
            warn(path, "lint.no_provenance")
        elif "quote" in table and "source" not in table:
            warn(f"{path}.quote", "lint.quote_without_source")
    return tuple(findings)
