"""The per-field screen: can this password match this field at all?

A context made for one login check should not pay for the full matching
index (:class:`~credguard._personal.index.PersonalIndex`: about 0.6 ms for
a full account, most of it the hundreds of spellings of a Japanese name).
A :class:`FieldScreen` keeps one field's tokens as plain strings, and
answers "could the index find this field here?" with a few C-level
substring and set tests, each over all tokens at once.

It may say "maybe" when the index finds nothing (then the index is asked),
never "no" when the index would find something: it looks for *more* than
the index does.  Every form the index keeps of a token (itself, reversed,
leet-folded: :func:`~credguard._personal.forms.token_forms`) is covered —
a reversed form by looking for the token in the reversed views, a leet form
by looking for every ASCII token's leet images, made for all tokens in one
``translate`` — and every length limit the index applies is applied here
no more strictly (a token counts from its length; only non-ASCII tokens,
few, are weighed one by one).  The tests check that a screen's "no" always
agrees with the index.  No token leaves this module.
"""

from __future__ import annotations

import bisect
import itertools
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from .._candidate import Candidate, leet_views
from .forms import (
    MIN_CONTAINS_LENGTH,
    MIN_DIGITS_VIEW_LENGTH,
    SEGMENT_FIELDS,
)
from .segments import MAX_SEGMENT, letters_of

__all__ = ["FieldScreen", "NumberKeys", "Views", "number_keys"]

#: What :func:`number_keys` finds: numbers among the password's digits,
#: tokens as written in its views, tokens one of its views may equal.
NumberKeys = tuple[tuple[str, ...], tuple[str, ...], frozenset[str]]


class Views:
    """A password's views as the screens test them, made once per check.

    ``plain``: every view but the digits one, NUL between them (no token
    holds a NUL), then the same reversed; ``digits``: the digits view alone
    and reversed (only long numbers are looked for there), "" when there is
    none; ``whole``: the views other than digits and their reverses, as a
    set (made when first read: most checks never ask).  For an ASCII
    password, ``numbers`` is its digits, NUL, the same reversed
    (:func:`number_keys`; "" when it has none), ``digit_count`` how many
    digits and ``letters`` how many letters it has; 0 and "" for others.
    """

    __slots__ = (
        "_kept",
        "_whole",
        "ascii",
        "candidate",
        "digit_count",
        "digits",
        "hows",
        "letters",
        "numbers",
        "plain",
        "texts",
    )

    def __init__(self, candidate: Candidate, texts: Sequence[str], hows: Sequence[str]) -> None:
        self.candidate = candidate
        self.texts = texts  # password_views(): folded first
        self.hows = hows
        kept: Sequence[str] = texts
        self.digits = ""
        if "digits" in hows:
            at = hows.index("digits")
            digits = texts[at]
            kept = [*texts[:at], *texts[at + 1 :]]
            self.digits = f"{digits}\x00{digits[::-1]}"
        self._kept = kept
        forward = "\x00".join(kept)
        self.plain = f"{forward}\x00{forward[::-1]}"
        self._whole: frozenset[str] | None = None
        self.ascii = candidate.nfkc.isascii()
        self.letters = self.digit_count = 0
        self.numbers = ""
        if self.ascii:
            classes = candidate.class_letters()
            self.letters = classes.count(b"U") + classes.count(b"L")
            numbers = candidate.digits
            self.digit_count = len(numbers)
            if numbers:
                self.numbers = f"{numbers}\x00{numbers[::-1]}"

    @property
    def whole(self) -> frozenset[str]:
        """The views other than digits and their reverses: what a password may equal."""
        whole = self._whole
        if whole is None:
            kept = self._kept
            whole = self._whole = frozenset([*kept, *(text[::-1] for text in kept)])
        return whole


def number_keys(tokens: Sequence[str], shortest: int) -> NumberKeys | None:
    """What an ASCII password must hold to hold one of *tokens*, when none has a letter.

    A token with no letter has no leet form (token_forms), and the leet views
    of a password hold no digit.  So the index finds a token of digits only
    in a view that keeps the password's digits in order and drops only
    non-digits around them: its digits, as written or reversed, are then a
    substring of the password's digits (``Views.numbers``).  A token with
    separators (``1-2-3``) keeps them only in the folded view, where it
    stands as written (``Views.plain``).  A token shorter than *shortest*
    counts only as the whole password (in a field that has no segments):
    one of the views then equals it (``Views.whole``).  An ASCII password
    holding none of these holds none of the tokens, whatever the view or
    match: a few C-level tests instead of a screen.  None when a token has a
    letter or is not ASCII (use the screen).
    """
    digits: list[str] = []
    written: list[str] = []
    equal: list[str] = []
    for token in tokens:
        if not token.isascii() or token.lower() != token.upper():
            return None
        if len(token) < shortest:
            equal.append(token)
        elif token.isdigit():
            digits.append(token)
        else:
            written.append(token)
    return tuple(digits), tuple(written), frozenset(equal)


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class FieldScreen:
    """One field's tokens, arranged for :meth:`maybe`; built from the field's tokens."""

    tokens: tuple[str, ...]  # the ASCII tokens, shortest first
    lengths: tuple[int, ...]  # their lengths, for bisect
    leet: tuple[str, ...]  # their leet views (a letter-free token's are never found)
    # The non-ASCII tokens and their leet views, all looked for (they are
    # few, and none weighs less than 2).
    other: tuple[str, ...]
    equal: frozenset[str]  # the password may equal none of these (or their reverses)
    segment: frozenset[str]  # short tokens that count as a segment of their own

    @classmethod
    def build(cls, name: str, tokens: Sequence[str]) -> FieldScreen:
        """The screen of field *name* with *tokens* (as the index would file them)."""
        ascii_tokens = sorted(filter(str.isascii, tokens), key=len)
        others = tuple(itertools.filterfalse(str.isascii, tokens))
        lengths = tuple(map(len, ascii_tokens))
        # Each token's leet views (token_forms: of its NFKC case folding), for
        # all tokens at once: a NUL joins them and survives every step.
        joined = "\x00".join(ascii_tokens).lower()
        leet, leet_alt = leet_views(joined)
        if leet == joined == leet_alt and joined == "\x00".join(ascii_tokens):
            # No token has a character the leet tables read (the usual
            # name or word): each is its own image.
            images: tuple[str, ...] = tuple(dict.fromkeys(ascii_tokens))
        else:
            images = tuple(
                dict.fromkeys(itertools.chain(leet.split("\x00"), leet_alt.split("\x00")))
            )
        if others:
            folded = unicodedata.normalize("NFKC", "\x00".join(others)).casefold()
            other = frozenset(
                itertools.chain(others, *(v.split("\x00") for v in leet_views(folded)))
            )
        else:
            other = frozenset()
        segment: frozenset[str] = frozenset()
        if name in SEGMENT_FIELDS:
            # Weighing 2 or 3: two or three ASCII characters, or one or two
            # characters of which one is not ASCII.
            low, high = bisect.bisect_left(lengths, 2), bisect.bisect_right(lengths, MAX_SEGMENT)
            segment = frozenset(
                itertools.chain(ascii_tokens[low:high], (t for t in others if len(t) <= 2))
            )
        equal = frozenset(itertools.chain(ascii_tokens, images, other))
        return cls(tuple(ascii_tokens), lengths, images, tuple(other), equal, segment)

    def maybe(self, views: Views, equals_only: bool, min_weight: int) -> bool:
        """False when the index cannot find this field in the password of *views*."""
        if not self.equal.isdisjoint(views.whole):
            return True
        if equals_only:
            return False
        start = bisect.bisect_left(self.lengths, max(min_weight, MIN_CONTAINS_LENGTH))
        plain = views.plain.__contains__
        if any(map(plain, itertools.islice(self.tokens, start, None))):
            return True
        if any(map(plain, (image for image in self.leet if len(image) >= min_weight))):
            return True
        if any(map(plain, self.other)):
            return True
        if views.digits:
            digits = views.digits.__contains__
            long = bisect.bisect_left(self.lengths, max(min_weight, MIN_DIGITS_VIEW_LENGTH))
            if any(map(digits, itertools.islice(self.tokens, long, None))):
                return True
            # A non-ASCII token may be a number too ("١٢٣٤٥٦").
            if any(map(digits, self.other)):
                return True
        return bool(self.segment) and self._segment_maybe(views)

    def _segment_maybe(self, views: Views) -> bool:
        # A segment of an ASCII password is a substring of its folded view;
        # a non-ASCII one is folded piece by piece, so it is left to the index.
        if not views.ascii:
            return True
        if any(map(views.texts[0].__contains__, self.segment)):
            return True
        # The letters taken together (segments_with reads them when few).
        if views.letters > MAX_SEGMENT:
            return False
        return letters_of(views.candidate) in self.segment
