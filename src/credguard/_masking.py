"""Masking contact data for display, as brokerages show it on screen.

auカブコム and フジトミ show a customer's registered email and phone number
partly hidden (``y***@example.co.jp``, ``080-****-2475``) so that the user
recognizes them while an onlooker learns little.  These helpers never raise
on odd user data (empty, no ``@``, full-width digits, letters in a phone
number): they return something safe to show.  Only a non-``str`` argument
raises, with :class:`~credguard.InputTypeError`.

What is kept: the first character of an email's local part and the whole
domain; a phone number's country code, area or mobile prefix (the first group, else three
digits) and last four digits
(numbers of fewer than eight digits keep only the last four, and fewer than
six keep nothing).  Masked runs use a fixed ``***`` for emails, so the
local part's length is not revealed; phone digits are masked one for one so
the familiar shape stays.
"""

from __future__ import annotations

from typing import Final

from ._guard import ensure_str, nfkc

__all__ = ["mask_email", "mask_phone"]

#: Longest input masked; longer values are not contact data and are hidden whole.
_MAX_INPUT: Final = 320
_HIDDEN: Final = "***"
# Kept in a masked phone number: they carry no digits and keep its shape.
_PHONE_SEPARATORS: Final = frozenset(" -()+.")


def mask_email(email: str) -> str:
    """``yamada.taro@example.co.jp`` → ``y***@example.co.jp``."""
    text = nfkc(ensure_str(email, what="email")).strip()
    if len(text) > _MAX_INPUT:
        return _HIDDEN
    local, at, domain = text.rpartition("@")
    if not at or not local or not domain or any(c.isspace() for c in text):
        return _HIDDEN  # not an address: show nothing of it
    return f"{local[0]}{_HIDDEN}@{domain}"


def mask_phone(phone: str) -> str:
    """``080-3961-2475`` → ``080-****-2475``; ``+81 90-3961-2475`` → ``+81 90-****-2475``."""
    text = nfkc(ensure_str(phone, what="phone")).strip()
    if len(text) > _MAX_INPUT:
        return _HIDDEN
    if not any(c.isdecimal() for c in text):
        return _HIDDEN
    # A "+81 " country code is shown as is and not counted.
    prefix = ""
    if text.startswith("+"):
        end = 1
        while end < len(text) and text[end].isdecimal() and end <= 4:
            end += 1
        if end < len(text) and text[end] in _PHONE_SEPARATORS:
            prefix, text = text[:end], text[end:]
    digits = sum(c.isdecimal() for c in text)
    keep_last = 4 if digits >= 6 else 0
    keep_first = 0
    if digits >= 8:
        # The area or mobile prefix: the first group when separators show it
        # (03-, 090-, 0120-), else the first three digits.
        body = text.lstrip("".join(_PHONE_SEPARATORS))
        group = len(body) - len(body.lstrip("0123456789"))
        keep_first = group if 0 < group <= 5 and group < len(body) else 3
        if keep_first + keep_last >= digits:
            keep_first = 0
    out: list[str] = []
    seen = 0
    for char in text:
        if char.isdecimal():
            seen += 1
            keep = seen <= keep_first or seen > digits - keep_last
            out.append(char if keep else "*")
        elif char in _PHONE_SEPARATORS:
            out.append(char)
        else:
            out.append("*")  # a letter or stray mark: hide it too
    return prefix + "".join(out)
