"""The public meeting page: when the meeting takes place, and when it was to take place before a postponement."""

import datetime as dt
import re

import pytest

from meetings.services import schedule
from tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db

HANOI = dt.timezone(dt.timedelta(hours=7))


def when(client, meeting, lang="en") -> str:
    response = client.get(f"/{lang}/meetings/{meeting.pk}/")
    assert response.status_code == 200
    facts = response.content.decode()
    facts = facts[facts.index('<dl class="facts">') : facts.index("</dl>")]
    # The text a reader sees, struck-through parts kept as <del>.
    return re.sub(r"<(?!/?del>)[^>]+>", "", facts)


def test_a_one_day_meeting_shows_its_date_once(client):
    meeting = MeetingFactory(
        start=dt.datetime(2030, 8, 5, 9, 0, tzinfo=HANOI), end=dt.datetime(2030, 8, 5, 17, 0, tzinfo=HANOI)
    )

    assert "5 August 2030, 09:00 – 17:00 (Asia/Ho_Chi_Minh, UTC+07:00)" in when(client, meeting)
    assert "5 tháng 8, 2030, 09:00 – 17:00" in when(client, meeting, "vi")


def test_a_meeting_over_several_days_shows_both_dates(client):
    meeting = MeetingFactory(
        start=dt.datetime(2030, 8, 5, 9, 0, tzinfo=HANOI), end=dt.datetime(2030, 8, 7, 12, 30, tzinfo=HANOI)
    )

    assert "5 August 2030, 09:00 – 7 August 2030, 12:30" in when(client, meeting)


def test_a_postponed_meeting_shows_the_dates_it_was_moved_from(client, secretariat_user):
    meeting = MeetingFactory(
        start=dt.datetime(2030, 8, 5, 9, 0, tzinfo=HANOI),
        end=dt.datetime(2030, 8, 5, 17, 0, tzinfo=HANOI),
        registration_deadline=dt.datetime(2030, 7, 20, tzinfo=HANOI),
    )
    schedule.meeting_postpone(
        actor=secretariat_user,
        meeting=meeting,
        start=dt.datetime(2030, 10, 1, 9, 0, tzinfo=HANOI),
        end=dt.datetime(2030, 10, 2, 17, 0, tzinfo=HANOI),
        reason="The host venue is being renovated.",
    )

    english = when(client, meeting)
    assert "1 October 2030, 09:00 – 2 October 2030, 17:00" in english
    assert "Postponed from" in english
    assert "<del>5 August 2030, 09:00 – 17:00 (Asia/Ho_Chi_Minh, UTC+07:00)</del>" in english
    assert "The host venue is being renovated." in english
    vietnamese = when(client, meeting, "vi")
    assert (
        "Thời gian trước khi hoãn" in vietnamese
        and "<del>5 tháng 8, 2030, 09:00 – 17:00 (Asia/Ho_Chi_Minh, UTC+07:00)</del>" in vietnamese
    )


def test_a_published_meeting_shows_no_postponement(client):
    meeting = MeetingFactory()

    assert "Postponed from" not in when(client, meeting)
