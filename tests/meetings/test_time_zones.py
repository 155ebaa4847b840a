"""Both time zones (issue 19, item 6): every time in the venue's zone, and also in the reader's when their
clock reads otherwise; the reader's zone from their preference, else their browser's cookie; emails in the
recipient's zone."""

import datetime as dt
import re
import zoneinfo

import pytest
from django.core import mail
from django.urls import reverse

from common import moments
from meetings import emails
from outbox.dispatcher import send_pending
from tests.factories import AgendaItemFactory, MeetingFactory, ParticipantFactory, UserFactory

pytestmark = pytest.mark.django_db

PHNOM_PENH = zoneinfo.ZoneInfo("Asia/Phnom_Penh")


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


@pytest.fixture
def meeting(db):
    """HCS in Phnom Penh, 5 August 2030, 09:00–17:00 local: 04:00–12:00 in Paris (summer, UTC+02:00)."""
    return MeetingFactory(
        title="HCS 23",
        start=dt.datetime(2030, 8, 5, 9, tzinfo=PHNOM_PENH),
        end=dt.datetime(2030, 8, 5, 17, tzinfo=PHNOM_PENH),
        time_zone="Asia/Phnom_Penh",
        registration_deadline=None,
    )


def test_a_moment_is_shown_in_the_venues_zone_and_the_readers_when_it_differs(meeting):
    paris = moments.shown(meeting.start, meeting.end, "Asia/Phnom_Penh", "Europe/Paris")
    bangkok = moments.shown(meeting.start, meeting.end, "Asia/Phnom_Penh", "Asia/Bangkok")  # same clock
    tokyo_evening = moments.shown(
        dt.datetime(2030, 8, 5, 22, tzinfo=PHNOM_PENH), None, "Asia/Phnom_Penh", "Asia/Tokyo", with_date=False
    )

    assert paris.as_text() == (
        "5 August 2030, 09:00 – 17:00 (Asia/Phnom_Penh, UTC+07:00) · "
        "your time: 5 August 2030, 04:00 – 12:00 (Europe/Paris, UTC+02:00)"
    )
    assert bangkok.as_text() == "5 August 2030, 09:00 – 17:00 (Asia/Phnom_Penh, UTC+07:00)"
    # Under a day's heading only the time is given, unless the reader's clock is on another day.
    assert (tokyo_evening.venue_text, tokyo_evening.viewer_text) == ("22:00", "6 August 2030, 00:00")


def test_a_visitors_browser_zone_shows_beside_the_venues_with_a_note(client, meeting):
    client.cookies[moments.VIEWER_ZONE_COOKIE] = "Europe/Paris"

    text = _text(client.get(f"/en/meetings/{meeting.pk}/").content.decode())

    assert (
        "Times are in the venue's time zone, Asia/Phnom_Penh (UTC+07:00). Yours, Europe/Paris (UTC+02:00), is "
        "different: your time is shown beside each."
    ) in text
    assert (
        "When 5 August 2030, 09:00 – 17:00 (Asia/Phnom_Penh, UTC+07:00) your time: 5 August 2030, 04:00 – 12:00 "
        "(Europe/Paris, UTC+02:00)"
    ) in text


@pytest.mark.parametrize("cookie", ["", "Asia/Phnom_Penh", "Asia/Ho_Chi_Minh", "Mars/Olympus", "x" * 500])
def test_without_a_differing_zone_only_the_venues_time_shows(client, meeting, cookie):
    client.cookies[moments.VIEWER_ZONE_COOKIE] = cookie

    response = client.get(f"/en/meetings/{meeting.pk}/")

    assert response.status_code == 200
    text = _text(response.content.decode())
    assert "your time" not in text and "Times are in the venue's time zone" not in text
    assert "5 August 2030, 09:00 – 17:00 (Asia/Phnom_Penh, UTC+07:00)" in text


def test_a_users_chosen_zone_wins_over_the_browsers(client, meeting):
    user = UserFactory(time_zone="Asia/Tokyo")
    client.force_login(user)
    client.cookies[moments.VIEWER_ZONE_COOKIE] = "Europe/Paris"

    text = _text(client.get(f"/en/meetings/{meeting.pk}/").content.decode())

    assert "your time: 5 August 2030, 11:00 – 19:00 (Asia/Tokyo, UTC+09:00)" in text
    assert "Europe/Paris" not in text


def test_the_timetables_slots_show_the_readers_time_too(client, meeting):
    AgendaItemFactory(meeting=meeting, title="Opening", starts_at=meeting.start, duration=30)
    client.cookies[moments.VIEWER_ZONE_COOKIE] = "Europe/Paris"

    text = _text(client.get(f"/en/meetings/{meeting.pk}/").content.decode())

    assert "09:00 – 09:30 your time: 04:00 – 04:30 (Europe/Paris, UTC+02:00) Opening" in text


def test_a_visitor_chooses_a_zone_kept_in_a_cookie(client, meeting):
    page = f"/en/meetings/{meeting.pk}/"

    response = client.post(reverse("accounts:time_zone"), {"time_zone": "America/New_York", "next": page})

    assert response.status_code == 302 and response["Location"] == page
    assert response.cookies[moments.VIEWER_ZONE_COOKIE].value == "America/New_York"
    assert response.cookies[moments.VIEWER_ZONE_PINNED_COOKIE].value == "1"
    assert "your time: 4 August 2030, 22:00 – 5 August 2030, 06:00 (America/New_York, UTC-04:00)" in _text(
        client.get(page).content.decode()
    )


def test_a_signed_in_user_chooses_a_zone_kept_on_the_account_and_can_go_back_to_the_browsers(client):
    user = UserFactory()
    client.force_login(user)

    client.post(reverse("accounts:time_zone"), {"time_zone": "Europe/Paris"})
    user.refresh_from_db()
    assert user.time_zone == "Europe/Paris"

    client.post(reverse("accounts:time_zone"), {"time_zone": ""})
    user.refresh_from_db()
    assert user.time_zone == ""


@pytest.mark.parametrize("zone", ["Mars/Olympus", "../../etc/passwd", "x" * 300])
def test_a_made_up_zone_is_refused_with_a_message(client, zone):
    response = client.post(reverse("accounts:time_zone"), {"time_zone": zone, "next": "https://evil.example/"})

    assert response.status_code == 400
    assert "Select a valid choice." in response.content.decode()
    assert moments.VIEWER_ZONE_COOKIE not in response.cookies


def test_the_time_zone_page_never_sends_a_visitor_elsewhere(client):
    response = client.post(
        reverse("accounts:time_zone"), {"time_zone": "Europe/Paris", "next": "https://evil.example/"}
    )

    assert response["Location"] == reverse("accounts:time_zone")


def test_a_vietnamese_page_says_it_all_in_vietnamese(client, meeting):
    from tests.untranslated import english_left, html_text, untranslated_content

    AgendaItemFactory(meeting=meeting, title="Opening", starts_at=meeting.start, duration=30, room="Hall")
    client.cookies[moments.VIEWER_ZONE_COOKIE] = "Europe/Paris"

    text = html_text(client.get(f"/vi/meetings/{meeting.pk}/").content.decode())

    assert "giờ của anh/chị: 5 tháng 8, 2030, 04:00 – 12:00 (Europe/Paris, UTC+02:00)" in text
    assert "Lịch trình" in text
    assert english_left(text, content=untranslated_content()) == []
    choose = html_text(client.get("/vi/accounts/time-zone/").content.decode())
    assert english_left(choose, content=untranslated_content()) == []


def test_an_email_shows_the_recipients_chosen_zone_beside_the_venues(meeting):
    UserFactory(email="sok@mcs.gov.kh", time_zone="Europe/Paris")
    chosen = ParticipantFactory(delegation__meeting=meeting, status="confirmed", email="SOK@mcs.gov.kh")
    venue_only = ParticipantFactory(delegation__meeting=meeting, status="confirmed", email="dara@mcs.gov.kh")

    emails.enqueue_participant_confirmed(chosen)
    emails.enqueue_participant_confirmed(venue_only)
    send_pending()

    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {"SOK@mcs.gov.kh", "dara@mcs.gov.kh"}
    chosen_text = by_address["SOK@mcs.gov.kh"].body
    assert (
        "When: 5 August 2030, 09:00 – 17:00 (Asia/Phnom_Penh, UTC+07:00) · your time: 5 August 2030, 04:00 – 12:00 "
        "(Europe/Paris, UTC+02:00)"
    ) in chosen_text
    assert "your time: 5 August 2030, 04:00 – 12:00" in _text(by_address["SOK@mcs.gov.kh"].alternatives[0][0])
    venue_text = by_address["dara@mcs.gov.kh"].body
    assert "When: 5 August 2030, 09:00 – 17:00 (Asia/Phnom_Penh, UTC+07:00)\n" in venue_text
    assert "your time" not in venue_text
