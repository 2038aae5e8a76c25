"""Fixtures shared by every app's tests."""

import pytest

from cyberportal.testing import make_state, make_user


@pytest.fixture
def state_ar(db):
    return make_state("AR")


@pytest.fixture
def state_br(db):
    return make_state("BR")


@pytest.fixture
def user_factory(db):
    return make_user
