"""The checkers measured, each behind the same ``check(password) -> bool`` face.

Every builder imports its library only when called, so the runner can time
imports in a fresh interpreter and report a missing library as "not
installed" instead of failing.  The account used wherever a checker takes
personal data is the one in ``docs/index.md``: every checker that can use it
gets the same values.
"""

from __future__ import annotations

import datetime
import importlib.machinery
import importlib.util
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any, Final

__all__ = [
    "ACCOUNT",
    "COMPOSITION_RULES",
    "PACKAGES",
    "TOOLS",
    "Checker",
    "Package",
    "Tool",
    "ToolElsewhere",
    "ToolUnavailable",
]

Checker = Callable[[str], bool]

#: The account every context-aware checker is given.
ACCOUNT: Final[dict[str, Any]] = {
    "username": "taro_y",
    "customer_number": "275-381946",
    "birthdate": datetime.date(1985, 7, 23),
    "phone": "090-3961-2475",
    "email": "yamada.taro@example.co.jp",
    "names": ("やまだ たろう", "Yamada Taro"),
    "other_words": ("pochi", "giants"),
    "address_numbers": ("1-2-3",),
    "postal_code": "150-0041",
    "car_number": "12-34",
}

#: The rule families that make up "composition rules alone".
COMPOSITION_RULES: Final = frozenset(
    {"length", "charset", "classes", "repetition", "sequence", "keyboard"}
)

# zxcvbn refuses longer input; its users cut the password there.
ZXCVBN_MAX_LENGTH: Final = 72
PWQUALITY_DIR: Final = Path("/usr/lib/python3/dist-packages")
#: The interpreter Debian's python3-pwquality is built for.
SYSTEM_PYTHON: Final = "/usr/bin/python3"
#: Set to "subprocess" to measure libpwquality with the system Python even
#: when its extension could be loaded here (tests use it to cover that path).
PWQUALITY_MODE_VARIABLE: Final = "CREDGUARD_BENCH_PWQUALITY"

# The same check as build_pwquality, for the system interpreter: it reads
# {"chunks": [[password, ...], ...], "repeats": n, "user": name} on standard
# input and prints each chunk's best CPU time, every call's wall time and the
# number accepted, as the runner measures the others.
PWQUALITY_WORKER: Final = """
import json, sys, time
import pwquality
job = json.load(sys.stdin)
settings = pwquality.PWQSettings()
settings.read_config()
user = job["user"]

def check(password):
    try:
        settings.check(password, None, user)
    except pwquality.PWQError:
        return False
    return True

best = []
for repeat in range(job["repeats"]):
    for index, chunk in enumerate(job["chunks"]):
        start = time.process_time()
        for password in chunk:
            check(password)
        elapsed = time.process_time() - start
        if repeat == 0:
            best.append(elapsed)
        else:
            best[index] = min(best[index], elapsed)
latencies, accepted = [], 0
for chunk in job["chunks"]:
    for password in chunk:
        start = time.perf_counter_ns()
        ok = check(password)
        latencies.append(time.perf_counter_ns() - start)
        accepted += ok
print(json.dumps({"best": best, "latencies_ns": latencies, "accepted": accepted}))
"""


class ToolUnavailable(Exception):
    """The library behind a checker is not installed (the message says why)."""


class ToolElsewhere(ToolUnavailable):
    """The library is installed for another interpreter only: measure it there."""

    def __init__(self, message: str, python: str, worker: str) -> None:
        super().__init__(message)
        self.python = python
        #: Code run by that interpreter (see ``run.measure_elsewhere``).
        self.worker = worker


@dataclass(frozen=True)
class Package:
    """A library whose import time and memory are measured once."""

    key: str
    label: str
    #: Returns the Python run in a fresh interpreter to time the import
    #: (raises :class:`ToolUnavailable` when the library is missing).
    import_code: Callable[[], str]


@dataclass(frozen=True)
class Tool:
    """One checker configuration measured for throughput and latency."""

    key: str
    label: str
    package: str
    does: str
    build: Callable[[], Checker]
    #: Measure at most this many candidates, spread evenly over the corpus
    #: (for checkers too slow to run over all of it in a reasonable time).
    sample_cap: int | None = None
    #: A note printed under the table (stand-ins, truncation ...).
    note: str = ""


def _version(distribution: str) -> str:
    import importlib.metadata

    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


# ----------------------------------------------------------------- credguard


def _moomoo() -> tuple[Any, bool]:
    """The ``moomoo`` preset, or a stand-in built in code (False) before it lands."""
    import credguard

    if "moomoo" in credguard.list_presets():
        return credguard.load_policy("moomoo"), True
    from credguard.rules import (
        RULES,
        CharsetRule,
        ClassesRule,
        LengthRule,
        RepetitionRule,
        SequenceRule,
    )

    # The rules of the moomoo preset as drafted for presets/moomoo.toml: its
    # composition rules and, once registered, the personal rule.
    rules: list[Any] = [
        LengthRule(min=8, max=20),
        CharsetRule(allow=("upper", "lower", "digit", "symbol"), fullwidth="reject"),
        ClassesRule(min_classes=3, of=("upper", "lower", "digit", "symbol")),
        RepetitionRule(max_run=3, max_repeat_span=6),
        SequenceRule(max_run=4),
    ]
    if "personal" in RULES:
        rules.append(RULES["personal"]())
    return credguard.Policy(name="moomoo-standin", rules=tuple(rules)), False


def moomoo_is_preset() -> bool:
    """Whether the ``moomoo`` preset is bundled (else a code-built stand-in is measured)."""
    import credguard

    return "moomoo" in credguard.list_presets()


def _credguard(policy: Any, context: Any = None) -> Checker:
    check = policy.check

    if context is None:
        return lambda password: check(password).ok
    return lambda password: check(password, context=context).ok


def _context() -> Any:
    import credguard

    return credguard.UserContext(**ACCOUNT)


def build_moomoo_context() -> Checker:
    return _credguard(_moomoo()[0], _context())


def build_moomoo() -> Checker:
    return _credguard(_moomoo()[0])


def _with_blocklist(policy: Any) -> Any:
    """*policy* with a default ``blocklist`` rule appended (if it has none)."""
    import credguard
    from credguard.rules import RULES

    if "blocklist" not in RULES:
        raise ToolUnavailable("the blocklist rule has not landed in this tree")
    if any(rule.NAME == "blocklist" for rule in policy.rules):
        return policy
    rules = (*policy.rules, RULES["blocklist"]())
    return credguard.Policy(name=f"{policy.name}+blocklist", rules=rules)


def build_moomoo_blocklist_context() -> Checker:
    return _credguard(_with_blocklist(_moomoo()[0]), _context())


def build_moomoo_fresh_context() -> Checker:
    import credguard

    policy = _moomoo()[0]
    check = policy.check
    # A new context per password: the login / change path, where nothing
    # derived from the account can be reused from the previous check.
    return lambda password: check(password, context=credguard.UserContext(**ACCOUNT)).ok


def build_recommended() -> Checker:
    import credguard

    return _credguard(credguard.load_policy("recommended"))


def composition_policy() -> Any:
    """The moomoo preset's composition rules alone, as a policy."""
    import credguard

    policy = _moomoo()[0]
    rules = tuple(rule for rule in policy.rules if rule.NAME in COMPOSITION_RULES)
    return credguard.Policy(name="composition", rules=rules)


def build_composition() -> Checker:
    return _credguard(composition_policy())


def build_same_checks() -> Checker:
    """credguard's rules set to what the hand-written check tests (no set lookup).

    Length 8 to 64, three of upper, lower, digit and symbol, no run of three
    identical characters: the like-for-like comparison for the library's
    overhead.  The hand-written check also looks the password up in a set,
    which this row does not, so it favours the hand-written check.
    """
    import credguard
    from credguard.rules import ClassesRule, LengthRule, RepetitionRule

    rules = (
        LengthRule(min=8, max=64),
        ClassesRule(min_classes=3, of=("upper", "lower", "digit", "symbol")),
        RepetitionRule(max_run=2, max_repeat_span=None),
    )
    return _credguard(credguard.Policy(name="same-checks", rules=rules))


def build_baseline() -> Checker:
    from benchmarks.baseline import make_minimal_check
    from benchmarks.corpus import common_passwords

    check = make_minimal_check(common_passwords())
    return lambda password: not check(password)


# ------------------------------------------------------------- alternatives

DJANGO_VALIDATORS: Final = (
    "UserAttributeSimilarityValidator",
    "MinimumLengthValidator",
    "CommonPasswordValidator",
    "NumericPasswordValidator",
)


def _django_setup() -> None:
    try:
        import django
        from django.conf import settings
    except ImportError:
        raise ToolUnavailable("not installed (pip install django)") from None
    if not settings.configured:
        settings.configure(
            AUTH_PASSWORD_VALIDATORS=[
                {"NAME": f"django.contrib.auth.password_validation.{name}"}
                for name in DJANGO_VALIDATORS
            ],
            INSTALLED_APPS=["django.contrib.auth", "django.contrib.contenttypes"],
        )
        django.setup()


def build_django() -> Checker:
    _django_setup()
    from django.contrib.auth import password_validation
    from django.contrib.auth.models import User
    from django.core.exceptions import ValidationError

    user = User(
        username=ACCOUNT["username"],
        first_name="Taro",
        last_name="Yamada",
        email=ACCOUNT["email"],
    )
    validate = password_validation.validate_password
    validate("warm-up the validators' word list", user)

    def check(password: str) -> bool:
        try:
            validate(password, user)
        except ValidationError:
            return False
        return True

    return check


def build_password_strength() -> Checker:
    try:
        from password_strength import PasswordPolicy
    except ImportError:
        raise ToolUnavailable("not installed (pip install password_strength)") from None
    # The project README's example policy, plus its entropy-based strength test.
    policy = PasswordPolicy.from_names(
        length=8, uppercase=1, numbers=1, special=1, nonletters=1, strength=0.66
    )
    test = policy.test
    return lambda password: not test(password)


def build_zxcvbn() -> Checker:
    try:
        from zxcvbn import zxcvbn
    except ImportError:
        raise ToolUnavailable("not installed (pip install zxcvbn)") from None
    inputs = [
        ACCOUNT["username"],
        ACCOUNT["email"],
        ACCOUNT["phone"],
        ACCOUNT["customer_number"],
        "yamada",
        "taro",
        *ACCOUNT["other_words"],
        "19850723",
    ]
    return lambda password: zxcvbn(password[:ZXCVBN_MAX_LENGTH], user_inputs=inputs)["score"] >= 3


def load_pwquality() -> ModuleType:
    """Debian's ``python3-pwquality`` extension, loaded from its own folder.

    It is built for the system Python; when its ABI tag matches this
    interpreter, only that one file is loaded (the folder is not put on
    ``sys.path``, so nothing else of the system Python leaks in).
    """
    spec = importlib.util.spec_from_file_location("pwquality", _pwquality_file())
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _pwquality_file() -> Path:
    candidates = sorted(PWQUALITY_DIR.glob("pwquality*.so")) if PWQUALITY_DIR.is_dir() else []
    if not candidates:
        raise ToolUnavailable("not installed (apt-get install python3-pwquality)")
    for suffix in importlib.machinery.EXTENSION_SUFFIXES:
        for path in candidates:
            if path.name == f"pwquality{suffix}":
                return path
    raise ToolUnavailable(
        f"installed for another Python ABI ({candidates[0].name}); not measured with"
        f" Python {sys.version_info.major}.{sys.version_info.minor}"
    )


def pwquality_import_code() -> str:
    """Code that loads only the extension file, as :func:`load_pwquality` does."""
    path = _pwquality_file()
    return (
        "import importlib.util\n"
        f"spec = importlib.util.spec_from_file_location('pwquality', {str(path)!r})\n"
        "spec.loader.exec_module(importlib.util.module_from_spec(spec))\n"
    )


def _pwquality_elsewhere(why: str) -> ToolElsewhere | None:
    """A ToolElsewhere if the system Python can import pwquality, else None."""
    import subprocess

    if not Path(SYSTEM_PYTHON).is_file():
        return None
    probe = subprocess.run(
        [SYSTEM_PYTHON, "-c", "import pwquality"], capture_output=True, check=False
    )
    if probe.returncode != 0:
        return None
    return ToolElsewhere(
        f"{why}; measured in a subprocess with {SYSTEM_PYTHON}, not interleaved",
        SYSTEM_PYTHON,
        PWQUALITY_WORKER,
    )


def build_pwquality() -> Checker:
    import os

    if os.environ.get(PWQUALITY_MODE_VARIABLE) == "subprocess":
        elsewhere = _pwquality_elsewhere(f"{PWQUALITY_MODE_VARIABLE}=subprocess")
        if elsewhere is not None:
            raise elsewhere
    try:
        pwquality = load_pwquality()
    except ToolUnavailable as why:
        elsewhere = _pwquality_elsewhere(str(why))
        raise (why if elsewhere is None else elsewhere) from None
    settings = pwquality.PWQSettings()
    settings.read_config()  # /etc/security/pwquality.conf: minlen 8, dictionary check
    error = pwquality.PWQError
    user = ACCOUNT["username"]

    def check(password: str) -> bool:
        try:
            settings.check(password, None, user)
        except error:
            return False
        return True

    return check


def pwquality_version() -> str:
    import shutil
    import subprocess

    if shutil.which("dpkg-query") is None:
        return "unknown"
    result = subprocess.run(
        ["dpkg-query", "-W", "-f=${Version}", "python3-pwquality"],
        capture_output=True,
        text=True,
        check=False,
    )
    return result.stdout.strip() if result.returncode == 0 else "not installed"


def versions() -> dict[str, str]:
    """Installed versions of every measured library."""
    import credguard

    return {
        "credguard": credguard.__version__,
        "django": _version("django"),
        "password_strength": _version("password_strength"),
        "zxcvbn": _version("zxcvbn"),
        "python3-pwquality": pwquality_version(),
    }


# ------------------------------------------------------------------ registry

PACKAGES: Final[Sequence[Package]] = (
    Package("credguard", "credguard", lambda: "import credguard"),
    Package("django", "Django", lambda: "import django.contrib.auth.password_validation"),
    Package("password_strength", "password_strength", lambda: "import password_strength"),
    Package("zxcvbn", "zxcvbn", lambda: "import zxcvbn"),
    Package("pwquality", "libpwquality", pwquality_import_code),
)

TOOLS: Final[Sequence[Tool]] = (
    Tool(
        "moomoo_ctx",
        "credguard moomoo + UserContext",
        "credguard",
        "every rule of the moomoo preset, with the account's data",
        build_moomoo_context,
    ),
    Tool(
        "moomoo_fresh",
        "credguard moomoo + new UserContext per check",
        "credguard",
        "as above, building the account's context for every password",
        build_moomoo_fresh_context,
        sample_cap=5_000,
    ),
    Tool(
        "moomoo_blocklist_ctx",
        "credguard moomoo + blocklist + UserContext",
        "credguard",
        "the moomoo preset with a default blocklist rule added, with the account's data",
        build_moomoo_blocklist_context,
    ),
    Tool("moomoo", "credguard moomoo", "credguard", "as above, no context", build_moomoo),
    Tool(
        "recommended",
        "credguard recommended",
        "credguard",
        "composition, keyboard walks, personal data, blocklist, zxcvbn strength",
        build_recommended,
        # Its strength rule runs zxcvbn: about 0.3 ms a check.
        sample_cap=5_000,
    ),
    Tool(
        "composition",
        "credguard composition rules",
        "credguard",
        "moomoo's composition rules only",
        build_composition,
    ),
    Tool(
        "same_checks",
        "credguard, the hand-written check's rules",
        "credguard",
        "length 8–64, 3 of 4 classes, runs of at most 2 (no set lookup)",
        build_same_checks,
    ),
    Tool(
        "baseline",
        "hand-written minimal check",
        "baseline",
        "length, 3 of 4 classes, runs, set lookup; names what failed",
        build_baseline,
    ),
    Tool(
        "django",
        "Django's four default validators",
        "django",
        "user similarity, min length, 20k common list, all-numeric",
        build_django,
    ),
    Tool(
        "password_strength",
        "password_strength",
        "password_strength",
        "length, class counts, entropy strength",
        build_password_strength,
    ),
    Tool(
        "pwquality",
        "libpwquality (python3-pwquality)",
        "pwquality",
        "system pwquality.conf: length credits, cracklib dictionary, user name",
        build_pwquality,
        sample_cap=10_000,
    ),
    Tool(
        "zxcvbn",
        "zxcvbn (score >= 3)",
        "zxcvbn",
        "pattern matching, frequency lists, user inputs; guesses estimate",
        build_zxcvbn,
        sample_cap=5_000,
        note=f"zxcvbn refuses input over {ZXCVBN_MAX_LENGTH} characters: it is given the first"
        f" {ZXCVBN_MAX_LENGTH}.",
    ),
)
