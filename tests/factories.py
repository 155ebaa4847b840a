"""factory_boy factories for every model; tests build the data they need and nothing else."""

import datetime as dt
import functools
import hashlib
import io
import zipfile

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts.models import FocalPointInvitation, User
from accounts.roles import secretariat_group
from documents.models import Document, DocumentVersion
from meetings.models import (
    AgendaItem,
    Chairmanship,
    Delegation,
    FocalPoint,
    InvitationLetterTemplate,
    Meeting,
    MemberState,
    Participant,
)
from outbox.models import OutboxEmail
from outbox.services import new_message_id
from proceedings.models import (
    ActionItem,
    Answer,
    Decision,
    ItemRecord,
    ProcedureCountry,
    ProgressReport,
    WrittenProcedure,
)
from reminders.models import MeetingReminderSetting, Reminder, ReminderRule, RuleKind
from workplan.models import Initiative, InitiativeDecision, PriorityArea, ProgressUpdate, WorkPlan


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"User {n}")
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery")

    @factory.post_generation
    def _save(self, create, extracted, **kwargs):
        if create:
            self.save()


class SecretariatUserFactory(UserFactory):
    @factory.post_generation
    def secretariat(self, create, extracted, **kwargs):
        if create:
            self.groups.add(secretariat_group())


class MemberStateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MemberState
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"X{n}")
    name = factory.Sequence(lambda n: f"Country {n}")
    group = MemberState.Group.ASEAN


class FocalPointFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FocalPoint

    user = factory.SubFactory(UserFactory)
    member_state = factory.SubFactory(MemberStateFactory)


class ChairmanshipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Chairmanship
        django_get_or_create = ("ordinal",)

    ordinal = factory.Sequence(lambda n: 30 + n)
    chair = factory.SubFactory(MemberStateFactory)
    chairing_agency = "Ministry of Home Affairs"
    term_start = dt.date(2025, 1, 1)
    term_end = dt.date(2026, 12, 31)
    theme = "Civil service modernization"


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    chairmanship = factory.SubFactory(ChairmanshipFactory)
    kind = Meeting.Kind.SOM
    title = factory.Sequence(lambda n: f"Senior Officials Meeting {n}")
    start = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=30))
    end = factory.LazyAttribute(lambda m: m.start + dt.timedelta(hours=8))
    time_zone = "Asia/Ho_Chi_Minh"
    format = Meeting.Format.IN_PERSON
    venue = "National Convention Center"
    city = "Hà Nội"
    status = Meeting.Status.PUBLISHED
    registration_deadline = factory.LazyAttribute(lambda m: m.start - dt.timedelta(days=10))
    delegates_allowed = 5


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    order = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Agenda item {n}")


class DelegationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Delegation

    meeting = factory.SubFactory(MeetingFactory)
    member_state = factory.SubFactory(MemberStateFactory)


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    delegation = factory.SubFactory(DelegationFactory)
    full_name = factory.Sequence(lambda n: f"Delegate {n}")
    honorific = "Ms."
    position = "Director"
    organisation = "Civil Service Commission"
    email = factory.Sequence(lambda n: f"delegate{n}@example.org")
    role = Participant.Role.DELEGATE
    status = Participant.Status.REGISTERED


class FocalPointInvitationFactory(factory.django.DjangoModelFactory):
    """Pass `token` to know the link's secret: only its hash is stored."""

    class Meta:
        model = FocalPointInvitation
        exclude = ("token",)

    token = factory.Sequence(lambda n: f"invitation-token-{n}")
    email = factory.Sequence(lambda n: f"focal{n}@example.org")
    first_name = "Lan"
    last_name = factory.Sequence(lambda n: f"Nguyen {n}")
    member_state = factory.SubFactory(MemberStateFactory)
    token_hash = factory.LazyAttribute(lambda o: hashlib.sha256(o.token.encode()).hexdigest())
    expires_at = factory.LazyFunction(lambda: timezone.now() + FocalPointInvitation.VALID_FOR)


class InvitationLetterTemplateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InvitationLetterTemplate

    chairmanship = factory.SubFactory(ChairmanshipFactory)
    letterhead = "Ministry of Home Affairs\nInternational Cooperation Department\n8 Tôn Thất Thuyết, Hà Nội"
    letterhead_vi = "Bộ Nội vụ\nVụ Hợp tác quốc tế\n8 Tôn Thất Thuyết, Hà Nội"
    place = "Hà Nội"
    body = "We have the honour to invite {name}, {position}, {country}, to the {meeting} on {dates} in {city}."
    body_vi = "Trân trọng kính mời {name}, {position}, {country}, tham dự {meeting} ngày {dates} tại {city}."
    signatory_name = "Nguyễn Văn Bình"
    signatory_title = "Director-General, International Cooperation Department"
    signatory_title_vi = "Vụ trưởng Vụ Hợp tác quốc tế"


class WorkPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkPlan

    title = "ACCSM Work Plan 2021–2025"
    period_start = dt.date(2021, 1, 1)
    period_end = dt.date(2025, 12, 31)


class PriorityAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PriorityArea

    work_plan = factory.SubFactory(WorkPlanFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Priority area {n}")


class InitiativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Initiative

    priority_area = factory.SubFactory(PriorityAreaFactory)
    title = factory.Sequence(lambda n: f"Initiative {n}")
    lead = factory.SubFactory(MemberStateFactory)
    status = Initiative.Status.APPROVED
    planned_start = dt.date(2022, 1, 1)
    planned_end = dt.date(2023, 12, 31)


class ProgressUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgressUpdate

    initiative = factory.SubFactory(InitiativeFactory)
    date = dt.date(2022, 6, 1)
    text = "Half done."
    percent_complete = 50


class InitiativeDecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InitiativeDecision

    initiative = factory.SubFactory(InitiativeFactory)
    meeting = factory.SubFactory(MeetingFactory)
    outcome = InitiativeDecision.Outcome.APPROVED


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document

    title = factory.Sequence(lambda n: f"Document {n}")
    kind = Document.Kind.REPORT
    meeting = factory.SubFactory(MeetingFactory)
    visibility = Document.Visibility.PUBLIC
    status = Document.Status.CIRCULATED


class DocumentVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DocumentVersion
        skip_postgeneration_save = True

    document = factory.SubFactory(DocumentFactory)
    number = 1
    file = factory.django.FileField(filename="report.pdf", data=b"%PDF-1.4 test")
    original_name = "report.pdf"
    content_type = "application/pdf"
    size = 13
    checksum = hashlib.sha256(b"%PDF-1.4 test").hexdigest()

    @factory.post_generation
    def _make_current(self, create, extracted, **kwargs):
        """The newest version is the document's current one, as the upload service keeps it."""
        document = self.document
        if create and (document.current_version is None or document.current_version.number < self.number):
            document.current_version = self
            document.save(update_fields=["current_version"])


# --- Files as users upload them (documents) ---------------------------------------------------------


@functools.cache
def pdf_bytes(text: str = "ASEAN civil service modernization") -> bytes:
    """A real one-page PDF (reportlab) whose text pypdf can read back; the same text, the same bytes."""
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, invariant=1)
    pdf.drawString(72, 720, text)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def docx_bytes(text: str = "Report of the Senior Officials Meeting") -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def xlsx_bytes() -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active["A1"] = "Delegates"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def pptx_bytes(
    main_content_type: str = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
) -> bytes:
    """The smallest package a PowerPoint file is recognised by: its content types and its main part."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/ppt/presentation.xml" ContentType="{main_content_type}"/></Types>',
        )
        package.writestr("ppt/presentation.xml", "<p:presentation/>")
    return buffer.getvalue()


def upload_file(name: str = "report.pdf", data: bytes | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, pdf_bytes() if data is None else data)


# --- Reminders ----------------------------------------------------------------------------------------


class ReminderRuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReminderRule
        django_get_or_create = ("kind",)

    kind = RuleKind.MEETING_APPROACHING
    days_before = [7, 1]


class MeetingReminderSettingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeetingReminderSetting

    meeting = factory.SubFactory(MeetingFactory)
    rule = factory.SubFactory(ReminderRuleFactory)


class ReminderFactory(factory.django.DjangoModelFactory):
    """An outbox row for a participant of a meeting, due now unless told otherwise."""

    class Meta:
        model = Reminder

    rule = factory.SubFactory(ReminderRuleFactory)
    participant = factory.SubFactory(ParticipantFactory)
    meeting = factory.LazyAttribute(lambda r: r.participant.delegation.meeting)
    target_key = factory.LazyAttribute(lambda r: f"meeting:{r.meeting.pk}")
    recipient_key = factory.LazyAttribute(lambda r: f"participant:{r.participant.pk}")
    due_at = factory.LazyFunction(timezone.now)
    send_after = factory.LazyAttribute(lambda r: r.due_at)
    days_before = 1


class OutboxEmailFactory(factory.django.DjangoModelFactory):
    """An email waiting in the outbox: a confirmation for a confirmed participant, due now."""

    class Meta:
        model = OutboxEmail

    kind = "participant_confirmed"
    to_email = factory.Sequence(lambda n: f"person{n}@example.org")
    to_name = factory.Sequence(lambda n: f"Person {n}")
    language = "en"
    context = factory.LazyFunction(
        lambda: {"participant": ParticipantFactory(status=Participant.Status.CONFIRMED, language="en").pk}
    )
    message_id = factory.LazyFunction(new_message_id)
    send_after = factory.LazyFunction(timezone.now)


# --- The record, action items and written procedures (proceedings) -----------------------------------


class HeldMeetingFactory(MeetingFactory):
    """A meeting that has taken place: its record can be written."""

    start = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=2))
    registration_deadline = None
    status = Meeting.Status.CONCLUDED


class ItemRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ItemRecord

    agenda_item = factory.SubFactory(AgendaItemFactory, meeting=factory.SubFactory(HeldMeetingFactory))
    summary = "The meeting discussed the draft."


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision

    agenda_item = factory.SubFactory(AgendaItemFactory, meeting=factory.SubFactory(HeldMeetingFactory))
    order = factory.Sequence(lambda n: n + 1)
    text = factory.Sequence(lambda n: f"The meeting endorsed draft {n}.")


class ActionItemFactory(factory.django.DjangoModelFactory):
    """Owned by a member state unless told otherwise; due a month after the meeting."""

    class Meta:
        model = ActionItem

    agenda_item = factory.SubFactory(AgendaItemFactory, meeting=factory.SubFactory(HeldMeetingFactory))
    description = factory.Sequence(lambda n: f"Circulate the revised draft {n}")
    owner_kind = ActionItem.Owner.MEMBER_STATE
    owner_member_state = factory.Maybe(
        factory.LazyAttribute(lambda a: a.owner_kind == ActionItem.Owner.MEMBER_STATE),
        yes_declaration=factory.SubFactory(MemberStateFactory),
        no_declaration=None,
    )
    owner_network = factory.LazyAttribute(lambda a: "PSTI" if a.owner_kind == ActionItem.Owner.NETWORK else "")
    due_date = factory.LazyAttribute(lambda a: a.agenda_item.meeting.start.date() + dt.timedelta(days=30))


class ProgressReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgressReport

    action_item = factory.SubFactory(ActionItemFactory)
    status = ActionItem.Status.IN_PROGRESS
    note = "The draft went to the ministry."


class WrittenProcedureFactory(factory.django.DjangoModelFactory):
    """Open, its deadline a week ahead; add countries with ProcedureCountryFactory."""

    class Meta:
        model = WrittenProcedure

    title = factory.Sequence(lambda n: f"Draft ASEAN Declaration {n}")
    body = "The text of the draft declaration."
    deadline = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=7))
    silence_is_agreement = True


class ProcedureCountryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProcedureCountry

    procedure = factory.SubFactory(WrittenProcedureFactory)
    member_state = factory.SubFactory(MemberStateFactory)


class AnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Answer

    country = factory.SubFactory(ProcedureCountryFactory)
    kind = Answer.Kind.NO_OBJECTION
