"""The accounts tests' shared set-up."""

import pytest
from django.core.cache import cache
from django.test import override_settings


@pytest.fixture
def mfa_enforced():
    """The second-factor rule on, as in production (the test settings turn it off for other tests)."""
    cache.clear()
    with override_settings(CYBERPORTAL_MFA_ENFORCED=True, MFA_TOTP_TOLERANCE=1):
        yield
