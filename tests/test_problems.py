"""Policy problems: ids, the catalogue's coverage, and the Japanese wording."""

from __future__ import annotations

import ast
import copy
import re
from pathlib import Path

import pytest

import credguard
from credguard import PolicyError
from credguard._catalogue import _fields
from credguard._problems import PROBLEMS, Problem, did_you_mean
from credguard.errors import BreachFileError
from tests.helpers import CANARY

SRC = Path(credguard.__file__).parent
_ERRORS = {"PolicyError", "BreachFileError", "UnknownSettingError"}
# A call that names a problem by id: PolicyError.of("…"), Problem("…"),
# wrong_type("…"), a breach file's self.error("…"), _unknown(…, "…").
_ID_USE = re.compile(
    r"""(?:\.of|Problem|wrong_type|_type_error\([^,]+,|\.error|_unknown\([^)]*?,)\(?\s*"([a-z_]+\.[a-z_.]+)\""""
)


def _sources() -> dict[Path, str]:
    texts = SRC / "_problem_texts.py"
    return {p: p.read_text("utf-8") for p in SRC.rglob("*.py") if p != texts}


def _literals() -> set[str]:
    """Every string constant in credguard's code (the catalogue's own module excepted)."""
    found: set[str] = set()
    for text in _sources().values():
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                found.add(node.value)
    return found


class TestCoverage:
    def test_every_catalogue_id_is_used_by_the_code(self) -> None:
        unused = set(PROBLEMS) - _literals()
        assert not unused, f"catalogue ids no raise site uses: {sorted(unused)}"

    def test_every_id_the_code_names_is_in_the_catalogue(self) -> None:
        named = {m for text in _sources().values() for m in _ID_USE.findall(text)}
        # Sanity: the pattern finds the raise sites (else this test proves nothing).
        assert {"value.between", "shape.unknown_key", "breach.empty", "type.integer"} <= named
        missing = {name for name in named if name not in PROBLEMS and "." in name}
        assert not missing, f"ids not in the catalogue: {sorted(missing)}"

    def test_no_raise_site_passes_plain_text(self) -> None:
        plain = []
        for path, text in _sources().items():
            for node in ast.walk(ast.parse(text)):
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Name)
                    and node.func.id in _ERRORS
                    and node.args
                    and isinstance(node.args[0], (ast.Constant, ast.JoinedStr, ast.BinOp))
                ):
                    plain.append(f"{path.relative_to(SRC)}:{node.lineno}")
        assert not plain, f"PolicyError built from text, not an id: {plain}"

    @pytest.mark.parametrize("problem_id", sorted(PROBLEMS))
    def test_every_entry_renders_in_both_languages(self, problem_id: str) -> None:
        english, japanese = PROBLEMS[problem_id]
        params = dict.fromkeys(_fields(english), 7)
        for lang in ("en", "ja"):
            assert PROBLEMS.render(problem_id, params, lang).strip()
        # The Japanese is not a copy of the English (names and code aside).
        if re.search(r"[a-z]{4,} [a-z]{3,}", english.replace("{", " ")):
            assert japanese != english

    def test_an_unknown_id_is_refused(self) -> None:
        with pytest.raises(KeyError):
            Problem("value.no_such_problem")


class TestPolicyError:
    def test_str_is_english_and_message_in_ja_is_japanese(self) -> None:
        error = PolicyError.of("value.between", file="a.toml", line=3, key="min", low=1, high=1024)
        assert str(error) == "a.toml:3: min: must be between 1 and 1024"
        assert error.problem == "must be between 1 and 1024"
        assert error.message_in("en") == str(error)
        assert error.message_in("ja") == "a.toml:3: min: 1 以上 1024 以下にしてください"
        assert (error.problem_id, dict(error.params)) == ("value.between", {"low": 1, "high": 1024})

    def test_a_plain_string_still_works_the_same_in_every_language(self) -> None:
        error = PolicyError("custom problem", key="k")
        assert str(error) == "k: custom problem" == error.message_in("ja")
        assert (error.problem_id, dict(error.params)) == ("", {})

    def test_located_keeps_the_id(self) -> None:
        error = PolicyError.of("value.empty", key="name").located(file="f.toml", line=2)
        assert (error.problem_id, error.message_in("ja")) == (
            "value.empty",
            "f.toml:2: name: 空にはできません",
        )

    def test_a_subclass_builds_itself(self) -> None:
        error = BreachFileError.of("breach.empty", path="b.txt")
        assert isinstance(error, BreachFileError)
        assert (str(error), error.problem_in("ja")) == (
            "b.txt: is empty",
            "b.txt: 空のファイルです",
        )

    def test_did_you_mean_in_both_languages(self) -> None:
        error = PolicyError.of(
            "shape.unknown_key", key="x", hint=did_you_mean("lenght", ["length"])
        )
        assert error.problem == "unknown key; did you mean 'length'?"
        assert error.problem_in("ja") == "不明なキーです。もしかして 'length' ですか？"
        assert PolicyError.of(
            "shape.unknown_key", hint=did_you_mean("zzz", ["length"])
        ).problem == ("unknown key")

    def test_copies_with_its_parameters(self) -> None:
        # deepcopy goes through __reduce__, as pickling does.
        problem = Problem("value.at_least", low=8)
        copied = copy.deepcopy(problem)
        assert copied == problem
        assert copied is not problem


def _bad(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "bad.toml"
    path.write_text(body, "utf-8")
    return path


class TestLoaderInJapanese:
    @pytest.mark.parametrize(
        ("body", "english", "japanese"),
        [
            (
                "[rules.lenght]\nmin = 8\n",
                "unknown rule; did you mean 'length'?",
                "不明なルールです。もしかして 'length' ですか？",
            ),
            ("[rules.length]\nmin = 0\n", "must be between 1 and", "以上"),
            (
                "[rules.length]\nmin = 'x'\n",
                "must be an integer, not string",
                "整数を指定してください",
            ),
            (
                "[rules.length]\nmin = 20\nmax = 8\n",
                "max (8) is less than min (20)",
                "max（8）が min（20）",
            ),
            (
                "[policy]\nextends = 'moomo'\n",
                "did you mean 'moomoo'?",
                "プリセット 'moomo' はありません",
            ),
            ("[rules.length\n", "invalid TOML", "TOML として不正です"),
            (
                "[kinds.login.rules.length]\nmin = 8\n",
                "login's rules are [rules.*]",
                "login のルールは",
            ),
        ],
    )
    def test_load_errors(self, tmp_path: Path, body: str, english: str, japanese: str) -> None:
        with pytest.raises(PolicyError) as caught:
            credguard.load_policy(_bad(tmp_path, body))
        assert english in str(caught.value)
        assert japanese in caught.value.message_in("ja")
        assert caught.value.message_in("ja").startswith(str(tmp_path))

    def test_a_parent_that_cannot_be_read_is_worded_in_japanese_too(self, tmp_path: Path) -> None:
        with pytest.raises(PolicyError) as caught:
            credguard.load_policy(_bad(tmp_path, "[policy]\nextends = 'gone.toml'\n"))
        shown = caught.value.message_in("ja")
        assert "'gone.toml' を extends できません: " in shown
        assert "ポリシーファイルを読み込めません" in shown

    def test_no_value_from_the_file_comes_back(self, tmp_path: Path) -> None:
        bodies = [
            f"[rules.length]\nmin = '{CANARY}'\n",
            f"[rules.length]\nseverity = '{CANARY}'\n",
            f"[rules.classes]\nrequired = ['{CANARY}']\n",
        ]
        for body in bodies:
            with pytest.raises(PolicyError) as caught:
                credguard.load_policy(_bad(tmp_path, body))
            for lang in ("en", "ja"):
                assert CANARY not in caught.value.message_in(lang)

    def test_lint_findings_carry_the_id(self, tmp_path: Path) -> None:
        (finding,) = credguard.lint_policy(_bad(tmp_path, "[rules.length]\nmin = 20\nmax = 8\n"))
        assert (finding.code, finding.problem) == (
            "rule.max_below_min",
            "max (8) is less than min (20)",
        )
        assert finding.message_in("ja").endswith(
            "rules.length.max: max（8）が min（20）より小さくなっています"
        )
        assert "error" not in finding.to_dict()


class TestDiffInJapanese:
    def test_each_change_reads_in_both_languages(self) -> None:
        differences = credguard.diff_policies("fujitomi-commodity", "fujitomi-fx")
        assert differences
        for difference in differences:
            assert difference.message_in("en") == str(difference)
            japanese = difference.message_in("ja")
            assert "stricter" not in japanese
            assert "looser" not in japanese
        words = {d.change: d.message_in("ja") for d in differences}
        assert any(
            w.endswith(("（b のほうが厳しい）", "（b のほうが緩い）", "（変更）"))
            for w in words.values()
        )
