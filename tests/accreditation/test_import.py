"""The import template grows the accreditation columns the meeting asks for; the import reads and checks them."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accreditation.models import Accreditation
from common.exports import write_csv
from meetings.models import Participant
from tests.accreditation.conftest import PASSPORT, valid_expiry
from tests.factories import DelegationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_meeting(meeting):
    return meeting


def test_the_template_has_the_columns_the_meeting_asks_for(client, focal_point_vn, open_meeting, question):
    client.force_login(focal_point_vn)
    plain = client.get("/en/my/participants-template.csv").content.decode("utf-8-sig")
    asked = client.get(f"/en/my/participants-template.csv?meeting={open_meeting.pk}").content.decode("utf-8-sig")
    assert "Passport number" not in plain
    assert asked.strip().endswith("Nationality,Passport number,Passport expiry date,Date of birth,Attends the dinner?")
    vi = client.get(f"/vi/my/participants-template.csv?meeting={open_meeting.pk}").content.decode("utf-8-sig")
    assert "Số hộ chiếu" in vi and "Dự tiệc tối?" in vi


def test_a_foreign_or_missing_meeting_template_is_404(client, focal_point_vn):
    client.force_login(focal_point_vn)
    assert client.get("/en/my/participants-template.csv?meeting=987654").status_code == 404
    assert client.get("/en/my/participants-template.csv?meeting=x1").status_code == 404


def upload(rows):
    return SimpleUploadedFile("delegation.csv", write_csv(rows), content_type="text/csv")


def test_the_import_saves_each_rows_accreditation(client, focal_point_vn, open_meeting, question, viet_nam):
    DelegationFactory(meeting=open_meeting, member_state=viet_nam)
    client.force_login(focal_point_vn)
    expiry = valid_expiry(open_meeting).isoformat()
    rows = [
        ["Full name", "Email", "Passport number", "Passport expiry date", "Nationality", "Attends the dinner?"],
        ["Trần Văn Bình", "binh@moha.gov.vn", PASSPORT.lower(), expiry, "Vietnamese", "yes"],
        ["Lê Thị Hoa", "hoa@moha.gov.vn", "", "", "", ""],
    ]

    response = client.post(f"/en/my/meetings/{open_meeting.pk}/participants/import/", {"file": upload(rows)})

    assert response.status_code == 302
    binh = Participant.objects.get(email="binh@moha.gov.vn")
    assert (binh.accreditation.passport_number, binh.accreditation.answers) == (PASSPORT, {question.key: "yes"})
    assert not Accreditation.objects.filter(participant__email="hoa@moha.gov.vn").exists()


def test_an_expired_passport_in_the_file_rejects_the_file_naming_the_row(
    client, focal_point_vn, open_meeting, viet_nam
):
    DelegationFactory(meeting=open_meeting, member_state=viet_nam)
    client.force_login(focal_point_vn)
    rows = [
        ["Full name", "Passport number", "Passport expiry date"],
        ["Trần Văn Bình", PASSPORT, valid_expiry(open_meeting).isoformat()],
        ["Lê Thị Hoa", "C000111", "2020-01-01"],
    ]

    response = client.post(f"/en/my/meetings/{open_meeting.pk}/participants/import/", {"file": upload(rows)})

    assert response.status_code == 422
    text = response.content.decode()
    assert "The passport expires on" in text and "Passport expiry date" in text
    assert Participant.objects.count() == 0 and Accreditation.objects.count() == 0
