"""Documents are read-only in the admin: uploads, changes, status moves and deletion go through the services."""

import pytest

from tests.admin_pages import admin_url, assert_read_only
from tests.factories import DocumentVersionFactory

pytestmark = pytest.mark.django_db


def test_documents_and_their_versions_are_read_only_in_the_admin(admin_client):
    version = DocumentVersionFactory(original_name="report-som-30.pdf")

    assert_read_only(admin_client, version.document)
    page = admin_client.get(admin_url(version.document, "change")).content.decode()
    assert "report-som-30.pdf" in page and 'name="versions-0-original_name"' not in page
