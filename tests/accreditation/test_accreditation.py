"""Accreditation per meeting: what the meeting asks, the focal point fills in, the secretariat decides."""

import datetime as dt
import logging

import pytest
from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile

from accreditation import services
from accreditation.models import Accreditation
from accreditation.services import PassportExpires
from common.errors import NotFound
from tests.accreditation.conftest import PASSPORT, valid_expiry
from tests.accreditation.images import jpeg_bytes

pytestmark = pytest.mark.django_db


def fill_in(client, participant, meeting, **extra):
    data = {
        "nationality": "Vietnamese",
        "passport_number": PASSPORT,
        "passport_expiry": valid_expiry(meeting).isoformat(),
        "date_of_birth": "1980-05-17",
        "photo": SimpleUploadedFile("me.jpg", jpeg_bytes(900, 1200), content_type="image/jpeg"),
        **extra,
    }
    return client.post(f"/en/accreditation/participants/{participant.pk}/", data)


def test_the_focal_point_fills_in_the_accreditation_and_the_secretariat_accredits(
    client, focal_point_vn, secretariat_user, meeting, question, delegate
):
    client.force_login(focal_point_vn)
    page = client.get(f"/en/my/meetings/{meeting.pk}/")
    assert (
        "Still missing: photo, nationality, passport number and expiry date, date of birth, Attends the dinner?."
        in (page.content.decode())
    )

    response = fill_in(client, delegate, meeting, **{question.key: "yes"})

    assert response.status_code == 302
    accreditation = Accreditation.objects.get(participant=delegate)
    assert (accreditation.passport_number, accreditation.answers, accreditation.status) == (
        PASSPORT,
        {question.key: "yes"},
        "pending",
    )
    assert services.photo_bytes(delegate)[:2] == b"\xff\xd8"
    assert services.is_accredited(delegate) is False

    client.force_login(secretariat_user)
    listing = client.get(f"/en/accreditation/meetings/{meeting.pk}/").content.decode()
    assert "Complete" in listing and PASSPORT in listing
    assert client.post(f"/en/accreditation/participants/{delegate.pk}/accredit/").status_code == 302
    assert services.is_accredited(delegate) is True


def test_an_incomplete_accreditation_cannot_be_accredited(secretariat_user, meeting, delegate):
    with pytest.raises(services.AccreditationIncomplete, match="Still missing: photo, nationality"):
        services.accreditation_decide(actor=secretariat_user, participant=delegate, accredit=True)


def test_a_returned_accreditation_carries_its_reason_and_a_change_sends_it_back(
    client, focal_point_vn, secretariat_user, meeting, delegate
):
    services.accreditation_decide(actor=secretariat_user, participant=delegate, accredit=False, reason="Photo blurred")
    client.force_login(focal_point_vn)
    assert "Photo blurred" in client.get(f"/en/my/meetings/{meeting.pk}/").content.decode()

    fill_in(client, delegate, meeting)

    accreditation = Accreditation.objects.get(participant=delegate)
    assert accreditation.status == "pending"


def test_returning_needs_a_reason(secretariat_user, delegate):
    with pytest.raises(Exception, match="Say why"):
        services.accreditation_decide(actor=secretariat_user, participant=delegate, accredit=False, reason=" ")


def test_a_passport_expiring_before_the_meetings_end_is_refused_with_the_dates(
    client, focal_point_vn, meeting, delegate
):
    client.force_login(focal_point_vn)
    expiry = meeting.end.date() - dt.timedelta(days=1)

    response = fill_in(client, delegate, meeting, passport_expiry=expiry.isoformat())

    assert response.status_code == 422
    text = response.content.decode()
    assert "The passport expires on" in text and "before the meeting ends on" in text
    assert not Accreditation.objects.filter(participant=delegate).exists()
    with pytest.raises(PassportExpires):
        services.ensure_passport_valid(expiry, meeting)
    services.ensure_passport_valid(meeting.local_end.date(), meeting)  # valid on the last day: accepted


def test_a_picture_that_is_not_a_photo_is_refused_on_the_page(client, focal_point_vn, meeting, delegate):
    client.force_login(focal_point_vn)
    response = fill_in(
        client, delegate, meeting, photo=SimpleUploadedFile("x.jpg", b"<?php evil", content_type="image/jpeg")
    )
    assert response.status_code == 422
    assert "This file is not a picture" in response.content.decode()


def test_another_country_gets_404_on_every_accreditation_route(
    client, focal_point_th, focal_point_vn, meeting, delegate
):
    client.force_login(focal_point_vn)
    fill_in(client, delegate, meeting)
    client.force_login(focal_point_th)
    for url in (
        f"/en/accreditation/participants/{delegate.pk}/",
        f"/en/accreditation/participants/{delegate.pk}/photo.jpg",
    ):
        assert client.get(url).status_code == 404
        assert client.post(url, {"passport_number": "X1"}).status_code == 404
    assert Accreditation.objects.get(participant=delegate).passport_number == PASSPORT
    with pytest.raises(NotFound):
        services.accreditation_save(actor=focal_point_th, participant=delegate, data={"nationality": "Thai"})


def test_passport_data_stays_out_of_other_countries_pages_exports_the_audit_trail_and_the_logs(
    client, focal_point_vn, focal_point_th, secretariat_user, meeting, delegate, foreign_delegate, caplog
):
    caplog.set_level(logging.DEBUG)
    client.force_login(focal_point_vn)
    fill_in(client, delegate, meeting)
    assert PASSPORT in client.get(f"/en/accreditation/participants/{delegate.pk}/").content.decode()

    client.force_login(focal_point_th)
    seen = [
        client.get(f"/en/my/meetings/{meeting.pk}/"),
        client.get(f"/en/accreditation/meetings/{meeting.pk}/letters/"),
    ]
    client.logout()
    seen += [client.get(f"/en/meetings/{meeting.pk}/")]
    client.force_login(secretariat_user)
    seen += [
        client.get(f"/en/secretariat/meetings/{meeting.pk}/participants.csv"),
        client.get(f"/en/secretariat/meetings/{meeting.pk}/participants.xlsx"),
        client.get(f"/en/accreditation/meetings/{meeting.pk}/accreditation.csv"),
    ]
    for response in seen:
        assert response.status_code == 200
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert PASSPORT.encode() not in body
    chosen = client.get(f"/en/accreditation/meetings/{meeting.pk}/accreditation.csv?passport=1")
    assert PASSPORT in chosen.content.decode("utf-8-sig")
    assert "no-store" in chosen["Cache-Control"]

    trail = " ".join(
        f"{entry.changes_text} {entry.changes} {entry.object_repr} {entry.additional_data}"
        for entry in LogEntry.objects.all()
    )
    assert PASSPORT not in trail and "1980-05-17" not in trail
    assert client.get("/en/audit/").status_code == 200 and PASSPORT not in client.get("/en/audit/").content.decode()
    assert PASSPORT not in caplog.text


def test_the_export_with_passport_data_is_recorded_as_an_access(client, secretariat_user, meeting, delegate):
    client.force_login(secretariat_user)
    client.get(f"/en/accreditation/meetings/{meeting.pk}/accreditation.csv?passport=1")
    [entry] = LogEntry.objects.filter(action=LogEntry.Action.ACCESS)
    assert (entry.object_id, entry.actor) == (delegate.pk, secretariat_user)
    assert "passport" in str(entry.additional_data)


def test_the_secretariat_sets_what_a_meeting_asks_and_its_questions_in_both_languages(
    client, secretariat_user, meeting
):
    client.force_login(secretariat_user)
    client.post(f"/en/accreditation/meetings/{meeting.pk}/", {"photo": "on"})
    for text in ("Dinner?", "Hotel?", "Third?"):
        client.post(
            f"/en/accreditation/meetings/{meeting.pk}/questions/",
            {
                "text_en": text,
                "text_vi": f"{text} (vi)",
                "kind": "choice",
                "choices_en": "A\nB",
                "choices_vi": "Một\nHai",
            },
        )
    requirements = services.requirements_for(meeting)
    assert (requirements.photo, requirements.passport) == (True, False)
    assert [q.text_en for q in services.questions_for(meeting)] == ["Dinner?", "Hotel?"]  # at most two
    from django.utils import translation

    with translation.override("vi"):
        assert services.questions_for(meeting)[0].choice_list() == ["Một", "Hai"]


def test_the_secretariat_page_keeps_its_query_count_with_more_delegates(client, secretariat_user, meeting, viet_nam):
    from tests.factories import DelegationFactory, ParticipantFactory
    from tests.helpers import queries_for

    delegation = DelegationFactory(meeting=meeting, member_state=viet_nam)
    ParticipantFactory(delegation=delegation)
    client.force_login(secretariat_user)
    url = f"/en/accreditation/meetings/{meeting.pk}/"
    few = queries_for(client, url)
    ParticipantFactory.create_batch(15, delegation=delegation)
    assert queries_for(client, url) == few


def test_accredited_ids_agree_with_is_accredited(secretariat_user, meeting, delegate, foreign_delegate):
    Accreditation.objects.create(participant=delegate, status="accredited")
    Accreditation.objects.create(participant=foreign_delegate, status="pending")
    assert services.accredited_ids(meeting) == {delegate.pk}
    assert [services.is_accredited(p) for p in (delegate, foreign_delegate)] == [True, False]


def test_a_meeting_that_asks_nothing_accredits_the_confirmed(viet_nam):
    from tests.factories import DelegationFactory, ParticipantFactory

    delegation = DelegationFactory(member_state=viet_nam)
    confirmed = ParticipantFactory(delegation=delegation, status="confirmed")
    registered = ParticipantFactory(delegation=delegation)
    assert services.accredited_ids(delegation.meeting) == {confirmed.pk}
    assert (services.is_accredited(confirmed), services.is_accredited(registered)) == (True, False)


def test_the_persons_export_includes_the_accreditation(client, focal_point_vn, meeting, delegate):
    import json

    Accreditation.objects.create(participant=delegate, passport_number=PASSPORT, nationality="Vietnamese")
    client.force_login(focal_point_vn)
    data = json.loads(client.post(f"/en/personal-data/participants/{delegate.pk}/export/").content)
    [row] = data["other_records"]["accreditation"]
    assert (row["passport_number"], row["nationality"], row["kind"]) == (PASSPORT, "Vietnamese", "accreditation")


def _xlsx_cells(response) -> list[list]:
    import io

    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(response.content), read_only=True).worksheets[0]
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_the_xlsx_list_carries_passport_data_exactly_as_the_csv_chooses_and_is_recorded(
    client, secretariat_user, focal_point_vn, meeting, delegate
):
    client.force_login(focal_point_vn)
    fill_in(client, delegate, meeting)
    url = f"/en/accreditation/meetings/{meeting.pk}/accreditation.xlsx"
    assert client.get(url).status_code == 403
    client.force_login(secretariat_user)

    plain, chosen = client.get(url), client.get(f"{url}?passport=1")

    assert plain["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "no-store" in plain["Cache-Control"] and "no-store" in chosen["Cache-Control"]
    assert plain["Content-Disposition"].endswith('-accreditation.xlsx"')
    plain_cells = [str(value) for row in _xlsx_cells(plain) for value in row]
    chosen_rows = _xlsx_cells(chosen)
    assert PASSPORT not in plain_cells and "Passport number" not in plain_cells
    assert chosen_rows[0][6:9] == ["Passport number", "Passport expiry date", "Date of birth"]
    assert chosen_rows[1][6] == PASSPORT
    csv_rows = client.get(f"/en/accreditation/meetings/{meeting.pk}/accreditation.csv?passport=1")
    assert len(csv_rows.content.decode("utf-8-sig").strip().splitlines()) == len(chosen_rows)
    purposes = [
        entry.additional_data["purpose"]
        for entry in LogEntry.objects.filter(action=LogEntry.Action.ACCESS).order_by("pk")
    ]
    assert purposes == ["accreditation_list_xlsx", "accreditation_list_passport_xlsx", "accreditation_list_passport"]
