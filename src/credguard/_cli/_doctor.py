"""``doctor``: is this installation of credguard-policy whole and working?

The unrelated PyPI project ``credguard`` ships an import package and a
command with the same name as ours.  Installed into the same environment,
pip lets its files overwrite ours without a word (``pip check`` only looks
at version requirements): ``import credguard`` then loses ``load_policy``
and ``credguard presets`` fails in confusing ways.  Two checks catch it:

* :func:`foreign_distribution`, run at every start of the command line: one
  ``os.scandir`` per ``sys.path`` directory looking for the other project's
  ``credguard-*.dist-info`` (or ``.egg-info``), without importing
  :mod:`importlib.metadata` (which costs more than the scan);
* :func:`diagnose`, the ``credguard doctor`` command: our distribution's
  version, every file of the package against our ``RECORD`` (hashes too),
  the Argon2 backend, the optional extras and the bundled data files.

Every problem is one line saying what is wrong and how to fix it.
"""

from __future__ import annotations

import argparse
import base64
import csv
import hashlib
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import metadata, resources
from pathlib import Path
from typing import Final, Literal, TextIO

from ._foreign import DIST, FIX, foreign_distribution, foreign_message

__all__ = [
    "DIST",
    "FIX",
    "Check",
    "check_files",
    "diagnose",
    "foreign_distribution",
    "foreign_message",
    "render",
    "run_doctor",
]

#: (extra, distribution) pairs reported by ``doctor``; none is required.
_EXTRAS: Final = (("fast", "zxcvbn-rs-py"), ("django", "django"), ("pydantic", "pydantic"))

Status = Literal["ok", "info", "warning", "error"]


@dataclass(frozen=True, slots=True)
class Check:
    """One line of the ``doctor`` report."""

    name: str
    status: Status
    detail: str

    def to_dict(self) -> dict[str, str]:
        return {"check": self.name, "status": self.status, "detail": self.detail}


def _normalize(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _record_hash(path: Path) -> str:
    digest = hashlib.sha256(path.read_bytes()).digest()
    return "sha256=" + base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def _recorded(dist: metadata.Distribution) -> dict[str, str]:
    """``RECORD``'s files of the ``credguard`` package, with their ``sha256=`` hashes.

    Read from ``RECORD`` itself: ``Distribution.files`` leaves out missing
    files on Python 3.12 and newer, and a missing file is what we look for.
    """
    rows = csv.reader((dist.read_text("RECORD") or "").splitlines())
    return {
        row[0].replace("\\", "/"): row[1] if len(row) > 1 else ""
        for row in rows
        if row and row[0].replace("\\", "/").startswith("credguard/")
    }


def check_files(dist: metadata.Distribution, package_dir: Path) -> Check:
    """Every file of *package_dir* is one *dist* installed, unchanged.

    An editable install records no package files: then only where the
    package is imported from is reported.
    """
    recorded = _recorded(dist)
    if not recorded:
        return Check("files", "info", f"editable install: the package is read from {package_dir}")
    installed = Path(str(dist.locate_file("credguard"))).resolve()
    if installed != package_dir.resolve():
        return Check(
            "files",
            "error",
            f"credguard is imported from {package_dir}, not from credguard-policy's"
            f" {installed}; fix: remove the other copy from the Python path",
        )
    changed = sorted(
        name
        for name, digest in recorded.items()
        if digest
        and (
            not (installed.parent / name).is_file()
            or _record_hash(installed.parent / name) != digest
        )
    )
    on_disk = {
        path.relative_to(package_dir.parent).as_posix()
        for path in package_dir.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }
    foreign = sorted(on_disk - set(recorded))
    problems = []
    if changed:
        problems.append(f"{len(changed)} changed or missing ({_first(changed)})")
    if foreign:
        problems.append(f"{len(foreign)} not installed by credguard-policy ({_first(foreign)})")
    if problems:
        return Check(
            "files",
            "error",
            f"files of the credguard package: {'; '.join(problems)}; fix: {FIX}",
        )
    return Check(
        "files", "ok", f"all {len(recorded)} files of {package_dir} are credguard-policy's"
    )


def _first(names: Sequence[str]) -> str:
    return ", ".join(names[:3]) + (", …" if len(names) > 3 else "")


def _check_version(dist: metadata.Distribution | None, version: str) -> Check:
    if dist is None:
        return Check(
            "version",
            "warning",
            f"credguard {version} runs from source: credguard-policy is not installed"
            " (pip install credguard-policy)",
        )
    if dist.version != version:
        return Check(
            "version",
            "error",
            f"credguard-policy {dist.version} is installed but the code is {version};"
            " fix: pip install --force-reinstall credguard-policy",
        )
    return Check("version", "ok", f"credguard-policy {version}")


def _check_conflict() -> Check:
    try:
        other = metadata.distribution("credguard")
    except metadata.PackageNotFoundError:
        pass
    else:
        return Check(
            "conflict",
            "error",
            f"the unrelated PyPI project 'credguard' {other.version} is installed and"
            f" overwrites credguard-policy's files; fix: {FIX}",
        )
    owners = metadata.packages_distributions().get("credguard", [])
    others = sorted({name for name in owners if _normalize(name) != DIST})
    if others:
        return Check(
            "conflict",
            "error",
            f"{', '.join(others)} also installs a 'credguard' package; fix: pip uninstall"
            f" {' '.join(others)} && pip install --force-reinstall credguard-policy",
        )
    return Check("conflict", "ok", "no other distribution installs a 'credguard' package")


def _check_argon2() -> Check:
    try:
        from ..testing import cheap_hasher

        hasher = cheap_hasher()
        works = hasher.verify(hasher.hash("doctor"), "doctor")
        version = metadata.version("argon2-cffi")
    except (ImportError, metadata.PackageNotFoundError) as error:
        return Check(
            "argon2",
            "error",
            f"the Argon2 backend is missing ({type(error).__name__});"
            " fix: pip install --force-reinstall credguard-policy",
        )
    if not works:  # pragma: no cover - a broken argon2 build
        return Check("argon2", "error", "Argon2id hashes do not verify; reinstall argon2-cffi")
    return Check("argon2", "ok", f"argon2-cffi {version}: Argon2id hashes and verifies")


def _check_extras() -> list[Check]:
    checks = []
    for extra, name in _EXTRAS:
        try:
            found = metadata.version(name)
        except metadata.PackageNotFoundError:
            detail = f"{name} not installed (optional: pip install 'credguard-policy[{extra}]')"
        else:
            detail = f"{name} {found}"
        checks.append(Check(f"extra {extra}", "info", detail))
    return checks


def _check_data() -> Check:
    from .._loading import list_presets, load_policy
    from ..wordlists import LIST_NAMES
    from ..wordlists.tries import load_trie

    try:
        presets = list_presets()
        for name in presets:
            load_policy(name)
        for name in LIST_NAMES:
            load_trie(name)
        schema = resources.files("credguard").joinpath("schema/policy.schema.json")
        json.loads(schema.read_text(encoding="utf-8"))
    except Exception as error:  # any failure here is a damaged installation
        return Check(
            "data",
            "error",
            f"bundled data files are unreadable ({type(error).__name__});"
            " fix: pip install --force-reinstall credguard-policy",
        )
    return Check(
        "data",
        "ok",
        f"{len(presets)} presets, {len(LIST_NAMES)} word lists and the policy schema load",
    )


def _our_distribution() -> metadata.Distribution | None:
    try:
        return metadata.distribution(DIST)
    except metadata.PackageNotFoundError:
        return None


def diagnose(
    find: Callable[[], metadata.Distribution | None] = _our_distribution,
) -> list[Check]:
    """Every check of ``credguard doctor``, in order; *find* locates our distribution."""
    from .._version import __version__

    package_dir = Path(__file__).resolve().parent.parent
    dist = find()
    checks = [_check_version(dist, __version__), _check_conflict()]
    if dist is not None:
        checks.append(check_files(dist, package_dir))
    checks.append(_check_argon2())
    checks.extend(_check_extras())
    checks.append(_check_data())
    return checks


def render(checks: Sequence[Check], out: TextIO) -> None:
    """One aligned line per check, then the verdict."""
    for check in checks:
        out.write(f"{check.status:<8} {check.name:<15} {check.detail}\n")
    errors = sum(check.status == "error" for check in checks)
    out.write("no problem found\n" if not errors else f"{errors} problem(s) found\n")


def run_doctor(args: argparse.Namespace, out: TextIO) -> int:
    """``credguard doctor``: 0 when nothing is wrong, 1 when a check failed."""
    checks = diagnose()
    if args.format == "json":
        out.write(json.dumps([check.to_dict() for check in checks], indent=2) + "\n")
    else:
        render(checks, out)
    return 1 if any(check.status == "error" for check in checks) else 0
