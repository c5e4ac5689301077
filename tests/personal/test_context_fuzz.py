"""Any Unicode in any ``UserContext`` text field: every preset checks or the field is refused.

A context's values come from a customer record, so they are untrusted: a
Latin letter with a combining mark once made every check for that customer
raise ``IndexError``.  Each example sets every text field to arbitrary text
and checks one password against a sample of the bundled presets; the
result must be a ``CheckResult`` or a ``ContextError`` naming the field.
"""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import credguard
from credguard import CheckResult, ContextError, UserContext

PRESETS = [credguard.load_policy(name) for name in credguard.list_presets()]
TEXT_FIELDS = ("username", "customer_number", "phone", "email", "postal_code", "car_number")
TUPLE_FIELDS = ("names", "other_words", "address_numbers")

# Every code point but surrogates, and letters followed by combining marks
# (the class that crashed), mixed.
_marks = st.sampled_from(
    [chr(c) for c in range(0x300, 0x370)] + ["\u3099", "\u309a", "\u20dd", "\u0e31", "\u093f"]
)
_letter_marks = st.tuples(st.characters(), st.lists(_marks, max_size=3)).map(
    lambda pair: pair[0] + "".join(pair[1])
)
_texts = st.one_of(
    st.text(max_size=40),
    st.lists(st.one_of(st.characters(), _letter_marks), max_size=12).map("".join),
    # Short words between separators become tokens of their own.
    st.lists(_letter_marks, min_size=1, max_size=4).map(".".join),
    # Lone surrogates, as a decoder with errors="surrogateescape" makes them.
    st.text(st.one_of(st.characters(), st.integers(0xD800, 0xDFFF).map(chr)), max_size=24),
)


def _check(policy: credguard.Policy, password: str, context: UserContext) -> None:
    for kind in credguard.KINDS:
        try:
            result = policy.check(password, context=context, kind=kind)
        except credguard.PolicyError:
            continue  # the preset has no rules for this kind
        assert isinstance(result, CheckResult)


# Passes every field on purpose, to policies that use only some.
@pytest.mark.filterwarnings("ignore::credguard.errors.UnusedContextWarning")
@settings(deadline=None)
@given(
    values=st.fixed_dictionaries(dict.fromkeys(TEXT_FIELDS, _texts)),
    lists=st.fixed_dictionaries({name: st.lists(_texts, max_size=3) for name in TUPLE_FIELDS}),
    password=st.text(max_size=24),
    which=st.integers(0, len(PRESETS) - 1),
)
def test_any_unicode_in_any_field_checks_or_is_refused_by_name(
    values: dict[str, str], lists: dict[str, list[str]], password: str, which: int
) -> None:
    try:
        context = UserContext(**values, **lists)  # type: ignore[arg-type]
    except ContextError as error:
        refused = error.field
    else:
        refused = ""
    if refused:
        assert refused.split("[")[0] in (*TEXT_FIELDS, *TUPLE_FIELDS)
        return
    # A sample of three presets per example keeps the test quick; over the
    # run every preset is drawn.
    for offset in range(3):
        _check(PRESETS[(which + offset) % len(PRESETS)], password, context)


# Passes every field on purpose, to policies that use only some.
@pytest.mark.filterwarnings("ignore::credguard.errors.UnusedContextWarning")
@pytest.mark.parametrize("field", TEXT_FIELDS)
def test_letter_with_combining_mark_checks_under_every_preset(field: str) -> None:
    # The reported case: o with dot below and grave, whose leet view folds
    # to one letter.
    value = "ọ̀.adeyemi@example.com" if field == "email" else "ọ̀adeyemi"
    context = UserContext(**{field: value})  # type: ignore[arg-type]
    for policy in PRESETS:
        _check(policy, "Xk2#pq9!vb-ọ̀adeyemi", context)


def test_every_letter_mark_pair_of_the_latin_blocks_checks() -> None:
    # The class, exhaustively over the Latin letters and the combining
    # diacritical marks: 6,491 of these pairs once raised.
    policy = credguard.load_policy("recommended")
    letters = [chr(c) for c in range(0x41, 0x250) if unicodedata.category(chr(c)).startswith("L")]
    for letter in letters[::7]:
        for mark in range(0x300, 0x370, 5):
            context = UserContext(email=f"{letter}{chr(mark)}.x@example.com")
            assert isinstance(policy.check("Xk2#pq9!vb", context=context), CheckResult)
