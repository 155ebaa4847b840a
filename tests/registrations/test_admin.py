"""The registrations app's admin: the letter of invitation template is saved through its service."""

import pytest

from meetings.models import InvitationLetterTemplate
from tests.admin_pages import admin_url, form_data
from tests.factories import InvitationLetterTemplateFactory
from tests.meetings.test_admin import staff_without_secretariat

pytestmark = pytest.mark.django_db


# --- The letter template: through its service ---------------------------------------------------------


def test_the_letter_template_is_saved_in_the_admin_through_its_service(admin_client):
    template = InvitationLetterTemplateFactory()
    data = form_data(admin_client.get(admin_url(template, "change")))
    data["signatory_name_en"] = "Dr. Nguyen Van A"

    response = admin_client.post(admin_url(template, "change"), data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    template.refresh_from_db()
    assert template.signatory_name_en == "Dr. Nguyen Van A"
    assert admin_client.get(admin_url(template, "delete")).status_code == 403


def test_staff_without_the_secretariat_role_cannot_change_the_letter_template():
    template = InvitationLetterTemplateFactory(signatory_name_en="Dr. B")
    client = staff_without_secretariat("view_invitationlettertemplate", "change_invitationlettertemplate")
    data = form_data(client.get(admin_url(template, "change")))
    data["signatory_name_en"] = "Dr. Nguyen Van A"

    response = client.post(admin_url(template, "change"), data)

    assert response.context["adminform"].form.non_field_errors() == ["You do not have permission to do this."]
    assert InvitationLetterTemplate.objects.get(pk=template.pk).signatory_name_en == "Dr. B"
