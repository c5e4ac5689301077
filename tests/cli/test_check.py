"""``_cli._check``: a verdict rendered once per distinct set of findings."""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Iterator
from dataclasses import dataclass
from typing import ClassVar

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from credguard import Candidate, Policy, UserContext, Violation, load_policy
from credguard._catalogue import LANGS
from credguard._cli._check import SHARED_VERDICTS, Checker, CheckSpec, Seen, Verdict
from credguard._cli._formats import FORMATS, Outcome, RenderSpec
from credguard._messages import Lang
from credguard._violation import Severity
from tests.helpers import CANARY

PASSWORDS = st.sampled_from(
    ("abc", "password1", "Tr0ub4dor&3", "qwerty123!", "ＱＺ" + CANARY, "x" * 80, CANARY)
) | st.text(max_size=24)


def checker_for(policy: Policy, fmt: str, lang: Lang) -> Checker:
    render = RenderSpec(fmt, lang, False, ("<stdin>",), policy.name, "login", False)
    return Checker(policy, CheckSpec(policy.name, "login", lang, render))


def defined(checker: Checker, policy: Policy, password: str) -> Verdict:
    """The verdict by definition: the result's dict rendered, nothing shared."""
    result = policy.check(password)
    outcome = Outcome(result.ok, result.codes, result.to_dict(checker.renderer.spec.lang), None)
    return (result.ok, result.codes, checker.renderer.body(outcome))


@dataclass(frozen=True, slots=True)
class _Numbers:
    """A rule from elsewhere whose param is 1, 1.0 or True: equal in Python,
    three different texts in JSON and in messages."""

    NAME: ClassVar[str] = "numbers"
    severity: Severity = "error"

    def check(self, candidate: Candidate, context: UserContext) -> Iterator[Violation]:
        value = {"i": 1, "f": 1.0, "b": True}.get(candidate.raw[:1])
        if value is not None:
            yield Violation("length.too_short", {"min": 8, "actual": value})


RECOMMENDED = load_policy("recommended")
NUMBERS = Policy(name="numbers", rules=(_Numbers(),))
# One checker per (policy, format, language), reused across examples, so
# later examples are answered from what earlier ones left in its cache.
CHECKERS = {
    (policy.name, fmt, lang): checker_for(policy, fmt, lang)
    for policy in (RECOMMENDED, NUMBERS)
    for fmt in FORMATS
    for lang in LANGS
}


class TestVerdictByFindings:
    """Checker.verdict renders once per distinct findings; it must equal the definition."""

    @settings(max_examples=300, deadline=None)
    @given(password=PASSWORDS, fmt=st.sampled_from(FORMATS), lang=st.sampled_from(LANGS))
    def test_same_as_the_definition(self, password: str, fmt: str, lang: Lang) -> None:
        checker = CHECKERS[(RECOMMENDED.name, fmt, lang)]
        assert checker.verdict(password) == defined(checker, RECOMMENDED, password)

    @pytest.mark.parametrize("fmt", FORMATS)
    def test_one_one_point_oh_and_true_told_apart(self, fmt: str) -> None:
        checker = CHECKERS[(NUMBERS.name, fmt, "en")]
        bodies = set()
        for password in ("i", "f", "b", "i", "b", "f", "zz"):
            verdict = checker.verdict(password)
            assert verdict == defined(checker, NUMBERS, password)
            bodies.add(verdict[2])
        assert len(bodies) == (4 if fmt != "csv" else 2)  # CSV writes only codes

    def test_equal_findings_share_one_verdict(self) -> None:
        checker = checker_for(RECOMMENDED, "jsonl", "en")
        assert checker.verdict("password1") is checker.verdict("password2")

    def test_explain_is_rendered_for_each_password(self) -> None:
        render = RenderSpec("jsonl", "en", False, ("<stdin>",), "recommended", "login", False, True)
        checker = Checker(RECOMMENDED, CheckSpec("recommended", "login", "en", render))
        one, two = checker.verdict("Correct-Horse-42"), checker.verdict("Battery-Staple-77")
        assert one[:2] == two[:2] == (True, ())
        assert one[2] != two[2]  # each carries its own estimate

    def test_bounded(self) -> None:
        checker = checker_for(NUMBERS, "jsonl", "en")
        assert SHARED_VERDICTS >= 1
        for i in range(20):
            checker.verdict("i" * i)
        assert len(checker._by_findings) <= SHARED_VERDICTS

    def test_no_password_in_what_it_keeps(self) -> None:
        checker = checker_for(RECOMMENDED, "jsonl", "en")
        for password in (CANARY, "ＱＺ" + CANARY, CANARY + "1!A", "taro_y" + CANARY):
            checker.verdict(password)
        kept = pickle.dumps(checker._by_findings) + pickle.dumps(checker._shared)
        for form in ("utf-8", "utf-16-le", "utf-32-le"):
            assert CANARY.encode(form) not in kept
        assert CANARY not in repr(checker._by_findings)


class TestSeenKey:
    """Seen copies one keyed state per line; the digest must be the keyed BLAKE2b's."""

    @given(password=PASSWORDS | st.text("\udcff\ud800a", max_size=4), with_row=st.booleans())
    def test_same_as_a_keyed_blake2b_per_line(self, password: str, with_row: bool) -> None:
        key = bytes(range(32))
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr("credguard._cli._check.secrets.token_bytes", lambda n: key[:n])
            seen = Seen()
        row = {"username": "taro_y"} if with_row else None
        data = password.encode("utf-8", "surrogatepass")
        if row is not None:
            data = b"R" + repr((password, sorted(row.items()))).encode("utf-8", "surrogatepass")
        expected = hashlib.blake2b(data, digest_size=16, key=key).digest()
        assert seen.key(password, row) == expected
        assert seen.key(password, row) == expected  # the kept state is not consumed
