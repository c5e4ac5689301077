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

Two ways in:

* a field type: ``Annotated[str, AfterValidator(PasswordValidator("moomoo"))]``
  (``SecretStr`` works too);
* with account data, in a model validator::

      result = policy.check(self.password, context=UserContext(username=self.username))
      raise_for_result(result, loc=("password",))

Importing this module imports Pydantic; ``import credguard`` does not.
"""

from __future__ import annotations

import os
from typing import TypeVar

from pydantic import SecretStr, ValidationError
from pydantic_core import InitErrorDetails, PydanticCustomError

from .._context import UserContext
from .._loading import as_policy
from .._messages import Lang
from .._policy import Policy
from .._tools.requirements import ensure_lang
from .._violation import CheckResult

__all__ = [
    "PasswordValidator",
    "custom_errors",
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


class PasswordValidator:
    """A callable for ``AfterValidator``: checks the value, returns it unchanged.

    ``Annotated[str, AfterValidator(PasswordValidator("moomoo", kind="trade"))]``.
    The policy is loaded once, here.  A check without account data cannot
    catch personal-data reuse: use :func:`raise_for_result` in a model
    validator for that.
    """

    __slots__ = ("context", "kind", "lang", "policy")

    def __init__(
        self,
        policy: str | os.PathLike[str] | Policy = "recommended",
        *,
        kind: str = "login",
        lang: Lang = "en",
        context: UserContext | None = None,
    ) -> None:
        self.policy = as_policy(policy)
        self.policy.rules_for(kind)  # an unknown kind fails here, not on first use
        self.kind = kind
        self.lang = ensure_lang(lang)
        self.context = context

    def __call__(self, value: _Value) -> _Value:
        password = value.get_secret_value() if isinstance(value, SecretStr) else value
        result = self.policy.check(password, context=self.context, kind=self.kind)
        raise_for_result(result, self.lang)
        return value

    def __repr__(self) -> str:
        return f"PasswordValidator(policy={self.policy.name!r}, kind={self.kind!r})"
