#!/usr/bin/env python
"""Cost of each composition step, here and in an older commit, side by side.

    python benchmarks/rule_costs.py                  # this tree only
    python benchmarks/rule_costs.py --against 11fcbce  # before / after table

Each step (building the ``Candidate``, each composition rule alone on
prebuilt candidates, whole policies, and the pattern rules at the size cap
on three shapes) is timed in CPU time, best of five, on the seeded corpus.
Since views are computed on first read, a rule timed alone on prebuilt
candidates no longer pays for its views: compare the whole-policy rows and
"Candidate, every view read" across commits.
With ``--against``, the older commit's ``src/`` is extracted with
``git archive`` into a temporary folder and both trees are measured in
fresh interpreters, alternately, twice each; the table keeps the best.
This is how ``docs/performance.md`` records what each optimization bought.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_MEASURE = """
import json, random, sys, time
from benchmarks import corpus
import credguard
from credguard import Candidate, Policy, UserContext
from credguard.rules import (
    CharsetRule, ClassesRule, KeyboardRule, LengthRule, RepetitionRule, SequenceRule,
)

passwords = corpus.generate({size})
context = UserContext()
rules = {{
    "length": LengthRule(min=8, max=20),
    "charset": CharsetRule(),
    "classes": ClassesRule(min_classes=3),
    "repetition": RepetitionRule(),
    "sequence": SequenceRule(),
    "keyboard": KeyboardRule(),
}}
composition = Policy(name="composition", rules=tuple(rules.values()))
recommended = credguard.load_policy("recommended")
candidates = [Candidate.from_password(p) for p in passwords]


def best(run, count):
    times = []
    for _ in range(5):
        start = time.process_time()
        run()
        times.append(time.process_time() - start)
    return min(times) * 1e6 / count


def every_view(candidate):
    return (candidate.folded, candidate.leet, candidate.leet_alt, candidate.digits,
            candidate.reversed_folded, candidate.reversed_leet, candidate.class_counts)


out = {{"Candidate.from_password": best(
    lambda: [Candidate.from_password(p) for p in passwords], len(passwords))}}
# Views are computed on first read since the lazy Candidate: this row is
# comparable across commits, the one above is not.
out["Candidate, every view read"] = best(
    lambda: [every_view(Candidate.from_password(p)) for p in passwords], len(passwords))
for name, rule in rules.items():
    out[f"rules.{{name}}"] = best(
        lambda rule=rule: [list(rule.check(c, context)) for c in candidates], len(candidates))
out["Policy: the six composition rules"] = best(
    lambda: [composition.check(p).ok for p in passwords], len(passwords))
out["Policy: recommended"] = best(
    lambda: [recommended.check(p).ok for p in passwords], len(passwords))
rng = random.Random(7)
shapes = {{
    "random": "".join(rng.choice("abcXYZ019!@#") for _ in range(1024)),
    "one character": "a" * 1024,
    "kana": ("さくらサクラ" * 200)[:1024],
}}
for shape, text in shapes.items():
    candidate = Candidate.from_password(text)
    for name in ("repetition", "sequence", "keyboard"):
        out[f"at the cap, {{shape}}: rules.{{name}}"] = best(
            lambda rule=rules[name]: list(rule.check(candidate, context)), 1)
print(json.dumps(out))
"""


def _measure(src: Path, size: int) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join((str(src), str(ROOT)))}
    result = subprocess.run(
        [sys.executable, "-c", _MEASURE.format(size=size)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        check=True,
    )
    data: dict[str, float] = json.loads(result.stdout)
    return data


def _extract(revision: str, into: Path) -> Path:
    archive = subprocess.run(
        ["git", "archive", revision, "src"], cwd=ROOT, capture_output=True, check=True
    ).stdout
    path = into / "archive.tar"
    path.write_bytes(archive)
    with tarfile.open(path) as tar:
        tar.extractall(into, filter="data")
    return into / "src"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--against", help="an older commit to compare with")
    parser.add_argument("--size", type=int, default=20_000, help="corpus size (default 20,000)")
    args = parser.parse_args()
    if args.against is None:
        now = _measure(ROOT / "src", args.size)
        print("| step | µs |\n|---|--:|")
        for name, micros in now.items():
            print(f"| {name} | {micros:,.2f} |")
        return 0
    with tempfile.TemporaryDirectory() as folder:
        old_src = _extract(args.against, Path(folder))
        runs = [(_measure(old_src, args.size), _measure(ROOT / "src", args.size)) for _ in range(2)]
    print(f"| step | µs at {args.against} | µs now | speed-up |\n|---|--:|--:|--:|")
    for name in runs[0][0]:
        before = min(run[0][name] for run in runs)
        after = min(run[1][name] for run in runs)
        print(f"| {name} | {before:,.2f} | {after:,.2f} | {before / after:.1f}x |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
