"""Strength rule cost: median and 99.9th percentile up to the input cap.

    python benchmarks/bench_strength.py [--rust]

Times ``StrengthRule.check`` with a full ``UserContext`` on random and
patterned passwords from 8 characters up to MAX_PASSWORD_LENGTH, and on
crafted inputs full of ambiguous leet symbols, for each ``max_evaluated``.
With ``--rust`` the zxcvbn-rs-py backend is timed too (if installed).
"""

from __future__ import annotations

import datetime
import random
import string
import sys

from _common import report, timed_both

from credguard import MAX_PASSWORD_LENGTH, Candidate, UserContext
from credguard._zxcvbn import estimate, rust_available
from credguard.rules import StrengthRule

CONTEXT = UserContext(
    username="taro_y",
    email="yamada.taro@example.co.jp",
    names=("Yamada Taro", "やまだ たろう"),
    birthdate=datetime.date(1985, 7, 23),
    phone="090-3961-2475",
)


def corpus(rng: random.Random) -> list[str]:
    alphabet = string.ascii_letters + string.digits + string.punctuation
    words = ["sakura", "password", "yamada", "taro", "dragon", "monkey", "1985", "0723"]
    out: list[str] = []
    for length in (8, 12, 16, 24, 32, 48, 64, 72, 128, 512, MAX_PASSWORD_LENGTH):
        for _ in range(150):
            out.append("".join(rng.choice(alphabet) for _ in range(length)))
            out.append("".join(rng.choice(words) for _ in range(length))[:length])
        out.append(("4@8({[<3691!|70$5+%2" * 60)[:length])  # many leet tables
        out.append(("0123456789" * 110)[:length])
        out.append(("ab" * 600)[:length])
    return out


def main() -> None:
    rng = random.Random(5)
    passwords = corpus(rng)
    candidates = [Candidate.from_password(p) for p in passwords]
    estimate("warm-up")  # the one-off import of zxcvbn and the merged index
    backends = ["python"] + (["rust"] if "--rust" in sys.argv and rust_available() else [])
    for backend in backends:
        for evaluated in (16, 32, 64, 72):
            rule = StrengthRule(max_evaluated=evaluated, backend=backend)
            times = [timed_both(lambda c=c, r=rule: list(r.check(c, CONTEXT))) for c in candidates]
            report(f"{backend} max_evaluated={evaluated}", times)


if __name__ == "__main__":
    main()
