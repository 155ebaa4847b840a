"""Logistics (issue 16 item 7): the rules of a delegate's travel, who may see and change it, the lists'
query counts, the transfer sheet and rooming list read back, and the arrivals report's new columns."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse

from common.errors import DomainError, NotFound
from logistics import services
from logistics.models import Hotel, LiaisonOfficer, Travel
from meetings.models import Participant
from tests.factories import (
    DelegationFactory,
    FocalPointFactory,
    MeetingFactory,
    MemberStateFactory,
    ParticipantFactory,
    SecretariatUserFactory,
)
from tests.helpers import queries_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    meeting = MeetingFactory(title="SOM of ACCSM 23", time_zone="Asia/Phnom_Penh")
    viet_nam = MemberStateFactory(code="VN", name="Viet Nam")
    thailand = MemberStateFactory(code="TH", name="Thailand")
    delegation = DelegationFactory(meeting=meeting, member_state=viet_nam)
    other = DelegationFactory(meeting=meeting, member_state=thailand)
    hotel = Hotel.objects.create(meeting=meeting, name_en="Sokha Hotel", name_vi="Khách sạn Sokha", phone="+855 1")
    return {
        "meeting": meeting,
        "delegation": delegation,
        "other": other,
        "hotel": hotel,
        "participant": ParticipantFactory(delegation=delegation, full_name="Lê Văn Tám", phone="+84 90"),
        "foreign": ParticipantFactory(delegation=other, full_name="Somchai P."),
        "secretariat": SecretariatUserFactory(),
        "focal_point": FocalPointFactory(member_state=viet_nam).user,
        "focal_point_b": FocalPointFactory(member_state=thailand).user,
    }


def good(world, **changes) -> services.TravelData:
    start = world["meeting"].start
    values = {
        "arrival": start - dt.timedelta(hours=20),
        "departure": start + dt.timedelta(days=1),
        "hotel": world["hotel"],
        "check_in": (start - dt.timedelta(days=1)).date(),
        "check_out": (start + dt.timedelta(days=2)).date(),
        "arrival_flight": "vn 631",
        "arrival_airport": "pnh",
        "arrival_transfer": True,
        "departure_flight": "VN632",
        "departure_airport": "PNH",
        "departure_transfer": True,
    }
    values.update(changes)
    return services.TravelData(**values)


# --- Rules ---------------------------------------------------------------------------------------------


def test_focal_point_saves_travel_and_the_times_land_on_the_participant(world):
    travel = services.travel_save(actor=world["focal_point"], participant=world["participant"], data=good(world))
    participant = Participant.objects.get(pk=world["participant"].pk)
    assert (travel.arrival_flight, travel.arrival_airport, travel.hotel) == ("VN631", "PNH", world["hotel"])
    assert participant.arrival == world["meeting"].start - dt.timedelta(hours=20)


def test_focal_point_of_another_country_gets_not_found(world):
    with pytest.raises(NotFound):
        services.travel_save(actor=world["focal_point_b"], participant=world["participant"], data=good(world))
    assert not Travel.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"departure": "before"}, "departure"),
        ({"arrival": "far"}, "arrival"),
        ({"check_out": "same"}, "check_out"),
        ({"check_in": None}, "check_in"),
        ({"hotel": None}, "hotel"),
        ({"arrival_flight": ""}, "arrival_flight"),
        ({"hotel": "other meeting"}, "hotel"),
    ],
)
def test_bad_travel_is_refused_with_its_field(world, changes, field):
    start = world["meeting"].start
    values = {
        "before": start - dt.timedelta(days=2),
        "far": start - dt.timedelta(days=30),
        "same": (start - dt.timedelta(days=1)).date(),
        "other meeting": Hotel.objects.create(meeting=MeetingFactory(), name="Elsewhere"),
        None: None,
        "": "",
    }
    data = good(world, **{name: values[value] for name, value in changes.items()})
    with pytest.raises(DomainError) as raised:
        services.travel_save(actor=world["focal_point"], participant=world["participant"], data=data)
    assert raised.value.field == field
    assert not Travel.objects.exists()


def test_the_database_refuses_a_check_out_before_the_check_in(world):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Travel.objects.create(
            participant=world["participant"],
            hotel=world["hotel"],
            check_in=dt.date(2026, 8, 5),
            check_out=dt.date(2026, 8, 4),
        )


def test_a_part_of_a_conference_week_offers_the_weeks_hotels(world):
    week = MeetingFactory(kind="conference_week")
    part = MeetingFactory(parent=week)
    week_hotel = Hotel.objects.create(meeting=week, name="Week hotel")
    assert list(services.hotels_for(part)) == [week_hotel]


def test_withdrawn_participant_has_no_travel_to_change(world):
    world["participant"].status = Participant.Status.CANCELLED
    world["participant"].save()
    assert not services.can_change_travel(world["focal_point"], world["participant"])


def test_a_hotel_with_guests_is_not_removed(world):
    services.travel_save(actor=world["focal_point"], participant=world["participant"], data=good(world))
    with pytest.raises(DomainError):
        services.hotel_delete(actor=world["secretariat"], meeting=world["meeting"], pk=world["hotel"].pk)
    assert Hotel.objects.filter(pk=world["hotel"].pk).exists()


def test_only_the_secretariat_keeps_hotels_and_liaison_officers(world):
    from common.errors import Forbidden

    with pytest.raises((Forbidden, NotFound)):
        services.hotel_add(actor=world["focal_point"], meeting=world["meeting"], data={"name_en": "Mine"})
    with pytest.raises((Forbidden, NotFound)):
        services.liaison_officer_save(actor=world["focal_point"], delegation=world["delegation"], data={"name": "X"})


def test_a_liaison_officer_needs_a_phone_or_email(world):
    with pytest.raises(DomainError):
        services.liaison_officer_save(actor=world["secretariat"], delegation=world["delegation"], data={"name": "Sok"})
    officer = services.liaison_officer_save(
        actor=world["secretariat"], delegation=world["delegation"], data={"name": "Sok", "phone": "+855 12"}
    )
    assert LiaisonOfficer.objects.get().name == officer.name == "Sok"


# --- Pages ---------------------------------------------------------------------------------------------


def test_focal_point_fills_the_form_and_another_country_gets_404(client, world):
    url = reverse("logistics:travel", args=[world["participant"].pk])
    client.force_login(world["focal_point_b"])
    assert client.get(url).status_code == 404
    client.force_login(world["focal_point"])
    assert client.get(url).status_code == 200
    local = world["meeting"].start.astimezone(world["meeting"].tz)
    response = client.post(
        url,
        {
            "arrival": (local - dt.timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M"),
            "departure": (local - dt.timedelta(hours=5)).strftime("%Y-%m-%dT%H:%M"),
        },
    )
    assert response.status_code == 422
    assert "Departure cannot be before arrival." in response.content.decode()


def test_the_delegation_page_shows_the_liaison_officer_and_the_travel_link(client, world):
    LiaisonOfficer.objects.create(delegation=world["delegation"], name="Sok Dara", phone="+855 12")
    client.force_login(world["focal_point"])
    page = client.get(reverse("my:delegation", args=[world["meeting"].pk])).content.decode()
    assert "Sok Dara" in page
    assert reverse("logistics:travel", args=[world["participant"].pk]) in page


def _travellers(world, count: int) -> None:
    for n in range(count):
        person = ParticipantFactory(delegation=world["delegation"], full_name=f"Traveller {n}")
        services.travel_save(actor=world["secretariat"], participant=person, data=good(world))


def test_logistics_lists_and_exports_have_constant_query_counts(client, world):
    LiaisonOfficer.objects.create(delegation=world["delegation"], name="Sok Dara", phone="+855 12")
    client.force_login(world["secretariat"])
    pk = world["meeting"].pk
    urls = [
        reverse("secretariat:logistics", args=[pk]),
        reverse("secretariat:logistics_export", args=[pk, "transfers", "xlsx"]),
        reverse("secretariat:logistics_export", args=[pk, "rooming", "xlsx"]),
        reverse("registrations:arrivals", args=[pk]),
        reverse("registrations:arrivals_csv", args=[pk]),
    ]
    _travellers(world, 1)
    one = [queries_for(client, url) for url in urls]
    _travellers(world, 6)
    assert [queries_for(client, url) for url in urls] == one


def _read_xlsx(content: bytes) -> list[list]:
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(content)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_transfer_sheet_and_rooming_list_read_back(client, world):
    LiaisonOfficer.objects.create(delegation=world["delegation"], name="Sok Dara", phone="+855 12")
    services.travel_save(actor=world["focal_point"], participant=world["participant"], data=good(world))
    services.travel_save(
        actor=world["secretariat"], participant=world["foreign"], data=good(world, arrival_transfer=False)
    )
    client.force_login(world["secretariat"])
    pk = world["meeting"].pk
    rows = _read_xlsx(client.get(reverse("secretariat:logistics_export", args=[pk, "transfers", "xlsx"])).content)
    arrivals = [row for row in rows[3:] if row[2] == "Airport → hotel"]
    assert [(row[3], row[4], row[6], row[7]) for row in arrivals] == [
        ("VN631", "PNH", "Sokha Hotel", "Sok Dara, +855 12")
    ]
    assert "Lê Văn Tám (Viet Nam)" in arrivals[0][5] and "Somchai" not in arrivals[0][5]
    rooming = _read_xlsx(client.get(reverse("secretariat:logistics_export", args=[pk, "rooming", "xlsx"])).content)
    assert [(row[0], row[1], row[2], row[6]) for row in rooming[2:]] == [
        ("Sokha Hotel", "Thailand", "Ms. Somchai P.", 3),
        ("Sokha Hotel", "Viet Nam", "Ms. Lê Văn Tám", 3),
    ]
    for sheet in ("transfers", "rooming"):
        response = client.get(reverse("secretariat:logistics_export", args=[pk, sheet, "pdf"]))
        assert response["Content-Type"] == "application/pdf"
        text = _pdf_text(response.content)
        assert "Lê Văn Tám" in text and "Sokha Hotel" in text
    assert "VN631" in _pdf_text(
        client.get(reverse("secretariat:logistics_export", args=[pk, "transfers", "pdf"])).content
    )


def _pdf_text(content: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_exports_are_recorded_in_the_audit_trail(client, world):
    from auditlog.models import LogEntry

    client.force_login(world["secretariat"])
    client.get(reverse("secretariat:logistics_export", args=[world["meeting"].pk, "rooming", "pdf"]))
    entry = LogEntry.objects.filter(action=LogEntry.Action.ACCESS).get()
    assert entry.additional_data["purpose"] == "rooming_pdf"


def test_arrivals_report_shows_flight_hotel_and_transfer(client, world):
    services.travel_save(actor=world["focal_point"], participant=world["participant"], data=good(world))
    client.force_login(world["secretariat"])
    page = client.get(reverse("registrations:arrivals", args=[world["meeting"].pk])).content.decode()
    assert "VN631" in page and "Sokha Hotel" in page and "transfer" in page
    csv = client.get(reverse("registrations:arrivals_csv", args=[world["meeting"].pk])).content.decode()
    assert "VN631" in csv and "Sokha Hotel" in csv


def test_a_persons_export_and_erasure_include_travel(world):
    from privacy.registry import SOURCES

    services.travel_save(actor=world["focal_point"], participant=world["participant"], data=good(world))
    rows = SOURCES["logistics"].export([world["participant"]])
    assert [(row["hotel"], row["arrival_flight"]) for row in rows] == [("Sokha Hotel", "VN631")]
    SOURCES["logistics"].erase([world["participant"]])
    assert not Travel.objects.exists()
