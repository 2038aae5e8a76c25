"""Fixtures of the laws tests."""

import pytest
from django.conf import settings
from django.utils import translation


@pytest.fixture(autouse=True)
def _default_language_afterwards():
    """Requests to /fr/… leave French active in the thread; later tests must not inherit it."""
    yield
    translation.activate(settings.LANGUAGE_CODE)
