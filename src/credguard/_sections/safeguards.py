"""Two safeguards of the JSDA 2025 guideline: ``[behaviour_detection]`` and ``[account_reopening]``.

Both are things a firm does behind the login page, so a page rarely states
them; a value left out is ``None``: *unknown*, never a guess.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar, Final

from .._params import param, validate
from ..errors import PolicyError
from .provenance import Provenance

__all__ = ["DETECTION_RESPONSES", "AccountReopeningSettings", "BehaviourDetectionSettings"]

#: What a firm does when it sees unusual behaviour: tell the customer, ask
#: for more proof (追加の本人確認), or stop the session or the order.
DETECTION_RESPONSES: Final = ("notify", "challenge", "block")


@dataclass(frozen=True, slots=True, kw_only=True)
class BehaviourDetectionSettings:
    """``[behaviour_detection]``: 振る舞い検知.

    ``detects = true``: the firm analyses logins and what follows them
    (device, place, orders unlike the customer's usual ones) to catch a
    third party; ``responses`` what it then does (``notify``,
    ``challenge``, ``block``).
    """

    NAME: ClassVar[str] = "behaviour_detection"

    detects: bool | None = param(
        None,
        doc="the firm watches logins and orders for behaviour unlike the customer's own",
        stricter=(False, True),
    )
    responses: tuple[str, ...] | None = param(
        None,
        doc="what the firm does on unusual behaviour: notify, challenge, block",
        choices=DETECTION_RESPONSES,
        unique=True,
        stricter="superset",
    )
    provenance: Provenance = field(default_factory=Provenance)

    def __post_init__(self) -> None:
        validate(self)
        if self.responses is not None and self.detects is not True:
            raise PolicyError.of("section.needs_detects", key="responses")

    @property
    def known(self) -> bool:
        """True when the policy states whether the firm detects unusual behaviour."""
        return self.detects is not None


@dataclass(frozen=True, slots=True, kw_only=True)
class AccountReopeningSettings:
    """``[account_reopening]``: reopening an account frozen after a suspected takeover.

    ``verifies_identity = true``: the account is reopened only after the
    customer's identity is verified afresh (新たに本人確認), not on the
    strength of the credentials that may have been stolen.
    """

    NAME: ClassVar[str] = "account_reopening"

    verifies_identity: bool | None = param(
        None,
        doc="a frozen account is reopened only after a fresh identity verification",
        stricter=(False, True),
    )
    provenance: Provenance = field(default_factory=Provenance)

    def __post_init__(self) -> None:
        validate(self)

    @property
    def known(self) -> bool:
        """True when the policy states how a frozen account is reopened."""
        return self.verifies_identity is not None
