"""The data and the clients the access matrix (tests/test_access_matrix.py) walks with.

Country A is Viet Nam, country B Thailand. Every object a route names belongs to country A where it has
a country, so that focal point B's answer shows whether the route is scoped.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from http.cookies import SimpleCookie

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.roles import secretariat_group
from meetings.models import Meeting, Participant
from tests.factories import (
    ActionItemFactory,
    AgendaItemFactory,
    ChairmanshipFactory,
    DecisionFactory,
    DelegationFactory,
    DocumentFactory,
    DocumentVersionFactory,
    FocalPointFactory,
    FocalPointInvitationFactory,
    HeldMeetingFactory,
    InitiativeFactory,
    InvitationLetterTemplateFactory,
    MeetingFactory,
    MemberStateFactory,
    OutboxEmailFactory,
    ParticipantFactory,
    PriorityAreaFactory,
    ProcedureCountryFactory,
    ProgressUpdateFactory,
    ReminderFactory,
    UserFactory,
    WorkPlanFactory,
    WrittenProcedureFactory,
)
from webhooks.models import Subscription

ROLES = ("anonymous", "api_token", "focal_point_a", "focal_point_b", "secretariat", "superuser")


@dataclass
class World:
    objects: dict = field(default_factory=dict)
    cookies: dict = field(default_factory=dict)  # role -> the signed-in session's cookies
    api_token: str = ""
    clients: dict = field(default_factory=dict)

    def pk(self, name: str):
        value = self.objects[name]
        return getattr(value, "pk", value)

    def client(self, role: str) -> Client:
        """The role's client, with its session cookie as at sign-in (a request may have changed it).
        One client per role: a new one would load the middleware again (WhiteNoise scans every file)."""
        if role not in self.clients:
            client = Client(raise_request_exception=True)
            if role == "api_token":
                client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {self.api_token}"
            self.clients[role] = client
        client = self.clients[role]
        client.cookies = SimpleCookie(self.cookies.get(role, {}))
        return client


def build_world() -> World:
    from api import services as api_services
    from documents.models import DeclarationStep

    world = World()
    o = world.objects
    viet_nam = MemberStateFactory(code="VN", name="Viet Nam", name_vi="Việt Nam")
    thailand = MemberStateFactory(code="TH", name="Thailand", name_vi="Thái Lan")
    o["member_state_a"], o["member_state_b"] = viet_nam, thailand

    secretariat = UserFactory(username="secretariat")
    secretariat.groups.add(secretariat_group())
    superuser = get_user_model().objects.create_superuser("root", "root@example.org", "correct-horse-battery")
    focal_a = FocalPointFactory(member_state=viet_nam, user__username="fp-vn").user
    focal_b = FocalPointFactory(member_state=thailand, user__username="fp-th").user
    o["focal_point_record_a"] = focal_a.focal_point
    o["user_a"] = focal_a
    client_owner = UserFactory(username="schedule-client")
    o["api_token_record"], world.api_token = api_services.api_token_create(
        actor=secretariat, name="Schedule client", owner=client_owner, scope="read"
    )

    chairmanship = ChairmanshipFactory(ordinal=23, chair=viet_nam)
    o["chairmanship"] = chairmanship
    InvitationLetterTemplateFactory(chairmanship=chairmanship)
    now = timezone.now()
    meeting = MeetingFactory(
        chairmanship=chairmanship,
        title="SOM of ACCSM 23",
        status=Meeting.Status.PUBLISHED,
        start=now + dt.timedelta(days=30),
        end=now + dt.timedelta(days=31),
        registration_opens=now - dt.timedelta(days=10),
        registration_deadline=now + dt.timedelta(days=20),
    )
    o["meeting"] = meeting
    o["agenda_item"] = AgendaItemFactory(meeting=meeting, title="Opening")
    o["draft_meeting"] = MeetingFactory(chairmanship=chairmanship, status=Meeting.Status.DRAFT, title="Draft SOM")
    delegation_a = DelegationFactory(meeting=meeting, member_state=viet_nam)
    delegation_b = DelegationFactory(meeting=meeting, member_state=thailand)
    o["delegation_a"], o["delegation_b"] = delegation_a, delegation_b
    o["participant_a"] = ParticipantFactory(
        delegation=delegation_a, full_name="Lê Văn Tám", email="tam@moha.gov.vn", phone="+84 24 3824 0000"
    )
    o["participant_b"] = ParticipantFactory(delegation=delegation_b, full_name="Somchai P.", email="s@ocsc.go.th")
    o["confirmed_a"] = ParticipantFactory(
        delegation=delegation_a, full_name="Phạm Minh Châu", status=Participant.Status.CONFIRMED
    )
    delegation_a.nomination_letter = SimpleUploadedFile("note-verbale.pdf", b"%PDF-1.4 note verbale")
    delegation_a.save()
    o["waitlisted_a"] = ParticipantFactory(
        delegation=delegation_a, full_name="Trần Thị Hoa", status=Participant.Status.WAITLISTED
    )

    document = DocumentFactory(meeting=meeting, title="Report of SOM 22")
    DocumentVersionFactory(document=document, number=1)
    o["document"] = document
    declaration = DocumentFactory(meeting=meeting, kind="declaration", title="Declaration")
    o["declaration_step"] = DeclarationStep.objects.create(
        document=declaration, kind=DeclarationStep.Kind.DRAFTED, date=dt.date(2026, 1, 5), recorded_by=secretariat
    )
    o["declaration"] = declaration

    year = timezone.now().year
    work_plan = WorkPlanFactory(  # a plan in force, open for proposals
        title="ACCSM Work Plan (current)", period_start=dt.date(year - 1, 1, 1), period_end=dt.date(year + 4, 12, 31)
    )
    area = PriorityAreaFactory(work_plan=work_plan, number=5)
    initiative = InitiativeFactory(priority_area=area, lead=viet_nam)
    ProgressUpdateFactory(initiative=initiative)
    o["work_plan"], o["priority_area"], o["initiative"] = work_plan, area, initiative

    # The record of a meeting held, an action item of country A, a written procedure asked of country A only.
    held_item = AgendaItemFactory(meeting=HeldMeetingFactory(chairmanship=chairmanship, title="SOM 22"))
    o["record_meeting"], o["record_item"] = held_item.meeting, held_item
    o["decision"] = DecisionFactory(agenda_item=held_item)
    o["action_item_a"] = ActionItemFactory(agenda_item=held_item, owner_member_state=viet_nam)
    o["procedure_a"] = ProcedureCountryFactory(member_state=viet_nam, procedure=WrittenProcedureFactory()).procedure
    # A held meeting's draft report circulated to the invited countries for comments (issue 20).
    from proceedings.services.reports import report_circulate

    reported = HeldMeetingFactory(chairmanship=chairmanship, title="Preparatory meeting 22")
    o["report_circulation"] = report_circulate(
        actor=secretariat, meeting=reported, deadline=timezone.now() + dt.timedelta(days=14)
    )

    from circulars.models import Circular

    o["circular"] = Circular.objects.create(
        subject_en="Venue of SOM 23", subject_vi="Địa điểm SOM 23", body_en="At the Sokha Hotel.",
        body_vi="Tại khách sạn Sokha.", group=Circular.Group.FOCAL_POINTS, sent_by=secretariat,
    )  # fmt: skip

    o["invitation_token"] = "invitation-secret-a"
    o["invitation"] = FocalPointInvitationFactory(token="invitation-secret-a", member_state=viet_nam)
    o["calendar_token"] = api_services.calendar_feed_create(actor=focal_a)
    o["calendar_feed_a"] = api_services.calendar_feed_active(focal_a)
    o["reminder"] = ReminderFactory(participant=o["participant_a"], email="tam@moha.gov.vn")
    o["outbox_email"] = OutboxEmailFactory(state="failed", attempts=5, last_error="SMTPDataError: 554")
    o["webhook_a"] = Subscription.objects.create(
        url="https://hooks.moha.gov.vn/accsm", events=["registration.created"], member_state=viet_nam,
        owner=focal_a, secret="webhook-secret-a",
    )  # fmt: skip
    TOTPDevice.objects.create(user=secretariat, name="Authenticator app", confirmed=False)
    # At the venue (issue 16): a door keeper's grant, and country A's participant checked in at the meeting.
    from venue.models import Attendance, DoorStaff

    o["door_staff_record"] = DoorStaff.objects.create(user=UserFactory(username="door-keeper"), meeting=meeting)
    o["attendance_a"] = Attendance.objects.create(
        participant=o["confirmed_a"], session=meeting, first_in=now, last_scan=now
    )
    from venue import certificates
    from venue.services import certificate_issue

    certificate = certificate_issue(actor=secretariat, participant=o["confirmed_a"])
    o["certificate_code"] = certificate.code
    o["certificate_token"] = certificates.download_url(certificate).rstrip("/").rsplit("/", 1)[1]
    _accreditation(o)
    _logistics(o)
    # An export made by a worker (issue 17): focal point A's zip of the meeting's papers, ready.
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from exportjobs.models import ExportJob

    o["export_job_a"] = ExportJob.objects.create(
        requested_by=focal_a, kind="documents_zip", params={"meeting": meeting.pk}, key="documents_zip:a",
        state="done", progress=100, file=default_storage.save("exports/world.zip", ContentFile(b"PK\x05\x06" + bytes(18))),
        filename="som-documents.zip", content_type="application/zip", expires_at=now + dt.timedelta(days=1),
    )  # fmt: skip
    # The change log's first row (the announced meeting's): by the database's own numbering, which on
    # PostgreSQL goes on across tests.
    from meetings.models import MeetingChange

    o["schedule_change"] = MeetingChange.objects.order_by("pk").first()

    for role, user in (
        ("focal_point_a", focal_a),
        ("focal_point_b", focal_b),
        ("secretariat", secretariat),
        ("superuser", superuser),
    ):
        client = Client()
        client.force_login(user)
        world.cookies[role] = {key: morsel.value for key, morsel in client.cookies.items()}
    return world


def _logistics(o: dict) -> None:
    """Issue 16 item 7: a hotel of the meeting, country A's liaison officer, participant A's flights and nights."""
    from logistics.models import Hotel, LiaisonOfficer, Travel

    meeting, participant = o["meeting"], o["participant_a"]
    o["hotel_record"] = Hotel.objects.create(meeting=meeting, name="Sokha Hotel", phone="+855 23 000 000")
    LiaisonOfficer.objects.create(delegation=o["delegation_a"], name="Sok Dara", phone="+855 12 345 678")
    participant.arrival = meeting.start - dt.timedelta(days=1)
    participant.save(update_fields=["arrival"])
    Travel.objects.create(
        participant=participant,
        hotel=o["hotel_record"],
        check_in=participant.arrival.date(),
        check_out=meeting.end.date() + dt.timedelta(days=1),
        arrival_flight="VN631",
        arrival_airport="PNH",
        arrival_transfer=True,
    )


def _accreditation(o: dict) -> None:
    """Issue 16: participant A's accreditation with a photo and passport data, a question, a letter requested
    and one issued."""
    from django.core.files.base import ContentFile

    from accreditation.models import Accreditation, AccreditationQuestion, AccreditationRequirements, LetterRequest
    from tests.accreditation.images import jpeg_bytes

    meeting, participant = o["meeting"], o["participant_a"]
    AccreditationRequirements.objects.create(meeting=meeting, passport=True)
    o["accreditation_question"] = AccreditationQuestion.objects.create(
        meeting=meeting, text="Needs a hotel?", kind="yes_no"
    )
    accreditation = Accreditation(
        participant=participant,
        passport_number="C1234567",
        passport_expiry=meeting.end.date().replace(year=meeting.end.year + 5),
    )
    accreditation.photo.save("world.jpg", ContentFile(jpeg_bytes(600, 800)), save=False)
    accreditation.save()
    o["letter_request_a"] = LetterRequest.objects.create(participant=participant, purpose="travel")
    o["issued_letter_a"] = LetterRequest.objects.create(
        participant=participant,
        purpose="visa",
        state="issued",
        reference="ACCSM-W-1",
        verification_code="world-code-1",
        issued_on=meeting.start.date(),
    )
    o["letter_code"] = "world-code-1"
