"""Birthdate tokens: a date written the ways Japanese customers write it.

Gregorian forms (``19850723``, ``0723``, ``7.23``, ``7月23日``) and
Japanese-era forms (``S60``, ``showa60``, ``昭和60年``, ``s600723``, the
numeric-era ``3600723``, NCB's ``5812``; the first year of an era as 元年:
``R元``, ``reiwagannen``).  :mod:`credguard._personal.tokens` cleans and caps
them with the other fields' tokens.
"""

from __future__ import annotations

import datetime
from typing import Final, NamedTuple

__all__ = ["birthdate_forms", "birthdate_keys", "eras_of"]


class _Era(NamedTuple):
    letter: str
    code: str
    kanji: str
    words: tuple[str, ...]
    first: datetime.date  # first day (the changeover day belongs to both eras)
    last: datetime.date | None


_ERAS: Final = (
    _Era(
        "m", "1", "明治", ("meiji", "meizi"), datetime.date(1868, 1, 1), datetime.date(1912, 7, 30)
    ),
    _Era(
        "t",
        "2",
        "大正",
        ("taisho", "taishou", "taisyo", "taisyou", "taishoh"),
        datetime.date(1912, 7, 30),
        datetime.date(1926, 12, 25),
    ),
    _Era(
        "s",
        "3",
        "昭和",
        ("showa", "shouwa", "syowa", "syouwa", "shohwa"),
        datetime.date(1926, 12, 25),
        datetime.date(1989, 1, 7),
    ),
    _Era("h", "4", "平成", ("heisei",), datetime.date(1989, 1, 8), datetime.date(2019, 4, 30)),
    _Era("r", "5", "令和", ("reiwa",), datetime.date(2019, 5, 1), None),
)


def eras_of(day: datetime.date) -> tuple[tuple[str, int], ...]:
    """(era letter, era year) for *day*; two pairs on a changeover day."""
    return tuple(
        (era.letter, day.year - era.first.year + 1)
        for era in _ERAS
        if era.first <= day and (era.last is None or day <= era.last)
    )


def birthdate_forms(day: datetime.date) -> list[str]:
    """Gregorian and Japanese-era spellings of a birthdate (not yet deduplicated)."""
    yyyy = f"{day.year:04d}"
    yy, mm, dd = yyyy[2:], f"{day.month:02d}", f"{day.day:02d}"
    m, d = str(day.month), str(day.day)
    tokens = [
        yyyy + mm + dd,
        yyyy + mm,
        yy + mm + dd,
        yyyy + m + d,
        mm + dd,
        dd + mm,
        yy + mm,
        yy + dd,
        mm + dd + yyyy,
        dd + mm + yyyy,
        mm + dd + yy,
        dd + mm + yy,
        yyyy,
        yy + m + d,  # "85.7.23" without its dots
        *([m + d] if len(m + d) > 2 else []),  # "723": counts only as a segment of its own
        # Month and day with their separator: "7.23", "7/23", "07.23".
        *(sep.join(pair) for sep in "./" for pair in dict.fromkeys(((m, d), (mm, dd)))),
        f"{m}月{d}日",
        f"{yyyy}年",
        f"{yyyy}年{m}月",
    ]
    letters = {era.letter: era for era in _ERAS}
    for letter, year in eras_of(day):
        era = letters[letter]
        padded = f"{year:02d}"
        for spelled in dict.fromkeys((str(year), padded)):
            tokens.append(letter + spelled)
            tokens.extend(word + spelled for word in era.words)
            tokens.append(era.kanji + spelled)
            tokens.append(letter + spelled + mm + dd)
            tokens.append(spelled + mm + dd)
            tokens.append(letter + spelled + m + d)  # "S60.7.23" without its dots
            tokens.append(letter + spelled + "年")  # "S60年7月23日"
            tokens.append(era.kanji + spelled + "年")
        if year == 1:  # the first year is 元年: "R元", "reiwagannen", "平成元年"
            tokens += [era.kanji + "元年", era.kanji + "元", letter + "元", letter + "元年"]
            tokens += [word + "gannen" for word in era.words]
        tokens.extend(
            (
                era.code + padded + mm + dd,  # 7-digit numeric-era form
                padded + mm,  # NCB: 5812
                padded + dd,  # NCB: 5831
            )
        )
    return tokens


def birthdate_keys(day: datetime.date) -> tuple[list[str], list[str]]:
    """(numbers, lettered): every ASCII form of :func:`birthdate_forms` holds one.

    Every form without a letter holds one of the numbers among its digits:
    the month and day (``0723``, ``2307``, ``723``: the digits of ``7.23``),
    or else the year with the month or the day (``8507``, ``8523``: in
    ``198507``), the year itself, or an era year with the month or the day
    (``6007``, NCB's forms).  Every form with a letter holds one of
    *lettered*: an era year after the era's letter or the last letter of
    one of its words (``s60``, ``a60`` of ``showa60``; both spellings of the
    year, ``h5`` and ``h05``) or, in the first year of an era, ``gannen``.
    The screens look for the numbers among a password's digits and
    *lettered* and their leet images in its other views, before deriving
    any form.
    """
    yyyy = f"{day.year:04d}"
    yy, mm, dd = yyyy[2:], f"{day.month:02d}", f"{day.day:02d}"
    numbers = [mm + dd, dd + mm, f"{day.month}{day.day}", yy + mm, yy + dd, yyyy]
    lettered: list[str] = []
    letters = {era.letter: era for era in _ERAS}
    for letter, year in eras_of(day):
        padded = f"{year:02d}"
        numbers += [padded + mm, padded + dd]
        lasts = dict.fromkeys((letter, *(word[-1] for word in letters[letter].words)))
        lettered += [last + spelled for spelled in (str(year), padded) for last in lasts]
        if year == 1:
            lettered.append("gannen")
    return numbers, lettered
