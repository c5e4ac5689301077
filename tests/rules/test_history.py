"""history.*: reuse of one of the last N passwords, parallel verification, fail closed."""

from __future__ import annotations

import threading
import unicodedata
from typing import Any, Literal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import credguard
from credguard import testing
from credguard._candidate import Candidate
from credguard._hashing import PasswordHasher
from credguard.rules import RULES, HistoryRule
from credguard.rules._credentials import available_cores, first_match
from tests.helpers import CANARY, run_in_threads

CHEAP = testing.cheap_hasher()
OLD = [f"old-password-{n}" for n in range(8)]  # newest first
HISTORY = tuple(CHEAP.hash(p) for p in OLD)
CORRUPT = "$argon2id$v=19$m=4194304,t=1000,p=255$c29tZXNhbHQ$AAAAAAAAAAAAAAAAAAAAAA"


def _check(rule: HistoryRule, password: str, history: tuple[str, ...]) -> tuple[str, ...]:
    context = credguard.UserContext(password_history=history)
    return tuple(v.code for v in rule.check(Candidate.from_password(password), context))


class _Counting(PasswordHasher):
    """*hasher*, recording the stored values it is asked to verify."""

    calls: list[str]

    def __init__(self, hasher: PasswordHasher) -> None:
        fields = ("profile", "max_memory_cost", "max_time_cost", "max_check_cost")
        super().__init__(**{name: getattr(hasher, name) for name in fields})
        object.__setattr__(self, "calls", [])

    def verify(self, stored: str, password: str) -> bool:
        self.calls.append(stored)
        return super().verify(stored, password)


class TestHistoryRule:
    def test_registered(self) -> None:
        assert RULES["history"] is HistoryRule
        assert list(RULES).index("history") > list(RULES).index("keyboard")

    @pytest.mark.parametrize("workers", [1, 4, None])
    @pytest.mark.parametrize(
        ("password", "generations", "expected"),
        [
            ("old-password-0", 5, ("history.reused",)),
            ("old-password-4", 5, ("history.reused",)),
            ("old-password-5", 5, ()),  # older than the last 5
            ("old-password-5", 6, ("history.reused",)),
            ("old-password-7", 24, ("history.reused",)),
            ("Old-password-0", 5, ()),  # case matters, as in the hash
            ("ｏｌｄ－ｐａｓｓｗｏｒｄ－１", 5, ("history.reused",)),  # full-width twin
            ("brand-new-password", 8, ()),
        ],
    )
    def test_cases(self, password: str, generations: int, expected: tuple[str, ...],
                   workers: int | None) -> None:  # fmt: skip
        rule = HistoryRule(generations=generations, workers=workers, hasher=CHEAP)
        assert _check(rule, password, HISTORY) == expected

    def test_params_and_messages(self) -> None:
        rule = HistoryRule(generations=3, hasher=CHEAP)
        context = credguard.UserContext(password_history=HISTORY)
        (violation,) = rule.check(Candidate.from_password("old-password-1"), context)
        assert violation.params == {"generations": 3}
        assert "3" in violation.message
        assert "3回" in violation.message_in("ja")

    def test_empty_history(self) -> None:
        assert _check(HistoryRule(hasher=CHEAP), "anything", ()) == ()

    @pytest.mark.parametrize("workers", [1, 4])
    @pytest.mark.parametrize(
        "bad",
        [CORRUPT, "not a hash", "$argon2i$v=19$m=1024,t=1,p=1$c29tZXNhbHQ$AAAAAAAAAAAAAAAAAAAAAA"],
    )
    def test_corrupt_entries_fail_closed(self, bad: str, workers: int) -> None:
        rule = HistoryRule(generations=5, workers=workers, hasher=CHEAP)
        history = (HISTORY[0], bad, HISTORY[1])
        assert _check(rule, "brand-new", history) == ("history.unverifiable",)
        # A match still wins over a corrupt entry.
        assert _check(rule, "old-password-1", history) == ("history.reused",)

    def test_unverifiable_counts(self) -> None:
        context = credguard.UserContext(password_history=(CORRUPT, "x", HISTORY[0]))
        (violation,) = HistoryRule(hasher=CHEAP).check(Candidate.from_password("new"), context)
        assert violation.params == {"count": 2}

    def test_unknown_pepper_key_fails_closed(self) -> None:
        other = testing.cheap_hasher(pepper=credguard.Pepper("old", b"o" * 32))
        history = (other.hash("reused"),)
        assert _check(HistoryRule(hasher=CHEAP), "reused", history) == ("history.unverifiable",)
        rule = HistoryRule(hasher=other)
        assert _check(rule, "reused", history) == ("history.reused",)

    def test_severity(self) -> None:
        context = credguard.UserContext(password_history=HISTORY)
        rule = HistoryRule(severity="warning", hasher=CHEAP)
        (violation,) = rule.check(Candidate.from_password("old-password-0"), context)
        assert violation.severity == "warning"

    @pytest.mark.parametrize(
        ("params", "key"),
        [
            ({"generations": 0}, "generations"),
            ({"generations": 25}, "generations"),
            ({"generations": "5"}, "generations"),
            ({"workers": 0}, "workers"),
            ({"workers": 17}, "workers"),
            ({"severity": "fatal"}, "severity"),
            ({"hasher": "argon2"}, "hasher"),
        ],
    )
    def test_invalid_parameters(self, params: dict[str, Any], key: str) -> None:
        with pytest.raises(credguard.PolicyError) as info:
            HistoryRule(**params)
        assert info.value.key == key

    def test_default_workers_follow_the_cores(self) -> None:
        assert HistoryRule().workers is None
        assert 1 <= available_cores() <= 16

    def test_default_hasher(self) -> None:
        assert isinstance(HistoryRule().hasher, PasswordHasher)
        # A production hasher verifies cheap stored hashes (bounded from above only).
        assert _check(HistoryRule(), "old-password-2", HISTORY) == ("history.reused",)

    @settings(max_examples=25)
    @given(
        st.text(st.characters(blacklist_categories=("Cc", "Cf", "Cs", "Zl", "Zp")), max_size=12),
        st.sampled_from(["NFC", "NFD", "NFKC", "NFKD"]),
    )
    def test_normal_forms_get_the_same_verdict(
        self, password: str, form: Literal["NFC", "NFD", "NFKC", "NFKD"]
    ) -> None:
        secret = CANARY + password
        history = (CHEAP.hash(secret), HISTORY[0])
        rule = HistoryRule(hasher=CHEAP, workers=2)
        context = credguard.UserContext(password_history=history)
        violations = list(
            rule.check(Candidate.from_password(unicodedata.normalize(form, secret)), context)
        )
        assert [v.code for v in violations] == ["history.reused"]
        assert all(CANARY not in v.message_in(lang) for v in violations for lang in ("en", "ja"))


class TestFirstMatch:
    @pytest.mark.parametrize("workers", [1, 2, 8])
    def test_reports_match_and_unverifiable(self, workers: int) -> None:
        stored = (HISTORY[0], "junk", HISTORY[1], CORRUPT)
        assert first_match(CHEAP, stored, "old-password-1", workers=workers).match == 2
        outcome = first_match(CHEAP, stored, "nope", workers=workers)
        assert outcome.match is None
        assert outcome.unverifiable == (1, 3)

    def test_stops_at_first_match_sequentially(self) -> None:
        hasher = _Counting(CHEAP)
        assert first_match(hasher, HISTORY, "old-password-1", workers=1).match == 1
        assert hasher.calls == list(HISTORY[:2])

    @pytest.mark.parametrize("workers", [1, 4])
    def test_newest_entry_is_verified_first_and_alone(self, workers: int) -> None:
        calls: list[str] = []

        class Counting(PasswordHasher):
            def verify(self, stored: str, password: str) -> bool:
                calls.append(stored)
                return CHEAP.verify(stored, password)

        rule = HistoryRule(generations=5, workers=workers, hasher=Counting())
        assert _check(rule, "old-password-0", HISTORY) == ("history.reused",)
        assert calls == [HISTORY[0]]
        calls.clear()
        assert _check(rule, "brand-new", HISTORY) == ()
        assert calls[0] == HISTORY[0]
        assert sorted(calls) == sorted(HISTORY[:5])

    def test_a_corrupt_newest_entry_is_counted_unless_another_matches(self) -> None:
        rule = HistoryRule(generations=5, workers=2, hasher=CHEAP)
        history = (CORRUPT, HISTORY[1], "junk")
        (violation,) = rule.check(
            Candidate.from_password("brand-new"), credguard.UserContext(password_history=history)
        )
        assert (violation.code, violation.params) == ("history.unverifiable", {"count": 2})
        assert _check(rule, "old-password-1", history) == ("history.reused",)

    def test_rule_is_shareable_between_threads(self) -> None:
        rule = HistoryRule(generations=8, workers=2, hasher=CHEAP)
        results: list[tuple[str, ...]] = []
        lock = threading.Lock()

        def work(index: int) -> None:
            codes = _check(rule, OLD[index % 8] if index % 2 else f"fresh-{index}", HISTORY)
            with lock:
                results.append(codes)

        run_in_threads(work)
        assert sorted(results) == [(), (), (), (), *[("history.reused",)] * 4]


class TestUpdatedHistory:
    def test_new_first_trimmed(self) -> None:
        new = CHEAP.hash("new")
        updated = credguard.updated_history(HISTORY, new, generations=5)
        assert updated == (new, *HISTORY[:4])
        assert HistoryRule(generations=3, hasher=CHEAP).updated(HISTORY, new) == (
            new,
            *HISTORY[:2],
        )
        assert credguard.updated_history((), new, generations=5) == (new,)

    def test_result_fits_user_context(self) -> None:
        updated = credguard.updated_history(HISTORY, CHEAP.hash("n"), generations=24)
        assert credguard.UserContext(password_history=updated).password_history == updated

    @pytest.mark.parametrize(
        ("history", "new", "generations", "error"),
        [
            (HISTORY, "h", 0, credguard.PolicyError),
            (HISTORY, "h", 25, credguard.PolicyError),
            ("a hash", "h", 5, credguard.InputTypeError),
            (HISTORY, "", 5, credguard.InputTypeError),
            (HISTORY, None, 5, credguard.InputTypeError),
            ((None,), "h", 5, credguard.InputTypeError),
        ],
    )
    def test_invalid(self, history: Any, new: Any, generations: int, error: type) -> None:
        with pytest.raises(error):
            credguard.updated_history(history, new, generations=generations)


class TestPolicyIntegration:
    TOML = """
[rules.length]
min = 8

[rules.history]
generations = 3
"""

    def test_policy_file_and_with_hasher(self) -> None:
        pepper = credguard.Pepper("k1", b"p" * 32)
        peppered = testing.cheap_hasher(pepper=pepper)
        policy = credguard.parse_policy(self.TOML)
        history = (peppered.hash("Correct-Horse-1"),)
        context = credguard.UserContext(password_history=history)
        # The file's policy has a plain hasher: it cannot verify a peppered hash.
        assert policy.check("Correct-Horse-1", context=context).codes == ("history.unverifiable",)
        bound = policy.with_hasher(peppered)
        assert bound.check("Correct-Horse-1", context=context).codes == ("history.reused",)
        assert bound.check("Another-Horse-2", context=context).ok
        (rule,) = [r for r in bound.rules if isinstance(r, HistoryRule)]
        assert rule.hasher is peppered
        assert rule.generations == 3

    def test_hasher_cannot_come_from_a_file(self) -> None:
        with pytest.raises(credguard.PolicyError) as info:
            credguard.parse_policy('[rules.history]\nhasher = "fast"\n')
        assert info.value.key == "rules.history.hasher"

    def test_with_hasher_type_check(self) -> None:
        with pytest.raises(credguard.InputTypeError):
            credguard.parse_policy(self.TOML).with_hasher("fast")  # type: ignore[arg-type]

    def test_cheap_policy_helper(self) -> None:
        policy = testing.cheap_policy(credguard.parse_policy(self.TOML))
        (rule,) = [r for r in policy.rules if isinstance(r, HistoryRule)]
        assert rule.hasher.profile is testing.CHEAP_PROFILE

    def test_no_secret_in_output(self) -> None:
        pepper = credguard.Pepper("k1", CANARY.encode())
        hasher = testing.cheap_hasher(pepper=pepper)
        policy = credguard.parse_policy(self.TOML).with_hasher(hasher)
        password = f"{CANARY}-password"
        context = credguard.UserContext(password_history=(hasher.hash(password), CORRUPT))
        for candidate in (password, "fresh-password-9"):
            result = policy.check(candidate, context=context)
            assert result.codes in (("history.reused",), ("history.unverifiable",))
            texts = [
                repr(result),
                repr(policy),
                repr(policy.rules),
                *result.messages("en"),
                *result.messages("ja"),
                str([v.to_dict() for v in result.violations]),
            ]
            for text in texts:
                assert CANARY not in text
                assert CANARY.encode().hex() not in text


class TestCheckCost:
    """One check verifies at most ``max_check_cost`` (KiB x passes) of stored hashes."""

    def test_default_per_hash_bounds_follow_the_profile(self) -> None:
        hasher = PasswordHasher()  # rfc9106-low-memory: 64 MiB, t=3
        assert (hasher.max_memory_cost, hasher.max_time_cost) == (128 * 1024, 6)
        assert hasher.max_check_cost == 24 * 64 * 1024 * 3
        # A forged entry at the old default bounds (256 MiB, t=10: 3.5 s each)
        # is refused before Argon2 runs.
        salt, tag = "c29tZXNhbHRzb21lc2FsdA", "A" * 43
        forged = f"$argon2id$v=19$m=262144,t=10,p=4${salt}${tag}"
        with pytest.raises(credguard.InvalidHashError):
            hasher.verify(forged, "password")
        assert _check(HistoryRule(generations=24, hasher=hasher), "x", (forged,) * 24) == (
            "history.unverifiable",
        )

    @pytest.mark.parametrize(("factor", "accepted"), [(2, True), (3, False)])
    def test_a_stored_hash_may_exceed_the_profile_twice(self, factor: int, accepted: bool) -> None:
        stored = testing.cheap_hasher(testing.cheap_profile(time_cost=factor)).hash("pw")
        if accepted:
            assert CHEAP.verify(stored, "pw")
        else:
            with pytest.raises(credguard.InvalidHashError):
                CHEAP.verify(stored, "pw")
            wider = PasswordHasher(CHEAP.profile, max_time_cost=factor)
            assert wider.verify(stored, "pw")

    def test_the_budget_stops_verifying_and_fails_closed(self) -> None:
        one = CHEAP.cost(HISTORY[0])
        assert one == 1024 * 1
        hasher = PasswordHasher(CHEAP.profile, max_check_cost=3 * one)
        counting = _Counting(hasher)
        outcome = first_match(counting, HISTORY, "old-password-6", workers=1)
        assert outcome.match is None
        assert outcome.unverifiable == (3, 4, 5, 6, 7)
        assert counting.calls == list(HISTORY[:3])
        rule = HistoryRule(generations=8, hasher=hasher)
        assert _check(rule, "old-password-1", HISTORY) == ("history.reused",)
        assert _check(rule, "old-password-6", HISTORY) == ("history.unverifiable",)
        assert _check(HistoryRule(generations=8, hasher=CHEAP), "old-password-6", HISTORY) == (
            "history.reused",
        )

    def test_costly_entries_do_not_crowd_out_cheap_ones(self) -> None:
        costly = testing.cheap_hasher(testing.cheap_profile(time_cost=2)).hash("other")
        one = CHEAP.cost(HISTORY[0])
        hasher = PasswordHasher(CHEAP.profile, max_check_cost=3 * one)
        outcome = first_match(hasher, (costly, costly, HISTORY[1]), "old-password-1", workers=2)
        assert outcome.match == 2
        assert outcome.unverifiable == (1,)

    def test_the_budget_is_at_least_one_hash(self) -> None:
        with pytest.raises(credguard.PolicyError) as caught:
            PasswordHasher(CHEAP.profile, max_check_cost=10)
        assert caught.value.key == "max_check_cost"
