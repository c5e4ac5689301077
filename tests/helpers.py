"""Helpers shared by the tests: constants, runners and file writers.

Test modules import from here, never from one another or from ``conftest``.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest

from credguard import Candidate, PolicyError, UserContext, Violation, parse_policy
from credguard.rules import Rule

#: The repository's root (README.md, docs/, src/).
ROOT = Path(__file__).resolve().parent.parent

#: A string no template contains: wrap it round a password to test that no
#: output ever contains the password.
CANARY = "Qz7vK-canary-9xW"

EMPTY = UserContext()

_PYTHON_BLOCK = re.compile(r"^```python[ \t]*\n(.*?)^```[ \t]*$", re.DOTALL | re.MULTILINE)


def python_blocks(path: Path) -> list[str]:
    """The ```python blocks of a Markdown file, in order."""
    return _PYTHON_BLOCK.findall(path.read_text(encoding="utf-8"))


def run(rule: Rule, password: str, context: UserContext = EMPTY) -> list[Violation]:
    """Run one rule on *password* the way a policy would."""
    return list(rule.check(Candidate.from_password(password), context))


def codes(violations: Iterable[Violation]) -> list[str]:
    return [v.code for v in violations]


def error_of(text: str, file: str = "p.toml") -> PolicyError:
    """The PolicyError that parsing *text* raises."""
    with pytest.raises(PolicyError) as info:
        parse_policy(text, file=file)
    return info.value


def run_in_threads(work: Callable[[int], None], count: int = 8) -> None:
    """Call ``work(n)`` for n in range(count), each in its own thread, started together."""
    barrier = threading.Barrier(count)

    def start(number: int) -> None:
        barrier.wait()
        work(number)

    threads = [threading.Thread(target=start, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
