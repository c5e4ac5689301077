"""Django system checks for credguard's ``PolicyValidator`` options.

Django builds its password validators on the first password it validates:
without these checks, ``"policy": "moomoo"`` (a typo for ``moomoo``'s real
name) passes ``manage.py check`` and breaks the first sign-up.  Add the app
config to ``INSTALLED_APPS`` and ``manage.py check`` (and ``runserver``,
``migrate`` …) reads every ``PolicyValidator`` entry of
``AUTH_PASSWORD_VALIDATORS``::

    INSTALLED_APPS = [..., "credguard.contrib.django_checks.CredguardConfig"]

========================  =====================================================
``credguard.E001``        the policy cannot be loaded (unknown preset, with the
                          close names as a hint; a bad policy file)
``credguard.E002``        the ``kind`` is not a password kind
``credguard.E003``        ``user_attributes`` maps to something not a
                          ``UserContext`` field (close names as a hint)
``credguard.E004``        another option is refused (store, hasher, depth)
``credguard.W001``        ``user_attributes`` names an attribute the user model
                          does not have: it will be skipped
========================  =====================================================

Importing this module registers the check; it imports Django.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from django.apps import AppConfig
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

from .._context import KINDS
from .._loading import as_policy, list_presets
from ..errors import CredguardError, UnknownPresetError
from .django import MAPPABLE_FIELDS, PolicyValidator

__all__ = ["CredguardConfig", "check_validators"]


class CredguardConfig(AppConfig):
    """The app config that brings the checks into ``manage.py check``."""

    name = "credguard.contrib"
    label = "credguard"
    verbose_name = "credguard"


def _hint(word: str, choices: Sequence[str], what: str) -> str:
    close = difflib.get_close_matches(word, choices, n=3, cutoff=0.5)
    if close:
        return f"Did you mean {', '.join(repr(c) for c in close)}?"
    return f"{what}: {', '.join(choices)}."


def _model_has(model: type, attribute: str) -> bool:
    """Whether *attribute*'s first step is a field, relation or attribute of *model*."""
    first = attribute.split(".")[0]
    if hasattr(model, first):
        return True
    meta: Any = getattr(model, "_meta", None)
    return meta is not None and any(
        first in (f.name, getattr(f, "related_name", None)) for f in meta.get_fields()
    )


def _check_entry(index: int, options: Mapping[str, Any]) -> Iterator[checks.CheckMessage]:
    where = f"AUTH_PASSWORD_VALIDATORS[{index}]"
    policy_option = options.get("policy", "recommended")
    try:
        policy = as_policy(policy_option)
    except UnknownPresetError as error:
        yield checks.Error(
            f"{where}: unknown preset {error.name!r}",
            hint=_hint(error.name, list_presets(), "Presets"),
            id="credguard.E001",
        )
        policy = None
    except (CredguardError, TypeError) as error:
        yield checks.Error(f"{where}: the policy cannot be loaded: {error}", id="credguard.E001")
        policy = None
    kind = options.get("kind", "login")
    if kind not in KINDS:
        yield checks.Error(
            f"{where}: kind {kind!r} is not a password kind",
            hint=_hint(str(kind), KINDS, "Kinds"),
            id="credguard.E002",
        )
    attributes = options.get("user_attributes")
    bad_fields = False
    if isinstance(attributes, Mapping):
        model = get_user_model()
        for attribute, field in attributes.items():
            if field not in MAPPABLE_FIELDS:
                bad_fields = True
                yield checks.Error(
                    f"{where}: user_attributes[{attribute!r}]: {field!r} is not a UserContext"
                    " field",
                    hint=_hint(str(field), sorted(MAPPABLE_FIELDS), "Fields"),
                    id="credguard.E003",
                )
            if isinstance(attribute, str) and not _model_has(model, attribute):
                yield checks.Warning(
                    f"{where}: user_attributes[{attribute!r}]: {model.__name__} has no"
                    f" attribute {attribute.split('.')[0]!r}; it will be skipped",
                    hint="Map the attribute your user model has, or remove the entry.",
                    id="credguard.W001",
                )
    if policy is None or kind not in KINDS or bad_fields:
        return  # already reported; building the validator would say it again
    try:
        PolicyValidator(**options)
    except (ImproperlyConfigured, TypeError) as error:
        yield checks.Error(f"{where}: {error}", id="credguard.E004")


@checks.register(checks.Tags.security)
def check_validators(app_configs: object = None, **kwargs: object) -> list[checks.CheckMessage]:
    """Every problem of the ``PolicyValidator`` entries of ``AUTH_PASSWORD_VALIDATORS``."""
    found: list[checks.CheckMessage] = []
    for index, entry in enumerate(getattr(settings, "AUTH_PASSWORD_VALIDATORS", ())):
        try:
            cls = import_string(entry["NAME"])
        except (ImportError, KeyError, TypeError):
            continue  # Django's own check reports an unimportable validator
        if isinstance(cls, type) and issubclass(cls, PolicyValidator):
            found.extend(_check_entry(index, entry.get("OPTIONS", {})))
    return found
