"""Reads of personal data leave a trace: every export or download of people's data is an "access" entry in the
audit trail, saying who, what and how many people, and nothing of the people themselves."""

import datetime as dt
import json

import pytest
from auditlog.models import LogEntry
from django.core.files.base import ContentFile
from django.urls import reverse

from common.audit import ACCESS_PURPOSES
from meetings.models import Meeting, Participant
from tests.factories import DelegationFactory, MeetingFactory, ParticipantFactory, pdf_bytes

pytestmark = pytest.mark.django_db

NAMES = ("Nguyễn Thị Thu Hằng", "Trần Văn Bình", "Somchai Prasert")


@pytest.fixture
def meeting(viet_nam, thailand):
    meeting = MeetingFactory(title="SOM 23", format=Meeting.Format.IN_PERSON)
    vn = DelegationFactory(meeting=meeting, member_state=viet_nam)
    vn.nomination_letter.save("nv.pdf", ContentFile(pdf_bytes()))
    th = DelegationFactory(meeting=meeting, member_state=thailand)
    arrival = meeting.start - dt.timedelta(days=1)
    for name, delegation in zip(NAMES, (vn, vn, th), strict=True):
        ParticipantFactory(
            full_name=name,
            delegation=delegation,
            status=Participant.Status.CONFIRMED,
            phone="+84 24 3824 0000",
            arrival=arrival,
            departure=meeting.end,
        )
    return meeting


def _downloads(meeting):
    vn_participant = Participant.objects.get(full_name=NAMES[0])
    return [
        (reverse("secretariat:export_csv", args=[meeting.pk]), "participants_csv", meeting, 3),
        (reverse("secretariat:export_xlsx", args=[meeting.pk]), "participants_xlsx", meeting, 3),
        (reverse("secretariat:export_pdf", args=[meeting.pk]), "participants_pdf", meeting, 3),
        (reverse("secretariat:export_badges", args=[meeting.pk]), "badges_pdf", meeting, 3),
        (reverse("registrations:arrivals_csv", args=[meeting.pk]), "arrivals_csv", meeting, 3),
        (
            reverse("registrations:invitation_letter", args=[vn_participant.pk, "en"]),
            "invitation_letter",
            vn_participant,
            1,
        ),
        (
            reverse("registrations:nomination_letter", args=[vn_participant.delegation_id]),
            "nomination_letter",
            vn_participant.delegation,
            None,
        ),
    ]


def test_every_personal_data_download_is_an_access_entry_with_who_what_and_how_many(client, secretariat_user, meeting):
    client.force_login(secretariat_user)
    for url, purpose, subject, people in _downloads(meeting):
        before = LogEntry.objects.filter(action=LogEntry.Action.ACCESS).count()

        response = client.get(url)

        assert response.status_code == 200, url
        entries = LogEntry.objects.filter(action=LogEntry.Action.ACCESS).order_by("-pk")
        assert entries.count() == before + 1, url
        entry = entries.first()
        assert entry.actor == secretariat_user
        assert (entry.content_type.model_class(), entry.object_id) == (type(subject), subject.pk)
        assert entry.additional_data["purpose"] == purpose
        assert entry.additional_data.get("people") == people
        recorded = json.dumps([entry.changes, entry.additional_data], ensure_ascii=False)
        for name in NAMES:
            assert name not in recorded  # who was read is not written again into the trail


def test_a_focal_point_s_download_of_its_own_letter_is_recorded_under_its_country(client, focal_point_vn, meeting):
    participant = Participant.objects.get(full_name=NAMES[0])
    client.force_login(focal_point_vn)

    assert client.get(reverse("registrations:invitation_letter", args=[participant.pk, "vi"])).status_code == 200

    entry = LogEntry.objects.get(action=LogEntry.Action.ACCESS)
    assert entry.actor == focal_point_vn
    assert entry.additional_data["member_state"] == participant.delegation.member_state_id


def test_the_audit_trail_reads_an_access_in_words_in_both_languages(client, secretariat_user, meeting):
    client.force_login(secretariat_user)
    client.get(reverse("secretariat:export_xlsx", args=[meeting.pk]))

    english = client.get("/en/audit/", {"action": LogEntry.Action.ACCESS}).content.decode()
    vietnamese = client.get("/vi/audit/", {"action": LogEntry.Action.ACCESS}).content.decode()

    assert "Participants list exported (XLSX): 3 people" in english
    assert "SOM 23" in english
    assert "Đã xuất danh sách đại biểu (XLSX): 3 người" in vietnamese


def test_a_failed_download_records_nothing(client, focal_point_th, meeting):
    """A refused read (another country's letter) is no access: nothing was handed out."""
    participant = Participant.objects.get(full_name=NAMES[0])
    client.force_login(focal_point_th)

    assert client.get(reverse("registrations:invitation_letter", args=[participant.pk, "en"])).status_code == 404
    assert not LogEntry.objects.filter(action=LogEntry.Action.ACCESS).exists()


def test_every_purpose_has_a_label_in_both_languages():
    from django.utils import translation

    for purpose, label in ACCESS_PURPOSES.items():
        with translation.override("vi"):
            vietnamese = str(label)
        assert vietnamese != str(label), purpose


@pytest.mark.parametrize("kind", ["pdf", "xlsx"])
def test_the_attendance_list_is_recorded_as_an_access_and_an_unknown_kind_is_not(
    client, secretariat_user, meeting, kind
):
    client.force_login(secretariat_user)

    assert client.get(reverse("secretariat:attendance_export", args=[meeting.pk, kind])).status_code == 200
    assert client.get(reverse("secretariat:attendance_export", args=[meeting.pk, "docx"])).status_code == 404

    [entry] = LogEntry.objects.filter(action=LogEntry.Action.ACCESS)
    assert (entry.additional_data["purpose"], entry.additional_data["people"]) == (f"attendance_{kind}", 3)
