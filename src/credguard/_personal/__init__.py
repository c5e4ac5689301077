"""Personal data: the tokens derived from a :class:`~credguard.UserContext`.

``tokens`` derives every written form of each field (Japanese eras, phone
formats, every romaji spelling through ``romaji``); ``index`` finds them in
a password, ``screen`` tells cheaply whether it could, and ``data`` holds
:class:`PersonalData`, what a context caches.  The
``personal`` rule and the strength estimate's user inputs read them; nothing
here echoes a value.  Nothing here imports the context either: it calls
:func:`derive_tokens` with itself (:class:`PersonalFields`).
"""

from __future__ import annotations

from .data import SCREEN_CHECKS, PersonalData, RuleSettings
from .index import COMPILE_AFTER, HOWS, MATCHES, MIN_CONTAINS_LENGTH, Match
from .tokens import PERSONAL_FIELDS, PersonalFields, derive_tokens

__all__ = [
    "COMPILE_AFTER",
    "HOWS",
    "MATCHES",
    "MIN_CONTAINS_LENGTH",
    "PERSONAL_FIELDS",
    "SCREEN_CHECKS",
    "Match",
    "PersonalData",
    "PersonalFields",
    "RuleSettings",
    "derive_tokens",
]
