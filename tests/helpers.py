"""Helpers shared by the tests: constants, runners and file writers.

Test modules import from here, never from one another or from ``conftest``.
"""

from __future__ import annotations

import json
import random
import re
import string
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import strategies as st

from credguard import Candidate, PolicyError, UserContext, Violation, parse_policy
from credguard._breach import hash_hex
from credguard.rules import Rule

#: The repository's root (README.md, docs/, src/).
ROOT = Path(__file__).resolve().parent.parent

#: A string no template contains: wrap it round a password to test that no
#: output ever contains the password.
CANARY = "Qz7vK-canary-9xW"

EMPTY = UserContext()

#: Passwords in every HIBP-style file ``write_hibp`` writes, with their counts.
KNOWN = {"password": 9_659_365, "sakura": 12_000, "Tanaka1985": 3}

#: The jsda-2025 requirements, in the baseline's order.
IDS = (
    "login-mfa",
    "withdrawal-mfa",
    "withdrawal-account-mfa",
    "contact-change-mfa",
    "trade-mfa",
    "auto-lock",
    "login-notification",
    "trade-notification",
    "withdrawal-notification",
    "behaviour-detection",
    "account-reopening",
    "interim-mfa-schedule",
    "no-login-links",
)

#: Each bundled preset against jsda-2025, in the order of IDS, read by hand
#: from the firms' pages (M met, N not met, ? unknown).
GOLDEN: dict[str, str] = {
    # risk-based device binding + SMS at login; optional SMS at withdrawal;
    # 10 failures lock; login notification email; in-app withdrawal notice.
    "moomoo": "N N ? ? N M M ? M ? ? ? ?",
    # risk-based email/push at login; withdrawal MFA may be "なし"; the
    # withdrawal account cannot be changed online; lock and login
    # notification only planned (unknown); 出金依頼受付のお知らせ by email;
    # passkeys scheduled only as 2026年春, a season: unknown, not met.
    "kabucom": "N N M ? N ? ? ? M ? ? ? ?",
    # notifications (every login, opt-in / from a new environment; 出金依頼通知).
    "fujitomi-fx": "? ? ? ? ? ? M ? M ? ? ? ?",
    "fujitomi-commodity": "? ? ? ? ? ? M ? M ? ? ? ?",
    # withdrawal: email / SMS / app (third-party summary), none phishing-resistant.
    "gmo-click": "? N ? ? ? ? ? ? ? ? ? ? ?",
    # phone-number authentication is mandatory at login: not phishing-resistant.
    "matsui": "N ? ? ? ? ? ? ? ? ? ? ? ?",
    "tachibana": "N ? ? ? ? M ? ? ? ? ? ? ?",
    # 5 failures lock, no automatic unlock.
    "smbc-nikko": "? ? ? ? ? M ? ? ? ? ? ? ?",
    # 約定通知メール: trade notices by email.
    "mizuho": "? ? ? ? ? ? ? M ? ? ? ? ?",
    # the pages read say nothing about these measures.
    "monex": "? ? ? ? ? ? ? ? ? ? ? ? ?",
    "rakuten": "? ? ? ? ? ? ? ? ? ? ? ? ?",
    "iwaicosmo": "? ? ? ? ? ? ? ? ? ? ? ? ?",
    # password rules only so far: their measures are not recorded yet.
    "daiwa": "? ? ? ? ? ? ? ? ? ? ? ? ?",
    "nomura": "? ? ? ? ? ? ? ? ? ? ? ? ?",
    "sbi": "? ? ? ? ? ? ? ? ? ? ? ? ?",
    # the baseline written as a policy meets itself.
    "jsda-2025": "M M M M M M M M M M M M M",
    "nist-800-63b": "? ? ? ? ? M ? ? ? ? ? ? ?",
    "owasp-asvs": "? ? ? ? ? ? ? ? ? ? ? ? ?",
    "recommended": "? ? ? ? ? ? ? ? ? ? ? ? ?",
}

_PYTHON_BLOCK = re.compile(r"^```python[ \t]*\n(.*?)^```[ \t]*$", re.DOTALL | re.MULTILINE)


def python_blocks(path: Path) -> list[str]:
    """The ```python blocks of a Markdown file, in order."""
    return _PYTHON_BLOCK.findall(path.read_text(encoding="utf-8"))


def recipe(path: Path, tag: str) -> dict[str, Any]:
    """The names the ```python *tag* blocks of *path* define, run in one fresh namespace.

    For recipes a page gives as written but the docs test must not run
    (they start clusters): the tests call what they define.
    """
    pattern = re.compile(rf"^```python {re.escape(tag)}[ \t]*\n(.*?)^```[ \t]*$", re.M | re.S)
    blocks = pattern.findall(path.read_text(encoding="utf-8"))
    assert blocks, f"{path.name} has no ```python {tag} block"
    # Not an importable module name: Dask and Spark ship the functions by value.
    namespace: dict[str, Any] = {"__name__": f"recipe_{tag.replace('-', '_')}"}
    for number, block in enumerate(blocks, start=1):
        code = compile(block, f"{path.name}[{tag} {number}]", "exec", dont_inherit=True)
        exec(code, namespace)  # noqa: S102 - our own documentation
    return namespace


def documented_validators() -> list[dict[str, Any]]:
    """The ``AUTH_PASSWORD_VALIDATORS`` list of docs/integrations.md's settings block."""
    guide = python_blocks(ROOT / "docs" / "integrations.md")
    blocks = [block for block in guide if "AUTH_PASSWORD_VALIDATORS =" in block]
    assert len(blocks) == 1, "the guide must have exactly one settings block"
    namespace: dict[str, Any] = {}
    exec(blocks[0], namespace)  # noqa: S102 - our own documentation
    validators: list[dict[str, Any]] = namespace["AUTH_PASSWORD_VALIDATORS"]
    return validators


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


def write_hibp(
    path: Path,
    fmt: str = "sha1",
    *,
    extra: int = 2000,
    newline: str = "\r\n",
    lowercase: bool = False,
    seed: int = 7,
) -> dict[str, int]:
    """Write a sorted HIBP-style file: KNOWN plus *extra* random hashes."""
    rng = random.Random(seed)
    size = 40 if fmt == "sha1" else 32
    entries = {hash_hex(p, fmt): n for p, n in KNOWN.items()}
    while len(entries) < len(KNOWN) + extra:
        entries[f"{rng.getrandbits(size * 4):0{size}X}"] = rng.randint(1, 500)
    lines = [f"{h.lower() if lowercase else h}:{n}" for h, n in sorted(entries.items())]
    path.write_text(newline.join(lines) + newline, encoding="ascii", newline="")
    return entries


def template_fields(template: str) -> set[str]:
    """The ``{field}`` names a message template uses (``{n|one|many}`` is the field ``n``)."""
    return {name.partition("|")[0] for _, name, _, _ in string.Formatter().parse(template) if name}


def write(path: Path, text: str) -> Path:
    """Write *text* to *path* as UTF-8; return the path."""
    path.write_text(text, encoding="utf-8")
    return path


@dataclass(frozen=True)
class Run:
    """What the ``cli`` fixture (tests/cli/conftest.py) returns."""

    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)

    def jsonl(self) -> list[Any]:
        return [json.loads(line) for line in self.out.splitlines()]


#: The type of the ``cli`` fixture: ``cli(argv, stdin=b"")``.
Cli = Callable[..., Run]


def within(seconds: float, work: Callable[[], Any]) -> Any:
    """*work()*'s result or exception, failing the test if it has not ended after *seconds*.

    For calls that must not block (a FIFO named as a file): the call runs in
    a daemon thread, so a regression fails the test instead of hanging it.
    """
    outcome: list[Any] = []

    def target() -> None:
        try:
            outcome.append((True, work()))
        except BaseException as error:  # handed to the test thread
            outcome.append((False, error))

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(seconds)
    if not outcome:
        pytest.fail(f"still running after {seconds} s: blocked")
    ok, value = outcome[0]
    if not ok:
        raise value
    return value


_ZXCVBN_WORDS = (
    "password",
    "dragon",
    "monkey",
    "tanaka",
    "sakura",
    "letmein",
    "iloveyou",
    "trouble",
)
_ZXCVBN_LEET = str.maketrans({"a": "@", "e": "3", "i": "1", "o": "0", "s": "$", "t": "7", "l": "|"})
#: zxcvbn's score floors and some guess floors at or under 10**8.
ZXCVBN_FLOORS = st.sampled_from((0, 1e3 + 5, 1e6 + 5, 1e8 + 5, 1e4, 10**7.5, 1e8, 1e8 + 6))


def zxcvbn_texts() -> st.SearchStrategy[str]:
    """Passwords for the zxcvbn fast paths' properties: every matcher's kind of
    text (words, l33t, reversed, years, dates, keyboard walks, sequences,
    repeats) and random text, at most 32 characters, so few matches cover it."""
    pieces = st.one_of(
        st.sampled_from(_ZXCVBN_WORDS),
        st.sampled_from(_ZXCVBN_WORDS).map(lambda word: word.translate(_ZXCVBN_LEET)),
        st.sampled_from(_ZXCVBN_WORDS).map(lambda word: word[::-1].capitalize()),
        st.sampled_from(_ZXCVBN_WORDS).map(lambda word: word[::-1].upper()),
        st.integers(1900, 2099).map(str),
        st.sampled_from(("19851203", "03/15/1985", "1.1.91", "311299", "7/4/76")),
        st.sampled_from(("qwerty", "zxcvbn", "1qaz2wsx", "asdfgh", "!@#$%", "7896", "QWErty")),
        st.sampled_from(("abcdef", "13579", "zyxw", "aaaa", "abab", "xyzxyz", "ba", "ab")),
        st.text(alphabet="0123456789!@#$%|17+", min_size=1, max_size=6),
        st.text(
            alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!@#$%&*-_.|",
            min_size=1,
            max_size=12,
        ),
    )
    return st.lists(pieces, min_size=1, max_size=4).map("".join).map(lambda text: text[:32])


def zxcvbn_guesses(password: str, user_inputs: tuple[str, ...]) -> float:
    """The definition the fast paths are held to: the full Python estimate's
    guesses, with this call's dictionaries (not rounded through log10)."""
    from zxcvbn import scoring

    from credguard import _zxcvbn_match

    engine = _zxcvbn_match.load_engine()
    ranks = engine.matching.build_ranked_dict([word.lower() for word in user_inputs])
    index = _zxcvbn_match.index_for(engine, ranks)
    matches = _zxcvbn_match.omnimatch(engine, password, index)
    return float(scoring.most_guessable_match_sequence(password, matches)["guesses"])
