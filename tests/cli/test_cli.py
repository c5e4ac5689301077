"""The command line through ``main(argv)``: every command, format and exit status.

Subprocess tests (console script, ``LC_ALL=C``, terminals, memory) are in
``test_process.py``.
"""

from __future__ import annotations

import glob
import io
import json
import re
import shlex
from pathlib import Path
from typing import Any

import pytest

from credguard import MAX_PASSWORD_LENGTH, Policy, testing
from credguard import load_policy as credguard_load
from credguard._cli._i18n import STRINGS
from credguard._cli._input import LINE_LIMIT
from credguard._cli._term import Progress, display_width, pad, prepare_stream, wants_colour
from credguard._messages import CATALOGUE
from tests.helpers import CANARY, ROOT, Cli, write

#: What invalid UTF-8 is told (issue 20).
HINT = " (if the file is Shift_JIS, try --encoding cp932)"
FINDING = re.compile(r"    (\S+) +(\S+) +(\S.*)")
REJECTED = ["abc", "zaq12wsx"]  # too short; a keyboard walk
ACCEPTED = ["Vq7!mTz4Lp9#wKe2", "Gh7$kP2qW9zR"]


def lines(*passwords: str) -> bytes:
    return "".join(f"{p}\n" for p in passwords).encode()


@pytest.fixture
def pwfile(tmp_path: Path) -> Path:
    path = tmp_path / "passwords.txt"
    path.write_bytes(lines(*REJECTED, *ACCEPTED))
    return path


#: The width of the code column: the longest registered code.
CODE_WIDTH = max(len(code) for code in CATALOGUE)


@pytest.fixture
def pinned(tmp_path: Path) -> Path:
    """A policy whose findings do not change when the recommended preset does."""
    return write(
        tmp_path / "pinned.toml",
        '[policy]\nname = "pinned"\n[rules.length]\nmin = 8\n[rules.keyboard]\nmax_run = 3\n',
    )


class TestCheckExitStatus:
    @pytest.mark.parametrize(
        ("passwords", "code"),
        [(ACCEPTED, 0), (REJECTED, 1), ([*ACCEPTED, "abc"], 1), ([], 0)],
        ids=["all-ok", "all-rejected", "one-rejected", "empty"],
    )
    @pytest.mark.parametrize("fmt", ["text", "json", "jsonl"])
    def test_status(self, cli: Cli, passwords: list[str], code: int, fmt: str) -> None:
        run = cli(["check", "--format", fmt], stdin=lines(*passwords))
        assert run.code == code
        assert run.err == ""

    def test_warnings_alone_pass(self, cli: Cli, tmp_path: Path) -> None:
        policy = write(
            tmp_path / "warn.toml",
            '[policy]\nname = "warn"\n[rules.length]\nmin = 12\nseverity = "warning"\n',
        )
        run = cli(["check", "--policy", str(policy), "--format", "jsonl"], stdin=lines("short1"))
        assert run.code == 0
        [result] = run.jsonl()
        assert result["ok"] is True
        assert result["violations"][0]["severity"] == "warning"

    @pytest.mark.parametrize(
        "argv",
        [
            ["check", "--format", "xml"],
            ["check", "--kind", "admin"],
            ["check", "--lang", "fr"],
            ["check", "--jobs", "many"],
            ["frobnicate"],
            ["audit", "recommended"],  # --against is required
            ["audit", "recommended", "--against", "iso-27001"],
            ["diff", "recommended"],
            ["lint"],
        ],
    )
    def test_usage_errors_exit_2(self, cli: Cli, argv: list[str]) -> None:
        run = cli(argv)
        assert run.code == 2
        # One line in the house form, pointing at the help (issue 20).
        assert run.err.count("\n") == 1
        assert run.err.startswith("credguard: error: ")
        assert "--help)" in run.err
        assert "Traceback" not in run.err
        ja = cli([*argv, "--lang", "ja"] if argv != ["frobnicate"] else ["--lang", "ja", *argv])
        assert ja.code == 2
        assert ja.err.startswith("credguard: エラー: ")
        assert ja.err.count("\n") == 1

    def test_no_command_exits_2_with_help(self, cli: Cli) -> None:
        run = cli([])
        assert run.code == 2
        assert "no command given" in run.err
        assert "check" in run.err

    def test_negative_jobs(self, cli: Cli) -> None:
        run = cli(["check", "--jobs", "-1"], stdin=lines("abc"))
        assert run.code == 2
        assert "--jobs" in run.err

    def test_help_and_version_exit_0(self, cli: Cli) -> None:
        assert cli(["--help"]).code == 0
        version = cli(["--version"])
        assert version.code == 0
        assert version.out.startswith("credguard ")


class TestCheckText:
    def test_lines_verdicts_and_summary(self, cli: Cli, pwfile: Path, pinned: Path) -> None:
        run = cli(["check", "--policy", str(pinned), str(pwfile)])
        assert run.out.splitlines() == [
            "line 1        rejected",
            f"    error    {'length.too_short':{CODE_WIDTH}}  The password must be at least 8"
            " characters long (it has 3).",
            "line 2        rejected",
            f"    error    {'keyboard.walk':{CODE_WIDTH}}  The password contains a walk of 8"
            " neighbouring keys on a QWERTY keyboard; at most 3 is allowed.",
            "line 3        ok",
            "line 4        ok",
            "4 checked, 2 passed, 2 failed (policy pinned, kind login)",
        ]

    def test_default_policy_is_recommended(self, cli: Cli, pwfile: Path) -> None:
        run = cli(["check", str(pwfile)])
        verdicts = [line.split() for line in run.out.splitlines() if line.startswith("line")]
        assert verdicts == [
            ["line", "1", "rejected"],
            ["line", "2", "rejected"],
            ["line", "3", "ok"],
            ["line", "4", "ok"],
        ]
        assert run.out.splitlines()[1].split()[:2] == ["error", "length.too_short"]
        assert run.out.splitlines()[-1] == (
            "4 checked, 2 passed, 2 failed (policy recommended, kind login)"
        )

    def test_columns_are_aligned(self, cli: Cli, tmp_path: Path) -> None:
        passwords = ["abc"] * 9 + ["aaaa1111", "zaq12wsx"]  # lines 1..11: widths differ
        run = cli(["check", str(write(tmp_path / "p.txt", "\n".join(passwords) + "\n"))])
        verdicts = [line for line in run.out.splitlines() if line.startswith("line")]
        assert len(verdicts) == 11
        assert len({line.index("rejected") for line in verdicts}) == 1
        findings = [FINDING.fullmatch(line) for line in run.out.splitlines() if line[:1] == " "]
        codes = {m.group(2) for m in findings if m}
        assert {"length.too_short", "repetition.same_character", "keyboard.walk"} <= codes
        assert all(findings)
        assert len({m.start(2) for m in findings if m}) == 1
        assert len({m.start(3) for m in findings if m}) == 1

    def test_several_files_name_file_and_line(self, cli: Cli, pwfile: Path, tmp_path: Path) -> None:
        other = write(tmp_path / "more.txt", "Velvet-Quorum-58\n")
        run = cli(["check", str(pwfile), str(other)])
        assert f"{pwfile}:1" in run.out
        assert f"{other}:1" in run.out
        assert "5 checked, 3 passed, 2 failed" in run.out

    def test_rejected_only(self, cli: Cli, pwfile: Path) -> None:
        run = cli(["check", "--rejected-only", str(pwfile)])
        assert " ok" not in run.out
        assert run.out.count("rejected") == 2
        assert "4 checked, 2 passed, 2 failed" in run.out

    def test_kind_is_used_and_reported(self, cli: Cli, tmp_path: Path) -> None:
        policy = write(
            tmp_path / "kinds.toml",
            "[rules.length]\nmin = 4\n[kinds.trade.rules.length]\nmin = 10\n",
        )
        login = cli(["check", "--policy", str(policy)], stdin=lines("abcdef"))
        trade = cli(["check", "--policy", str(policy), "--kind", "trade"], stdin=lines("abcdef"))
        assert login.code == 0
        assert trade.code == 1
        assert "(policy kinds, kind trade)" in trade.out

    def test_stdin_dash_and_crlf(self, cli: Cli) -> None:
        run = cli(["check", "--format", "jsonl", "-"], stdin=b"Vq7!mTz4Lp9#wKe2\r\nabc\r\n")
        assert [r["ok"] for r in run.jsonl()] == [True, False]

    def test_byte_order_mark_is_not_part_of_the_password(self, cli: Cli, tmp_path: Path) -> None:
        path = tmp_path / "notepad.txt"
        path.write_bytes(b"\xef\xbb\xbfVq7!mTz4Lp9#wKe2\r\nGh7$kP2qW9zR\r\n")
        run = cli(
            ["check", "--format", "jsonl", str(path), "-"], stdin=b"\xef\xbb\xbfMy-Pass-77x\n"
        )
        assert [r["ok"] for r in run.jsonl()] == [True, True, True]

    def test_no_colour_when_not_a_terminal(self, cli: Cli, pwfile: Path) -> None:
        assert "\x1b[" not in cli(["check", str(pwfile)]).out

    def test_force_colour(self, cli: Cli, pwfile: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setenv("FORCE_COLOR", "1")
        assert "\x1b[1;31mrejected\x1b[0m" in cli(["check", str(pwfile)]).out

    def test_no_color_beats_force_colour(
        self, cli: Cli, pwfile: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setenv("FORCE_COLOR", "1")
        monkeypatch.setenv("NO_COLOR", "1")
        assert "\x1b[" not in cli(["check", str(pwfile)]).out

    def test_json_is_never_coloured(
        self, cli: Cli, pwfile: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setenv("FORCE_COLOR", "1")
        assert "\x1b[" not in cli(["check", "--format", "json", str(pwfile)]).out


class TestCheckJson:
    def test_document_shape(self, cli: Cli, pwfile: Path, pinned: Path) -> None:
        run = cli(["check", "--format", "json", "--policy", str(pinned), str(pwfile)])
        document = run.json()
        assert list(document) == ["policy", "kind", "results", "summary"]
        assert document["policy"] == "pinned"
        assert document["kind"] == "login"
        assert document["summary"] == {"checked": 4, "passed": 2, "failed": 2}
        first = document["results"][0]
        # The library's CheckResult.to_dict with the line in front (issue 20).
        policy = credguard_load(str(pinned))
        assert first == {"line": 1, **policy.check("abc").to_dict()}
        assert first == {
            "line": 1,
            "policy": "pinned",
            "kind": "login",
            "ok": False,
            "violations": [
                {
                    "code": "length.too_short",
                    "severity": "error",
                    "message": "The password must be at least 8 characters long (it has 3).",
                    "params": {"min": 8, "actual": 3},
                }
            ],
        }
        assert [r["line"] for r in document["results"]] == [1, 2, 3, 4]
        assert [r["ok"] for r in document["results"]] == [False, False, True, True]

    def test_empty_input_is_a_valid_document(self, cli: Cli) -> None:
        document = cli(["check", "--format", "json"]).json()
        assert document["results"] == []
        assert document["summary"] == {"checked": 0, "passed": 0, "failed": 0}

    def test_several_files_add_file(self, cli: Cli, pwfile: Path) -> None:
        document = cli(["check", "--format", "json", str(pwfile), "-"], stdin=b"abc\n").json()
        assert [(r["file"], r["line"]) for r in document["results"]][-2:] == [
            (str(pwfile), 4),
            ("<stdin>", 1),
        ]

    def test_jsonl_one_result_per_line(self, cli: Cli, pwfile: Path) -> None:
        results = cli(["check", "--format", "jsonl", str(pwfile)]).jsonl()
        assert [r["line"] for r in results] == [1, 2, 3, 4]
        assert results[1]["violations"][0]["code"] == "keyboard.walk"
        assert "file" not in results[0]

    def test_json_error_keeps_a_valid_document(self, cli: Cli, tmp_path: Path) -> None:
        path = tmp_path / "bad.txt"
        path.write_bytes(b"abc\nVq7!mTz4Lp9#wKe2\n\xff\xfe\nnever-read\n")
        run = cli(["check", "--format", "json", str(path)])
        assert run.code == 2
        document = run.json()
        assert document["summary"] == {"checked": 2, "passed": 1, "failed": 1}
        assert document["error"] == f"{path}:3: invalid UTF-8" + HINT
        assert run.err.strip() == f"credguard: error: {path}:3: invalid UTF-8" + HINT


class TestCheckJapanese:
    def test_text(self, cli: Cli, pwfile: Path, pinned: Path) -> None:
        run = cli(["check", "--lang", "ja", "--policy", str(pinned), str(pwfile)])
        out = run.out.splitlines()
        assert out[0].split() == ["1行目", "不合格"]
        assert out[1].split()[:2] == ["エラー", "length.too_short"]
        assert "パスワードは8文字以上にしてください" in out[1]
        assert out[4].split() == ["3行目", "合格"]
        assert out[-1] == "4件を検査：合格2件、不合格2件（ポリシー pinned、種類 ログイン）"

    def test_lang_before_the_command(self, cli: Cli, pwfile: Path) -> None:
        assert "不合格" in cli(["--lang", "ja", "check", str(pwfile)]).out

    def test_wide_labels_stay_aligned(self, cli: Cli) -> None:
        run = cli(["check", "--lang", "ja"], stdin=lines(*(["abc"] * 10)))
        verdicts = [line for line in run.out.splitlines() if "行目" in line]
        assert len(verdicts) == 10
        # "1行目" and "10行目" differ in length; the verdict's display column must not.
        assert len({display_width(line.partition("不合格")[0]) for line in verdicts}) == 1

    def test_json_messages(self, cli: Cli, pwfile: Path) -> None:
        document = cli(["check", "--lang", "ja", "--format", "json", str(pwfile)]).json()
        message = document["results"][0]["violations"][0]["message"]
        assert message == "パスワードは8文字以上にしてください（現在3文字）。"

    def test_errors(self, cli: Cli, tmp_path: Path) -> None:
        run = cli(["check", "--lang", "ja", str(tmp_path / "missing.txt")])
        assert run.code == 2
        assert run.err.startswith("credguard: エラー: ")
        assert "読み込めません" in run.err

    def test_help(self, cli: Cli) -> None:
        run = cli(["check", "--lang", "ja", "--help"])
        assert run.code == 0
        assert "パスワードの種類" in run.out

    def test_every_string_has_both_languages(self) -> None:
        for key, (english, japanese) in STRINGS.items():
            assert english, key
            assert japanese, key
            assert english != japanese or key == "ok", key


class TestCheckInputErrors:
    def test_invalid_utf8_names_file_and_line(self, cli: Cli, tmp_path: Path) -> None:
        path = tmp_path / "latin1.txt"
        path.write_bytes(b"Vq7!mTz4Lp9#wKe2\nabc\ncaf\xe9-passw0rd\n")
        run = cli(["check", str(path)])
        assert run.code == 2
        assert run.err == f"credguard: error: {path}:3: invalid UTF-8" + HINT + "\n"
        # Lines before the bad one were reported; no summary claims a full run.
        assert "line 2" in run.out
        assert "checked" not in run.out

    def test_invalid_utf8_on_stdin(self, cli: Cli) -> None:
        run = cli(["check"], stdin=b"abc\n\x80\n")
        assert run.code == 2
        assert run.err == "credguard: error: <stdin>:2: invalid UTF-8" + HINT + "\n"

    def test_missing_file_fails_before_any_work(
        self, cli: Cli, pwfile: Path, tmp_path: Path
    ) -> None:
        missing = tmp_path / "nope.txt"
        run = cli(["check", str(pwfile), str(missing)])
        assert run.code == 2
        assert run.out == ""
        assert run.err == f"credguard: error: {missing}: cannot read (No such file or directory)\n"

    def test_directory(self, cli: Cli, tmp_path: Path) -> None:
        run = cli(["check", str(tmp_path)])
        assert run.code == 2
        assert run.err == f"credguard: error: {tmp_path}: is a directory\n"

    def test_stdin_twice(self, cli: Cli) -> None:
        run = cli(["check", "-", "-"])
        assert run.code == 2
        assert "only once" in run.err

    def test_unknown_preset(self, cli: Cli) -> None:
        run = cli(["check", "--policy", "recomended"], stdin=lines("abc"))
        assert run.code == 2
        assert "unknown preset 'recomended'" in run.err
        assert "'recommended'" in run.err

    def test_policy_error_names_file_line_and_key(self, cli: Cli, tmp_path: Path) -> None:
        bad = write(tmp_path / "bad.toml", "[rules.length]\nmin = 8\n\n[rules.lenght]\nmax = 4\n")
        run = cli(["check", "--policy", str(bad)], stdin=lines("abc"))
        assert run.code == 2
        assert run.err.startswith(f"credguard: error: {bad}")
        assert "rules.lenght" in run.err
        assert run.err.count("\n") == 1

    def test_policy_toml_syntax_error_has_line(self, cli: Cli, tmp_path: Path) -> None:
        bad = write(tmp_path / "syntax.toml", "[rules.length]\nmin = = 8\n")
        run = cli(["check", "--policy", str(bad)], stdin=lines("abc"))
        assert run.code == 2
        assert run.err.startswith(f"credguard: error: {bad}:2: invalid TOML")

    def test_unreadable_policy(self, cli: Cli, tmp_path: Path) -> None:
        run = cli(["check", "--policy", str(tmp_path / "gone.toml")], stdin=lines("abc"))
        assert run.code == 2
        assert "cannot read policy file" in run.err

    def test_over_long_line_is_rejected_not_held(self, cli: Cli, tmp_path: Path) -> None:
        path = tmp_path / "long.txt"
        length = 3 * LINE_LIMIT + 5
        path.write_bytes(b"abc\n" + b"x" * length + b"\r\nVq7!mTz4Lp9#wKe2\n")
        run = cli(["check", "--format", "jsonl", str(path)])
        results = run.jsonl()
        assert run.code == 1
        assert [r["line"] for r in results] == [1, 2, 3]
        assert results[1]["violations"] == [
            {
                "code": "length.too_long",
                "severity": "error",
                "message": (
                    f"The password must be at most {MAX_PASSWORD_LENGTH} characters long"
                    f" (it has {length})."
                ),
                "params": {"max": MAX_PASSWORD_LENGTH, "actual": length},
            }
        ]
        assert results[2]["ok"] is True

    def test_over_long_line_counts_code_points(self, cli: Cli, tmp_path: Path) -> None:
        path = tmp_path / "long.txt"
        path.write_bytes("あ".encode() * LINE_LIMIT)  # no final newline
        [result] = cli(["check", "--format", "jsonl", str(path)]).jsonl()
        assert result["violations"][0]["params"]["actual"] == LINE_LIMIT

    def test_invalid_utf8_inside_an_over_long_line(self, cli: Cli, tmp_path: Path) -> None:
        path = tmp_path / "long.txt"
        path.write_bytes(b"x" * (2 * LINE_LIMIT) + b"\xff\n")
        run = cli(["check", str(path)])
        assert run.code == 2
        assert run.err == f"credguard: error: {path}:1: invalid UTF-8" + HINT + "\n"


class TestCheckContext:
    @pytest.fixture
    def seen(self, monkeypatch: pytest.MonkeyPatch) -> list[Any]:
        """Record the context each check receives."""
        calls: list[Any] = []
        original = Policy.check

        def spy(self: Policy, password: str, **kwargs: Any) -> Any:
            calls.append(kwargs.get("context"))
            return original(self, password, **kwargs)

        monkeypatch.setattr(Policy, "check", spy)
        return calls

    @pytest.mark.parametrize(
        ("name", "content"),
        [
            (
                "ctx.json",
                json.dumps(
                    {
                        "username": "taro_y",
                        "birthdate": "1985-07-23",
                        "names": ["やまだ たろう", "Yamada Taro"],
                        "other_credentials": {
                            "login": "$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$aGFzaA"
                        },
                    }
                ),
            ),
            (
                "ctx.toml",
                'username = "taro_y"\nbirthdate = 1985-07-23\n'
                'names = ["やまだ たろう", "Yamada Taro"]\n'
                '[other_credentials]\nlogin = "$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$aGFzaA"\n',
            ),
            (
                "ctx.conf",  # no known suffix: JSON because it looks like an object
                '{"username": "taro_y", "birthdate": "1985-07-23",'
                ' "names": ["Yamada Taro"], "other_credentials": {"login": "h"}}',
            ),
        ],
    )
    def test_context_reaches_the_check(
        self, cli: Cli, seen: list[Any], tmp_path: Path, name: str, content: str
    ) -> None:
        path = write(tmp_path / name, content)
        run = cli(["check", "--context", str(path)], stdin=lines("abc", "Vq7!mTz4Lp9#wKe2"))
        assert run.code == 1
        assert len(seen) == 2
        context = seen[0]
        assert context.username == "taro_y"
        assert str(context.birthdate) == "1985-07-23"
        assert "Yamada Taro" in context.names
        assert set(context.other_credentials) == {"login"}

    @pytest.mark.parametrize(
        ("name", "content", "expected"),
        [
            ("c.json", '{"birthdate": "%s"}', "c.json: birthdate: must be a date"),
            ("c.json", '{"nmes": ["%s"]}', "c.json: nmes: unknown field; did you mean 'names'?"),
            ("c.json", '{"names": [1, "%s"]}', "c.json: names[0]: must be str, not int"),
            ("c.json", '{"other_credentials": {"admin": "%s"}}', "c.json: other_credentials: keys"),
            ("c.json", '["%s"]', "c.json: the context must be a table"),
            ("c.json", '{"username": "%s",}', "c.json:1: invalid JSON: "),
            ("c.toml", 'username = "%s"\nphone = \n', "c.toml:2: invalid TOML: "),
            ("c.toml", 'username = "%s\x01"\n', "c.toml:1: invalid TOML: "),
            ("c.toml", 'username = "%s"\nusername = "x"\n', "c.toml:2: invalid TOML: "),
        ],
    )
    def test_errors_name_file_and_field_never_the_value(
        self, cli: Cli, tmp_path: Path, name: str, content: str, expected: str
    ) -> None:
        path = write(tmp_path / name, content % CANARY)
        run = cli(["check", "--context", str(path)], stdin=lines("abc"))
        assert run.code == 2
        assert run.out == ""
        assert run.err.startswith(f"credguard: error: {tmp_path}/{expected}")
        assert CANARY not in run.err
        assert run.err.count("\n") == 1

    @pytest.mark.parametrize("jobs", ["1", pytest.param("2", marks=pytest.mark.slow)])
    def test_history_and_separation_end_to_end(self, cli: Cli, tmp_path: Path, jobs: str) -> None:
        cheap = testing.cheap_hasher()
        context = write(
            tmp_path / "account.toml",
            f'password_history = ["{cheap.hash("Vq7!mTz4Lp9#wKe2")}"]\n'
            f'[other_credentials]\nlogin = "{cheap.hash("Tr0ub4dor&3")}"\n',
        )
        policy = write(
            tmp_path / "firm.toml",
            "[rules.length]\nmin = 8\n[rules.history]\ngenerations = 3\n"
            '[kinds.trade.rules.separation]\ndiffer_from = ["login"]\n',
        )
        options = ["--policy", str(policy), "--context", str(context), "--kind", "trade"]
        run = cli(
            ["check", *options, "--format", "jsonl", "--jobs", jobs],
            stdin=lines("Vq7!mTz4Lp9#wKe2", "Tr0ub4dor&3", "Brand-new-pass-9"),
        )
        assert run.code == 1
        assert [[v["code"] for v in r["violations"]] for r in run.jsonl()] == [
            ["history.reused"],
            ["separation.same"],
            [],
        ]

    @pytest.mark.parametrize("fmt", ["text", "json"])
    def test_personal_data_rejects_and_is_never_shown(
        self, cli: Cli, tmp_path: Path, fmt: str
    ) -> None:
        context = write(
            tmp_path / "account.json",
            json.dumps({"username": CANARY, "birthdate": "1985-07-23", "names": ["Yamada Taro"]}),
        )
        policy = write(tmp_path / "firm.toml", "[rules.length]\nmin = 8\n[rules.personal]\n")
        run = cli(
            ["check", "--policy", str(policy), "--context", str(context), "--format", fmt],
            stdin=lines(f"x{CANARY}!", "Yamada19850723", "Vq7!mTz4Lp9#wKe2"),
        )
        assert run.code == 1
        assert CANARY not in run.out + run.err
        assert "Yamada" not in run.out
        assert "1985" not in run.out
        for code in ("personal.username", "personal.birthdate", "personal.names"):
            assert code in run.out

    def test_missing_context_file(self, cli: Cli, tmp_path: Path) -> None:
        run = cli(["check", "--context", str(tmp_path / "none.json")], stdin=lines("abc"))
        assert run.code == 2
        assert "none.json: cannot read" in run.err

    def test_invalid_utf8_context(self, cli: Cli, tmp_path: Path) -> None:
        path = tmp_path / "c.json"
        path.write_bytes(b'{\n"username": "' + CANARY.encode() + b'\xff"}')
        run = cli(["check", "--context", str(path)], stdin=lines("abc"))
        assert run.err == f"credguard: error: {path}:2: invalid UTF-8" + "\n"

    @pytest.mark.slow
    def test_context_with_jobs(self, cli: Cli, tmp_path: Path) -> None:
        path = write(tmp_path / "c.json", '{"username": "taro_y", "names": ["Taro"]}')
        run = cli(
            ["check", "--jobs", "2", "--context", str(path), "--format", "jsonl"],
            stdin=lines("abc", "Vq7!mTz4Lp9#wKe2"),
        )
        assert run.code == 1
        assert [r["ok"] for r in run.jsonl()] == [False, True]


@pytest.mark.slow
class TestCheckJobs:
    @pytest.fixture
    def big(self, tmp_path: Path) -> Path:
        # Crosses several chunk boundaries, with rejections scattered through.
        path = tmp_path / "big.txt"
        passwords = [f"pass-{i:05d}-Ok" if i % 7 else "abc" for i in range(3000)]
        path.write_text("\n".join(passwords) + "\n", encoding="utf-8")
        return path

    @pytest.mark.parametrize(
        ("fmt", "policy"),
        [("text", "pinned"), ("json", "pinned"), ("jsonl", "pinned"), ("jsonl", "recommended")],
    )
    def test_same_output_in_the_same_order(
        self, cli: Cli, big: Path, pinned: Path, fmt: str, policy: str
    ) -> None:
        options = ["--format", fmt, "--policy", str(pinned) if policy == "pinned" else policy]
        serial = cli(["check", *options, str(big)])
        parallel = cli(["check", *options, "--jobs", "2", str(big)])
        assert parallel.code == serial.code == 1
        assert parallel.out == serial.out
        assert parallel.err == ""

    def test_zero_means_all_cores(self, cli: Cli, big: Path, pinned: Path) -> None:
        options = ["check", "--policy", str(pinned), str(big)]
        assert cli([*options, "--jobs", "0"]).out == cli(options).out

    def test_error_after_earlier_results(self, cli: Cli, big: Path, pinned: Path) -> None:
        with big.open("ab") as stream:
            stream.write(b"\xc3\x28\n")
        run = cli(["check", "--jobs", "2", "--format", "jsonl", "--policy", str(pinned), str(big)])
        assert run.code == 2
        assert [r["line"] for r in run.jsonl()] == list(range(1, 3001))
        assert run.err == f"credguard: error: {big}:3001: invalid UTF-8" + HINT + "\n"


class TestCanary:
    """No password ever reaches stdout or stderr, whatever the format or error."""

    PASSWORDS = (
        CANARY,
        f"x{CANARY}",
        CANARY[:5],
        f"{CANARY}\t{CANARY}",
        f"ＱＺ{CANARY}",
        CANARY * 80,
    )

    @pytest.mark.parametrize("fmt", ["text", "json", "jsonl"])
    @pytest.mark.parametrize("lang", ["en", "ja"])
    @pytest.mark.parametrize("jobs", ["1", pytest.param("2", marks=pytest.mark.slow)])
    def test_check_output(self, cli: Cli, fmt: str, lang: str, jobs: str) -> None:
        run = cli(
            ["check", "--format", fmt, "--lang", lang, "--jobs", jobs], stdin=lines(*self.PASSWORDS)
        )
        assert run.code == 1
        assert CANARY not in run.out
        assert CANARY[:5] not in run.out
        assert CANARY not in run.err

    @pytest.mark.parametrize("fmt", ["text", "json"])
    def test_invalid_utf8_error(self, cli: Cli, fmt: str) -> None:
        stdin = CANARY.encode() + b"\n" + CANARY.encode() + b"\xff" + CANARY.encode() + b"\n"
        run = cli(["check", "--format", fmt], stdin=stdin)
        assert run.code == 2
        assert CANARY not in run.out
        assert CANARY not in run.err
        assert "<stdin>:2: invalid UTF-8" in run.err

    def test_over_long_line(self, cli: Cli) -> None:
        run = cli(["check"], stdin=CANARY.encode() * LINE_LIMIT)
        assert run.code == 1
        assert CANARY not in run.out + run.err


class TestInternalErrors:
    @pytest.fixture
    def broken(self, monkeypatch: pytest.MonkeyPatch) -> None:
        def fail(self: Policy, password: str, **kwargs: Any) -> Any:
            raise RuntimeError(f"bug while checking {password!r}")

        monkeypatch.setattr(Policy, "check", fail)
        monkeypatch.delenv("CREDGUARD_DEBUG", raising=False)

    @pytest.mark.usefixtures("broken")
    def test_a_bug_shows_no_message_and_no_password(self, cli: Cli) -> None:
        run = cli(["check"], stdin=lines(CANARY))
        assert run.code == 2
        assert run.err == (
            "credguard: error: internal error (RuntimeError);"
            " set CREDGUARD_DEBUG=1 to see the traceback\n"
        )
        assert CANARY not in run.out

    @pytest.mark.usefixtures("broken")
    def test_debug_raises(self, cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setenv("CREDGUARD_DEBUG", "1")
        with pytest.raises(RuntimeError, match="bug while checking"):
            cli(["check"], stdin=lines("abc"))


class TestPresets:
    def test_text_lists_names_and_titles(self, cli: Cli) -> None:
        run = cli(["presets"])
        assert run.code == 0
        rows = run.out.splitlines()
        assert rows[0].split() == ["name", "title"]
        assert any(
            row.split(maxsplit=1) == ["recommended", "credguard recommended policy"] for row in rows
        )

    def test_japanese_titles(self, cli: Cli) -> None:
        run = cli(["presets", "--lang", "ja"])
        assert "名前" in run.out
        assert "credguard 推奨ポリシー" in run.out

    def test_json(self, cli: Cli) -> None:
        run = cli(["presets", "--format", "json"])
        document = run.json()
        recommended = next(p for p in document if p["name"] == "recommended")
        assert recommended == {
            "name": "recommended",
            "title": "credguard recommended policy",
            "title_ja": "credguard 推奨ポリシー",
        }


class TestDocumentation:
    """Every console example in the docs is what the command prints (issue 20).

    The convention (docs/cli.md, "Examples in these pages"): a ```console
    block is executed, each ``$ credguard ARGS`` (optionally ``printf '...' |``
    in front) in ``docs/examples/`` and its standard output followed by its
    standard error compared with the lines under it.  ``…`` in an expected
    line matches any text; a line that is only ``…`` matches any lines.
    A block right after ``<!-- synopsis -->`` is a usage summary: not run,
    and it may hold no output.
    """

    PAGE = ROOT / "docs" / "cli.md"
    PAGES = (ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md")))
    BLOCK = re.compile(r"(<!-- synopsis -->\n)?```console\n(.*?)```", re.DOTALL)
    COMMAND = re.compile(r"^\$ (?:printf '([^']*)' \| )?credguard (.*)$")

    @classmethod
    def examples(cls) -> list[tuple[str, str, str, str]]:
        found = []
        for page in cls.PAGES:
            for synopsis, body in cls.BLOCK.findall(page.read_text(encoding="utf-8")):
                if synopsis:
                    assert all(line.startswith(("$ ", " ")) for line in body.splitlines()), page
                    continue
                command = None
                for line in body.splitlines(keepends=True):
                    match = cls.COMMAND.match(line.rstrip("\n"))
                    if match:
                        if command:
                            found.append(command)
                        command = (page.name, match[1], match[2], "")
                    else:
                        assert command is not None, f"{page.name}: output before a command"
                        command = (*command[:3], command[3] + line)
                if command:
                    found.append(command)
        return found

    @staticmethod
    def matches(expected: str, actual: str) -> bool:
        pattern = ""
        for line in expected.splitlines(keepends=True):
            if line.strip() == "…":
                pattern += r"(?:.*\n)*?"
            else:
                pattern += ".*".join(re.escape(part) for part in line.split("…"))
        return re.fullmatch(pattern, actual) is not None

    def test_examples_are_real_output(self, cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.chdir(ROOT / "docs" / "examples")
        examples = self.examples()
        for page, stdin, args, expected in examples:
            argv = [
                name
                for arg in shlex.split(args)
                for name in (sorted(glob.glob(arg)) if "*" in arg else [arg])
            ]
            run = cli(argv, stdin=(stdin or "").replace("\\n", "\n").encode())
            actual = run.out + run.err
            assert self.matches(expected, actual), f"{page}: credguard {args}\n{actual}"
        assert len(examples) >= 25

    def test_pre_commit_hook(self) -> None:
        text = (self.PAGE.parent.parent / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
        hook = dict(
            line.strip().removeprefix("- ").split(": ", 1)
            for line in text.splitlines()
            if line.strip() and not line.lstrip().startswith("#")
        )
        assert hook["id"] == "credguard-lint"
        assert hook["entry"] == "credguard lint --only-policies"
        assert hook["language"] == "python"
        files, exclude = re.compile(hook["files"]), re.compile(hook["exclude"])
        for path, linted in [
            ("policies/acme.toml", True),
            ("acme-policy.toml", True),
            ("pyproject.toml", False),
            ("tools/ruff.toml", False),
            ("README.md", False),
        ]:
            assert (bool(files.search(path)) and not exclude.search(path)) is linted, path

    def test_pre_commit_hook_lints_only_policies(self, cli: Cli, tmp_path: Path) -> None:
        """What pre-commit runs on a repository with other tools' TOML files."""
        files = {
            "netlify.toml": '[build]\ncommand = "make"\n\n[[redirects]]\nfrom = "/a"\n',
            ".cargo/config.toml": '[build]\ntarget = "x86_64-unknown-linux-gnu"\n',
            "rust-toolchain.toml": '[toolchain]\nchannel = "stable"\n',
            "tool.toml": 'rules = "not ours"\n[tool]\nrules.x = 1\n',
            "policies/acme.toml": (
                "[policy]\nname = 'acme'\n[rules.length]\nmin = 8\nassumed = 'ours'\n"
            ),
        }
        for name, text in files.items():
            (tmp_path / name).parent.mkdir(exist_ok=True)
            (tmp_path / name).write_text(text, encoding="utf-8")
        paths = [str(tmp_path / name) for name in files]
        run = cli(["lint", "--only-policies", *paths])
        assert (run.code, run.out, run.err) == (0, "", "")
        # The policy was linted: break it and the hook fails.
        (tmp_path / "policies/acme.toml").write_text("[rules.length]\nmin = 'x'\n", "utf-8")
        run = cli(["lint", "--only-policies", *paths])
        assert run.code == 1
        assert run.out == f"{paths[-1]}:2: rules.length.min: must be an integer, not string\n"


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class TestTerminalHelpers:
    @pytest.mark.parametrize(
        ("value", "width"),
        [("", 0), ("abc", 3), ("行目", 4), ("ｱｲ", 2), ("e\u0301", 1), ("Ａ1", 3)],
    )
    def test_display_width(self, value: str, width: int) -> None:
        assert display_width(value) == width
        assert display_width(pad(value, 6)) == max(6, width)

    @pytest.mark.parametrize(
        ("env", "tty", "colour"),
        [
            ({}, True, True),
            ({}, False, False),
            ({"NO_COLOR": "1"}, True, False),
            ({"NO_COLOR": ""}, True, True),  # set but empty does not count (no-color.org)
            ({"FORCE_COLOR": "1"}, False, True),
            ({"FORCE_COLOR": "1", "NO_COLOR": "1"}, True, False),
            ({"TERM": "dumb"}, True, False),
        ],
    )
    def test_wants_colour(
        self, monkeypatch: pytest.MonkeyPatch, env: dict[str, str], tty: bool, colour: bool
    ) -> None:
        for name in ("NO_COLOR", "FORCE_COLOR", "TERM"):
            monkeypatch.delenv(name, raising=False)
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        assert wants_colour(_Terminal() if tty else io.StringIO()) is colour

    def test_progress_draws_and_erases(self) -> None:
        stream = _Terminal()
        progress = Progress(stream, "en", total_bytes=1000, enabled=True)
        progress.update(511, 100)  # only every 512 lines
        assert stream.getvalue() == ""
        progress.update(512, 250)
        assert stream.getvalue() == "\r512 lines checked (25%)"
        progress.finish()
        assert stream.getvalue().endswith("\r" + " " * 23 + "\r")

    def test_progress_disabled(self) -> None:
        stream = _Terminal()
        progress = Progress(stream, "ja", total_bytes=None, enabled=False)
        progress.update(512, 10)
        progress.finish()
        assert stream.getvalue() == ""

    def test_ascii_stream_gets_escapes(self) -> None:
        raw = io.BytesIO()
        stream = io.TextIOWrapper(raw, encoding="ascii")
        assert prepare_stream(stream) is False
        stream.write("不合格\n")
        stream.flush()
        assert raw.getvalue() == b"\\u4e0d\\u5408\\u683c\n"

    def test_utf8_stream_is_left_alone(self) -> None:
        stream = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
        assert prepare_stream(stream) is True
        assert stream.errors == "strict"


class TestAdvice:
    def test_warn_reports_advised_rules_as_warnings(self, cli: Cli) -> None:
        # みずほ advises against consecutive characters (使用しないでください).
        strict = cli(["check", "--policy", "mizuho", "--format", "json"], stdin=lines("tkyr1234"))
        letter = cli(
            ["check", "--policy", "mizuho", "--advice", "warn", "--format", "json"],
            stdin=lines("tkyr1234"),
        )
        assert (strict.code, letter.code) == (1, 0)
        found = json.loads(letter.out)["results"][0]["violations"]
        # Its guessable-string advice (the blocklist's patterns) is advised too.
        assert {v["severity"] for v in found} == {"warning"}
        assert "sequence.ascending" in {v["code"] for v in found}

    def test_warn_with_several_jobs(self, cli: Cli) -> None:
        run = cli(
            ["check", "--policy", "mizuho", "--advice", "warn", "--jobs", "2"],
            stdin=lines("tkyr1234", "tkyr8mwq"),
        )
        assert run.code == 0

    def test_an_unknown_advice_is_a_usage_error(self, cli: Cli) -> None:
        run = cli(["check", "--policy", "mizuho", "--advice", "quiet"], stdin=lines("x"))
        assert run.code == 2
