"""Focal point invitations are read-only in the admin: sent, resent and revoked on the focal point page."""

import pytest

from tests.admin_pages import assert_read_only
from tests.factories import FocalPointInvitationFactory

pytestmark = pytest.mark.django_db


def test_invitations_are_read_only_in_the_admin(admin_client):
    assert_read_only(admin_client, FocalPointInvitationFactory())
