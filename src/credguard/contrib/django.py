"""A Django password validator enforcing a credguard policy.

Add it to ``AUTH_PASSWORD_VALIDATORS`` (see ``docs/integrations.md``)::

    {
        "NAME": "credguard.contrib.django.PolicyValidator",
        "OPTIONS": {"policy": "moomoo", "kind": "login"},
    }

How it maps onto Django's validator interface:

``validate(password, user=None)``
    builds a :class:`~credguard.UserContext` from the user object (through
    ``user_attributes``, skipping attributes the model does not have), adds
    the stored hashes from the history store when one is configured, runs
    the policy and raises one :class:`~django.core.exceptions.ValidationError`
    holding *every* violation of severity ``"error"``, each with its
    credguard code (``length.too_short`` …) as ``code`` and its safe params
    as ``params``.  Messages are in the active language (Japanese when
    :func:`~django.utils.translation.get_language` is ``ja``, else English).
``get_help_text()``
    :func:`credguard.describe_requirements` of the policy, in the active
    language.
``password_changed(password, user)``
    records a hash of the new password in the history store, if any, in a
    transaction.  Django calls it after the user's row is saved: inside the
    caller's transaction (``transaction.atomic()`` round the change, or
    ``ATOMIC_REQUESTS``) a failure to record rolls the new password back
    with it; in autocommit mode the row is already committed, so the failure
    is logged (the user's primary key and the error's type, nothing else)
    and raised as :class:`HistoryNotRecordedError`, never lost.

Options are checked once, when Django builds the validator; a bad policy,
kind, mapping or store raises :class:`~django.core.exceptions.ImproperlyConfigured`
(chained to the credguard error).  The validator holds no mutable state, so
Django's one shared instance is safe across threads.  Importing this module
imports Django; ``import credguard`` does not.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import fields
from types import MappingProxyType
from typing import Any, Final

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.module_loading import import_string

from .._context import MAX_HISTORY, UserContext
from .._hashing import PasswordHasher
from .._loading import as_policy
from .._messages import Lang
from .._policy import Policy
from .._tools.requirements import describe_requirements
from .._violation import CheckResult
from ..errors import ContextError, CredguardError
from ..rules import Rule
from ..rules._base import CredentialRule
from .history import HistoryStore, record_password, with_stored_hashes

__all__ = [
    "DEFAULT_USER_ATTRIBUTES",
    "MAPPABLE_FIELDS",
    "HistoryNotRecordedError",
    "PolicyValidator",
    "active_lang",
    "to_validation_error",
]

_log = logging.getLogger(__name__)


class HistoryNotRecordedError(CredguardError):
    """A new password was saved but could not be added to the password history.

    Raised by :meth:`PolicyValidator.password_changed` outside a
    transaction, where the saved password cannot be rolled back; the cause
    is chained.  Until the history is repaired, the password just set is not
    refused as a reuse.
    """


#: User attribute (a dotted path is followed: ``"profile.birthdate"``) ->
#: ``UserContext`` field.  Attributes a model lacks are skipped, so one
#: default serves ``django.contrib.auth``'s ``User`` and custom user models.
DEFAULT_USER_ATTRIBUTES: Final[Mapping[str, str]] = MappingProxyType(
    {
        "username": "username",
        "customer_number": "customer_number",
        "email": "email",
        "first_name": "names",
        "last_name": "names",
        # Japanese user models keep the reading (フリガナ) beside the kanji
        # name: 山田 太郎 is matched as written, so without the reading
        # "Yamada!2024" would pass.  Kana is romanized in every spelling.
        **dict.fromkeys(
            (
                "last_name_kana",
                "first_name_kana",
                "name_kana",
                "full_name_kana",
                "last_name_furigana",
                "first_name_furigana",
                "furigana",
                "kana",
                "last_name_reading",
                "first_name_reading",
                "name_reading",
                "フリガナ",
                "ふりがな",
                "セイ",
                "メイ",
            ),
            "names",
        ),
        "birthdate": "birthdate",
        "birth_date": "birthdate",
        "date_of_birth": "birthdate",
        "phone": "phone",
        "phone_number": "phone",
        "postal_code": "postal_code",
    }
)

#: The ``UserContext`` fields user attributes may fill (the stored hashes
#: come from the history store).
MAPPABLE_FIELDS: Final = frozenset(
    f.name for f in fields(UserContext) if f.name not in ("password_history", "other_credentials")
)
_MULTI: Final = frozenset({"names", "other_words", "address_numbers"})


def active_lang() -> Lang:
    """``"ja"`` when Django's active language is Japanese (``ja``, ``ja-jp`` …), else ``"en"``."""
    if not settings.configured:
        return "en"
    language = translation.get_language() or ""
    return "ja" if language.lower().split("-")[0] == "ja" else "en"


def to_validation_error(result: CheckResult, lang: Lang = "en") -> ValidationError:
    """One ``ValidationError`` listing every error of *result*, with codes and params.

    Django interpolates ``message % params`` when it renders an error that
    has params, so the already-rendered message has its ``%`` escaped
    (a symbol list such as ``@#$%^&*`` would otherwise break it).
    """
    errors = []
    for violation in result.errors:
        params = dict(violation.params)
        message = violation.message_in(lang)
        if params:
            message = message.replace("%", "%%")
        errors.append(ValidationError(message, code=violation.code, params=params or None))
    return ValidationError(errors)


def _resolve(user: object, path: str) -> object:
    value: object = user
    for part in path.split("."):
        # A missing related object (RelatedObjectDoesNotExist) is an AttributeError.
        value = getattr(value, part, None)
        if value is None:
            return None
    return None if callable(value) else value


def _as_items(value: object) -> Iterator[object]:
    if isinstance(value, (list, tuple, set, frozenset)):
        yield from value
    else:
        yield value


def _coerce(field: str, value: object) -> object:
    # A date stays a date; anything else (a PhoneNumber object, an int
    # customer number) is read as its text.
    if field == "birthdate" or isinstance(value, str):
        return value
    return str(value)


def _load_option(name: str, value: object, accept: Callable[[object], bool], wanted: str) -> Any:
    """*value*, or the object its dotted path names (a class or factory is called)."""
    loaded = value
    if isinstance(value, str):
        try:
            loaded = import_string(value)
        except ImportError as error:
            raise ImproperlyConfigured(
                f"credguard PolicyValidator: cannot import {name} {value!r}"
            ) from error
        if callable(loaded) and not accept(loaded):
            loaded = loaded()
    if not accept(loaded):
        raise ImproperlyConfigured(f"credguard PolicyValidator: {name} must be {wanted}")
    return loaded


def _bound_hasher(rules: Iterable[Rule]) -> PasswordHasher | None:
    for rule in rules:
        if isinstance(rule, CredentialRule):
            return rule.hasher
    return None


def _generations(rules: Iterable[Rule]) -> int:
    for rule in rules:
        if rule.NAME == "history":
            generations = getattr(rule, "generations", 1)
            return generations if isinstance(generations, int) else 1
    return 1


class PolicyValidator:
    """Validate passwords against a credguard policy, for ``AUTH_PASSWORD_VALIDATORS``.

    Options (all optional):

    ``policy``
        a preset name (default ``"recommended"``), a policy file path, or a
        :class:`~credguard.Policy`;
    ``kind``
        ``"login"`` (default), ``"trade"`` or ``"withdrawal"``;
    ``user_attributes``
        a mapping of user attribute (dotted path allowed) to ``UserContext``
        field; replaces :data:`DEFAULT_USER_ATTRIBUTES`;
    ``history_store``
        a :class:`~credguard.contrib.history.HistoryStore`, or the dotted
        path of one (a class is instantiated with no arguments); with one,
        checks see the user's stored hashes and :meth:`password_changed`
        records the new one;
    ``history_depth``
        how many hashes of the kind to keep and compare with (1 to
        :data:`~credguard._context.MAX_HISTORY`); default: the
        ``generations`` of the kind's ``history`` rule, else 1 (the current
        password, which ``separation`` rules of other kinds compare with);
    ``hasher``
        the :class:`~credguard.PasswordHasher` that hashes recorded
        passwords and that the policy's ``history`` and ``separation`` rules
        verify with, or the dotted path of one or of a function returning
        one (a pepper is configured here, in code, never in a policy file);
        default: the hasher already bound to the policy's rules, else
        ``PasswordHasher()``.
    """

    def __init__(
        self,
        policy: str | os.PathLike[str] | Policy = "recommended",
        kind: str = "login",
        user_attributes: Mapping[str, str] | None = None,
        history_store: HistoryStore | str | None = None,
        history_depth: int | None = None,
        hasher: PasswordHasher | str | None = None,
    ) -> None:
        try:
            loaded = as_policy(policy)
            rules = loaded.rules_for(kind)
        except CredguardError as error:
            raise ImproperlyConfigured(f"credguard PolicyValidator: {error}") from error
        self.kind = kind
        self.user_attributes = self._check_attributes(
            DEFAULT_USER_ATTRIBUTES if user_attributes is None else user_attributes
        )
        self.history_store: HistoryStore | None = None
        if history_store is not None:
            self.history_store = _load_option(
                "history_store",
                history_store,
                lambda value: isinstance(value, HistoryStore) and not isinstance(value, type),
                "an object with get(user, kind) and set(user, kind, hashes) methods",
            )
        if hasher is None:
            self.hasher = _bound_hasher(rules) or PasswordHasher()
        else:
            self.hasher = _load_option(
                "hasher",
                hasher,
                lambda value: isinstance(value, PasswordHasher),
                "a PasswordHasher",
            )
        self.policy = loaded.with_hasher(self.hasher)
        if history_depth is None:
            history_depth = _generations(rules)
        if (
            isinstance(history_depth, bool)
            or not isinstance(history_depth, int)
            or not 1 <= history_depth <= MAX_HISTORY
        ):
            raise ImproperlyConfigured(
                f"credguard PolicyValidator: history_depth must be an integer from 1 to"
                f" {MAX_HISTORY}"
            )
        self.history_depth = history_depth

    @staticmethod
    def _check_attributes(mapping: Mapping[str, str]) -> Mapping[str, str]:
        if not isinstance(mapping, Mapping):
            raise ImproperlyConfigured(
                "credguard PolicyValidator: user_attributes must map user attributes to"
                " UserContext fields"
            )
        for attribute, field in mapping.items():
            if not isinstance(attribute, str) or not attribute:
                raise ImproperlyConfigured(
                    "credguard PolicyValidator: user_attributes keys must be attribute names"
                )
            if field not in MAPPABLE_FIELDS:
                raise ImproperlyConfigured(
                    f"credguard PolicyValidator: user_attributes[{attribute!r}]: {field!r} is"
                    f" not a UserContext field; fields are {', '.join(sorted(MAPPABLE_FIELDS))}"
                )
        return MappingProxyType(dict(mapping))

    def user_context(self, user: object = None) -> UserContext:
        """The :class:`~credguard.UserContext` a check of *user*'s password uses.

        An attribute the user lacks, or whose value a ``UserContext`` field
        rejects, is skipped (logged by field name, never by value): a
        surprising profile value must not block every password change.
        """
        if user is None:
            return UserContext()
        values: dict[str, Any] = {}
        for attribute, field in self.user_attributes.items():
            value = _resolve(user, attribute)
            if value is None or value == "":
                continue
            if field in _MULTI:
                values.setdefault(field, []).extend(
                    _coerce(field, item) for item in _as_items(value) if item is not None
                )
            else:
                values.setdefault(field, _coerce(field, value))
        try:
            context = UserContext(**values)
        except ContextError:
            # Rare: find the offending fields one by one and leave them out.
            context = UserContext(**dict(self._valid_fields(values)))
        if self.history_store is not None:
            context = with_stored_hashes(
                context, self.history_store, user, self.kind, depth=self.history_depth
            )
        return context

    @staticmethod
    def _valid_fields(values: Mapping[str, Any]) -> Iterable[tuple[str, Any]]:
        for field, value in values.items():
            try:
                UserContext(**{field: value})
            except ContextError as error:
                _log.warning("credguard: user value for UserContext.%s skipped: %s", field, error)
                continue
            yield field, value

    def check(self, password: str, user: object = None) -> CheckResult:
        """The full :class:`~credguard.CheckResult` (warnings included) for *password*."""
        return self.policy.check(password, context=self.user_context(user), kind=self.kind)

    def validate(self, password: str, user: object = None) -> None:
        """Raise ``ValidationError`` listing every violation; return ``None`` if acceptable."""
        result = self.check(password, user)
        if not result.ok:
            raise to_validation_error(result, active_lang())

    def password_changed(self, password: str, user: object = None) -> None:
        """Record a hash of the new *password* in *user*'s history, if a store is set.

        Django calls this after saving a user whose password was set.
        """
        if self.history_store is None or user is None:
            return
        # The user's row is saved already.  Inside the caller's transaction
        # an error here rolls it back too: the password and its history
        # change together or not at all.
        # Without a database (a user model stored elsewhere) there is no
        # transaction to join.
        database = settings.configured and bool(getattr(settings, "DATABASES", None))
        if database and transaction.get_connection().in_atomic_block:
            with transaction.atomic():
                self._record(password, user)
            return
        try:
            with transaction.atomic() if database else contextlib.nullcontext():
                self._record(password, user)
        except Exception as error:
            # Autocommit: the new password is committed and cannot be undone.
            # Say so loudly; the key and the error's type only (the error's
            # text could quote a hash).
            _log.error(
                "credguard: the new %s password of user pk=%r was saved but not recorded"
                " in its history (%s); wrap password changes in transaction.atomic()",
                self.kind,
                getattr(user, "pk", None),
                type(error).__name__,
            )
            raise HistoryNotRecordedError(
                f"the new {self.kind} password was saved but not recorded in the password"
                f" history ({type(error).__name__}); wrap password changes in"
                " transaction.atomic() so a failure rolls the change back"
            ) from error

    def _record(self, password: str, user: object) -> None:
        record_password(
            self.history_store,  # type: ignore[arg-type]  # checked by the caller
            user,
            self.kind,
            password,
            hasher=self.hasher,
            generations=self.history_depth,
        )

    def get_help_text(self) -> str:
        """What the policy asks of a password, in the active language."""
        return " ".join(describe_requirements(self.policy, self.kind, active_lang()))

    def __repr__(self) -> str:
        return f"PolicyValidator(policy={self.policy.name!r}, kind={self.kind!r})"
