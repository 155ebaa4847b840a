"""The secretariat's reminder pages: who sees them, what they show, send now, rules and pauses."""

import datetime as dt

import pytest
from django.core import mail

from reminders.models import Reminder, ReminderRule, RuleKind
from reminders.services.dispatcher import dispatch_due
from reminders.services.planner import plan_reminders
from tests.factories import MeetingFactory, ParticipantFactory, ReminderFactory

from .conftest import HANOI, at

pytestmark = pytest.mark.django_db

NOW = at(2025, 7, 1, 1)


@pytest.fixture
def meeting(db):
    return MeetingFactory(
        title="SOM 23", start=at(2025, 7, 8, 9, tz=HANOI), registration_deadline=at(2025, 7, 5, 17, tz=HANOI)
    )


@pytest.fixture
def reminder(meeting):
    participant = ParticipantFactory(
        delegation__meeting=meeting, full_name="Nguyễn Duy Thăng", email="thang@example.org"
    )
    return ReminderFactory(participant=participant, due_at=at(2025, 7, 1, 1), days_before=7)


@pytest.fixture
def staff(client, secretariat_user):
    client.force_login(secretariat_user)
    return client


def urls(meeting, reminder):
    return [
        "/en/secretariat/reminders/",
        "/en/secretariat/reminders/rules/meeting_approaching/",
        f"/en/secretariat/reminders/meetings/{meeting.pk}/",
    ]


def test_anonymous_visitor_is_sent_to_sign_in(client, meeting, reminder):
    for url in urls(meeting, reminder):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/en/accounts/login/")


def test_focal_point_cannot_see_or_use_the_reminder_pages(client, focal_point_vn, meeting, reminder):
    client.force_login(focal_point_vn)
    for url in urls(meeting, reminder):
        assert client.get(url).status_code == 403
    assert client.post(f"/en/secretariat/reminders/{reminder.pk}/send-now/").status_code == 403
    assert client.post("/en/secretariat/reminders/rules/meeting_approaching/", {"is_paused": "on"}).status_code == 403
    assert Reminder.objects.get(pk=reminder.pk).send_after == reminder.send_after
    assert ReminderRule.objects.filter(is_paused=True).count() == 0


def test_meeting_page_shows_who_is_reminded_when_and_with_what_result(staff, meeting, reminder, clock):
    sent = ReminderFactory(
        participant=ParticipantFactory(delegation__meeting=meeting, full_name="Somchai K."),
        due_at=at(2025, 6, 30, 1),
        state="sent",
        sent_at=at(2025, 6, 30, 1, 1),
        email="somchai@example.org",
    )
    ReminderFactory(
        participant=ParticipantFactory(delegation__meeting=meeting, full_name="No Mail", email=""),
        due_at=at(2025, 7, 7, 1),
    )

    page = staff.get(f"/en/secretariat/reminders/meetings/{meeting.pk}/").content.decode()

    upcoming, past = page.split("<h2>Sent and past reminders</h2>")
    assert "Nguyễn Duy Thăng" in upcoming and "01/07/2025 08:00" in upcoming and "Scheduled" in upcoming
    assert "Somchai K." in past and "30/06/2025 08:01 → somchai@example.org" in past
    assert f'id="reminder-{sent.pk}"' in past
    assert "1 upcoming reminder has a recipient without an email address" in page
    assert "no email address" in upcoming


def test_send_now_queues_the_dispatcher_after_commit_and_sends_once(
    staff, reminder, clock, django_capture_on_commit_callbacks, secretariat_user
):
    reminder.due_at = reminder.send_after = at(2025, 7, 1, 1)
    clock.set(at(2025, 6, 28))

    with django_capture_on_commit_callbacks() as callbacks:
        response = staff.post(
            f"/en/secretariat/reminders/{reminder.pk}/send-now/", {"next": "/en/secretariat/reminders/"}
        )

    assert response.status_code == 302 and response["Location"] == "/en/secretariat/reminders/"
    assert len(callbacks) == 1  # dispatch_reminders.delay, once the transaction committed
    reminder.refresh_from_db()
    assert (reminder.state, reminder.send_after, reminder.requested_by) == (
        "scheduled",
        at(2025, 6, 28),
        secretariat_user,
    )
    dispatch_due()
    dispatch_due()
    assert [message.to for message in mail.outbox] == [["thang@example.org"]]
    assert (
        "sent on request of" in staff.get(f"/en/secretariat/reminders/meetings/{reminder.meeting_id}/").content.decode()
    )


def test_send_now_refuses_a_reminder_already_sent(staff, reminder):
    Reminder.objects.filter(pk=reminder.pk).update(state="sent", sent_at=NOW)

    response = staff.post(f"/en/secretariat/reminders/{reminder.pk}/send-now/", follow=True)

    assert "This reminder was already sent, is being sent, or was cancelled." in response.content.decode()
    assert Reminder.objects.get(pk=reminder.pk).state == "sent"


def test_send_now_does_not_follow_a_foreign_next_address(staff, reminder):
    response = staff.post(f"/en/secretariat/reminders/{reminder.pk}/send-now/", {"next": "https://evil.example/"})

    assert response["Location"] == f"/en/secretariat/reminders/meetings/{reminder.meeting_id}/"


def test_failed_reminder_is_listed_as_needing_attention_and_can_be_sent_again(staff, reminder):
    Reminder.objects.filter(pk=reminder.pk).update(
        state="failed", reason="permanent_error", last_error="SMTPDataError: 554"
    )

    page = staff.get("/en/secretariat/reminders/").content.decode()

    attention = page.split("<h2>Needs attention</h2>")[1].split("<h2>Meetings</h2>")[0]
    assert "Nguyễn Duy Thăng" in attention and "The mail server refused the message." in attention
    assert "Send again" in attention


def test_rule_form_keeps_the_input_and_names_the_field_on_error(staff):
    response = staff.post(
        "/en/secretariat/reminders/rules/registration_deadline/",
        {"days_before": "7, soon", "send_time": "09:30", "is_paused": "on"},
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert 'value="7, soon"' in page and 'value="09:30"' in page
    assert "Enter whole numbers of days between 1 and 365, separated by commas." in page.split('id="id_days_before"')[1]
    assert ReminderRule.objects.get(kind=RuleKind.REGISTRATION_DEADLINE).is_paused is False


def test_changing_a_rules_offsets_replans_at_once(staff, meeting, clock):
    ParticipantFactory(delegation__meeting=meeting)
    clock.set(at(2025, 6, 1))

    response = staff.post(
        "/en/secretariat/reminders/rules/meeting_approaching/", {"days_before": "14, 2", "send_time": "07:00"}
    )

    assert response.status_code == 302
    rule = ReminderRule.objects.get(kind=RuleKind.MEETING_APPROACHING)
    assert (rule.days_before, rule.send_time) == ([14, 2], dt.time(7))
    assert set(Reminder.objects.filter(rule=rule).values_list("due_at", flat=True)) == {
        at(2025, 6, 24, 7, tz=HANOI),
        at(2025, 7, 6, 7, tz=HANOI),
    }


def test_pausing_a_rule_for_one_meeting_cancels_its_reminders(staff, meeting, clock):
    ParticipantFactory(delegation__meeting=meeting)
    clock.set(at(2025, 6, 1))
    plan_reminders()

    response = staff.post(
        f"/en/secretariat/reminders/meetings/{meeting.pk}/",
        {"rule": "meeting_approaching", "meeting_approaching-days_before": "", "meeting_approaching-is_paused": "on"},
    )

    assert response.status_code == 302
    states = set(Reminder.objects.filter(rule__kind=RuleKind.MEETING_APPROACHING).values_list("state", "reason"))
    assert states == {("cancelled", "paused_for_meeting")}


def test_meeting_offsets_form_shows_a_field_error_and_keeps_the_input(staff, meeting):
    response = staff.post(
        f"/en/secretariat/reminders/meetings/{meeting.pk}/",
        {"rule": "documents_due", "documents_due-days_before": "0"},
    )

    page = response.content.decode()
    form = page.split('id="settings-documents_due"')[1].split("</form>")[0]
    assert 'value="0"' in form
    assert "Enter whole numbers of days between 1 and 365, separated by commas." in form


def test_reminder_pages_read_in_vietnamese(staff, meeting, reminder):
    page = staff.get(f"/vi/secretariat/reminders/meetings/{meeting.pk}/").content.decode()

    assert "Lời nhắc sắp tới" in page and "Đã lên lịch" in page and "Gửi ngay" in page


# --- Query counts: one row or many, the same number of queries -------------------------------------


def make_meeting_with_reminders(count):
    meeting = MeetingFactory(start=at(2025, 7, 8, 9, tz=HANOI))
    for n in range(count):
        ReminderFactory(
            participant=ParticipantFactory(delegation__meeting=meeting),
            due_at=at(2025, 7, 1, 1) + dt.timedelta(minutes=n),
        )
    return meeting


@pytest.mark.parametrize("count", [1, 6])
def test_meeting_page_query_count_does_not_grow_with_reminders(staff, count, django_assert_num_queries, clock):
    clock.set(NOW)
    meeting = make_meeting_with_reminders(count)
    staff.get(f"/en/secretariat/reminders/meetings/{meeting.pk}/")  # rules created on first use

    with django_assert_num_queries(9):
        assert staff.get(f"/en/secretariat/reminders/meetings/{meeting.pk}/").status_code == 200


@pytest.mark.parametrize("count", [1, 4])
def test_index_query_count_does_not_grow_with_meetings_or_reminders(staff, count, django_assert_num_queries, clock):
    clock.set(NOW)
    for _ in range(count):
        meeting = make_meeting_with_reminders(count)
        Reminder.objects.filter(meeting=meeting).update(state="failed")
    staff.get("/en/secretariat/reminders/")

    with django_assert_num_queries(11):
        assert staff.get("/en/secretariat/reminders/").status_code == 200
