"""Django settings for the contrib tests, taken from docs/integrations.md.

Django is configured once per process with an in-memory SQLite database and
``django.contrib.auth``; ``AUTH_PASSWORD_VALIDATORS`` is the settings block
of the integration guide, executed as written, so the documented example is
what the tests run.
"""

from __future__ import annotations

from collections.abc import Iterator

import django
import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction

from tests.helpers import documented_validators

if not settings.configured:
    settings.configure(
        INSTALLED_APPS=[
            "django.contrib.auth",
            "django.contrib.contenttypes",
            # As docs/integrations.md says: brings credguard's system checks.
            "credguard.contrib.django_checks.CredguardConfig",
        ],
        DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}},
        AUTH_PASSWORD_VALIDATORS=documented_validators(),
        # The cheapest hasher: the tests create users, they do not test Django's hashing.
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        USE_I18N=True,
        USE_TZ=True,
        LANGUAGE_CODE="en-us",
        LANGUAGES=[("en", "English"), ("ja", "Japanese")],
        DEFAULT_AUTO_FIELD="django.db.models.AutoField",
    )
    django.setup()


@pytest.fixture(scope="session")
def django_db() -> None:
    """Create the auth tables once."""
    call_command("migrate", verbosity=0)


@pytest.fixture
def rollback(django_db: None) -> Iterator[None]:
    """Run the test in a transaction that is rolled back."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)
