"""The exception hierarchy.

Every error credguard raises derives from :class:`CredguardError`; each
specific error also derives from the builtin a caller would naturally catch
(``ValueError`` for bad values, ``LookupError`` for unknown names,
``TypeError`` for wrong types).  No message ever contains a password, a hash
or a personal value: errors name fields, files, lines and keys only.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from typing_extensions import Self

    from ._catalogue import Lang
    from ._problems import Problem

# The problem catalogue (_problems) is imported when an error is made, not
# with this module: about 2 ms of ``import credguard``.

__all__ = [
    "BreachFileError",
    "ContextError",
    "CredguardError",
    "ForbiddenCharacterError",
    "InputTypeError",
    "InvalidHashError",
    "PasswordTooLongError",
    "PolicyError",
    "UnknownPresetError",
    "UnusedContextWarning",
]


class CredguardError(Exception):
    """Base class of every error raised by credguard."""


class InputTypeError(CredguardError, TypeError):
    """A password (or other secret) was not a ``str``."""


class PasswordTooLongError(CredguardError, ValueError):
    """A secret exceeds :data:`credguard.MAX_PASSWORD_LENGTH` code points.

    Raised by entry points that cannot return a violation (hashing); policy
    checks report ``length.too_long`` instead.  ``length`` is the length
    that exceeded the cap (after NFKC when only the normalized form is over).
    """

    def __init__(self, message: str, *, length: int | None = None) -> None:
        super().__init__(message)
        self.length = length


class ForbiddenCharacterError(CredguardError, ValueError):
    """A secret given to an entry point that cannot report a violation (hashing)
    contains control or invisible format characters.

    ``categories`` is a subset of ``{"control", "format"}``; policy checks
    report ``charset.control`` / ``charset.format`` instead.
    """

    def __init__(self, categories: frozenset[str], *, what: str = "password") -> None:
        self.categories = categories
        kinds = " and ".join(sorted(categories))
        super().__init__(f"{what} contains {kinds} characters, which are not allowed")


class ContextError(CredguardError, ValueError):
    """A :class:`~credguard.UserContext` field is invalid.

    The message names the field, never its value.
    """

    def __init__(self, field: str, problem: str) -> None:
        self.field = field
        self.problem = problem
        super().__init__(f"UserContext.{field}: {problem}")


class InvalidHashError(CredguardError, ValueError):
    """A stored hash is malformed, unsupported or outside the accepted bounds."""


class PolicyError(CredguardError, ValueError):
    """A policy (file, preset or rule parameters) is invalid.

    ``file``, ``line`` and ``key`` locate the problem where they are known;
    ``str(error)`` renders them as ``file:line: key: problem``, in English.
    ``problem_id`` and ``params`` name the problem for a program (``""``
    and ``{}`` when the error was built from a plain string);
    :meth:`message_in` words it in English or Japanese.
    """

    def __init__(
        self,
        problem: str | Problem,
        *,
        file: str | None = None,
        line: int | None = None,
        key: str | None = None,
    ) -> None:
        from ._problems import Problem

        self.detail = problem if isinstance(problem, Problem) else Problem.text(problem)
        self.problem = self.detail.message_in("en")
        self.file = file
        self.line = line
        self.key = key
        super().__init__(self.message_in("en"))

    @classmethod
    def of(
        cls,
        problem_id: str,
        /,
        *,
        file: str | None = None,
        line: int | None = None,
        key: str | None = None,
        **params: object,
    ) -> Self:
        """The error for the catalogue's problem *problem_id* with *params*."""
        from ._problems import Problem

        return cls(Problem(problem_id, **params), file=file, line=line, key=key)

    @property
    def problem_id(self) -> str:
        """The problem's stable id (``"value.between"``); ``""`` for a plain string."""
        return self.detail.id

    @property
    def params(self) -> Mapping[str, object]:
        """The problem's parameters: names and numbers from the code, never a secret."""
        return self.detail.params if self.detail.id else {}

    def problem_in(self, lang: Lang) -> str:
        """The problem alone, without its location, in *lang* (``"en"`` or ``"ja"``)."""
        return self.detail.message_in(lang)

    def message_in(self, lang: Lang) -> str:
        """``file:line: key: problem`` with the problem in *lang*; ``"en"`` is ``str(error)``."""
        location = ""
        if self.file is not None:
            location = self.file
            if self.line is not None:
                location += f":{self.line}"
            location += ": "
        key = f"{self.key}: " if self.key else ""
        return f"{location}{key}{self.problem_in(lang)}"

    def located(
        self, *, file: str | None = None, line: int | None = None, key: str | None = None
    ) -> PolicyError:
        """Return a copy with the missing location parts filled in."""
        return PolicyError(
            self.detail,
            file=self.file if self.file is not None else file,
            line=self.line if self.line is not None else line,
            key=self.key if self.key is not None else key,
        )


class UnknownSettingError(PolicyError):
    """A value the caller needs is *unknown* in the policy (the firm's page does not say).

    Raised by :meth:`~credguard.LockoutPolicy.from_policy` when, for example,
    the policy gives the failure limit but not how long the lock lasts
    (moomoo: 一定時間): credguard does not guess; pass the value explicitly.
    ``key`` names the policy key (``lockout.lock_minutes``).
    """


class BreachFileError(PolicyError):
    """A breached-password file is missing, empty, malformed or not sorted.

    Raised when the ``breached`` rule opens its file (so a policy that names
    a bad file fails to load) and, if a lookup meets lines out of order, by
    the check itself.  The message names the breach file; no hash is shown.
    """


class UnknownPresetError(CredguardError, LookupError):
    """No bundled preset has the requested name; ``suggestions`` holds close names."""

    def __init__(self, name: str, suggestions: Sequence[str] = ()) -> None:
        self.name = name
        self.suggestions = tuple(suggestions)
        super().__init__(self.message_in("en"))

    def message_in(self, lang: Lang) -> str:
        """The message in *lang* (``"en"`` is ``str(error)``)."""
        names = ", ".join(repr(s) for s in self.suggestions)
        from ._problems import Problem

        hint = Problem("hint.did_you_mean_any", names=names) if self.suggestions else ""
        return Problem("preset.unknown", name=self.name, hint=hint).message_in(lang)

    def __str__(self) -> str:
        # LookupError/KeyError would repr() the argument; keep the plain text.
        return str(self.args[0])


class UnusedContextWarning(UserWarning):
    """Context fields were given that no rule of the policy (for that kind) uses.

    A ``password_history`` given to a policy without a ``history`` rule, or a
    ``birthdate`` to one without a ``personal`` rule, protects nothing: the
    caller probably meant another policy or forgot a rule.  Issued once per
    policy, kind and set of unused fields; the message names fields, never
    their values.
    """
