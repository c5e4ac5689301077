"""``generate_password``: random passwords that the policy accepts (issue 20)."""

from __future__ import annotations

import string

import pytest

import credguard
from credguard import KINDS, Policy, PolicyError, generate_password, list_presets, load_policy
from credguard._passgen import DEFAULT_LENGTH, MAX_ATTEMPTS
from credguard.rules import BlocklistRule, CharsetRule, ClassesRule, LengthRule

PRINTABLE = set(string.ascii_letters + string.digits + string.punctuation)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("name", list_presets())
def test_every_preset_and_kind_accepts_what_it_generates(name: str, kind: str) -> None:
    # Every bundled preset can be satisfied by construction, a kind without
    # composition rules (sbi's login: no rules at all) included.
    policy = load_policy(name)
    for _ in range(5):
        password = generate_password(policy, kind=kind)
        assert policy.check(password, kind=kind).ok
        assert set(password) <= PRINTABLE


def test_default_length_is_the_minimum_or_16_capped_by_the_maximum() -> None:
    assert len(generate_password(Policy(rules=()))) == DEFAULT_LENGTH
    longer = Policy(rules=(LengthRule(min=20),))
    assert len(generate_password(longer)) == 20
    capped = Policy(rules=(LengthRule(min=6, max=12),))
    assert len(generate_password(capped)) == 12


def test_length_within_the_policy_range() -> None:
    policy = Policy(rules=(LengthRule(min=8, max=32),))
    assert len(generate_password(policy, length=8)) == 8
    assert len(generate_password(policy, length=32)) == 32
    for bad in (7, 33, 0, -1, 2000):
        with pytest.raises(PolicyError) as caught:
            generate_password(policy, length=bad)
        assert caught.value.key == "length"
        assert caught.value.problem_id == "value.between"
        assert caught.value.params == {"low": 8, "high": 32}
    # Without a maximum, the cap of every check is the bound.
    with pytest.raises(PolicyError, match="between 1 and 1024"):
        generate_password(Policy(rules=()), length=1025)


@pytest.mark.parametrize("bad", ["16", 16.0, True])
def test_length_must_be_an_integer(bad: object) -> None:
    with pytest.raises(PolicyError) as caught:
        generate_password(Policy(rules=()), length=bad)  # type: ignore[arg-type]
    assert caught.value.key == "length"


def test_unknown_kind() -> None:
    with pytest.raises(PolicyError, match="unknown password kind 'admin'"):
        generate_password(load_policy("recommended"), kind="admin")


class TestDistribution:
    """200 draws of a policy with a narrow charset and several class rules."""

    SYMBOLS = "@#$%^&*_+-=:,."
    POLICY = Policy(
        rules=(
            LengthRule(min=10, max=12),
            CharsetRule(allow=("upper", "lower", "digit", "symbol"), symbols=SYMBOLS),
            ClassesRule(required=("upper", "digit"), min_counts={"digit": 3}),
            ClassesRule(min_classes=4, of=("upper", "lower", "digit", "symbol")),
        )
    )

    @pytest.fixture(scope="class")
    @classmethod
    def draws(cls) -> list[str]:
        return [generate_password(cls.POLICY) for _ in range(200)]

    def test_all_distinct(self, draws: list[str]) -> None:
        assert len(set(draws)) == len(draws)

    def test_only_allowed_characters(self, draws: list[str]) -> None:
        allowed = set(string.ascii_letters + string.digits + self.SYMBOLS)
        assert set("".join(draws)) <= allowed
        # ... and the generator uses the whole allowed set, not a corner of it.
        assert set("".join(draws)) == allowed

    def test_classes_and_counts(self, draws: list[str]) -> None:
        for password in draws:
            assert len(password) == 12
            assert sum(c.isdigit() for c in password) >= 3
            assert any(c.isupper() for c in password)
            assert any(c.islower() for c in password)
            assert any(c in self.SYMBOLS for c in password)

    def test_required_characters_are_not_always_in_front(self, draws: list[str]) -> None:
        # The mandatory characters are shuffled in, not prepended.
        assert len({password[0].isdigit() for password in draws}) == 2


def test_min_classes_of_letter_class() -> None:
    # Mizuho's shape: 2 of letter/digit/symbol, over digits and lower case only.
    policy = Policy(
        rules=(
            CharsetRule(allow=("lower", "digit")),
            ClassesRule(min_classes=2, of=("letter", "digit", "symbol")),
        )
    )
    for _ in range(50):
        password = generate_password(policy, length=4)
        assert any(c.isdigit() for c in password)
        assert any(c.islower() for c in password)
        assert set(password) <= set(string.ascii_lowercase + string.digits)


def test_space_only_where_required() -> None:
    spaced = Policy(
        rules=(
            CharsetRule(allow=("lower", "space"), edge_spaces=False),
            ClassesRule(required=("space",)),
        )
    )
    for _ in range(50):
        password = generate_password(spaced)
        assert password.count(" ") == 1
        assert password.strip() == password
    unspaced = Policy(rules=(CharsetRule(allow=("lower", "space")),))
    assert " " not in "".join(generate_password(unspaced) for _ in range(50))


@pytest.mark.parametrize(
    "rules",
    [
        # caseless letters (kana) cannot be drawn: only printable ASCII is
        (ClassesRule(required=("other",)),),
        # a required class the charset does not allow
        (CharsetRule(allow=("lower",)), ClassesRule(required=("digit",))),
        # more required characters than the length holds
        (LengthRule(min=4, max=4), ClassesRule(min_counts={"digit": 5})),
        # too few classes left for min_classes
        (CharsetRule(allow=("digit",)), ClassesRule(min_classes=2)),
        # only non-ASCII allowed
        (CharsetRule(allow=("non_ascii",)),),
    ],
)
def test_unsatisfiable_by_construction_is_refused_at_once(rules: tuple[object, ...]) -> None:
    policy = Policy(name="odd", rules=rules)  # type: ignore[arg-type]
    with pytest.raises(PolicyError) as caught:
        generate_password(policy)
    assert caught.value.problem_id == "policy.cannot_generate"
    assert "'odd'" in str(caught.value)
    assert "odd" in caught.value.message_in("ja")


def test_unsatisfiable_by_other_rules_gives_up_after_bounded_attempts() -> None:
    # Every three-digit password is blocklisted: construction cannot see
    # that, so the generator draws, checks and gives up.
    policy = Policy(
        name="digits",
        rules=(
            LengthRule(min=3, max=3),
            CharsetRule(allow=("digit",)),
            BlocklistRule(
                lists=(), words=tuple(f"{n:03d}" for n in range(1000)), min_word_length=3
            ),
        ),
    )
    checks = 0
    original = Policy.check

    def counting(self: Policy, *args: object, **kwargs: object) -> credguard.CheckResult:
        nonlocal checks
        checks += 1
        return original(self, *args, **kwargs)  # type: ignore[arg-type]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Policy, "check", counting)
        with pytest.raises(PolicyError, match="cannot generate a login password of 3"):
            generate_password(policy)
    assert checks == MAX_ATTEMPTS


def test_personal_rules_pass_without_context() -> None:
    policy = load_policy("matsui")
    assert any(rule.NAME == "personal" for rule in policy.rules_for("login"))
    assert policy.check(generate_password(policy)).ok


def test_exported() -> None:
    assert "generate_password" in credguard.__all__
    assert credguard.generate_password is generate_password
