"""Integrations with web frameworks.  Each one is an optional extra.

* :mod:`credguard.contrib.django` — a validator for Django's
  ``AUTH_PASSWORD_VALIDATORS`` (``pip install credguard-policy[django]``);
* :mod:`credguard.contrib.pydantic` — validators and error conversion for
  Pydantic v2 and FastAPI (``pip install credguard-policy[pydantic]``);
* :mod:`credguard.contrib.history` — the small :class:`HistoryStore`
  protocol both use to keep a user's past password hashes (no dependency).

This package imports nothing: ``import credguard`` and
``import credguard.contrib`` never import Django or Pydantic.  Import the
submodule of the framework you use.
"""

from __future__ import annotations

__all__: list[str] = []
