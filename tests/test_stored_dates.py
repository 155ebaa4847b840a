"""Any date already stored, however absurd, leaves every feed, page and export answering (issue 21):
the validators now refuse such dates, but rows written before them (or by hand) must not take the
calendars down."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from tests.factories import DelegationFactory, MeetingFactory, ParticipantFactory

pytestmark = pytest.mark.django_db

EXTREMES = [dt.datetime(1, 1, 2, 1, tzinfo=dt.UTC), dt.datetime(9999, 12, 30, 1, tzinfo=dt.UTC)]


@pytest.mark.parametrize("start", EXTREMES, ids=["year 1", "year 9999"])
def test_every_feed_page_and_export_survives_a_stored_absurd_date(client, secretariat_user, start, viet_nam):
    meeting = MeetingFactory(start=start, end=start + dt.timedelta(hours=8), registration_deadline=None)
    MeetingFactory()  # and an ordinary one beside it
    ParticipantFactory(
        delegation=DelegationFactory(meeting=meeting, member_state=viet_nam), arrival=start, departure=start
    )
    public = [
        "/calendar/meetings.ics",
        f"/calendar/meetings/{meeting.pk}.ics",
        f"/calendar/accsm-{meeting.chairmanship.ordinal}.ics",
        "/api/v1/meetings/",
        f"/api/v1/meetings/{meeting.pk}/",
        "/api/v1/changes.atom",
        "/en/",
        "/vi/",
        f"/en/meetings/{meeting.pk}/",
    ]
    answers = {url: client.get(url).status_code for url in public}
    client.force_login(secretariat_user)
    staff = [
        "/en/secretariat/",
        "/en/secretariat/meetings/",
        f"/en/secretariat/meetings/{meeting.pk}/",
        f"/en/secretariat/meetings/{meeting.pk}/registrations/",
        f"/en/registrations/meetings/{meeting.pk}/arrivals/",
        f"/en/registrations/meetings/{meeting.pk}/arrivals.csv",
        "/en/audit/",
        "/api/v1/participants/",
    ]
    answers |= {url: client.get(url).status_code for url in staff}

    assert {url: status for url, status in answers.items() if status >= 500} == {}


@pytest.mark.parametrize("year", [1989, 2101, 9999])
def test_a_date_outside_the_years_is_refused_with_the_bounds(year):
    meeting = MeetingFactory.build(start=dt.datetime(year, 6, 1, tzinfo=dt.UTC))
    with pytest.raises(ValidationError, match="Enter a date between 1990 and 2100"):
        meeting._meta.get_field("start").run_validators(meeting.start)


def test_the_api_refuses_an_out_of_range_date_with_the_json_shape(client, secretariat_user):
    client.force_login(secretariat_user)
    meeting = MeetingFactory(status="draft")
    response = client.patch(
        f"/api/v1/meetings/{meeting.pk}/",
        {"start": "9999-01-01T09:00:00Z", "sequence": meeting.sequence},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "1990 and 2100" in response.json()["message"]
