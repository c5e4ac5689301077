"""docs/scale.md's recipes, run as written on a small corpus.

Dask runs on a ``distributed.LocalCluster`` and DuckDB in process (both
are test dependencies).  PySpark (about 450 MB and a Java runtime) is not:
its recipe runs where it is installed and is skipped, saying so, elsewhere.
"""

from __future__ import annotations

import csv
import hashlib
import json
import random
import string
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

import credguard
from tests.helpers import CANARY, KNOWN, ROOT, recipe, write_hibp

PAGE = ROOT / "docs" / "scale.md"


def _corpus(directory: Path, files: int = 3, lines: int = 400) -> list[str]:
    rng = random.Random(5)
    directory.mkdir()
    paths = []
    for index in range(files):
        words = [
            "".join(rng.choices(string.ascii_letters + string.digits + "!#", k=rng.randint(3, 16)))
            for _ in range(lines)
        ]
        words[7] = CANARY  # must never reach a result
        path = directory / f"part{index}.txt"
        path.write_text("\n".join(words) + "\n", encoding="utf-8")
        paths.append(str(path))
    return paths


def _expected(paths: list[str], policy: credguard.Policy) -> dict[str, Any]:
    codes: Counter[str] = Counter()
    checked = passed = 0
    for path in paths:
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            result = policy.check(line)
            checked += 1
            passed += result.ok
            codes.update(result.codes)
    return {"checked": checked, "passed": passed, "codes": dict(codes)}


def test_the_recipes_define_what_the_page_says() -> None:
    assert callable(recipe(PAGE, "scale-dask")["check_corpus"])
    assert callable(recipe(PAGE, "scale-parquet")["to_parquet"])
    assert callable(recipe(PAGE, "scale-duckdb")["breached_accounts"])
    assert callable(recipe(PAGE, "scale-spark")["check_corpus_spark"])


def test_check_file_in_process(tmp_path: Path) -> None:
    names = recipe(PAGE, "scale-dask")
    [path] = _corpus(tmp_path / "corpus", files=1)
    out = tmp_path / "out"
    out.mkdir()
    policy = credguard.load_policy("moomoo")
    assert names["check_file"](path, policy, str(out)) == _expected([path], policy)
    records = [json.loads(line) for line in (out / "part0.txt.jsonl").read_text().splitlines()]
    assert [r["line"] for r in records] == list(range(1, 401))
    assert records[6]["codes"] == list(policy.check(CANARY).codes)
    assert CANARY not in (out / "part0.txt.jsonl").read_text()


@pytest.mark.slow
def test_dask_on_a_local_cluster_then_parquet(tmp_path: Path) -> None:
    from dask.distributed import Client, LocalCluster

    dask_names = recipe(PAGE, "scale-dask")
    parquet_names = recipe(PAGE, "scale-parquet")
    paths = _corpus(tmp_path / "corpus")
    out = tmp_path / "results"
    out.mkdir()
    policy = credguard.load_policy("recommended")
    with (
        LocalCluster(  # type: ignore[no-untyped-call]  # distributed is untyped here
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,  # type: ignore[no-untyped-call]
    ):
        totals = dask_names["check_corpus"](client, paths, policy, str(out))
    assert totals == _expected(paths, policy)
    assert sorted(p.name for p in out.iterdir()) == [f"part{i}.txt.jsonl" for i in range(3)]
    target = tmp_path / "results.parquet"
    parquet_names["to_parquet"](str(out), str(target))
    top = parquet_names["most_common_codes"](str(target), 3)
    assert top == sorted(totals["codes"].items(), key=lambda item: (-item[1], item[0]))[:3]
    assert CANARY.encode() not in target.read_bytes()


def test_duckdb_finds_the_breached_customers(tmp_path: Path) -> None:
    names = recipe(PAGE, "scale-duckdb")
    corpus = tmp_path / "hibp.txt"
    write_hibp(corpus, extra=3000)
    customers = tmp_path / "customers.csv"
    rng = random.Random(3)
    expected = []
    with customers.open("w", newline="", encoding="ascii") as handle:
        writer = csv.writer(handle)
        writer.writerow(["customer_id", "hash"])
        for number in range(500):
            customer = f"C{number:05d}"
            if number % 50 == 7:  # a breached password, stored lower-case
                password = sorted(KNOWN)[number % len(KNOWN)]
                expected.append((customer, KNOWN[password]))
            else:
                password = "".join(rng.choices(string.ascii_letters, k=20))
            digest = hashlib.sha1(password.encode()).hexdigest()  # noqa: S324 - HIBP's format
            writer.writerow([customer, digest])
    assert names["breached_accounts"](str(customers), str(corpus)) == expected
    many = [row for row in expected if row[1] >= 12_000]
    assert names["breached_accounts"](str(customers), str(corpus), 12_000) == many
    assert len(many) < len(expected)


@pytest.mark.slow
def test_spark_map_partitions(tmp_path: Path) -> None:
    pytest.importorskip(
        "pyspark", reason="PySpark (~450 MB, Java 17) is not a test dependency; see docs/scale.md"
    )
    from pyspark.sql import SparkSession

    names = recipe(PAGE, "scale-spark")
    paths = _corpus(tmp_path / "corpus")
    policy = credguard.load_policy("moomoo")
    spark = (
        SparkSession.builder.master("local[2]")
        .appName("credguard-test")
        .config("spark.ui.enabled", "false")
        .getOrCreate()
    )
    try:
        spark.sparkContext.setLogLevel("ERROR")
        counts = names["check_corpus_spark"](spark, str(tmp_path / "corpus" / "*.txt"), policy)
    finally:
        spark.stop()
    expected = _expected(paths, policy)
    assert counts == {True: expected["passed"], False: expected["checked"] - expected["passed"]}
