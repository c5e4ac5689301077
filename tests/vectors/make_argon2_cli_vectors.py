"""Regenerate ``argon2_cli.json``: known answers from the reference ``argon2`` CLI.

Run from the repository root with the Debian/Ubuntu ``argon2`` package
installed (``apt-get install argon2``)::

    python tests/vectors/make_argon2_cli_vectors.py

Each vector is the encoded Argon2id hash the reference implementation
prints for a password (UTF-8 on standard input, no newline), an ASCII salt
and small parameters.  The passwords are already NFKC, so credguard must
produce exactly these strings.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

OUT = Path(__file__).with_name("argon2_cli.json")

# (password, salt, t, m KiB, p, tag length)
CASES: list[tuple[str, str, int, int, int, int]] = [
    ("password", "somesalt", 2, 65536 // 64, 1, 32),
    ("password", "somesalt", 1, 256, 1, 32),
    ("Tr0ub4dor&3", "saltsaltsaltsalt", 3, 512, 2, 32),
    ("correct horse battery staple", "0123456789abcdef", 1, 1024, 4, 32),
    ("Password123", "NaClNaClNaCl", 2, 128, 1, 16),
    ("パスワード", "japanese-salt-01", 1, 256, 1, 32),
    ("café-Σ-ß", "unicode-salt-002", 2, 256, 2, 64),
    ("a", "single-char-salt", 1, 64, 1, 32),
    ("x" * 127, "longpasswordsalt", 1, 128, 1, 24),  # the CLI reads at most 127 bytes
]


def run(password: str, salt: str, t: int, m: int, p: int, length: int) -> str:
    binary = shutil.which("argon2")
    if binary is None:
        sys.exit("the argon2 command is not installed (apt-get install argon2)")
    args = [binary, salt, "-id", "-t", str(t), "-k", str(m), "-p", str(p), "-l", str(length), "-e"]
    done = subprocess.run(args, input=password.encode("utf-8"), capture_output=True, check=True)
    return done.stdout.decode("ascii").strip()


def main() -> None:
    vectors = [
        {
            "password": password,
            "salt": salt,
            "time_cost": t,
            "memory_cost": m,
            "parallelism": p,
            "hash_len": length,
            "encoded": run(password, salt, t, m, p, length),
        }
        for password, salt, t, m, p, length in CASES
    ]
    OUT.write_text(json.dumps(vectors, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {len(vectors)} vectors to {OUT}")


if __name__ == "__main__":
    main()
