"""Each rule with frozen time: who gets which reminder, when, in which language."""

import datetime as dt

import pytest

from meetings.models import MeetingChange, MemberState, Participant
from reminders.models import Reminder, ReminderRule, RuleKind
from reminders.services.planner import ensure_default_rules
from tests.factories import (
    DelegationFactory,
    DocumentFactory,
    FocalPointFactory,
    InitiativeFactory,
    MeetingFactory,
    MeetingReminderSettingFactory,
    MemberStateFactory,
    ParticipantFactory,
    ProgressUpdateFactory,
    SecretariatUserFactory,
    UserFactory,
)

from .conftest import BRUNEI, HANOI, PHNOM_PENH, at, outbox_rows

pytestmark = pytest.mark.django_db


def alternatives_html(message) -> str:
    return next(content for content, mimetype in message.alternatives if mimetype == "text/html")


# --- Registration deadline ------------------------------------------------------------------------


@pytest.fixture
def som(db):
    """SOM 23 in Phnom Penh: deadline 10 June 17:00, meeting 20 June 09:00 (UTC+7)."""
    return MeetingFactory(
        title="SOM 23",
        title_vi="Hội nghị SOM 23",
        time_zone="Asia/Phnom_Penh",
        start=at(2025, 6, 20, 9, tz=PHNOM_PENH),
        end=at(2025, 6, 20, 17, tz=PHNOM_PENH),
        registration_deadline=at(2025, 6, 10, 17, tz=PHNOM_PENH),
        venue="Sokha Hotel",
        city="Phnom Penh",
    )


@pytest.fixture
def countries(viet_nam, thailand):
    indonesia = MemberStateFactory(code="ID", name="Indonesia")
    japan = MemberStateFactory(code="JP", name="Japan", group=MemberState.Group.PLUS_THREE)
    return {"VN": viet_nam, "TH": thailand, "ID": indonesia, "JP": japan}


@pytest.fixture
def focal_points(countries):
    def focal_point(code, language="en", **kwargs):
        return FocalPointFactory(
            member_state=countries[code],
            user__username=f"fp-{code.lower()}",
            user__first_name=f"Focal {code}",
            user__last_name="Point",
            user__preferred_language=language,
            **kwargs,
        ).user

    return {
        "VN": focal_point("VN", "vi"),
        "TH": focal_point("TH"),
        "ID": focal_point("ID"),
        "JP": focal_point("JP"),
    }


def test_registration_deadline_reminds_focal_points_of_countries_without_a_head(
    som, countries, focal_points, plan_at, dispatch_at
):
    DelegationFactory(meeting=som, member_state=countries["TH"])  # registered, but no head of delegation
    head = ParticipantFactory(delegation__meeting=som, delegation__member_state=countries["ID"], role="head")
    assert head.status == Participant.Status.REGISTERED
    FocalPointFactory(member_state=countries["VN"], is_active=False)  # a former focal point: never reminded

    plan_at(at(2025, 5, 1))

    seven_days, one_day = at(2025, 6, 3, 8, tz=PHNOM_PENH), at(2025, 6, 9, 8, tz=PHNOM_PENH)
    vn, th = f"user:{focal_points['VN'].pk}", f"user:{focal_points['TH'].pk}"
    assert outbox_rows(rule__kind=RuleKind.REGISTRATION_DEADLINE) == sorted(
        [
            (vn, seven_days, "scheduled"),
            (th, seven_days, "scheduled"),
            (vn, one_day, "scheduled"),
            (th, one_day, "scheduled"),
        ],
        key=lambda row: (row[1], row[0]),
    )

    assert dispatch_at(seven_days - dt.timedelta(minutes=1)) == []
    sent = dispatch_at(seven_days)
    by_recipient = {message.to[0]: message for message in sent}
    assert sorted(by_recipient) == ["fp-th@example.org", "fp-vn@example.org"]

    english = by_recipient["fp-th@example.org"]
    assert english.subject == "Registration for SOM 23 closes on 10 June 2025"
    assert "Registration for SOM 23 closes on 10 June 2025, 17:00 (Asia/Phnom_Penh time)." in english.body
    assert "The delegation of Thailand has no head of delegation yet." in english.body
    assert "Dear Focal TH Point," in english.body
    assert "Sokha Hotel, Phnom Penh" in alternatives_html(english)

    vietnamese = by_recipient["fp-vn@example.org"]
    assert vietnamese.subject == "Hạn đăng ký tham dự Hội nghị SOM 23 là ngày 10 tháng 6, 2025"
    assert "10 tháng 6, 2025, 17:00" in vietnamese.body
    assert "Việt Nam chưa đăng ký đoàn." in vietnamese.body
    assert f"http://127.0.0.1:8000/vi/my/meetings/{som.pk}/" in vietnamese.body

    assert dispatch_at(seven_days + dt.timedelta(minutes=5)) == []  # a second run sends nothing again


def test_registration_reminder_stops_once_the_country_registers_its_head(
    som, countries, focal_points, plan_at, dispatch_at
):
    plan_at(at(2025, 5, 1))
    one_day = at(2025, 6, 9, 8, tz=PHNOM_PENH)
    # Thailand registers its head two hours before the 1-day reminder; the planner has not run since.
    ParticipantFactory(delegation__meeting=som, delegation__member_state=countries["TH"], role="head")

    sent = dispatch_at(one_day)

    assert sorted(message.to[0] for message in sent) == ["fp-id@example.org", "fp-vn@example.org"]
    thai = Reminder.objects.get(recipient_key=f"user:{focal_points['TH'].pk}", due_at=one_day)
    assert (thai.state, thai.reason) == ("cancelled", "not_needed")


def test_registration_reminders_wait_for_registration_to_open(som, focal_points, plan_at):
    som.registration_opens = at(2025, 6, 5, tz=PHNOM_PENH)
    som.save()

    plan_at(at(2025, 5, 1))

    due = set(Reminder.objects.filter(rule__kind=RuleKind.REGISTRATION_DEADLINE).values_list("due_at", flat=True))
    assert due == {at(2025, 6, 9, 8, tz=PHNOM_PENH)}


def test_meeting_without_deadline_gets_no_registration_reminder_and_is_reported(
    som, focal_points, plan_at, caplog, client, secretariat_user
):
    som.registration_deadline = None
    som.save()

    with caplog.at_level("INFO", logger="reminders.services.planner"):
        summary = plan_at(at(2025, 5, 1))

    assert Reminder.objects.filter(rule__kind=RuleKind.REGISTRATION_DEADLINE).count() == 0
    assert summary.meetings_without_deadline == [som.pk]
    assert f"meetings without a deadline: [{som.pk}]" in caplog.text
    client.force_login(secretariat_user)
    page = client.get(f"/en/secretariat/reminders/meetings/{som.pk}/").content.decode()
    assert "This meeting has no registration deadline" in page


# --- Meeting approaching --------------------------------------------------------------------------


@pytest.fixture
def hcs(db, viet_nam, thailand):
    """HCS in Bandar Seri Begawan, 5 August 2025 09:00–17:00 (UTC+8)."""
    return MeetingFactory(
        title="HCS 22",
        title_vi="Hội nghị Người đứng đầu cơ quan công vụ 22",
        time_zone="Asia/Brunei",
        start=at(2025, 8, 5, 9, tz=BRUNEI),
        end=at(2025, 8, 5, 17, tz=BRUNEI),
        registration_deadline=at(2025, 7, 20, tz=BRUNEI),
        venue="International Convention Centre",
        city="Bandar Seri Begawan",
        sequence=3,
    )


@pytest.fixture
def hcs_participants(hcs, viet_nam, thailand):
    vn = DelegationFactory(meeting=hcs, member_state=viet_nam)
    th = DelegationFactory(meeting=hcs, member_state=thailand)
    return {
        "registered": ParticipantFactory(delegation=th, full_name="Somchai K.", email="somchai@example.org"),
        "confirmed": ParticipantFactory(
            delegation=vn, full_name="Nguyễn Duy Thăng", email="thang@example.org", language="vi", status="confirmed"
        ),
        "withdrawn": ParticipantFactory(delegation=vn, status="cancelled"),
        "waitlisted": ParticipantFactory(delegation=vn, status="waitlisted"),
        "declined": ParticipantFactory(delegation=th, status="declined"),
    }


def test_meeting_approaching_reaches_registered_and_confirmed_participants_with_the_calendar_entry(
    hcs, hcs_participants, plan_at, dispatch_at
):
    plan_at(at(2025, 7, 1))
    seven_days, one_day = at(2025, 7, 29, 8, tz=BRUNEI), at(2025, 8, 4, 8, tz=BRUNEI)
    registered, confirmed = hcs_participants["registered"], hcs_participants["confirmed"]
    assert set(
        Reminder.objects.filter(rule__kind=RuleKind.MEETING_APPROACHING).values_list("participant_id", "due_at")
    ) == {(registered.pk, seven_days), (confirmed.pk, seven_days), (registered.pk, one_day), (confirmed.pk, one_day)}

    sent = {message.to[0]: message for message in dispatch_at(seven_days)}

    assert sorted(sent) == ["somchai@example.org", "thang@example.org"]
    english = sent["somchai@example.org"]
    assert english.subject == "Reminder: HCS 22 on 5 August 2025"
    assert "When: 5 August 2025, 09:00 – 17:00 (Asia/Brunei, UTC+08:00)" in english.body
    assert "Where: International Convention Centre, Bandar Seri Begawan" in english.body
    assert "Online:" not in english.body
    [(name, ics, mimetype)] = english.attachments
    assert (name, mimetype) == ("meeting.ics", "text/calendar")
    assert "DTSTART;TZID=Asia/Brunei:20250805T090000" in ics
    assert f"UID:accsm-meeting-{hcs.pk}@" in ics
    assert "SEQUENCE:3" in ics
    assert "SUMMARY:HCS 22" in ics

    vietnamese = sent["thang@example.org"]
    assert vietnamese.subject == "Nhắc lịch: Hội nghị Người đứng đầu cơ quan công vụ 22 ngày 5 tháng 8, 2025"
    assert "Thời gian: 5 tháng 8, 2025, 09:00 – 17:00 (Asia/Brunei, UTC+08:00)" in vietnamese.body
    assert "SUMMARY:Hội nghị Người đứng đầu cơ quan công vụ 22" in vietnamese.attachments[0][1]
    assert "Kính gửi Nguyễn Duy Thăng," in vietnamese.body


def test_online_meeting_reminder_carries_the_link(hcs, hcs_participants, plan_at, dispatch_at):
    hcs.format = "virtual"
    hcs.online_link = "https://meet.example.org/hcs22"
    hcs.save()
    plan_at(at(2025, 7, 1))

    sent = dispatch_at(at(2025, 7, 29, 8, tz=BRUNEI))

    assert {"Online: https://meet.example.org/hcs22" in m.body for m in sent if m.to == ["somchai@example.org"]} == {
        True
    }
    assert 'href="https://meet.example.org/hcs22"' in alternatives_html(sent[0])
    assert "https://meet.example.org/hcs22" in sent[0].attachments[0][1]


def test_moved_meeting_reschedules_its_reminders(hcs, hcs_participants, plan_at, dispatch_at):
    plan_at(at(2025, 7, 1))
    hcs.start, hcs.end = at(2025, 8, 12, 9, tz=BRUNEI), at(2025, 8, 12, 17, tz=BRUNEI)
    hcs.save()

    plan_at(at(2025, 7, 2))

    old = Reminder.objects.filter(rule__kind=RuleKind.MEETING_APPROACHING, due_at=at(2025, 7, 29, 8, tz=BRUNEI))
    assert set(old.values_list("state", "reason")) == {("cancelled", "rescheduled")}
    assert dispatch_at(at(2025, 7, 29, 8, tz=BRUNEI)) == []
    assert len(dispatch_at(at(2025, 8, 5, 8, tz=BRUNEI))) == 2


def test_moved_meeting_sends_nothing_at_the_old_moment_even_before_the_planner_runs(
    hcs, hcs_participants, plan_at, dispatch_at
):
    plan_at(at(2025, 7, 1))
    hcs.start, hcs.end = at(2025, 8, 12, 9, tz=BRUNEI), at(2025, 8, 12, 17, tz=BRUNEI)
    hcs.save()

    assert dispatch_at(at(2025, 7, 29, 8, tz=BRUNEI)) == []
    assert set(Reminder.objects.filter(state="cancelled").values_list("reason", flat=True)) == {"rescheduled"}


def test_a_meeting_moved_to_have_started_an_hour_ago_gets_no_approaching_reminder(
    hcs, hcs_participants, plan_at, dispatch_at
):
    """Issue 18: moved to an hour ago, re-planned inside the grace period, 20 reminders went out."""
    now = at(2025, 7, 30, 12, tz=BRUNEI)
    hcs.start, hcs.end = now - dt.timedelta(hours=1), now + dt.timedelta(hours=7)
    hcs.save()

    plan_at(now)
    assert not Reminder.objects.filter(rule__kind=RuleKind.MEETING_APPROACHING, state="scheduled").exists()
    assert [m for m in dispatch_at(now) if "Reminder:" in m.subject] == []


def test_a_reminder_due_before_the_start_but_sent_after_it_is_overdue(hcs, hcs_participants, plan_at, dispatch_at):
    plan_at(at(2025, 7, 1))
    one_day_before = at(2025, 8, 4, 8, tz=BRUNEI)
    assert Reminder.objects.filter(due_at=one_day_before, state="scheduled").count() == 2

    # The worker was away until after the opening (still inside the grace period of its due moment).
    late = dispatch_at(at(2025, 8, 5, 10, tz=BRUNEI))

    assert late == []
    assert set(Reminder.objects.filter(due_at=one_day_before).values_list("state", "reason")) == {
        ("cancelled", "overdue")
    }


def test_a_registration_reminder_after_the_deadline_is_overdue(som, focal_points, plan_at, dispatch_at):
    plan_at(at(2025, 6, 1))
    last = Reminder.objects.filter(rule__kind=RuleKind.REGISTRATION_DEADLINE).order_by("due_at").last()
    after_deadline = at(2025, 6, 10, 18, tz=PHNOM_PENH)
    assert last.due_at < som.registration_deadline < after_deadline < last.due_at + dt.timedelta(hours=48)

    assert dispatch_at(after_deadline) == []  # the worker was away; "register by 17:00" would be a lie now
    last.refresh_from_db()
    assert (last.state, last.reason) == ("cancelled", "overdue")


def test_cancelled_meeting_sends_no_reminder(hcs, hcs_participants, plan_at, dispatch_at):
    plan_at(at(2025, 7, 1))
    hcs.status, hcs.cancellation_reason = "cancelled", "Typhoon"
    hcs.save()
    plan_at(at(2025, 7, 2))

    assert set(Reminder.objects.values_list("state", "reason")) == {("cancelled", "meeting_cancelled")}
    assert dispatch_at(at(2025, 7, 29, 8, tz=BRUNEI)) == []


def test_withdrawn_participant_gets_no_reminder(hcs, hcs_participants, plan_at, dispatch_at):
    plan_at(at(2025, 7, 1))
    registered = hcs_participants["registered"]
    registered.status = Participant.Status.CANCELLED
    registered.save()

    sent = dispatch_at(at(2025, 7, 29, 8, tz=BRUNEI))

    assert [message.to for message in sent] == [["thang@example.org"]]
    assert Reminder.objects.get(participant=registered, due_at=at(2025, 7, 29, 8, tz=BRUNEI)).reason == "not_needed"
    plan_at(at(2025, 7, 30))
    assert Reminder.objects.get(participant=registered, due_at=at(2025, 8, 4, 8, tz=BRUNEI)).state == "cancelled"


# --- Documents due --------------------------------------------------------------------------------


@pytest.fixture
def secretariat(db):
    return {
        "en": SecretariatUserFactory(username="sec-en", email="sec-en@example.org"),
        "vi": SecretariatUserFactory(username="sec-vi", email="sec-vi@example.org", preferred_language="vi"),
    }


def test_documents_due_reminds_the_secretariat_of_draft_documents(som, secretariat, focal_points, plan_at, dispatch_at):
    DocumentFactory(meeting=som, title="Draft report of SOM 23", title_vi="Dự thảo báo cáo SOM 23", status="draft")
    DocumentFactory(meeting=som, title="Provisional agenda", status="circulated")
    UserFactory(username="root", is_superuser=True, email="root@example.org")  # not in the secretariat
    plan_at(at(2025, 5, 1))
    five_days = at(2025, 6, 15, 8, tz=PHNOM_PENH)

    assert set(Reminder.objects.filter(rule__kind=RuleKind.DOCUMENTS_DUE).values_list("user__username", "due_at")) == {
        ("sec-en", five_days),
        ("sec-vi", five_days),
    }
    sent = {message.to[0]: message for message in dispatch_at(five_days)}

    assert sorted(sent) == ["sec-en@example.org", "sec-vi@example.org"]
    english = sent["sec-en@example.org"]
    assert english.subject == "1 draft document for SOM 23 is due"
    draft = som.documents.get(status="draft")
    assert f"- Draft report of SOM 23 (Report, English): http://127.0.0.1:8000/en/documents/{draft.pk}/" in english.body
    assert "Provisional agenda" not in english.body
    assert "SOM 23 starts on 20 June 2025." in english.body
    assert sent["sec-vi@example.org"].subject == "1 tài liệu dự thảo của Hội nghị SOM 23 đến hạn"
    assert "- Dự thảo báo cáo SOM 23" in sent["sec-vi@example.org"].body


def test_documents_due_is_dropped_when_the_drafts_were_finalised(som, secretariat, plan_at, dispatch_at):
    draft = DocumentFactory(meeting=som, status="draft")
    plan_at(at(2025, 5, 1))
    draft.status = "circulated"
    draft.save()

    assert dispatch_at(at(2025, 6, 15, 8, tz=PHNOM_PENH)) == []
    documents_due = Reminder.objects.filter(rule__kind=RuleKind.DOCUMENTS_DUE)
    assert set(documents_due.values_list("state", "reason")) == {("cancelled", "not_needed")}


# --- Work plan progress ---------------------------------------------------------------------------


@pytest.fixture
def initiative(viet_nam):
    initiative = InitiativeFactory(
        title="Digital civil service", title_vi="Nền công vụ số", lead=viet_nam, status="ongoing"
    )
    ProgressUpdateFactory(initiative=initiative, date=dt.date(2025, 3, 1), percent_complete=40)
    return initiative


def test_workplan_progress_reminds_the_lead_countrys_focal_points_after_90_days(
    initiative, focal_points, plan_at, dispatch_at
):
    plan_at(at(2025, 4, 1))
    due = at(2025, 5, 30, 8, tz=HANOI)  # 1 March + 90 days, 08:00 in the secretariat's time zone

    assert outbox_rows(rule__kind=RuleKind.WORKPLAN_PROGRESS) == [(f"user:{focal_points['VN'].pk}", due, "scheduled")]
    [message] = dispatch_at(due)

    assert message.to == ["fp-vn@example.org"]
    assert message.subject == "Đến hạn cập nhật tiến độ: Nền công vụ số"
    assert "Bản cập nhật tiến độ gần nhất của sáng kiến “Nền công vụ số” là ngày 1 tháng 3, 2025." in message.body
    assert "90 ngày" in message.body
    assert f"http://127.0.0.1:8000/vi/workplan/initiatives/{initiative.pk}/progress/" in message.body


def test_workplan_reminder_moves_when_a_progress_update_arrives(initiative, focal_points, plan_at, dispatch_at):
    plan_at(at(2025, 4, 1))
    ProgressUpdateFactory(initiative=initiative, date=dt.date(2025, 5, 20), percent_complete=60)
    plan_at(at(2025, 5, 21))

    assert outbox_rows(rule__kind=RuleKind.WORKPLAN_PROGRESS) == [
        (f"user:{focal_points['VN'].pk}", at(2025, 5, 30, 8, tz=HANOI), "cancelled"),
        (f"user:{focal_points['VN'].pk}", at(2025, 8, 18, 8, tz=HANOI), "scheduled"),
    ]
    assert dispatch_at(at(2025, 5, 30, 8, tz=HANOI)) == []


def test_workplan_reminder_for_a_long_silent_initiative_comes_at_the_next_interval(viet_nam, focal_points, plan_at):
    silent = InitiativeFactory(lead=viet_nam, status="approved")
    ProgressUpdateFactory(initiative=silent, date=dt.date(2024, 10, 1))
    InitiativeFactory(lead=viet_nam, status="completed")  # finished: never reminded

    plan_at(at(2025, 4, 19))  # 200 days after the last update

    assert list(Reminder.objects.values_list("initiative_id", "due_at")) == [
        (silent.pk, at(2025, 6, 28, 8, tz=HANOI))  # 270 days after
    ]


# --- Daily digest ---------------------------------------------------------------------------------


def test_daily_digest_tells_the_secretariat_what_changed(som, secretariat, clock, plan_at, dispatch_at):
    clock.set(at(2025, 5, 31, 12))
    MeetingChange.objects.create(meeting=som, action="moved", reason="Venue availability")
    plan_at(at(2025, 6, 1))

    morning = at(2025, 6, 1, 8, tz=HANOI)
    assert set(Reminder.objects.filter(rule__kind=RuleKind.DAILY_DIGEST).values_list("user__username", "due_at")) == {
        ("sec-en", morning),
        ("sec-vi", morning),
        ("sec-en", morning + dt.timedelta(days=1)),
        ("sec-vi", morning + dt.timedelta(days=1)),
    }
    sent = {message.to[0]: message for message in dispatch_at(morning)}

    english = sent["sec-en@example.org"]
    assert english.subject == "ACCSM daily digest, 1 June 2025"
    assert "- SOM 23: Moved (Venue availability)" in english.body
    assert sent["sec-vi@example.org"].subject == "Bản tin hằng ngày ACCSM, 1 tháng 6, 2025"

    # The next morning nothing changed and nothing is close: no email, and the page says why.
    plan_at(morning + dt.timedelta(hours=1))
    assert dispatch_at(morning + dt.timedelta(days=1)) == []
    assert set(Reminder.objects.filter(due_at=morning + dt.timedelta(days=1)).values_list("state", "reason")) == {
        ("cancelled", "nothing_to_report")
    }


# --- Offsets per meeting, pauses ------------------------------------------------------------------


def test_a_meetings_own_offsets_replace_the_rules(hcs, hcs_participants, plan_at):
    rule = ensure_default_rules()[1]
    assert rule.kind == RuleKind.MEETING_APPROACHING
    MeetingReminderSettingFactory(meeting=hcs, rule=rule, days_before=[3])
    other = MeetingFactory(start=at(2025, 9, 1, 9, tz=BRUNEI), time_zone="Asia/Brunei")
    ParticipantFactory(delegation__meeting=other)

    plan_at(at(2025, 7, 1))

    assert set(Reminder.objects.filter(rule=rule).values_list("meeting_id", "days_before").distinct()) == {
        (hcs.pk, 3),
        (other.pk, 7),
        (other.pk, 1),
    }
    assert set(Reminder.objects.filter(meeting=hcs).values_list("due_at", flat=True)) == {at(2025, 8, 2, 8, tz=BRUNEI)}


def test_paused_rule_sends_nothing_and_resumes_where_it_stopped(hcs, hcs_participants, plan_at, dispatch_at):
    plan_at(at(2025, 7, 1))
    ReminderRule.objects.filter(kind=RuleKind.MEETING_APPROACHING).update(is_paused=True)
    plan_at(at(2025, 7, 2))
    assert set(Reminder.objects.values_list("state", "reason")) == {("cancelled", "rule_paused")}
    assert dispatch_at(at(2025, 7, 29, 8, tz=BRUNEI)) == []

    ReminderRule.objects.filter(kind=RuleKind.MEETING_APPROACHING).update(is_paused=False)
    plan_at(at(2025, 7, 30))

    assert Reminder.objects.filter(state="scheduled").count() == 4  # the 7-day ones are a day late, still in time
    assert len(dispatch_at(at(2025, 7, 30, 0, 5))) == 2


def test_rule_paused_for_one_meeting_only(hcs, hcs_participants, plan_at, dispatch_at):
    rule = ReminderRule.objects.get_or_create(kind=RuleKind.MEETING_APPROACHING, defaults={"days_before": [7, 1]})[0]
    MeetingReminderSettingFactory(meeting=hcs, rule=rule, is_paused=True)
    other = MeetingFactory(start=at(2025, 8, 5, 9, tz=BRUNEI), time_zone="Asia/Brunei")
    ParticipantFactory(delegation__meeting=other, email="other@example.org")

    plan_at(at(2025, 7, 1))

    assert [message.to for message in dispatch_at(at(2025, 7, 29, 8, tz=BRUNEI))] == [["other@example.org"]]
