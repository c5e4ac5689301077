"""``Policy.acheck``: the check in a worker thread, so the event loop keeps serving."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from typing import ClassVar

import pytest

from credguard import Candidate, Policy, PolicyError, UserContext, Violation, load_policy
from credguard._violation import Severity
from credguard.rules import LengthRule

# Generous: reached only when the behaviour under test is broken.
PATIENCE = 20.0


class WaitingRule:
    """A slow rule: its check waits for *gate* (a barrier or an event) to open."""

    NAME: ClassVar[str] = "waiting"
    severity: Severity = "error"

    def __init__(self, gate: threading.Barrier | threading.Event) -> None:
        self.gate = gate
        self.opened: list[bool] = []

    def check(self, candidate: Candidate, context: UserContext) -> Iterator[Violation]:
        if isinstance(self.gate, threading.Barrier):
            try:
                self.gate.wait(timeout=PATIENCE)
                self.opened.append(True)
            except threading.BrokenBarrierError:
                self.opened.append(False)
        else:
            self.opened.append(self.gate.wait(timeout=PATIENCE))
        return iter(())


def test_acheck_gives_the_same_result_as_check() -> None:
    policy = load_policy("recommended")
    context = UserContext(username="taro_y")
    for password in ("taro_y1234", "Tr0ub4dor&3 staple", "短い"):
        found = asyncio.run(policy.acheck(password, context=context, kind="trade"))
        assert found == policy.check(password, context=context, kind="trade")


def test_acheck_validates_its_arguments_like_check() -> None:
    with pytest.raises(PolicyError):
        asyncio.run(Policy(rules=(LengthRule(),)).acheck("password", kind="savings"))


def test_concurrent_achecks_overlap() -> None:
    # Each check waits until the other has started: only overlapping checks finish.
    rule = WaitingRule(threading.Barrier(2))
    policy = Policy(rules=(rule,))

    async def both() -> list[bool]:
        results = await asyncio.gather(policy.acheck("one"), policy.acheck("two"))
        return [result.ok for result in results]

    assert asyncio.run(both()) == [True, True]
    assert rule.opened == [True, True]


def test_the_event_loop_serves_other_requests_while_a_check_runs() -> None:
    release = threading.Event()
    rule = WaitingRule(release)
    policy = Policy(rules=(rule,))
    order: list[str] = []

    async def check() -> None:
        await policy.acheck("password")
        order.append("check")

    async def health() -> None:
        order.append("health")
        release.set()  # only now may the check finish

    async def main() -> None:
        task = asyncio.create_task(check())
        await asyncio.sleep(0)  # the check has started (in its thread)
        await health()
        await task

    asyncio.run(main())
    assert order == ["health", "check"]
    assert rule.opened == [True]  # the check waited for the health request, not in vain
