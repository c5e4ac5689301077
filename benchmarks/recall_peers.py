"""The checkers credguard's recall is compared with, each as a batch refuser.

A peer takes a list of passwords and returns, for each, whether it refuses
it.  A peer that is not installed raises :class:`PeerUnavailable` with the
command that installs it; the benchmark then reports its column as n/a.

* ``zxcvbn`` (the Python port) and ``zxcvbn-rs`` (``zxcvbn_rs_py``): score
  below 3 is a refusal (the score credguard's ``recommended`` asks for).
* ``django``: Django's four validators (UserAttributeSimilarity,
  MinimumLength(8), CommonPassword, NumericPassword), configured in-process
  by ``tools.build_django`` (the speed benchmark's set-up; the similarity
  validator compares with that benchmark's sample account, Yamada Taro,
  whom no held-out password is about).
* ``pwscore``: libpwquality's command (Debian ``libpwquality-tools``) with
  the system's ``/etc/security/pwquality.conf``; a refusal is a non-zero
  exit.  It reads one password per run, so a shell loop per worker feeds it
  a batch (one Python subprocess per worker, not per password).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable, Sequence
from typing import Final

__all__ = ["PEERS", "PeerUnavailable", "Refuser", "build_peer"]

Refuser = Callable[[Sequence[str]], list[bool]]

#: Peer name -> a short description for the report.
PEERS: Final = {
    "zxcvbn": "zxcvbn (Python 4.x), score < 3",
    "zxcvbn-rs": "zxcvbn-rs (zxcvbn_rs_py), score < 3",
    "django": "Django's 4 validators (MinimumLength 8)",
    "pwscore": "libpwquality pwscore (system pwquality.conf)",
}

# The Python port refuses input over 72 characters (ValueError): it judges the prefix.
_ZXCVBN_MAX: Final = 72

# One pwscore run per line; its exit status per line on stdout.
_PWSCORE_LOOP: Final = (
    'while IFS= read -r p; do printf "%s\\n" "$p" | pwscore >/dev/null 2>&1; echo $?; done'
)


class PeerUnavailable(Exception):
    """The peer is not installed here; the message says how to install it."""


def _zxcvbn() -> Refuser:
    try:
        from zxcvbn import zxcvbn
    except ImportError:
        raise PeerUnavailable("pip install zxcvbn") from None
    return lambda batch: [zxcvbn(p[:_ZXCVBN_MAX])["score"] < 3 for p in batch]


def _zxcvbn_rs() -> Refuser:
    try:
        from zxcvbn_rs_py import zxcvbn
    except ImportError:
        raise PeerUnavailable("pip install zxcvbn-rs-py") from None
    return lambda batch: [int(zxcvbn(p).score) < 3 for p in batch]


def _django() -> Refuser:
    # The validators exactly as the speed benchmark configures them.
    from benchmarks import tools

    try:
        accepts = tools.build_django()
    except tools.ToolUnavailable:
        raise PeerUnavailable("pip install django") from None
    return lambda batch: [not accepts(p) for p in batch]


def _pwscore() -> Refuser:
    if shutil.which("pwscore") is None:
        raise PeerUnavailable("apt-get install libpwquality-tools (Debian/Ubuntu)")

    def refuses(batch: Sequence[str]) -> list[bool]:
        workers = max(1, min(os.cpu_count() or 1, 4))
        chunks = [list(batch[i::workers]) for i in range(workers)]
        runs = [
            subprocess.Popen(
                ["sh", "-c", _PWSCORE_LOOP],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
            )
            for _ in chunks
        ]
        answers = [
            run.communicate("".join(p + "\n" for p in chunk))[0].split()
            for run, chunk in zip(runs, chunks, strict=True)
        ]
        out = [False] * len(batch)
        for i, statuses in enumerate(answers):
            if len(statuses) != len(chunks[i]):
                raise RuntimeError("pwscore: one exit status per password was expected")
            for j, status in enumerate(statuses):
                out[i + j * workers] = status != "0"
        return out

    return refuses


_BUILDERS: Final[dict[str, Callable[[], Refuser]]] = {
    "zxcvbn": _zxcvbn,
    "zxcvbn-rs": _zxcvbn_rs,
    "django": _django,
    "pwscore": _pwscore,
}


def build_peer(name: str) -> Refuser:
    """The batch refuser of peer *name* (raises :class:`PeerUnavailable`)."""
    return _BUILDERS[name]()
