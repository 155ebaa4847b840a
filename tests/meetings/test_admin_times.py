"""The admin shows and takes a meeting's times in its venue's time zone, as the secretariat's pages do."""

import datetime as dt

import pytest

from meetings.models import Meeting
from tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db

HANOI = dt.timezone(dt.timedelta(hours=7))


def change_url(meeting) -> str:
    return f"/en/admin/meetings/meeting/{meeting.pk}/change/"


def test_the_change_form_shows_venue_times(admin_client):
    meeting = MeetingFactory(
        start=dt.datetime(2030, 8, 5, 9, 0, tzinfo=HANOI), end=dt.datetime(2030, 8, 5, 17, 0, tzinfo=HANOI)
    )

    response = admin_client.get(change_url(meeting))

    page = response.content.decode()
    assert 'name="start_1" value="09:00:00"' in page and 'name="end_1" value="17:00:00"' in page
    form = response.context["adminform"].form
    assert form.fields["start"].help_text == "In the venue's time zone (the “time zone” field)."


def test_times_typed_in_the_admin_are_venue_times_in_the_zone_posted(admin_client):
    meeting = MeetingFactory(
        start=dt.datetime(2030, 8, 5, 9, 0, tzinfo=HANOI), end=dt.datetime(2030, 8, 5, 17, 0, tzinfo=HANOI)
    )
    form = admin_client.get(change_url(meeting)).context["adminform"].form
    data = {name: form[name].value() for name in form.fields if form[name].value() not in (None, False)}
    data.update(
        time_zone="Asia/Bangkok",
        start_0="2030-08-05", start_1="10:00:00", end_0="2030-08-05", end_1="18:00:00",
        registration_deadline_0="2030-07-20", registration_deadline_1="17:00:00",
    )  # fmt: skip
    for prefix in ("agenda_items", "children"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})

    response = admin_client.post(change_url(meeting), data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    meeting = Meeting.objects.get(pk=meeting.pk)
    assert meeting.start == dt.datetime(2030, 8, 5, 3, 0, tzinfo=dt.UTC)  # 10:00 in Bangkok (UTC+7)
    assert meeting.local_start.hour == 10


def test_the_list_shows_venue_times(admin_client):
    MeetingFactory(
        title="SOM 30",
        start=dt.datetime(2030, 8, 5, 9, 0, tzinfo=HANOI),
        end=dt.datetime(2030, 8, 5, 17, 0, tzinfo=HANOI),
    )

    page = admin_client.get("/en/admin/meetings/meeting/").content.decode()

    assert "5 August 2030, 09:00 – 17:00 (Asia/Ho_Chi_Minh, UTC+07:00)" in page


def test_an_unknown_id_is_still_the_admins_own_answer(admin_client):
    assert admin_client.get("/en/admin/meetings/meeting/abc/change/").status_code == 302
