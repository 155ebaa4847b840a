"""The outbox in the admin: read-only (services write it, the dispatcher sends it, the secretariat's page of
emails not sent sends one again)."""

import pytest

from outbox.models import DispatcherLease
from tests.admin_pages import assert_read_only
from tests.factories import OutboxEmailFactory

pytestmark = pytest.mark.django_db


def test_outgoing_emails_are_read_only_in_the_admin(admin_client):
    assert_read_only(admin_client, OutboxEmailFactory(state="failed"))


def test_the_dispatcher_lease_is_read_only_in_the_admin(admin_client):
    assert_read_only(admin_client, DispatcherLease.objects.create(name="dispatcher"))
