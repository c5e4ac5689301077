"""``credguard generate``: passwords for a help desk's resets (issue 20)."""

from __future__ import annotations

import string
from pathlib import Path

import pytest

from credguard import KINDS, load_policy
from tests.helpers import Cli, write


@pytest.mark.parametrize("kind", KINDS)
def test_prints_count_passwords_the_policy_accepts(cli: Cli, kind: str) -> None:
    run = cli(["generate", "--policy", "kabucom", "--kind", kind, "--count", "20"])
    assert run.code == 0, run.err
    assert run.err == ""
    passwords = run.out.splitlines()
    assert len(passwords) == 20
    assert len(set(passwords)) == 20
    assert run.out.endswith("\n")
    policy = load_policy("kabucom")
    for password in passwords:
        assert policy.check(password, kind=kind).ok
        assert len(password) == 16


def test_defaults_one_recommended_login_password(cli: Cli) -> None:
    run = cli(["generate"])
    assert run.code == 0
    (password,) = run.out.splitlines()
    assert load_policy("recommended").check(password).ok


def test_length(cli: Cli) -> None:
    run = cli(["generate", "--policy", "kabucom", "--length", "6", "--count", "5"])
    assert run.code == 0
    assert [len(p) for p in run.out.splitlines()] == [6] * 5


def test_policy_file(cli: Cli, tmp_path: Path) -> None:
    policy = write(
        tmp_path / "p.toml",
        '[rules.length]\nmin = 10\nmax = 10\n[rules.charset]\nallow = ["digit", "lower"]\n'
        '[rules.classes]\nrequired = ["digit", "lower"]\n',
    )
    run = cli(["generate", "--policy", str(policy), "--count", "30"])
    assert run.code == 0, run.err
    for password in run.out.splitlines():
        assert len(password) == 10
        assert set(password) <= set(string.ascii_lowercase + string.digits)
        assert any(c.isdigit() for c in password)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--count", "0"], "argument --count: must be between 1 and 10000, not 0"),
        (["--count", "10001"], "argument --count: must be between 1 and 10000, not 10001"),
        (["--count", "-3"], "argument --count: must be between 1 and 10000, not -3"),
        (["--count", "many"], "argument --count: invalid int value: 'many'"),
        (["--length", "1025"], "argument --length: must be between 1 and 1024, not 1025"),
        (["--length", "0"], "argument --length: must be between 1 and 1024, not 0"),
        (["--policy", "kabucom", "--length", "17"], "length: must be between 6 and 16"),
        (["--policy", "kabucom", "--length", "5"], "length: must be between 6 and 16"),
        (["--kind", "admin"], "argument --kind: invalid choice: 'admin'"),
        (["--policy", "no-such-firm"], "unknown preset 'no-such-firm'"),
    ],
)
def test_bad_input_is_one_line_and_prints_nothing(cli: Cli, args: list[str], message: str) -> None:
    run = cli(["generate", *args])
    assert run.code == 2
    assert run.out == ""
    assert len(run.err.splitlines()) == 1
    assert run.err.startswith("credguard: error: ")
    assert message in run.err


def test_unsatisfiable_policy_is_one_line_and_prints_nothing(cli: Cli, tmp_path: Path) -> None:
    # Caseless letters (kana) are required: the generator draws ASCII only.
    policy = write(tmp_path / "kana.toml", '[rules.classes]\nrequired = ["other"]\n')
    run = cli(["generate", "--policy", str(policy), "--count", "3"])
    assert run.code == 2
    assert run.out == ""
    assert run.err.splitlines() == [
        "credguard: error: cannot generate a login password of 16 characters that policy"
        " 'kana' accepts from printable ASCII"
    ]


def test_japanese_errors(cli: Cli) -> None:
    run = cli(["generate", "--lang", "ja", "--count", "0"])
    assert run.code == 2
    assert run.err.startswith("credguard: エラー: 引数 --count: 1 以上 10000 以下にしてください")
    run = cli(["generate", "--lang", "ja", "--policy", "kabucom", "--length", "40"])
    assert run.code == 2
    assert "6 以上 16 以下にしてください" in run.err


def test_help_says_no_context_is_used(cli: Cli) -> None:
    run = cli(["generate", "--help"])
    assert run.code == 0
    assert "personal-data rules pass trivially" in run.out
    assert "secrets" in run.out
    for option in ("--policy", "--kind", "--count", "--length", "--advice", "--lang"):
        assert option in run.out


def test_help_in_japanese(cli: Cli) -> None:
    run = cli(["generate", "--lang", "ja", "--help"])
    assert (run.code, run.out[:28]) == (0, "使い方: credguard generate [-h]")
    phrases = ("個人情報のルールは常に満たされます", "出力するパスワードの数", "パスワードの文字数")
    assert [phrase for phrase in phrases if phrase not in run.out] == []
    assert "パスワード再発行用" in cli(["--lang", "ja", "--help"]).out
