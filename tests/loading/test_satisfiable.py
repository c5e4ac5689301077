"""Policies no password can satisfy are refused at load; every other one can be met.

The property: for generated ``length``, ``charset`` and ``classes`` tables,
a policy that loads has a password that passes it (built below, from one
representative character per class), and a policy refused as unsatisfiable
has none.
"""

from __future__ import annotations

from itertools import combinations
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from credguard import MAX_PASSWORD_LENGTH, Policy, PolicyError, lint_policy, parse_policy
from credguard.rules import RULES
from tests.helpers import error_of, write

CHARSET = ("upper", "lower", "digit", "symbol", "space", "non_ascii")
CLASSES = ("upper", "lower", "letter", "digit", "symbol", "space", "other")
# One character of each class; the symbol is the charset's first if it lists some.
REPRESENTATIVE = {"upper": "A", "lower": "a", "digit": "1", "space": " ", "other": "あ"}
LETTERS = ("upper", "lower", "other")


def _toml_list(items: tuple[str, ...] | list[str]) -> str:
    return "[" + ", ".join(f'"{item}"' for item in items) + "]"


@st.composite
def _tables(draw: st.DrawFn) -> dict[str, dict[str, object]]:
    tables: dict[str, dict[str, object]] = {}
    if draw(st.booleans()):
        low = draw(st.integers(1, 12))
        table: dict[str, object] = {"min": low}
        if draw(st.booleans()):
            table["max"] = draw(st.integers(low, 14))
        tables["length"] = table
    if draw(st.booleans()):
        allow = draw(st.lists(st.sampled_from(CHARSET), min_size=1, max_size=4, unique=True))
        table = {"allow": allow, "edge_spaces": draw(st.booleans())}
        if "symbol" in allow and draw(st.booleans()):
            table["symbols"] = draw(st.sampled_from(["@", "#$", "-_."]))
        tables["charset"] = table
    if draw(st.booleans()):
        of = draw(st.lists(st.sampled_from(CLASSES), min_size=1, max_size=4, unique=True))
        table = {
            "required": draw(st.lists(st.sampled_from(CLASSES), max_size=3, unique=True)),
            "of": of,
            "min_classes": draw(st.integers(0, len(of))),
        }
        counts = draw(st.dictionaries(st.sampled_from(CLASSES), st.integers(1, 6), max_size=3))
        if counts:
            table["min_counts"] = counts
        tables["classes"] = table
    return tables


def _render(tables: dict[str, dict[str, object]]) -> str:
    out = []
    for name, table in tables.items():
        out.append(f"[rules.{name}]")
        for key, value in table.items():
            if isinstance(value, list):
                out.append(f"{key} = {_toml_list(value)}")
            elif isinstance(value, bool):
                out.append(f"{key} = {str(value).lower()}")
            elif isinstance(value, dict):
                pairs = ", ".join(f"{k} = {v}" for k, v in value.items())
                out.append(f"{key} = {{{pairs}}}")
            elif isinstance(value, str):
                out.append(f'{key} = "{value}"')
            else:
                out.append(f"{key} = {value}")
    return "\n".join(out) + "\n"


def _candidates(tables: dict[str, dict[str, object]]) -> list[str]:
    """For each set of classes: the shortest password built from them, padded to length.min."""
    symbol = str(tables.get("charset", {}).get("symbols", "!"))[0]
    reps = {**REPRESENTATIVE, "symbol": symbol}
    classes = tables.get("classes", {})
    needs = dict.fromkeys(classes.get("required", ()), 1)  # type: ignore[call-overload]
    for name, count in classes.get("min_counts", {}).items():  # type: ignore[attr-defined]
        needs[name] = max(needs.get(name, 1), count)
    low = int(tables.get("length", {}).get("min", 1))  # type: ignore[call-overload]
    out = []
    atoms = tuple(reps)
    for size in range(1, len(atoms) + 1):
        for used in combinations(atoms, size):
            counts = {atom: max(1, needs.get(atom, 0)) for atom in used}
            letters = [atom for atom in used if atom in LETTERS]
            deficit = needs.get("letter", 0) - sum(counts[a] for a in letters)
            if deficit > 0 and letters:
                counts[letters[0]] += deficit
            solid = "".join(reps[a] * n for a, n in counts.items() if a != "space")
            spaces = " " * counts.get("space", 0)
            # Spaces between two other characters, where there are two.
            password = solid[:1] + spaces + solid[1:] if solid else spaces
            if len(solid) == 1 and spaces:
                password += solid
            pad = solid[:1] or " "
            password = pad * max(0, low - len(password)) + password
            out.append(password)
    return out


def _satisfiable(policy: Policy, tables: dict[str, dict[str, object]]) -> bool:
    return any(policy.check(password).ok for password in _candidates(tables))


@given(_tables())
def test_a_policy_that_loads_can_be_satisfied(tables: dict[str, dict[str, object]]) -> None:
    text = _render(tables)
    try:
        policy = parse_policy(text)
    except PolicyError as error:
        if "needs at least" not in error.problem and "no password can" not in error.problem:
            return  # another problem: an excluded class, a bad parameter
        # Refused as unsatisfiable: the same rules, built without the
        # loader's check, pass no password built from the classes.
        rules = tuple(RULES[name](**tables[name]) for name in RULES if name in tables)
        assert not _satisfiable(Policy(name="unchecked", rules=rules), tables), text
        return
    assert _satisfiable(policy, tables), text


@pytest.mark.parametrize(
    ("text", "key", "fragment"),
    [
        # Each class at its largest count: more than any password may hold.
        (
            "[rules.classes]\nmin_counts = {digit = 1000, upper = 1000}\n",
            "rules.classes.min_counts",
            f"needs at least 2000 characters but a password has at most {MAX_PASSWORD_LENGTH}",
        ),
        # Only spaces, and none at the ends.
        (
            '[rules.charset]\nallow = ["space"]\nedge_spaces = false\n',
            "rules.charset.edge_spaces",
            "allows only spaces",
        ),
        # A space needs a character on each side.
        (
            "[rules.length]\nmin = 1\nmax = 2\n[rules.charset]\nedge_spaces = false\n"
            'allow = ["lower", "space"]\n[rules.classes]\nrequired = ["space"]\n',
            "rules.classes.required",
            "needs at least 3 characters but length.max is 2",
        ),
        (
            '[rules.charset]\nallow = ["space", "digit"]\nedge_spaces = false\n'
            '[rules.classes]\nrequired = ["space"]\nmin_counts = {space = 2}\n'
            "[rules.length]\nmin = 1\nmax = 3\n",
            "rules.classes.min_counts",
            "needs at least 4 characters",
        ),
    ],
)
def test_unsatisfiable_policies_are_refused(text: str, key: str, fragment: str) -> None:
    error = error_of(text)
    assert error.key == key
    assert fragment in error.problem
    assert error.line is not None


def test_lint_reports_an_unsatisfiable_policy(tmp_path: Path) -> None:
    path = write(tmp_path / "p.toml", '[rules.charset]\nallow = ["space"]\nedge_spaces = false\n')
    (finding,) = lint_policy(path)
    assert finding.severity == "error"
    assert finding.key == "rules.charset.edge_spaces"


def test_letter_counted_with_upper_is_not_refused() -> None:
    # "A1" meets it: the upper letter is also the letter.  The old estimate
    # (one character per class) refused it.
    policy = parse_policy(
        '[rules.length]\nmin = 2\nmax = 2\n[rules.classes]\nrequired = ["upper"]\n'
        'of = ["letter", "digit"]\nmin_classes = 2\n'
    )
    assert policy.check("A1").ok
