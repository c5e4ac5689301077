"""Policies, rules, contexts and results survive ``pickle`` (docs/scale.md)."""

# ruff: noqa: S301 - these tests unpickle only what they pickled themselves

from __future__ import annotations

import pickle
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from pathlib import Path

import pytest

import credguard
from credguard import Pepper, Policy, UserContext, list_presets, load_policy, parse_policy
from credguard.rules import RULES, BreachedRule, LengthRule
from credguard.testing import cheap_hasher
from tests.helpers import CANARY, write, write_hibp

PASSWORDS = ("password", "Sakura-2024!", "aaaa1234", "correct horse battery staple", "短い")


def _round_trip(obj: object) -> object:
    return pickle.loads(pickle.dumps(obj))


def _outcomes(policy: Policy, context: UserContext | None = None) -> list[object]:
    return [
        policy.check(p, context=context, kind=kind).codes
        for p in PASSWORDS
        for kind in credguard.KINDS
    ]


@pytest.mark.parametrize("name", list_presets())
def test_every_preset_round_trips_as_its_name(name: str) -> None:
    policy = load_policy(name)
    data = pickle.dumps(policy)
    # The preset's name, not its rules: small, and loaded again on the other side.
    assert name.encode() in data
    assert len(data) < 500
    copy = pickle.loads(data)
    assert copy == policy
    assert _outcomes(copy) == _outcomes(policy)


def test_a_policy_file_round_trips_as_its_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "base.toml", "[rules.length]\nmin = 12\n")
    path = write(
        tmp_path / "firm.toml",
        '[policy]\nextends = "base.toml"\n[rules.classes]\nmin_classes = 2\n',
    )
    policy = load_policy(path)
    data = pickle.dumps(policy)
    assert b"min_classes = 2" in data
    # Elsewhere (another working directory), the file's own extends still resolves.
    monkeypatch.chdir(Path("/"))
    copy = pickle.loads(data)
    assert copy == policy
    assert copy.rules_for("login")[0] == LengthRule(min=12)


def test_a_parsed_policy_round_trips() -> None:
    policy = parse_policy("[rules.length]\nmin = 10\nmax = 30\n")
    assert _round_trip(policy) == policy


def test_a_policy_built_in_code_pickles_its_rules() -> None:
    policy = Policy(
        name="in-code",
        rules=tuple(RULES[name]() for name in RULES if name not in ("breached",)),
        kinds={"trade": (LengthRule(min=6, max=6),)},
    )
    copy = _round_trip(policy)
    assert isinstance(copy, Policy)
    assert copy == policy
    assert copy.rules_for("trade") == (LengthRule(min=6, max=6),)
    assert _outcomes(copy) == _outcomes(policy)


def test_a_copy_of_a_loaded_policy_pickles_its_fields_not_the_preset() -> None:
    renamed = replace(load_policy("moomoo"), name="renamed")
    copy = _round_trip(renamed)
    assert copy == renamed
    assert isinstance(copy, Policy)
    assert copy.name == "renamed"


def test_every_rule_round_trips_without_its_caches() -> None:
    for name, cls in RULES.items():
        if name == "breached":
            continue
        rule = cls()
        copy = _round_trip(rule)
        assert copy == rule, name
    # A cache is rebuilt, not shipped: a long minimum pickles as small as a short one.
    assert len(pickle.dumps(LengthRule(min=200))) < len(pickle.dumps(LengthRule(min=8))) + 8


def test_a_breach_file_rule_pickles_as_its_path_and_opens_lazily(tmp_path: Path) -> None:
    path = tmp_path / "hibp.txt"
    write_hibp(path, extra=5000)
    rule = BreachedRule(file=str(path))
    data = pickle.dumps(rule)
    assert len(data) < 1000  # the path, not the file's contents
    copy = pickle.loads(data)
    assert copy == rule
    assert copy._file is None  # not opened until the first lookup
    policy = Policy(rules=(copy,))
    assert policy.check("password").codes == ("breached.found",)
    assert copy._file is not None
    assert policy.check("Sakura-2024!-unique").ok


def test_an_unpickled_breach_rule_whose_file_vanished_fails_with_a_typed_error(
    tmp_path: Path,
) -> None:
    path = tmp_path / "hibp.txt"
    write_hibp(path)
    data = pickle.dumps(BreachedRule(file=str(path)))
    path.unlink()
    copy = pickle.loads(data)
    with pytest.raises(credguard.BreachFileError) as caught:
        Policy(rules=(copy,)).check("password")
    assert caught.value.key == "file"


def test_contexts_and_results_round_trip() -> None:
    context = UserContext(
        username="taro_y", birthdate="1985-07-23", other_credentials={"login": "$argon2id$x"}
    )
    context.personal_tokens()  # fills the cache, which must not travel
    context.personal_words()
    copy = _round_trip(context)
    assert isinstance(copy, UserContext)
    assert copy.personal_tokens() == context.personal_tokens()
    assert copy.personal_words() == context.personal_words()
    assert copy.other_credentials == {"login": "$argon2id$x"}
    assert len(pickle.dumps(context)) == len(
        pickle.dumps(
            UserContext(
                username="taro_y",
                birthdate="1985-07-23",
                other_credentials={"login": "$argon2id$x"},
            )
        )
    )
    # recommended's login rules use no other_credentials (an unused field warns).
    checked = UserContext(username="taro_y", birthdate="1985-07-23")
    result = load_policy("recommended").check("taro_y1985", context=checked)
    assert not result.ok
    assert _round_trip(result) == result


def test_a_policy_bound_to_a_pepper_refuses_to_pickle() -> None:
    pepper = Pepper("k1", CANARY.encode() * 2)
    with pytest.raises(TypeError, match="pepper keys, which are never pickled") as caught:
        pickle.dumps(load_policy("recommended").with_hasher(cheap_hasher(pepper=pepper)))
    assert CANARY not in str(caught.value)
    with pytest.raises(TypeError, match="holds a secret key"):
        pickle.dumps(pepper)
    # Without a pepper, a bound hasher (its profile only) pickles.
    bound = load_policy("recommended").with_hasher(cheap_hasher())
    assert _round_trip(bound) == bound


# Every preset gets the same context, whether or not it has a personal rule.
@pytest.mark.filterwarnings("ignore::credguard.UnusedContextWarning")
def test_no_password_personal_value_or_pepper_is_in_any_pickle() -> None:
    context = UserContext(username=CANARY, names=(CANARY,), email=f"{CANARY}@example.jp")
    context.personal_tokens()
    for name in list_presets():
        policy = load_policy(name)
        result = policy.check(CANARY + "1!", context=context)
        for obj in (policy, result, *result.violations):
            assert CANARY.encode() not in pickle.dumps(obj), name
            assert CANARY.lower().encode() not in pickle.dumps(obj), name


def _check_in_worker(args: tuple[Policy, str]) -> tuple[str, ...]:
    policy, password = args
    return policy.check(password).codes


@pytest.mark.slow
def test_a_process_pool_takes_a_policy(tmp_path: Path) -> None:
    path = tmp_path / "hibp.txt"
    write_hibp(path)
    offline = Policy(name="offline", rules=(BreachedRule(file=str(path)), LengthRule(min=8)))
    jobs = [(policy, p) for policy in (load_policy("moomoo"), offline) for p in PASSWORDS]
    with ProcessPoolExecutor(max_workers=2) as pool:
        found = list(pool.map(_check_in_worker, jobs))
    assert found == [policy.check(p).codes for policy, p in jobs]
    assert found[len(PASSWORDS)] == ("breached.found",)
