"""The package's layout shows its architecture, and stays that way (issue 14).

Read from the source with ``ast``, without importing it: no import cycle
between credguard's modules, no module taking a neighbour's private
(underscore) name, the check path (what ``Policy.check`` runs) never
importing the loader, the tools, the doc generators, the command line or the
framework integrations, and no module over ``MAX_LINES`` lines.  Imports
under ``if TYPE_CHECKING:`` are ignored (they never run); imports inside
functions count (they run on first use).  Dynamic imports by name (the lazy
``__getattr__`` registries) are not seen.

The known offenders are listed below, each by name, until their fix lands;
a test fails when an entry no longer applies, so the lists only shrink.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.helpers import ROOT

#: Imports of a neighbour's private name still to be fixed (made public
#: within the private package, or moved), as "importer -> exporter.name".
#: Delete an entry when its fix lands: test_known_private_imports_remain
#: fails until you do.
PRIVATE_IMPORTS_TO_FIX = frozenset(
    {
        "credguard.testing -> credguard._hashing._TestingProfile",
    }
)

#: A module longer than this holds more than one concept: split it.
MAX_LINES = 450

#: Modules over MAX_LINES still to be split.  Delete an entry when its module
#: is split: test_known_long_modules_remain fails until you do.
LONG_MODULES_TO_SPLIT = frozenset(
    {
        "credguard._hashing",
    }
)

#: What checking a password runs: these modules and every rule family (and
#: what they import) must not depend on the layers built on top of them.
CHECK_PATH = (
    "credguard._guard",
    "credguard._candidate",
    "credguard._context",
    "credguard._policy",
    "credguard._violation",
    "credguard._messages",
    "credguard.rules",
)
#: May be added by the rules redesign; checked when it exists.
OPTIONAL_CHECK_PATH = ("credguard._params",)
#: The layers on top of the check path: the loader, the tools, the doc
#: generators, the command line and the framework integrations (with their
#: submodules).
ABOVE_THE_CHECK_PATH = (
    "credguard._loading",
    "credguard._tools",
    "credguard._docgen",
    "credguard._cli",
    "credguard.contrib",
)

PACKAGE = ROOT / "src" / "credguard"


@dataclass(frozen=True)
class Imports:
    """What a tree's modules import from one another, as read by ``ast``."""

    #: Module name -> its file's line count.
    lines: Mapping[str, int]
    #: Module name -> the modules of the tree it imports.
    edges: Mapping[str, frozenset[str]]
    #: "importer -> exporter.name" for every private name taken from a module
    #: that is neither the importer nor one of its parent packages.
    private: frozenset[str]


def _module_name(package: Path, path: Path) -> str:
    parts = list(path.relative_to(package.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _runtime_imports(node: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    """The import statements under *node* that can run (not under ``if TYPE_CHECKING:``)."""
    if isinstance(node, ast.Import | ast.ImportFrom):
        yield node
        return
    children: list[ast.AST] = list(ast.iter_child_nodes(node))
    if isinstance(node, ast.If):
        if _is_type_checking(node.test):
            children = list(node.orelse)
        elif isinstance(node.test, ast.UnaryOp) and _is_type_checking(node.test.operand):
            children = list(node.body)  # ``if not TYPE_CHECKING:``: its else never runs
    for child in children:
        yield from _runtime_imports(child)


def _targets(
    module: str, is_package: bool, node: ast.Import | ast.ImportFrom
) -> Iterator[tuple[str, str | None]]:
    """(module imported from, name or None) for each name *node* imports."""
    if isinstance(node, ast.Import):
        for alias in node.names:
            yield alias.name, None
        return
    if node.level == 0:
        base = node.module or ""
    else:
        parts = module.split(".") if is_package else module.split(".")[:-1]
        parts = parts[: len(parts) - (node.level - 1)]
        base = ".".join([*parts, *([node.module] if node.module else [])])
    for alias in node.names:
        yield base, alias.name


def scan(package: Path) -> Imports:
    """Read every module of *package* (a directory) and what it imports."""
    files = {_module_name(package, path): path for path in sorted(package.rglob("*.py"))}
    lines: dict[str, int] = {}
    edges: dict[str, frozenset[str]] = {}
    private: set[str] = set()
    for module, path in files.items():
        text = path.read_text(encoding="utf-8")
        lines[module] = text.count("\n")
        is_package = path.name == "__init__.py"
        found: set[str] = set()
        for node in _runtime_imports(ast.parse(text, str(path))):
            for source, name in _targets(module, is_package, node):
                full = f"{source}.{name}" if name else source
                # ``from .pkg import sub`` imports the submodule; otherwise the module.
                imported = full if full in files else source
                if imported in files and imported != module:
                    found.add(imported)
                inside = module == source or module.startswith(source + ".")
                if (
                    name
                    and name.startswith("_")
                    and not name.startswith("__")
                    and full not in files  # a private submodule is fine
                    and source in files
                    and not inside
                ):
                    private.add(f"{module} -> {full}")
        edges[module] = frozenset(found)
    return Imports(lines, edges, frozenset(private))


def _related(a: str, b: str) -> bool:
    return a.startswith(b + ".") or b.startswith(a + ".")


def cycles(edges: Mapping[str, frozenset[str]]) -> list[list[str]]:
    """Groups of modules that import one another, in a circle.

    A package importing its submodules while they import the package is the
    usual shape of a package, not a cycle: a group where every module is a
    parent or child of another one in it is left out.
    """
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[list[str]] = []

    def visit(module: str) -> None:  # Tarjan's strongly connected components
        index[module] = low[module] = len(index)
        stack.append(module)
        for other in sorted(edges.get(module, ())):
            if other not in index:
                visit(other)
                low[module] = min(low[module], low[other])
            elif other in stack:
                low[module] = min(low[module], index[other])
        if low[module] == index[module]:
            group = []
            while (member := stack.pop()) != module:
                group.append(member)
            group.append(module)
            if len(group) > 1:
                groups.append(sorted(group))

    for module in sorted(edges):
        if module not in index:
            visit(module)
    return [
        group
        for group in groups
        if not all(any(_related(a, b) for b in group if b != a) for a in group)
    ]


def reached(edges: Mapping[str, frozenset[str]], start: str) -> dict[str, list[str]]:
    """Every module importing *start* runs, with one chain of imports to it.

    Importing a module runs its parent packages first: they count too.
    """
    chains = {start: [start]}
    todo = [start]
    while todo:
        module = todo.pop()
        parents = {module.rsplit(".", n)[0] for n in range(1, module.count(".") + 1)}
        for other in sorted(edges.get(module, frozenset()) | (parents & edges.keys())):
            if other not in chains:
                chains[other] = [*chains[module], other]
                todo.append(other)
    return chains


TREE = scan(PACKAGE)


def _under(module: str, packages: tuple[str, ...]) -> bool:
    return any(module == p or module.startswith(p + ".") for p in packages)


def _check_path() -> list[str]:
    present = [m for m in OPTIONAL_CHECK_PATH if m in TREE.lines]
    return sorted({m for m in TREE.lines if _under(m, CHECK_PATH)} | set(present))


class TestImports:
    def test_no_import_cycle(self) -> None:
        assert cycles(TREE.edges) == []

    def test_no_private_name_from_a_neighbour(self) -> None:
        # Make the name public within the private package instead, or move it.
        assert sorted(TREE.private - PRIVATE_IMPORTS_TO_FIX) == []

    def test_known_private_imports_remain(self) -> None:
        # Fixed: delete these entries from PRIVATE_IMPORTS_TO_FIX.
        assert sorted(PRIVATE_IMPORTS_TO_FIX - TREE.private) == []

    def test_check_path_modules_exist(self) -> None:
        assert [m for m in CHECK_PATH if m not in TREE.lines] == []
        assert len(_check_path()) > len(CHECK_PATH)  # the rule families are in it

    @pytest.mark.parametrize("module", _check_path())
    def test_check_path_does_not_import_the_layers_above(self, module: str) -> None:
        chains = reached(TREE.edges, module)
        above = [m for m in chains if _under(m, ABOVE_THE_CHECK_PATH)]
        assert [" -> ".join(chains[m]) for m in above] == []


class TestSize:
    def test_no_module_over_the_limit(self) -> None:
        long = {m for m, n in TREE.lines.items() if n > MAX_LINES}
        assert {m: TREE.lines[m] for m in sorted(long - LONG_MODULES_TO_SPLIT)} == {}

    def test_known_long_modules_remain(self) -> None:
        # Split: delete these entries from LONG_MODULES_TO_SPLIT.
        split = {m: TREE.lines.get(m) for m in LONG_MODULES_TO_SPLIT}
        assert {m: n for m, n in sorted(split.items()) if n is None or n <= MAX_LINES} == {}


def _package(tmp_path: Path, files: Mapping[str, str]) -> Path:
    root = tmp_path / "pkg"
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


class TestScanner:
    """The checks above see what they should, on small made-up packages."""

    def test_relative_and_absolute_imports_are_edges(self, tmp_path: Path) -> None:
        root = _package(
            tmp_path,
            {
                "__init__.py": "",
                "a.py": "from .b import x\nimport pkg.c\n",
                "b.py": "def f():\n    from pkg.sub import d\n",
                "c.py": "from . import b\n",
                "sub/__init__.py": "",
                "sub/d.py": "from .. import a\nfrom ..b import y\n",
            },
        )
        edges = scan(root).edges
        assert edges["pkg.a"] == {"pkg.b", "pkg.c"}
        assert edges["pkg.b"] == {"pkg.sub.d"}  # an import inside a function counts
        assert edges["pkg.c"] == {"pkg.b"}
        assert edges["pkg.sub.d"] == {"pkg.a", "pkg.b"}

    def test_a_cycle_is_found_and_type_checking_imports_are_not(self, tmp_path: Path) -> None:
        files = {
            "__init__.py": "",
            "a.py": "from .b import x\n",
            "b.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .a import y\n",
        }
        assert cycles(scan(_package(tmp_path / "typing", files)).edges) == []
        files["b.py"] = "from .a import y\n"
        assert cycles(scan(_package(tmp_path / "runtime", files)).edges) == [["pkg.a", "pkg.b"]]

    def test_a_package_and_its_submodules_are_not_a_cycle(self, tmp_path: Path) -> None:
        files = {"__init__.py": "from .a import x\n", "a.py": "from . import helper\n"}
        assert cycles(scan(_package(tmp_path, files)).edges) == []

    def test_private_names(self, tmp_path: Path) -> None:
        root = _package(
            tmp_path,
            {
                "__init__.py": "_LAZY = {}\n",
                "a.py": "from ._b import _hidden, public\nfrom . import _b, _LAZY\n",
                "_b.py": "from pkg.sub._c import _TABLE\n",
                "sub/__init__.py": "",
                "sub/_c.py": "from .. import _LAZY\nfrom . import __name__ as n\n",
            },
        )
        # _b is a private module, not a name; _LAZY comes from a parent package.
        assert scan(root).private == {"pkg.a -> pkg._b._hidden", "pkg._b -> pkg.sub._c._TABLE"}

    def test_reached_gives_a_chain_through_parent_packages(self) -> None:
        edges = {
            "p": frozenset({"p.tools"}),
            "p.a": frozenset({"p.b"}),
            "p.b": frozenset(),
            "p.tools": frozenset(),
        }
        chains = reached(edges, "p.a")
        assert chains["p.tools"] == ["p.a", "p", "p.tools"]  # importing p.a runs p
        assert chains["p.b"] == ["p.a", "p.b"]
