import pytest
from django.db import connection

from tests.factories import FocalPointFactory, MemberStateFactory, SecretariatUserFactory


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    """Uploaded files go to a fresh folder per test, never into var/."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {**settings.STORAGES["default"], "OPTIONS": {"location": str(tmp_path / "private")}},
    }


@pytest.fixture
def on_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: run with DATABASE_URL=postgres://postgres@127.0.0.1:5432/accsm")


@pytest.fixture
def viet_nam(db):
    return MemberStateFactory(code="VN", name="Viet Nam", name_vi="Việt Nam")


@pytest.fixture
def thailand(db):
    return MemberStateFactory(code="TH", name="Thailand", name_vi="Thái Lan")


@pytest.fixture
def secretariat_user(db):
    return SecretariatUserFactory(username="secretariat")


@pytest.fixture
def focal_point_vn(viet_nam):
    return FocalPointFactory(member_state=viet_nam, user__username="fp-vn").user


@pytest.fixture
def focal_point_th(thailand):
    return FocalPointFactory(member_state=thailand, user__username="fp-th").user
