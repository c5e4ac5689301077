"""Pydantic v2 (and so FastAPI) integration: violations as Pydantic errors.

Each violation of severity ``"error"`` becomes one Pydantic line error whose
``type`` is the credguard code (``length.too_short`` …), whose ``msg`` is
the message in the chosen language and whose ``ctx`` holds the safe params.

The password never reaches the error.  Pydantic records the validated
value as each line error's ``input`` and FastAPI returns it in its 422
response body; the errors built here are raised as a
:class:`pydantic.ValidationError` whose line errors carry ``input=None``
(and ``hide_input=True`` for its text), which Pydantic keeps when the error
is raised inside a validator.

Ways in:

* a field type: ``Annotated[str, PasswordValidator("moomoo")]`` (``SecretStr``
  works too; ``AfterValidator(PasswordValidator(...))`` as well, without
  the JSON Schema).  The field's JSON Schema (so FastAPI's OpenAPI page)
  carries the policy's requirements (:func:`json_schema`);
* with account data: pass a :class:`~credguard.UserContext` as Pydantic's
  validation context, ``Model.model_validate(data, context=user_context)``
  (or ``context={"user_context": user_context, ...}``); or check in a model
  validator and :func:`raise_for_result`;
* in ``async`` code (FastAPI), where a policy with an online breach lookup
  must not block the event loop: ``PasswordValidator(..., defer=True)``
  documents the field without checking it, and the endpoint awaits
  :meth:`PasswordValidator.avalidate`, which checks in a worker thread.

Importing this module imports Pydantic; ``import credguard`` does not.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any, TypeVar

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler, SecretStr, ValidationError
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import InitErrorDetails, PydanticCustomError, core_schema

from .._context import UserContext
from .._loading import as_policy
from .._messages import Lang
from .._policy import Policy
from .._tools.requirements import describe_requirements, ensure_lang
from .._violation import CheckResult
from ..errors import InputTypeError
from ..rules.length import LengthRule

__all__ = [
    "PasswordValidator",
    "custom_errors",
    "json_schema",
    "line_errors",
    "raise_for_result",
    "to_validation_error",
]

_Value = TypeVar("_Value", str, SecretStr)


def custom_errors(result: CheckResult, lang: Lang = "en") -> list[PydanticCustomError]:
    """One ``PydanticCustomError`` per error of *result*: type = code, context = params."""
    return [
        # The rendered message goes in as the template: its only braces come
        # from a policy's symbol list, never a params key (keys are words).
        PydanticCustomError(violation.code, violation.message_in(lang), dict(violation.params))
        for violation in result.errors
    ]


def line_errors(
    result: CheckResult, lang: Lang = "en", loc: tuple[str | int, ...] = ()
) -> list[InitErrorDetails]:
    """The errors of *result* as line errors at *loc*, with ``input=None``."""
    return [{"type": error, "loc": loc, "input": None} for error in custom_errors(result, lang)]


def to_validation_error(
    result: CheckResult,
    lang: Lang = "en",
    loc: tuple[str | int, ...] = (),
    title: str = "password",
) -> ValidationError:
    """A ``ValidationError`` holding every error of *result*, none carrying the password."""
    return ValidationError.from_exception_data(
        title, line_errors(result, lang, loc), hide_input=True
    )


def raise_for_result(
    result: CheckResult,
    lang: Lang = "en",
    loc: tuple[str | int, ...] = (),
    title: str = "password",
) -> None:
    """Raise :func:`to_validation_error` of *result* unless it is ok."""
    if not result.ok:
        raise to_validation_error(result, lang, loc, title)


def json_schema(policy: Policy, kind: str = "login", lang: Lang = "en") -> dict[str, Any]:
    """The JSON Schema keywords that describe *policy*'s *kind* password.

    ``description`` is :func:`~credguard.describe_requirements`; ``minLength``
    and ``maxLength`` come from the ``length`` rules of severity ``"error"``.
    Length is counted after NFKC, so for text NFKC changes (``ｶﾞ``, ``ﬁ``) the
    two counts differ by those characters: the keywords are what a form
    shows, the check decides.  No ``pattern`` is given: NFKC folds
    characters outside any character class written over the raw text into
    allowed ones (``²`` is ``2``), so no regular expression is exact.
    """
    schema: dict[str, Any] = {"description": " ".join(describe_requirements(policy, kind, lang))}
    lengths = [r for r in policy.rules_for(kind) if isinstance(r, LengthRule)]
    lengths = [r for r in lengths if r.severity == "error"]
    if lengths:
        schema["minLength"] = max(r.min for r in lengths)
        maxima = [r.max for r in lengths if r.max is not None]
        if maxima:
            schema["maxLength"] = min(maxima)
    return schema


def _user_context(context: object) -> UserContext | None:
    """The ``UserContext`` in Pydantic's validation context, if any."""
    if isinstance(context, Mapping):
        context = context.get("user_context")
    if context is None or isinstance(context, UserContext):
        return context
    raise InputTypeError(
        "the validation context must be a UserContext or a mapping whose"
        f" 'user_context' is one, not {type(context).__name__}"
    )


class PasswordValidator:
    """Checks a password field; returns the value unchanged.

    ``Annotated[str, PasswordValidator("moomoo", kind="trade")]`` (with its
    JSON Schema) or ``Annotated[str, AfterValidator(PasswordValidator(...))]``.
    The policy is loaded once, here.  The account data compared with is the
    ``UserContext`` of Pydantic's validation context when there is one, else
    *context*.  With ``defer=True`` the field is not checked during
    validation (only its schema is given): await :meth:`avalidate` instead.
    """

    __slots__ = ("context", "defer", "kind", "lang", "policy")

    def __init__(
        self,
        policy: str | os.PathLike[str] | Policy = "recommended",
        *,
        kind: str = "login",
        lang: Lang = "en",
        context: UserContext | None = None,
        defer: bool = False,
    ) -> None:
        self.policy = as_policy(policy)
        self.policy.rules_for(kind)  # an unknown kind fails here, not on first use
        self.kind = kind
        self.lang = ensure_lang(lang)
        self.context = _user_context(context)
        self.defer = bool(defer)

    def _context(self, info: core_schema.ValidationInfo | None) -> UserContext | None:
        found = _user_context(info.context) if info is not None else None
        return self.context if found is None else found

    def __call__(self, value: _Value, info: core_schema.ValidationInfo | None) -> _Value:
        # *info* is required: Pydantic passes it only to a validator with two
        # required parameters (a direct caller passes None).
        if self.defer:
            return value
        password = value.get_secret_value() if isinstance(value, SecretStr) else value
        result = self.policy.check(password, context=self._context(info), kind=self.kind)
        raise_for_result(result, self.lang)
        return value

    async def avalidate(
        self,
        value: _Value,
        *,
        context: UserContext | None = None,
        loc: tuple[str | int, ...] = ("password",),
    ) -> _Value:
        """Check *value* in a worker thread (:meth:`Policy.acheck <credguard.Policy.acheck>`).

        Raises the same ``ValidationError`` as validation would, at *loc*;
        returns *value* when acceptable.  For ``async`` endpoints, whose
        event loop an online breach lookup must not block.
        """
        password = value.get_secret_value() if isinstance(value, SecretStr) else value
        found = _user_context(context)
        result = await self.policy.acheck(
            password, context=self.context if found is None else found, kind=self.kind
        )
        raise_for_result(result, self.lang, loc)
        return value

    def json_schema(self) -> dict[str, Any]:
        """The JSON Schema keywords of this field (see :func:`json_schema`)."""
        return json_schema(self.policy, self.kind, self.lang)

    def __get_pydantic_core_schema__(
        self, source: type[Any], handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        # Used as Annotated metadata: validate the inner type, then check.
        return core_schema.with_info_after_validator_function(self, handler(source))

    def __get_pydantic_json_schema__(
        self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        json = handler(schema)
        json.update(self.json_schema())
        return json

    def __repr__(self) -> str:
        return f"PasswordValidator(policy={self.policy.name!r}, kind={self.kind!r})"
