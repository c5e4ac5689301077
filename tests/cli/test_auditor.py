"""``check`` for auditors: per-row context, statistics, encodings, --explain, --jobs (issue 20)."""

from __future__ import annotations

import contextlib
import json
import os
import pty
import subprocess
import sys
import time
from pathlib import Path

import pytest

from credguard._cli._input import InputError, LineReader
from credguard._cli._jobs import cores, resolve_jobs
from tests.helpers import CANARY, ROOT, Cli, write


def _csv(tmp_path: Path, text: str) -> Path:
    return write(tmp_path / "rows.csv", text)


class TestRows:
    def test_csv_rows_carry_their_own_context(self, cli: Cli, tmp_path: Path) -> None:
        path = _csv(
            tmp_path,
            "pw,dob,names\nTaro19850723!,1985-07-23,Yamada Taro\nTaro19850723!,1990-01-02,\n",
        )
        run = cli(
            [
                "check",
                "--input-format",
                "csv",
                "--map",
                "password=pw,birthdate=dob",
                "--policy",
                "moomoo",
                "--format",
                "jsonl",
                str(path),
            ]
        )
        first, second = run.jsonl()
        assert (first["line"], second["line"]) == (2, 3)
        assert "personal.birthdate" in [v["code"] for v in first["violations"]]
        assert "personal.birthdate" not in [v["code"] for v in second["violations"]]
        assert CANARY not in run.out

    def test_jsonl_rows(self, cli: Cli, tmp_path: Path) -> None:
        path = write(
            tmp_path / "rows.jsonl",
            '{"password": "Hanako1990!", "names": ["Sato Hanako"], "extra": 1}\n',
        )
        run = cli(
            ["check", "--input-format", "jsonl", "--policy", "moomoo", "--format", "csv", str(path)]
        )
        assert run.out.splitlines()[1].startswith("1,false,")

    @pytest.mark.parametrize(
        ("argv", "rows", "message"),
        [
            (["--map", "pw"], "pw\nx\n", "--map: 'pw' is not FIELD=COLUMN"),
            (["--map", "password=a,password=b"], "a\nx\n", "mapped twice"),
            ([], "pw\nx\n", "rows.csv:1: no column 'password'"),
            (
                ["--map", "password=pw,birthdate=dob"],
                f"pw,dob\nAbcdefgh1!,{CANARY}\n",
                "rows.csv:2: dob (birthdate): ",
            ),
            ([], 'password\n"unterminated\n', "rows.csv:2: invalid CSV"),
        ],
    )
    def test_bad_rows_are_one_line_errors_without_values(
        self, cli: Cli, tmp_path: Path, argv: list[str], rows: str, message: str
    ) -> None:
        path = _csv(tmp_path, rows)
        run = cli(["check", "--input-format", "csv", *argv, str(path)])
        assert run.code == 2
        assert message in run.err
        assert run.err.count("\n") == 1
        assert CANARY not in run.err + run.out

    def test_bad_row_skipped(self, cli: Cli, tmp_path: Path) -> None:
        path = _csv(tmp_path, f"password,birthdate\nAbcdefgh1!,{CANARY}\nAbcdefgh1!,\n")
        run = cli(
            [
                "check",
                "--input-format",
                "csv",
                "--on-invalid",
                "skip",
                "--format",
                "json",
                str(path),
            ]
        )
        assert run.json()["summary"]["skipped"] == 1
        assert "rows.csv:2: birthdate (birthdate): " in run.err
        assert CANARY not in run.err + run.out

    def test_map_needs_rows(self, cli: Cli) -> None:
        run = cli(["check", "--map", "password=pw"])
        assert (run.code, run.err) == (
            2,
            "credguard: error: --map needs --input-format csv or jsonl\n",
        )


class TestStatistics:
    def test_summary_counts_rows_per_code_and_rule(self, cli: Cli) -> None:
        run = cli(
            ["check", "--summary", "--format", "json", "--policy", "moomoo"],
            stdin=b"abc\nmzqpxwbk\nVq7!mTz4Lp9#wKe2\nabc\n",
        )
        document = run.json()
        assert "results" not in document
        summary = document["summary"]
        assert summary["refused_share"] == 0.75
        # "abc" is also a pattern to the blocklist, which moomoo scores only
        # for passwords its own rules accept (only_if_otherwise_accepted).
        assert summary["codes"] == {"classes.too_few": 3, "length.too_short": 2}
        assert summary["rules"] == {"classes": 3, "length": 2}

    def test_summary_counts_the_blocklist_of_passwords_the_rules_accept(self, cli: Cli) -> None:
        run = cli(
            ["check", "--summary", "--format", "json", "--policy", "moomoo"],
            stdin=b"Password1!\nabc\nMu7#kp2Lq\n",
        )
        summary = run.json()["summary"]
        assert summary["codes"] == {
            "blocklist.common": 1,
            "classes.too_few": 1,
            "length.too_short": 1,
        }

    def test_summary_in_japanese_and_jsonl(self, cli: Cli) -> None:
        ja = cli(["check", "--summary", "--lang", "ja", "--policy", "moomoo"], stdin=b"abc\n")
        assert "不合格率: 検査した行の100.0%" in ja.out
        assert "コード" in ja.out
        assert "ルール" in ja.out
        (line,) = cli(["check", "--summary", "--format", "jsonl"], stdin=b"abc\n").jsonl()
        assert line["summary"]["checked"] == 1

    def test_csv_format(self, cli: Cli) -> None:
        run = cli(
            [
                "check",
                "--format",
                "csv",
                "--policy",
                "moomoo",
                "-",
                str(ROOT / "docs" / "examples" / "list.txt"),
            ],
            stdin=b"abc\n",
        )
        rows = run.out.splitlines()
        assert rows[0] == "file,line,ok,codes"
        assert rows[1] == "<stdin>,1,false,length.too_short classes.too_few"

    def test_summary_with_csv_is_refused_before_reading(self, cli: Cli) -> None:
        run = cli(["check", "--summary", "--format", "csv"], stdin=b"abc\n")
        assert run.code == 2
        assert run.out == ""


class TestEncodings:
    def test_cp932(self, cli: Cli, tmp_path: Path) -> None:
        path = tmp_path / "sjis.txt"
        path.write_bytes("パスワードＡ1\n".encode("cp932"))
        assert "invalid UTF-8 (if the file is Shift_JIS" in cli(["check", str(path)]).err
        run = cli(["check", "--encoding", "cp932", "--format", "jsonl", str(path)])
        assert run.code == 1
        assert run.jsonl()[0]["line"] == 1

    @pytest.mark.parametrize("codec", ["klingon", "utf-16", "rot13", "base64"])
    def test_bad_codecs(self, cli: Cli, codec: str) -> None:
        run = cli(["check", "--encoding", codec], stdin=b"abc\n")
        assert run.code == 2
        assert run.err.startswith("credguard: error: --encoding: ")
        assert run.out == ""

    def test_skip_counts_and_reports(self, cli: Cli) -> None:
        run = cli(
            ["check", "--on-invalid", "skip", "--format", "json"],
            stdin=b"abc\n\xff\xfe\nVq7!mTz4Lp9#wKe2\n",
        )
        document = run.json()
        assert run.code == 1
        assert [r["line"] for r in document["results"]] == [1, 3]
        assert document["summary"]["skipped"] == 1
        assert "<stdin>:2: invalid UTF-8" in run.err
        assert "(skipped)" in run.err


class TestExplain:
    def test_accepted_passwords_get_an_estimate(self, cli: Cli) -> None:
        (result,) = cli(
            ["check", "--explain", "--format", "jsonl", "--policy", "kabucom"],
            stdin=b"Tr0ub4dor=3x\n",
        ).jsonl()
        assert result["ok"] is True
        assert 0 <= result["explain"]["score"] <= 4
        assert result["explain"]["blocklist_assessed"] is True  # kabucom has a blocklist
        assert "Tr0ub4dor" not in json.dumps(result["explain"])

    def test_empty_line(self, cli: Cli) -> None:
        # zxcvbn raised IndexError on the empty string: exit 2, "internal error".
        run = cli(["check", "--explain", "--format", "jsonl", "--policy", "recommended"], b"\n")
        (result,) = run.jsonl()
        assert run.code == 1
        assert result["explain"]["score"] == 0

    def test_close_length(self, cli: Cli) -> None:
        (result,) = cli(
            ["check", "--explain", "--format", "jsonl", "--policy", "moomoo"], stdin=b"Xk9#mRq2\n"
        ).jsonl()
        assert {"check": "length", "length": 8, "min": 8} in result["explain"]["close"]


class TestJobs:
    def test_capped_at_the_cores(self) -> None:
        assert resolve_jobs(10_000) == cores()
        assert resolve_jobs(0) == cores()
        assert resolve_jobs(1) == 1

    def test_help_says_so(self, cli: Cli) -> None:
        out = cli(["check", "--help"]).out
        assert "capped" in out
        assert "not echoed" in out

    def test_progress_follows_lines_checked(self, tmp_path: Path) -> None:
        path = write(tmp_path / "p.txt", "abc\n" * 10)
        reader = LineReader([str(path)], sys.stdin.buffer, "en")
        ends = [line.end for line in reader]
        assert ends == [4 * n for n in range(1, 11)]

    def test_unknown_codec_in_the_reader(self) -> None:
        with pytest.raises(InputError):
            LineReader([], sys.stdin.buffer, "en", encoding="nope")


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="POSIX terminals only")
def test_a_terminal_does_not_echo_passwords() -> None:
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "credguard", "check"],
        stdin=follower,
        stdout=subprocess.PIPE,
        stderr=follower,
        env={**os.environ, "LC_ALL": "C.UTF-8"},
    )
    os.close(follower)
    seen = b""
    deadline = time.monotonic() + 60
    while b"Ctrl-D" not in seen and time.monotonic() < deadline:
        seen += os.read(leader, 1024)
    time.sleep(0.5)  # let the reader turn echo off before typing
    os.write(leader, CANARY.encode() + b"\n")
    time.sleep(0.5)
    os.write(leader, b"\x04")
    try:
        out, _ = process.communicate(timeout=60)
    finally:
        process.kill()
    os.set_blocking(leader, False)
    with contextlib.suppress(BlockingIOError, OSError):
        seen += os.read(leader, 4096)
    os.close(leader)
    assert CANARY.encode() not in seen  # not echoed on the terminal
    assert b"1 checked" in out


class TestExplainBlocklist:
    def test_a_password_near_the_blocklist_threshold_is_close(self, cli: Cli) -> None:
        # One listed word (sunset) and five other characters: score 6, refused below 5.
        run = cli(["check", "--explain", "--format", "json"], stdin=b"sunset*Qz8w\n")
        (result,) = run.json()["results"]
        assert result["ok"] is True
        assert result["explain"]["blocklist_score"] == 6
        (close,) = [c for c in result["explain"]["close"] if c["check"] == "blocklist"]
        assert close == {"check": "blocklist", "score": 6, "min": 5, "tokens": 1, "lists": "common"}
        text = cli(["check", "--explain"], stdin=b"sunset*Qz8w\n").out
        assert "close: 1 listed word or pattern (common), score 6, refused below 5" in text
        assert "sunset" not in text.casefold()

    def test_a_random_password_is_not_close(self, cli: Cli) -> None:
        run = cli(["check", "--explain", "--format", "json"], stdin=b"Kx9!mWq2#Lp\n")
        (result,) = run.json()["results"]
        assert result["explain"]["blocklist_score"] == 7  # the cap: 7 or more
        assert not [c for c in result["explain"]["close"] if c["check"] == "blocklist"]

    def test_a_second_reading_is_named_beside_the_score(self, cli: Cli) -> None:
        # Scores 7+ as written; the character model (likely_bits) refuses it.
        run = cli(["check", "--explain", "--format", "json"], stdin=b"renchunjia520!\n")
        (result,) = run.json()["results"]
        assert [v["code"] for v in result["violations"]] == ["blocklist.common"]
        assert result["explain"]["blocklist_score"] == 7
        assert result["explain"]["blocklist_reading"] == "likely"
        text = cli(["check", "--explain"], stdin=b"renchunjia520!\n").out
        assert "score 7+ as written, refused below 5; refused by another reading (likely)" in text
        assert "renchunjia" not in text.casefold()
        # Refused as written: no reading named.
        run = cli(["check", "--explain", "--format", "json"], stdin=b"Sunset2024!!\n")
        (result,) = run.json()["results"]
        assert "blocklist_reading" not in result["explain"]

    @pytest.mark.parametrize(
        ("line", "reading"),
        [(b"nathanpayton@hotmail.co.uk1", "email"), (b"09174635441@", "phone")],
    )
    def test_a_contact_detail_is_named_never_shown(
        self, cli: Cli, line: bytes, reading: str
    ) -> None:
        run = cli(["check", "--explain", "--format", "json"], stdin=line + b"\n")
        (result,) = run.json()["results"]
        assert [v["code"] for v in result["violations"]] == ["blocklist.pattern"]
        assert result["explain"]["blocklist_reading"] == reading
        for lang in ("en", "ja"):
            text = cli(["check", "--explain", "--lang", lang], stdin=line + b"\n").out
            assert f"({reading})" in text or f"（{reading}）" in text
            for secret in ("nathanpayton", "hotmail", "09174635441", "4635441"):
                assert secret not in text

    def test_no_word_is_shown(self, cli: Cli) -> None:
        run = cli(["check", "--explain"], stdin=b"Sunset2024!!\n")
        assert "blocklist: score" in run.out
        assert "sunset" not in run.out.casefold()
