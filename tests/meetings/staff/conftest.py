import pytest

from tests.factories import ChairmanshipFactory


@pytest.fixture
def staff_client(client, secretariat_user):
    client.force_login(secretariat_user)
    return client


@pytest.fixture
def chairmanship(viet_nam):
    return ChairmanshipFactory(ordinal=21, chair=viet_nam, theme="Civil service modernization")
