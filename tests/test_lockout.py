"""LockoutPolicy: the pure lockout evaluator."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import credguard
from credguard import Attempt, LockoutPolicy

T0 = datetime.datetime(2026, 1, 5, 9, 0, tzinfo=datetime.timezone.utc)


def _at(minutes: float) -> datetime.datetime:
    return T0 + datetime.timedelta(minutes=minutes)


def _attempts(pattern: str, *, step: float = 1.0) -> list[Attempt]:
    """'F' a failure, 'S' a success, one a minute from T0."""
    return [Attempt(_at(i * step), char == "S") for i, char in enumerate(pattern)]


MOOMOO = LockoutPolicy(max_failures=10, lock_seconds=30 * 60)
SMBC = LockoutPolicy(max_failures=5, lock_seconds=None)


class TestLockoutPolicy:
    @pytest.mark.parametrize(
        ("policy", "pattern", "now", "locked", "until", "failures", "remaining"),
        [
            (MOOMOO, "", 0, False, None, 0, 10),
            (MOOMOO, "FFFFFFFFF", 9, False, None, 9, 1),
            (MOOMOO, "FFFFFFFFFF", 10, True, 9 + 30, 10, 0),
            (MOOMOO, "FFFFFFFFFF", 38.5, True, 39, 10, 0),
            (MOOMOO, "FFFFFFFFFF", 39, False, None, 0, 10),  # the lock ends at 39 (exclusive)
            (MOOMOO, "FFFFFSFFFFF", 12, False, None, 5, 5),  # a success resets
            (MOOMOO, "FFFFFFFFFFS", 11, True, 39, 10, 0),  # success while locked is refused
            (SMBC, "FFFFF", 5, True, None, 5, 0),
            (SMBC, "FFFFF", 60 * 24 * 365, True, None, 5, 0),  # never unlocks by itself
            (SMBC, "FFFFSFFFF", 9, False, None, 4, 1),
        ],
    )
    def test_cases(self, policy: LockoutPolicy, pattern: str, now: float, locked: bool,
                   until: float | None, failures: int, remaining: int) -> None:  # fmt: skip
        status = policy.evaluate(_attempts(pattern), now=_at(now))
        assert status.locked is locked
        assert status.locked_until == (None if until is None else _at(until))
        assert (status.failures, status.remaining) == (failures, remaining)
        assert status.permanent is (locked and until is None)

    def test_failures_after_expiry_count_again(self) -> None:
        attempts = _attempts("FFFFFFFFFF") + [Attempt(_at(45 + i), False) for i in range(10)]
        status = MOOMOO.evaluate(attempts, now=_at(60))
        assert status.locked
        assert status.locked_until == _at(54 + 30)

    def test_attempts_while_locked_do_not_extend_the_lock(self) -> None:
        attempts = _attempts("FFFFFFFFFF") + [Attempt(_at(20 + i), False) for i in range(15)]
        assert MOOMOO.evaluate(attempts, now=_at(35)).locked_until == _at(39)

    def test_order_does_not_matter(self) -> None:
        attempts = _attempts("FFFFFFFFFF")
        assert MOOMOO.evaluate(reversed(attempts), now=_at(10)) == MOOMOO.evaluate(
            attempts, now=_at(10)
        )

    def test_future_attempts_count_as_now(self) -> None:
        # A clock skewed or stepped back must not unlock the account: the
        # four failures stamped after now count as made at now (fail closed).
        status = MOOMOO.evaluate(_attempts("FFFFFFFFFF"), now=_at(5))
        assert status.locked
        assert status.locked_until == _at(35)

    def test_a_clock_step_back_does_not_unlock(self) -> None:
        attempts = _attempts("FFFFFFFFFF", step=0.1)
        assert MOOMOO.evaluate(attempts, now=_at(2)).locked
        assert MOOMOO.evaluate(attempts, now=_at(0.5)).locked  # the clock went back

    @pytest.mark.parametrize("order", ["success first", "failure first"])
    def test_a_tie_is_taken_failure_first(self, order: str) -> None:
        # Nine failures, then a success and a failure at the same instant:
        # the failure locks and the success, refused while locked, cannot
        # undo it, whichever order the backend stored them in.
        tie = [Attempt(_at(9), True), Attempt(_at(9), False)]
        attempts = _attempts("FFFFFFFFF") + (tie if order == "success first" else tie[::-1])
        status = MOOMOO.evaluate(attempts, now=_at(10))
        assert status.locked
        assert status.locked_until == _at(39)

    @pytest.mark.parametrize("seconds", [0.0000001, 0.5, 0, -1, float("nan"), float("inf")])
    def test_a_lock_shorter_than_a_second_is_refused(self, seconds: float) -> None:
        with pytest.raises(credguard.PolicyError, match="at least 1") as caught:
            LockoutPolicy(max_failures=3, lock_seconds=seconds)
        assert caught.value.key == "lock_seconds"
        with pytest.raises(credguard.PolicyError, match="one second"):
            LockoutPolicy.from_settings(max_failures=3, lock_minutes=seconds / 60)
        assert LockoutPolicy(max_failures=3, lock_seconds=1).lock_seconds == 1

    @pytest.mark.parametrize("tz", [datetime.timezone.utc, None])
    def test_no_overflow_near_the_end_of_time(self, tz: datetime.timezone | None) -> None:
        end = datetime.datetime.max.replace(tzinfo=tz)
        policy = LockoutPolicy(max_failures=1, lock_seconds=3600)
        status = policy.evaluate([Attempt(end - datetime.timedelta(seconds=5), False)], now=end)
        assert status.locked
        assert status.locked_until == end
        later = [Attempt(end - datetime.timedelta(seconds=5), False), Attempt(end, False)]
        assert policy.evaluate(later, now=end).locked

    @given(
        st.lists(st.tuples(st.integers(0, 40), st.booleans()), max_size=30),
        st.integers(1, 5),
        st.sampled_from([None, 60.0, 600.0]),
        st.integers(0, 50),
        st.randoms(use_true_random=False),
    )
    def test_the_verdict_does_not_depend_on_input_order(
        self,
        events: list[tuple[int, bool]],
        limit: int,
        seconds: float | None,
        now: int,
        rng: Any,
    ) -> None:
        policy = LockoutPolicy(max_failures=limit, lock_seconds=seconds)
        attempts = [Attempt(_at(minute), ok) for minute, ok in events]
        shuffled = list(attempts)
        rng.shuffle(shuffled)
        assert policy.evaluate(shuffled, now=_at(now)) == policy.evaluate(attempts, now=_at(now))

    def test_since_drops_older_attempts(self) -> None:
        attempts = _attempts("FFFFF")
        assert SMBC.evaluate(attempts, now=_at(10)).locked
        status = SMBC.evaluate(attempts, now=_at(10), since=_at(4.5))
        assert not status.locked
        assert status.failures == 0

    def test_naive_datetimes_work_when_consistent(self) -> None:
        naive = [Attempt(a.at.replace(tzinfo=None), a.ok) for a in _attempts("FFFFF")]
        assert SMBC.evaluate(naive, now=_at(6).replace(tzinfo=None)).locked

    def test_mixed_awareness_is_a_typed_error(self) -> None:
        with pytest.raises(credguard.InputTypeError):
            SMBC.evaluate(_attempts("F"), now=_at(1).replace(tzinfo=None))

    @pytest.mark.parametrize(
        ("call", "error"),
        [
            (lambda: SMBC.evaluate([("2026", False)], now=T0), credguard.InputTypeError),  # type: ignore[list-item]
            (lambda: SMBC.evaluate([], now="now"), credguard.InputTypeError),  # type: ignore[arg-type]
            (lambda: SMBC.evaluate([], now=T0, since=1), credguard.InputTypeError),  # type: ignore[arg-type]
            (lambda: Attempt("2026-01-01", False), credguard.InputTypeError),  # type: ignore[arg-type]
            (lambda: Attempt(T0, 1), credguard.InputTypeError),  # type: ignore[arg-type]
        ],
    )
    def test_wrong_types(self, call: Any, error: type) -> None:
        with pytest.raises(error):
            call()

    @pytest.mark.parametrize(
        ("params", "key"),
        [
            ({"max_failures": 0, "lock_seconds": 60}, "max_failures"),
            ({"max_failures": 101, "lock_seconds": 60}, "max_failures"),
            ({"max_failures": True, "lock_seconds": 60}, "max_failures"),
            ({"max_failures": 5, "lock_seconds": 0}, "lock_seconds"),
            ({"max_failures": 5, "lock_seconds": -1}, "lock_seconds"),
            ({"max_failures": 5, "lock_seconds": "1h"}, "lock_seconds"),
            ({"max_failures": 5, "lock_seconds": 400 * 86400}, "lock_seconds"),
        ],
    )
    def test_invalid(self, params: dict[str, Any], key: str) -> None:
        with pytest.raises(credguard.PolicyError) as info:
            LockoutPolicy(**params)
        assert info.value.key == key

    def test_nist_limit_is_allowed(self) -> None:
        assert LockoutPolicy(max_failures=100, lock_seconds=60).max_failures == 100

    @given(st.lists(st.tuples(st.integers(0, 600), st.booleans()), max_size=60),
           st.integers(1, 12), st.integers(0, 700))  # fmt: skip
    def test_locked_iff_enough_failures_property(
        self, events: list[tuple[int, bool]], limit: int, now: int
    ) -> None:
        policy = LockoutPolicy(max_failures=limit, lock_seconds=None)
        attempts = [Attempt(_at(minute), ok) for minute, ok in events]
        status = policy.evaluate(attempts, now=_at(now))
        # Without automatic unlock: locked exactly when some run of `limit`
        # consecutive failures (in time order, up to now) occurred.
        run, seen = 0, False
        # Future stamps count as now; failures before successes at one instant.
        for _, ok in sorted((min(a.at, _at(now)), a.ok) for a in attempts):
            if seen:
                break
            run = 0 if ok else run + 1
            seen = run >= limit
        assert status.locked is seen
        assert 0 <= status.remaining <= limit


class TestFromSettings:
    def test_timed(self) -> None:
        policy = LockoutPolicy.from_settings(max_failures=10, lock_minutes=30)
        assert policy == LockoutPolicy(max_failures=10, lock_seconds=1800)

    def test_no_auto_unlock(self) -> None:
        policy = LockoutPolicy.from_settings(max_failures=5, auto_unlock=False)
        assert policy.lock_seconds is None

    @pytest.mark.parametrize(
        ("params", "key"),
        [
            ({"max_failures": 5}, "lock_minutes"),
            ({"max_failures": 5, "lock_minutes": 10, "auto_unlock": False}, "lock_minutes"),
            ({"max_failures": 5, "lock_minutes": 0}, "lock_minutes"),
            ({"max_failures": 5, "lock_minutes": "10"}, "lock_minutes"),
            ({"max_failures": 5, "lock_minutes": 10, "auto_unlock": "yes"}, "auto_unlock"),
            ({"max_failures": 500, "lock_minutes": 10}, "max_failures"),
        ],
    )
    def test_invalid(self, params: dict[str, Any], key: str) -> None:
        with pytest.raises(credguard.PolicyError) as info:
            LockoutPolicy.from_settings(**params)
        assert info.value.key == key


class TestFromPolicy:
    """The same [lockout] section drives the audit and the evaluator."""

    def test_smbc_nikko_is_complete(self) -> None:
        policy = LockoutPolicy.from_policy("smbc-nikko")
        assert policy == SMBC
        assert policy.evaluate(_attempts("FFFFF"), now=_at(60 * 24 * 30)).permanent

    def test_moomoo_duration_is_unknown_and_never_guessed(self) -> None:
        with pytest.raises(credguard.UnknownSettingError) as info:
            LockoutPolicy.from_policy("moomoo")
        error = info.value
        assert isinstance(error, credguard.PolicyError)
        assert (error.file, error.key) == ("<preset moomoo>", "lockout.lock_minutes")
        assert "lock_minutes=" in error.problem
        # The caller fills the gap explicitly; the page's 10 failures still apply.
        assert LockoutPolicy.from_policy("moomoo", lock_minutes=30) == MOOMOO

    @pytest.mark.parametrize(
        ("preset", "key"),
        [("tachibana", "lockout.max_failures"), ("kabucom", "lockout.max_failures")],
    )
    def test_count_unknown(self, preset: str, key: str) -> None:
        with pytest.raises(credguard.UnknownSettingError) as info:
            LockoutPolicy.from_policy(credguard.load_policy(preset))
        assert info.value.key == key
        filled = LockoutPolicy.from_policy(preset, max_failures=5, auto_unlock=False)
        assert filled == LockoutPolicy(max_failures=5, lock_seconds=None)

    @pytest.mark.parametrize(
        ("text", "params", "key", "fragment"),
        [
            ("[lockout]\nmax_failures = 10\n", {"max_failures": 5}, "lockout.max_failures",
             "the policy states 10"),
            ("[lockout]\nauto_unlock = false\nmax_failures = 5\n", {"lock_minutes": 30},
             "lockout.lock_minutes", "omitted"),
            ("[lockout]\nlocks = false\n", {"max_failures": 5}, "lockout.locks", "does not lock"),
            ("[lockout]\nmax_failures = 200\nlock_minutes = 5\n", {}, "lockout.max_failures",
             "NIST"),
            ("", {}, "lockout.max_failures", "after how many"),
        ],
    )  # fmt: skip
    def test_contradictions_and_gaps(
        self, text: str, params: dict[str, Any], key: str, fragment: str
    ) -> None:
        with pytest.raises(credguard.PolicyError) as info:
            LockoutPolicy.from_policy(credguard.parse_policy(text, file="b.toml"), **params)
        assert (info.value.file, info.value.key) == ("b.toml", key)
        assert fragment in info.value.problem

    def test_a_file_drives_audit_and_backend(self, tmp_path: Any) -> None:
        path = tmp_path / "firm.toml"
        path.write_text(
            '[policy]\nextends = "moomoo"\n\n[lockout]\nlock_minutes = 15\n'
            'assumed = "our backend locks for 15 minutes"\n',
            "utf-8",
        )
        policy = LockoutPolicy.from_policy(path)
        assert policy == LockoutPolicy(max_failures=10, lock_seconds=900)
        (finding,) = [
            f for f in credguard.audit_policy(path, "jsda-2025") if f.requirement_id == "auto-lock"
        ]
        assert finding.status == "met"
        assert "10 consecutive failures" in finding.problem
