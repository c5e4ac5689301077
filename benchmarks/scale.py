"""docs/scale.md's recipes, measured: Dask throughput by worker count, DuckDB join vs lookups.

    python benchmarks/scale.py [--files 8] [--lines 25000] [--workers 1 2]
    python benchmarks/scale.py --duckdb [--customers 200000] [--corpus 2000000]

The recipes are the page's own code blocks (run as written).  Dask: a
generated corpus of ``--files`` files of ``--lines`` random passwords,
checked by ``check_corpus`` on a ``LocalCluster(n_workers=N,
threads_per_worker=1)`` for each N; the cluster's start-up is not timed.
DuckDB: ``--customers`` unsalted SHA-1 hashes (1 in 100 of a planted
breached password) against a sorted HIBP-format file of ``--corpus`` lines,
by ``breached_accounts`` and by one ``HashFile.count`` per hash.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import random
import re
import string
import tempfile
import time
from pathlib import Path
from typing import Any

import credguard
from credguard._breach import HashFile

PAGE = Path(__file__).resolve().parent.parent / "docs" / "scale.md"


def recipe(tag: str) -> dict[str, Any]:
    """The names the page's ```python *tag* blocks define."""
    pattern = re.compile(rf"^```python {re.escape(tag)}[ \t]*\n(.*?)^```[ \t]*$", re.M | re.S)
    namespace: dict[str, Any] = {"__name__": f"recipe_{tag.replace('-', '_')}"}
    for block in pattern.findall(PAGE.read_text(encoding="utf-8")):
        exec(compile(block, f"scale.md[{tag}]", "exec", dont_inherit=True), namespace)  # noqa: S102
    return namespace


def corpus(directory: Path, files: int, lines: int) -> list[str]:
    rng = random.Random(11)
    alphabet = string.ascii_letters + string.digits + "!#$%"
    paths = []
    for index in range(files):
        path = directory / f"part{index:03d}.txt"
        words = ("".join(rng.choices(alphabet, k=rng.randint(6, 16))) for _ in range(lines))
        path.write_text("\n".join(words) + "\n", encoding="ascii")
        paths.append(str(path))
    return paths


def dask(files: int, lines: int, workers: list[int], policies: list[str]) -> None:
    from dask.distributed import Client, LocalCluster

    check_corpus = recipe("scale-dask")["check_corpus"]
    with tempfile.TemporaryDirectory() as tmp:
        paths = corpus(Path(tmp), files, lines)
        out = Path(tmp) / "out"
        out.mkdir()
        print(f"corpus: {files} files x {lines} lines = {files * lines} passwords")
        for name in policies:
            policy = credguard.load_policy(name)
            for count in workers:
                with (
                    LocalCluster(
                        n_workers=count, threads_per_worker=1, dashboard_address=None
                    ) as cluster,
                    Client(cluster) as client,
                ):
                    started = time.perf_counter()
                    totals = check_corpus(client, paths, policy, str(out))
                    seconds = time.perf_counter() - started
                rate = totals["checked"] / seconds
                print(
                    f"{name:12} workers={count}  {seconds:7.2f} s  {rate:9.0f} passwords/s"
                    f"  {rate / count:9.0f} per worker"
                )


def duckdb_audit(customers: int, lines: int) -> None:
    breached_accounts = recipe("scale-duckdb")["breached_accounts"]
    rng = random.Random(13)
    with tempfile.TemporaryDirectory() as tmp:
        planted = [f"breached-{n}" for n in range(100)]
        planted_hashes = {hashlib.sha1(p.encode()).hexdigest().upper() for p in planted}  # noqa: S324
        hashes = planted_hashes | {f"{rng.getrandbits(160):040X}" for _ in range(lines)}
        corpus_path = Path(tmp) / "hibp.txt"
        with corpus_path.open("w", encoding="ascii", newline="") as out:
            for digest in sorted(hashes):
                out.write(f"{digest}:{rng.randint(1, 500)}\r\n")
        customers_path = Path(tmp) / "customers.csv"
        stored = []
        with customers_path.open("w", encoding="ascii", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(["customer_id", "hash"])
            for number in range(customers):
                own = f"own-{number}-{rng.random()}"
                password = planted[number % 100] if number % 100 == 0 else own
                digest = hashlib.sha1(password.encode()).hexdigest()  # noqa: S324
                stored.append(digest.upper())
                writer.writerow([f"C{number:07d}", digest])
        print(f"{customers} customer hashes against {len(hashes)} corpus lines")
        started = time.perf_counter()
        found = breached_accounts(str(customers_path), str(corpus_path))
        join = time.perf_counter() - started
        print(f"duckdb join        {join:7.2f} s  {len(found)} breached customers")
        started = time.perf_counter()
        hash_file = HashFile(corpus_path, "sha1")
        looked = sum(1 for digest in stored if hash_file.count(digest))
        lookups = time.perf_counter() - started
        print(f"per-hash lookups   {lookups:7.2f} s  {looked} breached customers")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=8)
    parser.add_argument("--lines", type=int, default=25_000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--policies", nargs="+", default=["moomoo", "recommended"])
    parser.add_argument("--duckdb", action="store_true")
    parser.add_argument("--customers", type=int, default=200_000)
    parser.add_argument("--corpus", type=int, default=2_000_000)
    args = parser.parse_args()
    if args.duckdb:
        duckdb_audit(args.customers, args.corpus)
    else:
        dask(args.files, args.lines, args.workers, args.policies)


if __name__ == "__main__":
    main()
