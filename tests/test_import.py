"""``import credguard`` stays light: heavy libraries and word lists load on first use.

Checked in a fresh interpreter (this process has long imported everything):
``sys.modules`` after the import, and every file opened during it, seen
through an audit hook.  This is a behaviour test, not a timing one; the
import time itself is measured by ``benchmarks/run.py``.
"""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import credguard
from credguard import _LAZY

SRC = Path(credguard.__file__).resolve().parent.parent
PACKAGE = SRC / "credguard"

#: Libraries (and the top-level modules they bring) only the code that needs
#: them may import, on first use.
HEAVY = {"zxcvbn": ("zxcvbn",), "argon2": ("argon2", "_argon2_cffi_bindings", "cffi")}
LIBRARIES = ["zxcvbn", "argon2"]

#: Private modules behind names ``credguard.__getattr__`` resolves on first
#: access, with one public name each provides.
LAZY = {
    "credguard._tools.audit": "audit_policy",
    "credguard._tools.requirements": "describe_requirements",
    "credguard._hashing": "PasswordHasher",
    "credguard._tools.describe": "describe_policy",
    "credguard._tools.diff": "diff_policies",
    "credguard._tools.lint": "lint_policy",
    "credguard._loading": "load_policy",
    "credguard._lockout": "LockoutPolicy",
    "credguard._masking": "mask_email",
    "credguard._export": "export_policy",
    "credguard._passgen": "generate_password",
    # A policy's sections (its fields' defaults) and the personal-data
    # derivation: about 19 ms of the import, loaded by the loader and by
    # the first check that reads a context.
    "credguard._sections": "LockoutSettings",
    "credguard._personal": "PERSONAL_FIELDS",
    "credguard._catalogue": "LANGS",
}
#: The rule families' modules: ``credguard.rules`` imports one when its class
#: is first needed.
RULE_MODULES = {
    "blocklist": "BlocklistRule",
    "breached": "BreachedRule",
    "charset": "CharsetRule",
    "classes": "ClassesRule",
    "history": "HistoryRule",
    "keyboard": "KeyboardRule",
    "length": "LengthRule",
    "personal": "PersonalDataRule",
    "repetition": "RepetitionRule",
    "separation": "SeparationRule",
    "sequence": "SequenceRule",
    "strength": "StrengthRule",
}
#: Modules ``import credguard`` leaves for first use, beyond those above:
#: what only the deferred modules import, and standard modules imported
#: inside the functions that need them.
DEFERRED = [
    *LAZY,
    "credguard._tools.audit.checks",
    "credguard._tools.audit.jsda_2025",
    "credguard._tools.audit.nist",
    "credguard._tools.audit.owasp",
    "credguard._breach",
    "credguard._zxcvbn",
    "credguard._zxcvbn_index",
    "credguard._zxcvbn_match",
    "credguard.wordlists",
    *(f"credguard.rules.{family}" for family in RULE_MODULES),
    # Rendered texts and parameter declarations: the first message, error
    # or rule family brings them.
    "credguard._messages",
    "credguard._problems",
    "credguard._problem_texts",
    "credguard._params",
    "datetime",
    "tomllib",
    "base64",
    "difflib",
    "gzip",
    "hashlib",
    "hmac",
    "importlib.resources",
    "mmap",
]

#: The loader's steps and what only they need: a bundled preset's built
#: form is loaded without them (``credguard._loading.built``).
LOADER_STEPS = [
    "tomllib",
    "importlib.resources",
    *(
        f"credguard._loading.{step}"
        for step in ("build", "document", "extends", "files", "hints", "lines", "problems")
    ),
    "credguard._loading.satisfiable",
    "credguard._loading.shape",
]

_PROBE = """
import json, sys
opened = []

def hook(event, args):
    if event == "open" and isinstance(args[0], str):
        opened.append(args[0])

sys.addaudithook(hook)
import credguard
{after}
print(json.dumps({{"modules": sorted(sys.modules), "opened": opened,
                   "file": credguard.__file__}}))
"""


def _probe(after: str = "") -> dict[str, Any]:
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    result = subprocess.run(
        [sys.executable, "-c", _PROBE.format(after=after)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=True,
    )
    data: dict[str, Any] = json.loads(result.stdout)
    assert Path(data["file"]).resolve().parent == PACKAGE  # the tree under test
    return data


def _bare_modules() -> set[str]:
    """What a fresh interpreter has loaded before importing anything (``site``'s share)."""
    result = subprocess.run(
        [sys.executable, "-c", "import json, sys; print(json.dumps(sorted(sys.modules)))"],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(SRC)},
        timeout=120,
        check=True,
    )
    return set(json.loads(result.stdout))


def _loaded(library: str, modules: list[str]) -> list[str]:
    return [m for m in modules if m.split(".")[0] in HEAVY[library]]


def _data_files(opened: list[str]) -> list[str]:
    """Files of the package read during the import other than its code."""
    inside = [Path(p).resolve() for p in opened if Path(p).resolve().is_relative_to(PACKAGE)]
    code = [p for p in inside if p.suffix in (".py", ".pyc")]
    assert code, "the audit hook saw no credguard module being read"
    return [str(p.relative_to(PACKAGE)) for p in inside if p.suffix not in (".py", ".pyc")]


@pytest.mark.slow
class TestImport:
    @pytest.mark.parametrize("library", LIBRARIES)
    def test_import_loads_no_heavy_library(self, library: str) -> None:
        assert _loaded(library, _probe()["modules"]) == []

    def test_import_reads_no_word_list_or_preset(self) -> None:
        assert _data_files(_probe()["opened"]) == []

    @pytest.mark.parametrize("library", LIBRARIES)
    def test_listing_presets_loads_no_heavy_library(self, library: str) -> None:
        data = _probe("credguard.list_presets()")
        assert _loaded(library, data["modules"]) == []

    def test_loading_every_preset_reads_only_built_presets(self) -> None:
        # Rules load their word lists and zxcvbn at their first check, not
        # when a policy is built; a bundled preset is read from its built
        # form, without the TOML, tomllib or the loader's steps.
        data = _probe("for name in credguard.list_presets(): credguard.load_policy(name)")
        assert _loaded("zxcvbn", data["modules"]) == []
        read = _data_files(data["opened"])
        names = [p for p in read if p.startswith("presets/built/") and p.endswith(".json")]
        assert len(names) == len(credguard.list_presets())
        # list_presets() itself lists the TOML folder; nothing else is read.
        assert all(path in names or path == "presets" for path in read), read

    def test_loading_a_preset_loads_none_of_the_loaders_steps(self) -> None:
        modules = _probe("credguard.load_policy('recommended')")["modules"]
        assert "credguard._loading.bundled" in modules
        assert sorted(set(modules).intersection(LOADER_STEPS)) == []

    def test_loading_a_preset_with_advice_reads_its_toml(self) -> None:
        data = _probe("credguard.load_policy('moomoo', advice='warn')")
        read = _data_files(data["opened"])
        assert "presets/moomoo.toml" in read
        assert ("tomllib" if sys.version_info >= (3, 11) else "tomli") in data["modules"]

    def test_a_strong_password_is_checked_without_zxcvbn(self) -> None:
        # The strength rule's edge proof runs on the shipped index (issue 18).
        data = _probe("assert credguard.load_policy('recommended').check('k9#Vq2!xLmW7-Gh7$kP').ok")
        assert _loaded("zxcvbn", data["modules"]) == []
        assert "data/zxcvbn_ranked.json" in _data_files(data["opened"])

    def test_a_password_the_bounds_leave_open_loads_zxcvbn(self) -> None:
        # A password whose lower case does not line up with it (U+0130
        # lower-cases to two characters) goes to the exact proof: zxcvbn's own matchers.
        data = _probe("credguard.load_policy('recommended').check('k9#Vq2!xLmW7-Gh7$kP\u0130')")
        assert "zxcvbn" in _loaded("zxcvbn", data["modules"])

    def test_the_probe_sees_a_heavy_import(self) -> None:
        data = _probe("import zxcvbn")
        assert "zxcvbn" in _loaded("zxcvbn", data["modules"])


class TestLazyNames:
    """Public names whose modules load on first access (PEP 562 ``__getattr__``)."""

    @pytest.mark.slow
    def test_import_defers_the_lazy_modules(self) -> None:
        brought = set(_probe()["modules"]) - _bare_modules()
        assert "credguard._policy" in brought  # the probe does see credguard's imports
        assert sorted(brought.intersection(DEFERRED)) == []

    @pytest.mark.slow
    @pytest.mark.parametrize(("module", "name"), sorted(LAZY.items()))
    def test_first_access_loads_the_module(self, module: str, name: str) -> None:
        assert module not in _probe()["modules"]
        assert module in _probe(f"credguard.{name}")["modules"]

    @pytest.mark.parametrize("name", sorted(_LAZY))
    def test_lazy_name_is_the_private_modules_object(self, name: str) -> None:
        # Called directly: in this process the name may long be resolved.
        found = vars(credguard)["__getattr__"](name)
        module = importlib.import_module(_LAZY[name], "credguard")
        assert found is getattr(module, name)
        assert getattr(credguard, name) is found
        assert name in vars(credguard)  # kept: __getattr__ runs once per name

    def test_every_lazy_module_is_tested(self) -> None:
        modules = {"credguard" + module for module in _LAZY.values()}
        assert modules - {"credguard.rules.history", "credguard.rules.separation"} == set(LAZY)

    def test_lazy_names_are_public(self) -> None:
        assert set(_LAZY) <= set(credguard.__all__)

    @pytest.mark.slow
    def test_every_public_name_resolves_in_a_fresh_interpreter(self) -> None:
        code = "missing = [n for n in credguard.__all__ if not hasattr(credguard, n)]\n"
        code += "assert not missing, missing\n"
        code += "namespace = {}\nexec('from credguard import *', namespace)\n"
        code += "assert set(credguard.__all__) <= set(namespace), namespace"
        data = _probe(code)
        assert set(LAZY) <= set(data["modules"])

    def test_all_is_sorted_and_unique(self) -> None:
        # isort style, as ruff's RUF022 keeps it: CONSTANTS, then Classes, then
        # functions (plain sorting puts Classes before functions).
        upper = [n for n in credguard.__all__ if n.isupper()]
        assert credguard.__all__ == upper + sorted(set(credguard.__all__) - set(upper))

    def test_dir_lists_every_public_name(self) -> None:
        assert set(credguard.__all__) <= set(dir(credguard))

    def test_from_import_of_a_lazy_name(self) -> None:
        from credguard import audit_policy, load_policy
        from credguard._loading import load_policy as private_load
        from credguard._tools.audit import audit_policy as private_audit

        assert audit_policy is private_audit
        assert load_policy is private_load

    @pytest.mark.parametrize("name", ["no_such_name", "_LAZY_", "__wrapped__", "rules_"])
    def test_unknown_attribute_raises_attribute_error(self, name: str) -> None:
        with pytest.raises(AttributeError, match=f"^module 'credguard' has no attribute '{name}'$"):
            getattr(credguard, name)
        assert not hasattr(credguard, name)

    def test_unknown_name_cannot_be_imported(self) -> None:
        with pytest.raises(ImportError, match="no_such_name"):
            from credguard import no_such_name  # type: ignore[attr-defined]  # noqa: F401


@pytest.mark.slow
class TestLazyRules:
    """``credguard.rules`` imports a family's module when its class is needed."""

    def test_import_loads_the_rule_protocol_only(self) -> None:
        modules = _probe()["modules"]
        assert "credguard.rules._base" in modules
        assert [m for m in modules if m.startswith("credguard.rules.")] == ["credguard.rules._base"]

    def test_listing_and_asking_the_registry_loads_no_family(self) -> None:
        code = "from credguard.rules import RULES\n"
        code += "assert list(RULES) and len(RULES) and 'length' in RULES and 'nope' not in RULES"
        modules = _probe(code)["modules"]
        assert [m for m in modules if m.startswith("credguard.rules.")] == ["credguard.rules._base"]

    @pytest.mark.parametrize(("family", "name"), sorted(RULE_MODULES.items()))
    def test_looking_up_a_family_loads_its_module(self, family: str, name: str) -> None:
        by_name = _probe(f"from credguard.rules import RULES; RULES[{family!r}]")["modules"]
        by_class = _probe(f"from credguard.rules import {name}")["modules"]
        for modules in (by_name, by_class):
            assert f"credguard.rules.{family}" in modules
            assert "credguard.rules.length" not in modules or family == "length"

    def test_loading_a_preset_loads_only_its_families(self) -> None:
        # nist-800-63b has length, charset and blocklist tables only.
        modules = _probe("credguard.load_policy('nist-800-63b')")["modules"]
        assert "credguard.rules.length" in modules
        assert "credguard.rules.keyboard" not in modules
        assert "credguard._tools.audit" not in modules

    @pytest.mark.parametrize("family", sorted(RULE_MODULES))
    def test_family_module_is_an_attribute(self, family: str) -> None:
        # credguard.rules.<family> read as an attribute imports the submodule.
        module = f"credguard.rules.{family}"
        code = f"import credguard.rules; assert {module}.__name__ == {module!r}"
        assert module in _probe(code)["modules"]
