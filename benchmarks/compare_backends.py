"""How often the Rust port of zxcvbn agrees with the Python port.

    python benchmarks/compare_backends.py

Builds a corpus of 1,500 passwords from zxcvbn's own frequency lists (one to
three words, some with digits or capitals and leet symbols) and counts how
often ``estimate(..., backend="rust")`` gives the same score, and the same
guesses to 0.01 in log10, as the Python reference.  Prints the differences.
"""

from __future__ import annotations

import random
import sys

from _common import percentile

from credguard._zxcvbn import estimate, rust_available


def main() -> None:
    if not rust_available():
        sys.exit("zxcvbn-rs-py is not installed (pip install 'credguard-policy[fast]')")
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    rng = random.Random(1)
    words = FREQUENCY_LISTS["passwords"][:5000] + FREQUENCY_LISTS["english_wikipedia"][:2000]
    corpus = []
    for _ in range(1500):
        password = "".join(rng.choice(words) for _ in range(rng.choice([1, 1, 2, 3])))
        roll = rng.random()
        if roll < 0.3:
            password += str(rng.randint(0, 999))
        elif roll < 0.4:
            password = password.capitalize().replace("a", "@") + "!"
        corpus.append(password[:60])
    same_score = close = 0
    gaps = []
    for password in corpus:
        python = estimate(password, backend="python")
        rust = estimate(password, backend="rust")
        same_score += python.score == rust.score
        close += abs(python.guesses_log10 - rust.guesses_log10) < 0.01
        gaps.append(abs(python.guesses_log10 - rust.guesses_log10))
        if python.score != rust.score:
            print(f"differs: {password!r}: python {python}, rust {rust}")
    total = len(corpus)
    print(f"same score: {same_score}/{total} ({100 * same_score / total:.1f} %)")
    print(f"same guesses (±0.01 log10): {close}/{total} ({100 * close / total:.1f} %)")
    print(f"log10 gap: median {percentile(gaps, 0.5):.2f}, p99 {percentile(gaps, 0.99):.2f}")


if __name__ == "__main__":
    main()
