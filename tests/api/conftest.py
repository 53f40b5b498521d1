from __future__ import annotations

import pytest

from pramoen.accounts.enums import ApiScope, Role

# The judging suite's campaign, committee and entry fixtures, for the awards endpoints.
from tests.judging.conftest import (  # noqa: F401
    campaign,
    category,
    chair,
    committee,
    judges,
    make_entry,
    make_school,
)


@pytest.fixture
def token_for(db):
    """``token_for(user, scopes=[...])`` → the ``Authorization`` header of a new personal token."""
    from pramoen.accounts.api_tokens import api_token_create

    def make(user, scopes=(ApiScope.READ,), days=30):
        _token, text = api_token_create(
            user=user, name="ทดสอบ", scopes=list(scopes), days=days, actor=user
        )
        return {"HTTP_AUTHORIZATION": f"Bearer {text}"}

    return make


@pytest.fixture
def esa_staff(make_user, esa):
    return make_user(roles=[Role.ESA_STAFF], organization=esa, password=None)
