"""Issue 19, items 1–3: a meeting walked through every step of its life — what each step is allowed, what it
records, who is told (count, recipients, language, content, the .ics's SEQUENCE), what becomes of its
reminders and of its calendar feed."""

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from common.errors import DomainError
from documents.services import document_set_status
from meetings.models import Meeting, MeetingChange, MeetingNotice, MemberState, Participant
from meetings.notices import concerned_people, notify_change, people_without_email
from meetings.services import schedule
from outbox.dispatcher import send_pending
from outbox.models import OutboxEmail
from reminders.models import Reminder
from reminders.services.management import NotSendable, reminder_send_now
from reminders.services.planner import plan_reminders
from tests.factories import (
    DelegationFactory,
    DocumentFactory,
    DocumentVersionFactory,
    FocalPointFactory,
    MeetingFactory,
    MemberStateFactory,
    ParticipantFactory,
)

pytestmark = pytest.mark.django_db

HANOI = dt.timezone(dt.timedelta(hours=7))


def later(minutes: int = 11):
    """Past the coalescing window (10 minutes): the waiting messages are due."""
    return time_machine.travel(timezone.now() + dt.timedelta(minutes=minutes), tick=False)


def sent_now() -> dict:
    """Send what is due; the messages sent, by address (each address at most once)."""
    mail.outbox.clear()
    send_pending()
    addresses = [message.to[0] for message in mail.outbox]
    assert len(addresses) == len(set(addresses)), "someone was told twice"
    return {message.to[0]: message for message in mail.outbox}


def ics_of(message) -> Calendar:
    [(name, content, mimetype)] = message.attachments
    assert (name, mimetype) == ("meeting.ics", "text/calendar")
    return Calendar.from_ical(content)


def event_of(calendar: Calendar):
    [event] = calendar.walk("VEVENT")
    return event


def feed_event(client, meeting):
    response = client.get(f"/calendar/meetings/{meeting.pk}.ics")
    assert response.status_code == 200
    return event_of(Calendar.from_ical(response.content))


def actions(meeting) -> list[str]:
    return list(meeting.changes.order_by("pk").values_list("action", flat=True))


@pytest.fixture
def world(secretariat_user, viet_nam, thailand):
    """A published SOM in Hà Nội, 40 days ahead, with a Vietnamese and a Thai participant, Thailand's
    focal point (and one without an address), and the secretariat."""
    start = (
        (timezone.now() + dt.timedelta(days=40)).astimezone(HANOI).replace(hour=9, minute=0, second=0, microsecond=0)
    )
    meeting = MeetingFactory(
        title="SOM 27",
        title_vi="Hội nghị SOM 27",
        status="draft",
        start=start,
        end=start + dt.timedelta(hours=8),
        registration_deadline=start - dt.timedelta(days=10),
        venue="National Convention Center",
        venue_vi="Trung tâm Hội nghị Quốc gia",
    )
    FocalPointFactory(member_state=thailand, user__email="fp@ocsc.go.th", user__preferred_language="en")
    FocalPointFactory(member_state=thailand, user__email="", user__first_name="No", user__last_name="Address")
    # Observers are not invited to this meeting: their focal point is not concerned.
    FocalPointFactory(
        member_state=MemberStateFactory(code="OB", name="Observer", group=MemberState.Group.OBSERVER),
        user__email="fp@observer.example",
    )
    return {"meeting": meeting, "start": start}


def register(meeting, viet_nam, thailand):
    an = ParticipantFactory(
        delegation__meeting=meeting, delegation__member_state=viet_nam, email="an@moha.gov.vn", language="vi"
    )
    thai = DelegationFactory(meeting=meeting, member_state=thailand)
    som = ParticipantFactory(delegation=thai, email="som@ocsc.go.th", role="head")
    nomail = ParticipantFactory(delegation=thai, email="", full_name="Offline", honorific="Mr.")
    return an, som, nomail


EVERYONE = ["an@moha.gov.vn", "fp@ocsc.go.th", "secretariat@example.org", "som@ocsc.go.th"]


def test_a_meeting_walked_through_every_transition(world, secretariat_user, viet_nam, thailand, client):
    meeting = world["meeting"]
    start = world["start"]

    # draft → published: nobody is told (there is nobody yet), the feed has it at SEQUENCE 1.
    schedule.meeting_publish(actor=secretariat_user, meeting=meeting)
    assert OutboxEmail.objects.count() == 0
    assert feed_event(client, meeting)["SEQUENCE"] == 1

    # published → unpublished while nobody is registered: off the public schedule and feed; back again.
    schedule.meeting_unpublish(actor=secretariat_user, meeting=meeting, reason="Published a week too early")
    meeting.refresh_from_db()
    assert meeting.status == "unpublished"
    assert client.get(f"/calendar/meetings/{meeting.pk}.ics").status_code == 404
    assert meeting not in Meeting.objects.published()
    schedule.meeting_publish(actor=secretariat_user, meeting=meeting)
    assert OutboxEmail.objects.count() == 0

    _an, _som, _nomail = register(meeting, viet_nam, thailand)
    plan_reminders()
    approaching = Reminder.objects.filter(rule__kind="meeting_approaching", meeting=meeting)
    assert approaching.count() == 6  # 7 and 1 days before, to each of the three participants
    first_due = sorted(set(approaching.values_list("due_at", flat=True)))

    # Unpublishing is refused now: someone is registered. The message says what is allowed instead.
    with pytest.raises(DomainError) as refused:
        schedule.meeting_unpublish(actor=secretariat_user, meeting=meeting)
    assert "Someone is registered" in str(refused.value.message)

    # Two edits within the window (the venue, then the start): one message per person, saying both.
    meeting.refresh_from_db()
    schedule.meeting_update(
        actor=secretariat_user,
        meeting=meeting,
        data={"venue_en": "Melia Hotel", "venue_vi": "Khách sạn Melia"},
        sequence=meeting.sequence,
    )
    assert sent_now() == {}  # waiting for the window
    meeting.refresh_from_db()
    schedule.meeting_update(
        actor=secretariat_user,
        meeting=meeting,
        data={"start": start + dt.timedelta(days=1, hours=1), "end": start + dt.timedelta(days=1, hours=9)},
        sequence=meeting.sequence,
    )
    assert OutboxEmail.objects.filter(kind="meeting_changed").count() == 4
    with later():
        told = sent_now()
    assert sorted(told) == EVERYONE
    english, vietnamese = told["som@ocsc.go.th"], told["an@moha.gov.vn"]
    assert english.subject == "Changed: SOM 27"
    assert "Venue: National Convention Center → Melia Hotel" in english.body
    assert "Start: " in english.body and "09:00" in english.body and "10:00" in english.body
    assert vietnamese.subject == "Đã thay đổi: Hội nghị SOM 27"
    assert "Trung tâm Hội nghị Quốc gia → Khách sạn Melia" in vietnamese.body
    meeting.refresh_from_db()
    for message in told.values():
        event = event_of(ics_of(message))
        assert event["SEQUENCE"] == meeting.sequence == feed_event(client, meeting)["SEQUENCE"]
        assert str(event["UID"]) == str(feed_event(client, meeting)["UID"])
    # The moved start re-planned the reminders, each saying why.
    moved = Reminder.objects.filter(rule__kind="meeting_approaching", meeting=meeting, state="scheduled")
    assert moved.count() == 6 and set(moved.values_list("replanned_because", flat=True)) == {"moved"}

    # published → postponed (to later, provisional dates): told at once after the window, reminders re-planned.
    sequence_before = meeting.sequence
    new_start = start + dt.timedelta(days=15)
    schedule.meeting_postpone(
        actor=secretariat_user,
        meeting=meeting,
        start=new_start,
        end=new_start + dt.timedelta(hours=8),
        reason="The venue is being renovated",
    )
    meeting.refresh_from_db()
    assert meeting.status == "postponed"
    with later():
        told = sent_now()
    assert sorted(told) == EVERYONE
    assert "Postponed: The venue is being renovated" in told["som@ocsc.go.th"].body
    assert "Hoãn" in told["an@moha.gov.vn"].body or "hoãn" in told["an@moha.gov.vn"].body
    assert event_of(ics_of(told["som@ocsc.go.th"]))["SEQUENCE"] == meeting.sequence == sequence_before + 1
    scheduled = Reminder.objects.filter(rule__kind="meeting_approaching", meeting=meeting, state="scheduled")
    assert scheduled.count() == 6, "a postponed meeting's reminders are re-planned, not cancelled"
    assert min(scheduled.values_list("due_at", flat=True)) > max(first_due)
    assert set(scheduled.values_list("replanned_because", flat=True)) == {"postponed"}
    page = client_for(client, secretariat_user).get(reverse("reminders:meeting", args=[meeting.pk]))
    assert "The meeting was postponed." in page.content.decode()
    assert set(
        Reminder.objects.filter(meeting=meeting, state="cancelled", rule__kind="meeting_approaching").values_list(
            "reason", flat=True
        )
    ) == {"rescheduled"}

    # postponed → rescheduled (dates settled, a day later still): published again, told, reminders follow.
    settled = new_start + dt.timedelta(days=1)
    schedule.meeting_reschedule(
        actor=secretariat_user,
        meeting=meeting,
        start=settled,
        end=settled + dt.timedelta(hours=8),
        reason="The new venue is confirmed",
    )
    meeting.refresh_from_db()
    assert meeting.status == "published"
    with later():
        told = sent_now()
    assert sorted(told) == EVERYONE
    assert "Rescheduled: The new venue is confirmed" in told["som@ocsc.go.th"].body
    assert event_of(ics_of(told["fp@ocsc.go.th"]))["SEQUENCE"] == meeting.sequence
    scheduled = Reminder.objects.filter(rule__kind="meeting_approaching", meeting=meeting, state="scheduled")
    assert set(scheduled.values_list("replanned_because", flat=True)) == {"rescheduled"}

    # A paper released: told once, with the link.
    document = DocumentFactory(meeting=meeting, status="draft", title="Draft work plan 2026–2030")
    DocumentVersionFactory(document=document)
    document_set_status(actor=secretariat_user, document=document, status="circulated")
    with later():
        told = sent_now()
    assert sorted(told) == EVERYONE
    assert told["som@ocsc.go.th"].subject == "New paper: SOM 27"
    assert "Draft work plan 2026–2030" in told["som@ocsc.go.th"].body
    assert f"/documents/{document.pk}/" in told["som@ocsc.go.th"].body

    # published → cancelled: told at once (no window), reminders stop, the feed says CANCELLED.
    schedule.meeting_cancel(actor=secretariat_user, meeting=meeting, reason="Typhoon")
    meeting.refresh_from_db()
    told = sent_now()
    assert sorted(told) == EVERYONE
    assert told["som@ocsc.go.th"].subject == "Cancelled: SOM 27"
    assert told["an@moha.gov.vn"].subject == "Đã hủy: Hội nghị SOM 27"
    assert "Typhoon" in told["som@ocsc.go.th"].body
    cancelled_ics = event_of(ics_of(told["som@ocsc.go.th"]))
    assert (str(cancelled_ics["STATUS"]), cancelled_ics["SEQUENCE"]) == ("CANCELLED", meeting.sequence)
    feed = feed_event(client, meeting)
    assert (str(feed["STATUS"]), feed["SEQUENCE"]) == ("CANCELLED", meeting.sequence)
    assert not Reminder.objects.filter(meeting=meeting, state="scheduled").exists()
    assert set(
        Reminder.objects.filter(meeting=meeting, state="cancelled", updated_at__gte=meeting.updated_at).values_list(
            "reason", flat=True
        )
    ) == {"meeting_cancelled"}

    # Nothing more is allowed, and a refusal says so.
    with pytest.raises(schedule.InvalidTransition) as refused:
        schedule.meeting_publish(actor=secretariat_user, meeting=meeting)
    assert str(refused.value.message) == (
        "A meeting that is “cancelled” cannot take this step (publish). It can: nothing more."
    )

    # The change log has every step, each with its reason.
    assert actions(meeting) == [
        "published",
        "unpublished",
        "published",
        "venue_changed",
        "moved",
        "postponed",
        "rescheduled",
        "document_released",
        "cancelled",
    ]
    assert list(meeting.changes.exclude(reason="").order_by("pk").values_list("action", "reason")) == [
        ("unpublished", "Published a week too early"),
        ("postponed", "The venue is being renovated"),
        ("rescheduled", "The new venue is confirmed"),
        ("cancelled", "Typhoon"),
    ]
    # Once per person and change: 4 people × 6 changes told.
    assert MeetingNotice.objects.filter(change__meeting=meeting).count() == 4 * 6


def client_for(client, user):
    client.force_login(user)
    return client


def test_a_refused_step_answers_with_what_is_allowed(secretariat_user):
    published = MeetingFactory(status="published")
    with pytest.raises(schedule.InvalidTransition) as refused:
        schedule.meeting_reschedule(actor=secretariat_user, meeting=published, start=published.start, end=published.end)
    assert str(refused.value.message) == (
        "A meeting that is “published” cannot take this step (reschedule). "
        "It can: unpublish, postpone, mark as held, cancel meeting."
    )
    draft = MeetingFactory(status="draft")
    with pytest.raises(schedule.InvalidTransition) as refused:
        schedule.meeting_postpone(
            actor=secretariat_user,
            meeting=draft,
            start=draft.start + dt.timedelta(days=1),
            end=draft.end + dt.timedelta(days=1),
        )
    assert str(refused.value.message).endswith("It can: publish.")


@pytest.mark.parametrize(
    ("status", "offered"),
    [
        ("draft", ["publish"]),
        ("published", ["postpone", "cancel"]),  # unpublish: someone is registered; conclude: not started
        ("postponed", ["reschedule", "cancel"]),
        ("unpublished", ["publish"]),
        ("cancelled", []),
        ("concluded", []),
    ],
)
def test_the_meeting_page_offers_exactly_the_steps_the_table_allows(client, secretariat_user, status, offered):
    meeting = MeetingFactory(status=status, cancellation_reason="Flood" if status == "cancelled" else "")
    ParticipantFactory(delegation__meeting=meeting)
    page = client_for(client, secretariat_user).get(reverse("secretariat:meeting", args=[meeting.pk]))
    assert [t.name for t in page.context["transitions"]] == offered
    html = page.content.decode()
    for name in ("publish", "unpublish", "postpone", "reschedule", "conclude", "cancel"):
        assert (f'data-transition="{name}"' in html) == (name in offered)


def test_unpublish_is_offered_while_nobody_is_registered_and_publishing_again_works(client, secretariat_user):
    meeting = MeetingFactory(status="published")
    page = client_for(client, secretariat_user).get(reverse("secretariat:meeting", args=[meeting.pk]))
    assert [t.name for t in page.context["transitions"]] == ["unpublish", "postpone", "cancel"]
    response = client.post(
        reverse("secretariat:meeting_unpublish", args=[meeting.pk]), {"reason": "Too early", "sequence": 0}
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == "unpublished"
    client.post(reverse("secretariat:meeting_publish", args=[meeting.pk]))
    meeting.refresh_from_db()
    assert meeting.status == "published"


def test_a_typo_fix_can_be_saved_without_telling_anyone_and_the_form_says_who_would_be_told(
    client, secretariat_user, viet_nam, thailand
):
    meeting = MeetingFactory(status="published", venue="Nationl Convention Center")
    register(meeting, viet_nam, thailand)
    edit = client_for(client, secretariat_user).get(reverse("secretariat:meeting_edit", args=[meeting.pk]))
    told = edit.context["told"]
    assert sorted(person.email for person in told) == ["an@moha.gov.vn", "secretariat@example.org", "som@ocsc.go.th"]
    assert "3 people will be told by email" in edit.content.decode()

    schedule.meeting_update(
        actor=secretariat_user,
        meeting=meeting,
        data={"venue_en": "National Convention Center"},
        sequence=meeting.sequence,
        notify=False,
    )
    change = meeting.changes.get()
    assert change.silent
    assert OutboxEmail.objects.count() == 0
    page = client.get(reverse("secretariat:meeting", args=[meeting.pk]))
    assert "Nobody was notified (typo fix)." in page.content.decode()


def test_each_person_is_told_once_per_change_even_if_asked_again(secretariat_user, viet_nam, thailand):
    meeting = MeetingFactory(status="published")
    register(meeting, viet_nam, thailand)
    meeting.refresh_from_db()
    schedule.meeting_update(
        actor=secretariat_user, meeting=meeting, data={"venue_en": "Melia Hotel"}, sequence=meeting.sequence
    )
    change = meeting.changes.get()
    assert notify_change(change) == 0  # asked again: nobody new to tell
    assert OutboxEmail.objects.count() == 3
    with pytest.raises(IntegrityError), transaction.atomic():
        MeetingNotice.objects.create(change=change, email="som@ocsc.go.th")
    with later():
        assert len(sent_now()) == 3
    with later(30):
        assert sent_now() == {}


def test_a_change_that_concerns_nobody_but_the_draft_editor_tells_nobody(secretariat_user):
    draft = MeetingFactory(status="draft")
    schedule.meeting_update(actor=secretariat_user, meeting=draft, data={"venue_en": "Elsewhere"}, sequence=0)
    assert OutboxEmail.objects.count() == 0


def test_people_without_an_address_are_listed_on_the_meeting_page_at_a_constant_cost(
    client, secretariat_user, viet_nam, thailand, django_assert_num_queries
):
    meeting = MeetingFactory(status="published")
    ParticipantFactory(delegation__meeting=meeting, delegation__member_state=viet_nam, email="", full_name="Trần Văn A")
    FocalPointFactory(member_state=thailand, user__email="", user__first_name="Somchai", user__last_name="K.")
    assert [person.name for person in people_without_email(meeting)] == ["Ms. Trần Văn A", "Somchai K."]
    assert "Ms. Trần Văn A" not in [person.name for person in concerned_people(meeting)]
    client_for(client, secretariat_user)
    page = client.get(reverse("secretariat:meeting", args=[meeting.pk]))
    html = page.content.decode()
    assert "2 people concerned have no email address" in html and "Trần Văn A" in html

    def queries_with(more: int) -> int:
        for n in range(more):
            ParticipantFactory(delegation__meeting=meeting, email="", full_name=f"Offline {n}")
            FocalPointFactory(member_state=MemberStateFactory(), user__email="")
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("secretariat:meeting", args=[meeting.pk])).status_code == 200
        return len(queries)

    assert queries_with(1) == queries_with(6)


def test_a_meeting_moved_into_the_past_sends_no_reminders(secretariat_user, viet_nam, thailand):
    meeting = MeetingFactory(status="published")
    register(meeting, viet_nam, thailand)
    plan_reminders()
    assert Reminder.objects.filter(meeting=meeting, state="scheduled").exists()
    past = timezone.now() - dt.timedelta(days=3)
    meeting.refresh_from_db()
    schedule.meeting_update(
        actor=secretariat_user,
        meeting=meeting,
        data={"start": past, "end": past + dt.timedelta(hours=8), "registration_deadline": None},
        sequence=meeting.sequence,
    )
    assert not Reminder.objects.filter(meeting=meeting, state="scheduled").exists()
    reasons = set(Reminder.objects.filter(meeting=meeting).values_list("reason", flat=True))
    assert reasons <= {"meeting_passed", "not_needed"} and "meeting_passed" in reasons


def test_send_now_refuses_what_the_dispatcher_would_drop_instead_of_saying_queued(
    client, secretariat_user, viet_nam, thailand
):
    """The reported bug: "Send now" said "queued", then the dispatcher's re-check cancelled the reminder
    (its participant had withdrawn since the last planning run) and nothing went."""
    meeting = MeetingFactory(status="published")
    an, som, nomail = register(meeting, viet_nam, thailand)
    plan_reminders()
    reminder = Reminder.objects.filter(participant=som, rule__kind="meeting_approaching").first()
    Participant.objects.filter(pk=som.pk).update(status=Participant.Status.CANCELLED)  # planner not run since

    with pytest.raises(NotSendable) as refused:
        reminder_send_now(actor=secretariat_user, reminder=reminder)
    assert str(refused.value.message) == (
        "This reminder would not go out: No longer needed (the recipient or the situation changed)."
    )
    reminder.refresh_from_db()
    assert (reminder.state, reminder.requested_by) == ("scheduled", None)

    # The page says why instead of "queued".
    client_for(client, secretariat_user)
    response = client.post(reverse("reminders:send_now", args=[reminder.pk]), follow=True)
    html = response.content.decode()
    assert "This reminder would not go out" in html and "is queued" not in html

    # No address: refused too (the dispatcher would only fail it again).
    offline = Reminder.objects.filter(participant=nomail, rule__kind="meeting_approaching").first()
    with pytest.raises(NotSendable) as refused:
        reminder_send_now(actor=secretariat_user, reminder=offline)
    assert "no email address" in str(refused.value.message)

    # One that will go is queued, and the dispatcher sends it.
    from reminders.services.dispatcher import dispatch_due

    wanted = Reminder.objects.filter(participant=an, rule__kind="meeting_approaching").first()
    reminder_send_now(actor=secretariat_user, reminder=wanted)
    mail.outbox.clear()
    dispatch_due()
    wanted.refresh_from_db()
    assert wanted.state == "sent" and [m.to for m in mail.outbox] == [["an@moha.gov.vn"]]


def test_postponing_keeps_the_reminders_of_a_meeting_announced_to_everyone(secretariat_user, viet_nam, thailand):
    """The issue's report: postponing a published meeting cancelled all its reminders at the next run."""
    meeting = MeetingFactory(status="published")
    register(meeting, viet_nam, thailand)
    plan_reminders()
    before = Reminder.objects.filter(meeting=meeting, state="scheduled").count()
    assert before > 0
    meeting.refresh_from_db()
    schedule.meeting_postpone(
        actor=secretariat_user,
        meeting=meeting,
        start=meeting.start + dt.timedelta(days=1),
        end=meeting.end + dt.timedelta(days=1),
    )
    plan_reminders()  # the next periodic run changes nothing
    assert Reminder.objects.filter(meeting=meeting, state="scheduled").count() == before
    assert not Reminder.objects.filter(meeting=meeting, reason="meeting_not_active").exists()
    assert MeetingChange.objects.filter(meeting=meeting, action="postponed").count() == 1


def test_a_change_then_a_cancellation_within_the_window_go_as_one_message_at_once(secretariat_user, viet_nam, thailand):
    meeting = MeetingFactory(status="published", title="SOM 28", venue="Old Hall")
    register(meeting, viet_nam, thailand)
    meeting.refresh_from_db()
    schedule.meeting_update(
        actor=secretariat_user, meeting=meeting, data={"venue_en": "New Hall"}, sequence=meeting.sequence
    )
    assert sent_now() == {}  # the venue change waits for the window
    schedule.meeting_cancel(actor=secretariat_user, meeting=meeting, reason="Flood")
    told = sent_now()  # the cancellation does not wait, and takes the waiting change with it
    assert sorted(told) == ["an@moha.gov.vn", "secretariat@example.org", "som@ocsc.go.th"]
    body = told["som@ocsc.go.th"].body
    assert "Venue: Old Hall → New Hall" in body and "Cancelled: Flood" in body
    assert OutboxEmail.objects.filter(kind="meeting_changed").count() == 3
    assert MeetingNotice.objects.filter(change__meeting=meeting).count() == 6  # 3 people × 2 changes
    with later(30):
        assert sent_now() == {}


def test_a_paper_of_a_draft_meeting_or_for_the_secretariat_only_tells_nobody(secretariat_user):
    draft = MeetingFactory(status="draft")
    paper = DocumentFactory(meeting=draft, status="draft")
    DocumentVersionFactory(document=paper)
    document_set_status(actor=secretariat_user, document=paper, status="circulated")
    published = MeetingFactory(status="published")
    internal = DocumentFactory(meeting=published, status="draft", visibility="secretariat")
    DocumentVersionFactory(document=internal)
    document_set_status(actor=secretariat_user, document=internal, status="circulated")
    assert OutboxEmail.objects.count() == 0
    assert not MeetingChange.objects.filter(action="document_released").exists()
