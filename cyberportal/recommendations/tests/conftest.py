"""Every test here starts in English, whatever language an earlier test's request left active."""

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield
