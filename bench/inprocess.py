"""Measurements taken inside this process, without HTTP: the reminder dispatcher and the participants import.

Both run the portal's own code on the benchmark's database, on work the harness prepares first and removes
afterwards, so that every run measures the same thing. Celery messages go to an in-memory broker here:
the harness measures handing work over, not a queue that no worker reads.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import time
from collections.abc import Callable

from .endpoints import NotYet


@dataclasses.dataclass
class InProcess:
    key: str
    label: str
    run: Callable[[dict], dict]  # anchors -> {"seconds": float, "detail": str}; raises NotYet
    target: dict


def _quiet_broker() -> None:
    from accsm_portal.celery import app

    app.conf.broker_url = "memory://"
    app.conf.broker_transport_options = {}


# --- Participants import -------------------------------------------------------------------------------

IMPORT_ROWS = 1000
IMPORT_MEETING_TITLE = "Benchmark: participants import target"


def _import_meeting(anchors: dict):
    """An upcoming meeting, open for registration, whose Viet Nam delegation has room for the whole file.
    Created for the measurement and deleted after it, so the data set stays as built."""
    from django.utils import timezone

    from meetings.models import Delegation, Meeting, MemberState

    big = Meeting.objects.get(pk=anchors["big_meeting"])
    now = timezone.now()
    Meeting.objects.filter(title_en=IMPORT_MEETING_TITLE).delete()  # left over by an interrupted run
    meeting = Meeting.objects.create(
        chairmanship=big.chairmanship,
        kind=Meeting.Kind.WORKSHOP,
        title_en=IMPORT_MEETING_TITLE,
        title_vi="Thử tải: nhập danh sách đại biểu",
        start=now + dt.timedelta(days=40),
        end=now + dt.timedelta(days=41),
        registration_opens=now - dt.timedelta(days=1),
        registration_deadline=now + dt.timedelta(days=30),
        status=Meeting.Status.PUBLISHED,
    )
    Delegation.objects.create(
        meeting=meeting, member_state=MemberState.objects.get(code="VN"), extra_places=IMPORT_ROWS
    )
    return meeting


def _import_file(rows: int) -> bytes:
    from openpyxl import Workbook

    from registrations import participant_files

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Participants")
    sheet.append(participant_files.column_labels())
    labels = participant_files.column_labels()
    for number in range(1, rows + 1):
        values = {
            "full_name": f"Nguyễn Văn Thử {number}",
            "honorific": "Mr.",
            "position": "Expert",
            "organisation": "Ministry of Home Affairs",
            "email": f"import{number}@example.org",
            "phone": "+84 24 0000 0000",
            "role": "head" if number == 1 else "delegate",
        }
        sheet.append([values.get(name, "") for name in participant_files.PARTICIPANT_FIELDS][: len(labels)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _import(anchors: dict) -> dict:
    try:
        from registrations import participant_files
        from registrations.services import registration
    except ImportError:
        raise NotYet("the participants import is not on main yet") from None
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import timezone

    from accounts.models import User

    _quiet_broker()
    meeting = _import_meeting(anchors)
    focal_point = User.objects.get(pk=anchors["focal_point_users"]["VN"])
    content = _import_file(IMPORT_ROWS)  # as many rows as the portal takes (participant_files.MAX_ROWS)
    try:
        started, cpu_started = time.perf_counter(), time.process_time()
        with timezone.override(meeting.tz):
            upload = SimpleUploadedFile("participants.xlsx", content)
            rows = participant_files.read_participant_file(upload)
            good, problems = participant_files.check_rows(rows, default_language="en")
            delegation = registration.delegation_for(actor=focal_point, meeting=meeting)
            imported = registration.participants_import(
                actor=focal_point, delegation=delegation, rows=good, problems=problems
            )
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    finally:
        meeting.delete()
    detail = (
        f"{len(imported):,} participants from an XLSX file, read, checked and registered in one transaction; "
        f"{cpu:.1f} s of it CPU in this process, the rest waiting for PostgreSQL"
    )
    return {"seconds": seconds, "cpu_seconds": round(cpu, 2), "detail": detail, "rows": len(imported)}


# --- Reminders -----------------------------------------------------------------------------------------


REMINDERS = 10_000


def _reminders(anchors: dict) -> dict:
    """The planner's own reminders for the upcoming meetings (participants' "meeting approaching" first),
    10,000 of them made due now (as "send now" does), then one dispatcher run hands them to the email
    backend (local memory: nothing leaves the machine)."""
    try:
        from reminders.models import Reminder, RuleKind
        from reminders.services import dispatcher, planner
    except ImportError:
        raise NotYet("the reminder dispatcher is not on main yet") from None
    from django.conf import settings
    from django.core import mail
    from django.db.models import Case, IntegerField, Value, When
    from django.utils import timezone

    from meetings.models import Meeting

    _quiet_broker()
    from accounts.models import User

    # The benchmark's focal points and secretariat get addresses, as real ones have (the data set has none).
    for user in User.objects.filter(username__startswith="bench-", email=""):
        user.email = f"{user.username}@example.org"
        user.save(update_fields=["email"])
    Reminder.objects.all().delete()
    now = timezone.now()
    upcoming = list(Meeting.objects.filter(start__gte=now).values_list("pk", flat=True))
    planner.plan_reminders(now=now, meeting_ids=upcoming)
    first = Case(
        When(rule__kind=RuleKind.MEETING_APPROACHING, then=Value(0)), default=Value(1), output_field=IntegerField()
    )
    chosen = list(
        Reminder.objects.filter(state=Reminder.State.SCHEDULED)
        .order_by(first, "due_at", "pk")
        .values_list("pk", flat=True)[:REMINDERS]
    )
    Reminder.objects.filter(pk__in=chosen).update(send_after=now - dt.timedelta(minutes=1))
    mail.outbox = []
    batch_seconds = settings.REMINDERS_BATCH_SECONDS
    settings.REMINDERS_BATCH_SECONDS = 3600  # one run for the whole batch, as the target says
    try:
        started, cpu_started = time.perf_counter(), time.process_time()
        summary = dispatcher.dispatch_due(limit=len(chosen))
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    finally:
        settings.REMINDERS_BATCH_SECONDS = batch_seconds
        handed_over = len(mail.outbox)
        mail.outbox = []
        Reminder.objects.all().delete()
    detail = (
        f"{len(chosen):,} due, {summary.sent:,} sent ({handed_over:,} messages handed to the backend), "
        f"{summary.cancelled:,} cancelled by the re-check, {summary.failed:,} failed; {cpu:.1f} s CPU"
    )
    return {"seconds": seconds, "cpu_seconds": round(cpu, 2), "detail": detail, "due": len(chosen),
            "sent": summary.sent}  # fmt: skip


# --- Check-in at the door ------------------------------------------------------------------------------

CHECK_IN_DELEGATES = 1000
CHECK_IN_MEETING_TITLE = "Benchmark: check-in at the door"


def _check_in(anchors: dict) -> dict:
    """A 1,000-delegate meeting built for the measurement (badges issued), then every badge's QR scanned once
    at its door by a door keeper, one scan after another as the check-in endpoint runs them."""
    try:
        from venue import badges, services
        from venue.models import DoorStaff
    except ImportError:
        raise NotYet("check-in at the door is not on main yet") from None
    import uuid

    from django.utils import timezone

    from accounts.models import User
    from meetings.models import Delegation, Meeting, MemberState, Participant

    big = Meeting.objects.get(pk=anchors["big_meeting"])
    secretariat = User.objects.get(pk=anchors["secretariat_user"])
    now = timezone.now()
    Meeting.objects.filter(title_en=CHECK_IN_MEETING_TITLE).delete()  # left over by an interrupted run
    meeting = Meeting.objects.create(
        chairmanship=big.chairmanship, kind=Meeting.Kind.HCS, title_en=CHECK_IN_MEETING_TITLE,
        start=now - dt.timedelta(hours=1), end=now + dt.timedelta(hours=8), status=Meeting.Status.PUBLISHED,
    )  # fmt: skip
    keeper, _created = User.objects.get_or_create(username="bench-door-keeper")
    try:
        DoorStaff.objects.create(user=keeper, meeting=meeting)
        states = list(MemberState.objects.order_by("code"))
        delegations = Delegation.objects.bulk_create(Delegation(meeting=meeting, member_state=s) for s in states)
        people = Participant.objects.bulk_create(
            Participant(
                delegation=delegations[number % len(delegations)], full_name=f"Delegate {number}",
                status=Participant.Status.CONFIRMED,
            )
            for number in range(CHECK_IN_DELEGATES)
        )  # fmt: skip
        people = list(Participant.objects.filter(delegation__meeting=meeting).select_related("delegation"))
        issued = services.badges_issue(actor=secretariat, participants=people)
        codes = [badges.qr_payload(badge.serial) for badge in issued.values()]
        started, cpu_started = time.perf_counter(), time.process_time()
        for code in codes:
            services.scan_record(actor=keeper, session=meeting, scan_id=uuid.uuid4(), method="qr", code=code)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    finally:
        meeting.delete()
        keeper.delete()
    rate = len(codes) / seconds if seconds else 0
    detail = f"{len(codes):,} badges scanned once each: {rate:,.0f} scans per second; {cpu:.1f} s CPU"
    return {"seconds": seconds, "cpu_seconds": round(cpu, 2), "detail": detail, "scans": len(codes),
            "scans_per_second": round(rate)}  # fmt: skip


MEASUREMENTS = [
    InProcess(
        "reminders", "reminder dispatcher: 10,000 due reminders to the email backend", _reminders, {"seconds": 60}
    ),
    InProcess("import", "participants import: 1,000-row file", _import, {"seconds": 5}),
    InProcess(
        "check_in", "check-in at the door: 1,000 delegates' badges scanned", _check_in, {"seconds": 20}
    ),  # issue 16: at least 50 scans a second, ten doors' worth
]
