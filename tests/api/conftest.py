import pytest
from rest_framework.test import APIClient

from api import services
from tests.factories import ChairmanshipFactory


@pytest.fixture
def api_client():
    return APIClient()


@pytest.fixture
def accsm21(viet_nam):
    return ChairmanshipFactory(ordinal=21, chair=viet_nam, theme="Civil service modernization")


@pytest.fixture
def make_token(secretariat_user):
    """make_token(owner, scope="read", member_state=None, **kw) -> the plain token."""

    def _make(owner, scope="read", member_state=None, **kwargs):
        _token, plain = services.api_token_create(
            actor=secretariat_user,
            name=kwargs.pop("name", "Test client"),
            owner=owner,
            scope=scope,
            member_state=member_state,
            **kwargs,
        )
        return plain

    return _make


@pytest.fixture
def token_client(make_token):
    def _client(owner, scope="read", member_state=None, **kwargs):
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {make_token(owner, scope, member_state, **kwargs)}")
        return client

    return _client
