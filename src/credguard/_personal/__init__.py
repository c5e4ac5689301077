"""Personal data: the tokens derived from a :class:`~credguard.UserContext`.

``tokens`` derives every written form of each field (Japanese eras, phone
formats, every romaji spelling through ``romaji``); the matching index finds
them in a password.  The ``personal`` rule and the strength estimate's
user inputs read them; nothing here echoes a value.
"""

from __future__ import annotations

from .tokens import PERSONAL_FIELDS

__all__ = ["PERSONAL_FIELDS"]
