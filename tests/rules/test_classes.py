from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from credguard import Candidate, PolicyError
from credguard._candidate import _views
from credguard.rules import ClassesRule
from tests.helpers import EMPTY, codes, run

MOOMOO = ClassesRule(min_classes=3, of=("upper", "lower", "digit", "symbol"))
KABUCOM = ClassesRule(required=("digit", "upper", "lower"))
MIZUHO = ClassesRule(min_classes=2, of=("letter", "digit", "symbol"))
FUJITOMI_COMMODITY = ClassesRule(required=("upper", "lower", "digit", "symbol"))


class TestClassesRule:
    @pytest.mark.parametrize(
        ("rule", "password", "expected"),
        [
            (MOOMOO, "abcdefgh", ["classes.too_few"]),
            (MOOMOO, "abcdEFGH", ["classes.too_few"]),
            (MOOMOO, "abcdEF12", []),
            (MOOMOO, "abcd12!?", []),
            (KABUCOM, "abcdef", ["classes.missing", "classes.missing"]),
            (KABUCOM, "abcDEF", ["classes.missing"]),
            (KABUCOM, "abcDE1", []),
            # Mizuho: letters-only, digits-only and symbols-only are refused.
            (MIZUHO, "abcdEFGH", ["classes.too_few"]),
            (MIZUHO, "12345678", ["classes.too_few"]),
            (MIZUHO, "#+-./:_=", ["classes.too_few"]),
            (MIZUHO, "abcd1234", []),
            (MIZUHO, "ABCD-/:_", []),
            (FUJITOMI_COMMODITY, "Abcdef1!", []),
            (FUJITOMI_COMMODITY, "Abcdefg1", ["classes.missing"]),
            # Full-width letters count after NFKC.
            (KABUCOM, "ＡｂＣ１２３", []),
            (ClassesRule(min_counts={"digit": 2}), "abc1", ["classes.missing"]),
            (ClassesRule(min_counts={"digit": 2}), "abc12", []),
            # Kana are letters (class "letter" and "other"), not upper or lower.
            (ClassesRule(min_classes=2, of=("letter", "digit")), "さくら1", []),
            (ClassesRule(required=("upper",)), "さくら1", ["classes.missing"]),
        ],
    )
    def test_table(self, rule: ClassesRule, password: str, expected: list[str]) -> None:
        assert codes(run(rule, password)) == expected

    def test_missing_names_each_class(self) -> None:
        violations = run(KABUCOM, "abcdef")
        assert [v.params["class"] for v in violations] == ["digit", "upper"]
        assert violations[0].params["min"] == 1
        assert violations[0].params["actual"] == 0

    def test_too_few_params(self) -> None:
        (violation,) = run(MOOMOO, "abcdefgh")
        assert dict(violation.params) == {
            "min": 3,
            "of": ("upper", "lower", "digit", "symbol"),
            "actual": 1,
        }

    def test_required_and_min_counts_combine(self) -> None:
        rule = ClassesRule(required=("digit",), min_counts={"digit": 3, "symbol": 1})
        violations = run(rule, "abc12")
        assert [(v.params["class"], v.params["min"]) for v in violations] == [
            ("digit", 3),
            ("symbol", 1),
        ]

    @pytest.mark.parametrize(
        ("rule", "expected"),
        [
            (KABUCOM, 3),
            (MOOMOO, 3),
            (ClassesRule(required=("digit",), min_counts={"digit": 4}, min_classes=3), 6),
            (ClassesRule(), 0),
        ],
    )
    def test_minimum_length(self, rule: ClassesRule, expected: int) -> None:
        assert rule.minimum_length == expected

    @pytest.mark.parametrize(
        ("kwargs", "key"),
        [
            ({"required": ("vowel",)}, "required"),
            ({"required": ("digit", "digit")}, "required"),
            ({"min_classes": 5}, "min_classes"),
            ({"min_classes": -1}, "min_classes"),
            ({"of": ("upper", "nope")}, "of"),
            ({"min_counts": {"digit": 0}}, "min_counts.digit"),
            ({"min_counts": {"emoji": 1}}, "min_counts.emoji"),
            ({"min_counts": [1]}, "min_counts"),
        ],
    )
    def test_invalid_parameters(self, kwargs: dict[str, object], key: str) -> None:
        with pytest.raises(PolicyError) as info:
            ClassesRule(**kwargs)  # type: ignore[arg-type]
        assert info.value.key == key


_CLASS_LISTS = st.lists(
    st.sampled_from(["upper", "lower", "letter", "digit", "symbol", "space", "other"]),
    unique=True,
    max_size=4,
)


class TestFastPath:
    """Classes are counted on the candidate's class letters; the counts are the definition's."""

    @given(
        st.text("aZ9!  さÉ٣", max_size=12) | st.text(max_size=12),
        _CLASS_LISTS,
        st.lists(st.sampled_from(["upper", "lower", "letter", "digit", "symbol"]), unique=True)
        .filter(bool)
        .flatmap(lambda of: st.tuples(st.just(of), st.integers(0, len(of)))),
        st.dictionaries(st.sampled_from(["digit", "letter", "symbol"]), st.integers(1, 3)),
    )
    def test_same_as_counting_the_definition(
        self,
        password: str,
        required: list[str],
        of_and_min: tuple[list[str], int],
        min_counts: dict[str, int],
    ) -> None:
        of, min_classes = of_and_min
        rule = ClassesRule(
            required=tuple(required), of=tuple(of), min_classes=min_classes, min_counts=min_counts
        )
        counts: dict[str, int] = {str(k): v for k, v in _views(password)[8].items()}
        counts["letter"] = counts["upper"] + counts["lower"] + counts["other"]
        expected: list[tuple[str, dict[str, object]]] = []
        params: dict[str, object]
        needs = {name: min_counts.get(name, 1) for name in required}
        needs.update((name, n) for name, n in min_counts.items() if name not in needs)
        for name, wanted in needs.items():
            if counts[name] < wanted:
                params = {"class": name, "min": wanted, "actual": counts[name]}
                expected.append(("classes.missing", params))
        present = sum(1 for name in of if counts[name])
        if min_classes and present < min_classes:
            params = {"min": min_classes, "of": tuple(of), "actual": present}
            expected.append(("classes.too_few", params))
        got = rule.violations(Candidate.from_password(password), EMPTY)
        assert [(v.code, dict(v.params)) for v in got] == expected
