"""Every email the portal sends, to a recipient who reads Vietnamese: subject, plain text and HTML all in
Vietnamese (content without a Vietnamese version aside), and content with one shown in Vietnamese."""

import contextlib
import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from accounts.emails import enqueue_focal_point_invitation
from accounts.models import User
from meetings import emails
from meetings.models import Meeting, MemberState, Participant
from outbox.dispatcher import send_pending
from reminders.models import Reminder, RuleKind
from reminders.rules.base import NothingToSend
from reminders.services.email import render_reminder
from reminders.services.planner import plan_reminders
from tests.factories import ActionItemFactory, DocumentFactory, FocalPointInvitationFactory, ProcedureCountryFactory
from tests.untranslated import english_left, html_text, untranslated_content

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("load_demo", stdout=None)
    User.objects.update(preferred_language="vi")
    for participant in Participant.objects.all():
        participant.language, participant.email = "vi", f"participant{participant.pk}@example.org"
        participant.save(update_fields=["language", "email"])
    return Meeting.objects.get(title_en="23rd ACCSM Senior Officials Meeting (SOM 23)")


def english_in(subject: str, text: str, html: str) -> list[str]:
    content = untranslated_content()
    return [
        *english_left(subject, content=content),
        *english_left(text, content=content),
        *english_left(html_text(html), content=content),
    ]


def sent() -> list[tuple[str, str, str]]:
    return [(message.subject, message.body, message.alternatives[0][0]) for message in mail.outbox]


def test_meeting_and_registration_emails_are_all_vietnamese(demo):
    participant = Participant.objects.filter(delegation__meeting=demo, delegation__member_state__code="VN").first()
    emails.enqueue_participant_registered(participant)
    send_pending()
    Participant.objects.filter(pk=participant.pk).update(status=Participant.Status.CONFIRMED)
    emails.enqueue_participant_confirmed(participant)
    send_pending()
    # The cancellation reaches everyone concerned (meetings/notices.py), each in their own language: here all
    # of them read Vietnamese.
    User.objects.update(preferred_language="vi")
    Participant.objects.filter(delegation__meeting=demo).update(language="vi")
    from meetings.services import schedule

    secretariat = User.objects.filter(groups__name="Secretariat").first()
    schedule.meeting_cancel(actor=secretariat, meeting=demo, reason="Bão lớn")
    invitation = FocalPointInvitationFactory(
        token="t0k3n", member_state=MemberState.objects.get(code="VN"), language="vi"
    )
    enqueue_focal_point_invitation(invitation, "t0k3n")
    send_pending()

    assert len(mail.outbox) > 4
    assert {subject: english_in(subject, text, html) for subject, text, html in sent()} == {
        subject: [] for subject, _, _ in sent()
    }
    assert all(demo.title_vi in subject for subject, _, _ in sent()[:3])


def test_every_kind_of_reminder_is_all_vietnamese(demo):
    """The demo's meetings of December 2026 and its work plan 2021–2025 (then still running), with a draft."""
    DocumentFactory(meeting=demo, title="Draft report of SOM 23", title_vi="Dự thảo báo cáo SOM 23", status="draft")
    rendered = {}
    for moment in (dt.datetime(2025, 6, 1, tzinfo=dt.UTC), dt.datetime(2026, 11, 20, tzinfo=dt.UTC)):
        with time_machine.travel(moment, tick=False):
            if moment.year == 2026:  # Viet Nam's action item and written procedure, both due within days
                viet_nam = MemberState.objects.get(code="VN")
                ActionItemFactory(
                    agenda_item__meeting__title_vi="Hội nghị SOM 22",
                    description="Circulate the revised draft",
                    description_vi="Gửi dự thảo đã sửa",
                    owner_member_state=viet_nam,
                    due_date=dt.date(2026, 11, 25),
                )
                ProcedureCountryFactory(
                    procedure__title_vi="Dự thảo Tuyên bố ASEAN",
                    procedure__body_vi="Văn bản dự thảo tuyên bố.",
                    procedure__deadline=moment + dt.timedelta(days=2),
                    member_state=viet_nam,
                )
            plan_reminders()
            for reminder in Reminder.objects.select_related("rule").exclude(rule__kind__in=rendered):
                with contextlib.suppress(NothingToSend):  # a daily digest on a day without news
                    rendered.setdefault(reminder.rule.kind, render_reminder(reminder)[:3])

    assert sorted(rendered) == sorted(RuleKind.values)
    assert {kind: english_in(*email) for kind, email in rendered.items()} == {kind: [] for kind in rendered}


def test_an_email_shows_english_where_the_vietnamese_is_empty_never_nothing(demo):
    Meeting.objects.filter(pk=demo.pk).update(title_vi="")
    participant = Participant.objects.filter(delegation__meeting=demo, delegation__member_state__code="VN").first()

    emails.enqueue_participant_registered(participant)
    send_pending()

    [(subject, text, html)] = sent()
    assert subject == f"[ACCSM] Đã đăng ký: {demo.title_en}"
    assert demo.title_en in text and demo.title_en in html
