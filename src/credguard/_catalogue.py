"""``Catalogue``: a table of English and Japanese templates, and how one is rendered.

Every text credguard shows a person comes from a catalogue: violation
messages (:mod:`credguard._messages`), requirement sentences
(:mod:`credguard._tools.requirements`) and the command line's own strings
(:mod:`credguard._cli._i18n`).  A catalogue maps an id to an
``(English, Japanese)`` pair of ``str.format`` templates and checks, when
built, that both languages use the same fields, so a translation cannot
silently drop or invent a parameter.

A catalogue built with *terms* translates parameter values that are
vocabulary (class names, layouts …) through them and joins tuples; one
built without passes values to ``str.format`` unchanged (the command line
fills in counts and names it has already formatted).

Counts in English take a plural form: ``{n|time|times}`` renders as
``1 time`` or ``3 times``.  Japanese has no plural, so its templates write
``{n}回``; the field-name check treats both spellings as the field ``n``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from types import MappingProxyType
from typing import Final, Literal

__all__ = ["LANGS", "Catalogue", "Lang"]

Lang = Literal["en", "ja"]
LANGS: Final[tuple[Lang, ...]] = ("en", "ja")


# A replacement field's name: what follows "{" up to "!", ":" or "}", once
# the doubled braces (literal "{" and "}") are taken out.  A regex rather
# than string.Formatter, whose module would add to ``import credguard``.
_FIELD: Final = re.compile(r"\{([^{}!:|]*)")
# {name|singular|plural}: a count with its noun, in English.
_PLURAL: Final = re.compile(r"\{(\w+)\|([^{}|]*)\|([^{}|]*)\}")


def _fields(template: str) -> frozenset[str]:
    return frozenset(_FIELD.findall(template.replace("{{", "").replace("}}", "")))


def _counted(template: str, params: Mapping[str, object]) -> str:
    """*template* with every ``{n|one|many}`` replaced by ``n one`` or ``n many``."""

    def noun(match: re.Match[str]) -> str:
        count = params[match.group(1)]
        word = match.group(2) if count == 1 else match.group(3)
        return f"{count} {word}".replace("{", "{{").replace("}", "}}")

    return _PLURAL.sub(noun, template)


class Catalogue(Mapping[str, tuple[str, str]]):
    """A read-only mapping of id -> ``(English template, Japanese template)``.

    Raises :class:`ValueError` when built from a pair whose languages use
    different fields (a bug in the table, found at import).
    """

    __slots__ = ("_templates", "_terms")

    def __init__(
        self,
        templates: Mapping[str, tuple[str, str]],
        terms: Mapping[str, tuple[str, str]] | None = None,
    ) -> None:
        for key, (english, japanese) in templates.items():
            if _fields(english) != _fields(japanese):
                raise ValueError(f"catalogue entry {key!r}: English and Japanese use other fields")
        self._templates: Final = MappingProxyType(dict(templates))
        self._terms: Final = terms

    def __getitem__(self, key: str) -> tuple[str, str]:
        return self._templates[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._templates)

    def __len__(self) -> int:
        return len(self._templates)

    def __repr__(self) -> str:
        return f"Catalogue({len(self)} entries)"

    def template(self, key: str, lang: Lang) -> str:
        """The template of *key* in *lang*; :class:`KeyError` for an unknown key."""
        pair = self._templates[key]
        return pair[0] if lang == "en" else pair[1]

    def in_lang(self, lang: Lang) -> dict[str, str]:
        """Every template in *lang*, by key."""
        index = 0 if lang == "en" else 1
        return {key: pair[index] for key, pair in self._templates.items()}

    def term(self, value: str, lang: Lang) -> str:
        """Translate a vocabulary value; values that are not terms are returned unchanged."""
        pair = self._terms.get(value) if self._terms is not None else None
        if pair is None:
            return value
        return pair[0] if lang == "en" else pair[1]

    def value(self, value: object, lang: Lang) -> str:
        """A parameter value as text: a term translated, a tuple joined, anything else ``str``."""
        if isinstance(value, str):
            return self.term(value, lang)
        if isinstance(value, tuple):
            separator = ", " if lang == "en" else "、"
            return separator.join(self.value(item, lang) for item in value)
        return str(value)

    def render(self, key: str, params: Mapping[str, object], lang: Lang) -> str:
        """The template of *key* in *lang* with *params* filled in.

        Raises :class:`KeyError` for an unknown key or a missing parameter.
        """
        template = self.template(key, lang)
        if "|" in template:
            template = _counted(template, params)
        if self._terms is None:
            return template.format(**params) if params else template
        return template.format(**{name: self.value(v, lang) for name, v in params.items()})
