"""The registration rules (registrations/services/registration.py), as every page and the API meet them."""

import datetime as dt
from functools import partial

import pytest
import time_machine
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from common.errors import DomainError, Forbidden, NotFound
from meetings import emails
from meetings.models import Delegation, Participant
from outbox.dispatcher import send_pending
from outbox.models import OutboxEmail
from outbox.tasks import send_outbox
from registrations.services import registration as services
from tests.factories import DelegationFactory, FocalPointFactory, MeetingFactory, ParticipantFactory
from tests.helpers import run_concurrently
from tests.reminders.backends import ScriptedBackend

pytestmark = pytest.mark.django_db


def person(name="Nguyễn Thị Lan", **extra):
    return {"full_name": name, "position": "Director", "email": f"{name.split()[-1].lower()}@moha.gov.vn", **extra}


@pytest.fixture
def delegation(viet_nam):
    return DelegationFactory(member_state=viet_nam, meeting=MeetingFactory(delegates_allowed=2))


def html_of(email) -> str:
    [html] = [content for content, mimetype in email.alternatives if mimetype == "text/html"]
    return html


def register(actor, delegation, **data):
    return services.participant_register(actor=actor, delegation=delegation, data=person(**data))


# --- Who may act -------------------------------------------------------------------------------------------


def test_focal_point_registers_a_delegate_of_their_own_country(focal_point_vn, delegation):
    participant = register(focal_point_vn, delegation, name="Nguyễn Thị Lan")
    assert (participant.delegation, participant.status) == (delegation, Participant.Status.REGISTERED)


def test_focal_point_of_another_country_gets_not_found(focal_point_th, delegation):
    with pytest.raises(NotFound):
        register(focal_point_th, delegation)
    assert delegation.participants.count() == 0


def test_country_in_the_data_is_ignored(focal_point_vn, delegation, thailand):
    participant = services.participant_register(
        actor=focal_point_vn,
        delegation=delegation,
        data={**person(), "delegation": DelegationFactory(member_state=thailand)},
    )
    assert participant.delegation.member_state.code == "VN"


def test_delegation_for_uses_the_focal_points_own_country(focal_point_vn, viet_nam):
    meeting = MeetingFactory()
    assert services.delegation_for(actor=focal_point_vn, meeting=meeting).member_state == viet_nam


def test_delegation_for_refuses_a_meeting_the_country_is_not_invited_to(focal_point_vn):
    meeting = MeetingFactory(invites_asean=False, invites_plus_three=True)
    with pytest.raises(services.NotInvited):
        services.delegation_for(actor=focal_point_vn, meeting=meeting)


# --- Deadline ------------------------------------------------------------------------------------------------


def test_after_the_deadline_a_focal_point_cannot_change_the_delegation(focal_point_vn, delegation):
    participant = ParticipantFactory(delegation=delegation)
    delegation.meeting.registration_deadline = timezone.now() - dt.timedelta(minutes=1)
    delegation.meeting.start = timezone.now() + dt.timedelta(days=1)
    delegation.meeting.end = delegation.meeting.start + dt.timedelta(hours=8)
    delegation.meeting.save()
    for attempt in (
        lambda: register(focal_point_vn, delegation),
        lambda: services.participant_update(actor=focal_point_vn, participant=participant, data={"position": "X"}),
        lambda: services.participant_withdraw(actor=focal_point_vn, participant=participant),
    ):
        with pytest.raises(services.RegistrationClosed):
            attempt()
    assert services.registration_is_open(delegation.meeting) is False


def test_after_the_deadline_the_secretariat_changes_it_with_a_reason(secretariat_user, delegation):
    delegation.meeting.registration_deadline = timezone.now() - dt.timedelta(minutes=1)
    delegation.meeting.save()
    with pytest.raises(services.ReasonRequired):
        register(secretariat_user, delegation)
    participant = services.participant_register(
        actor=secretariat_user, delegation=delegation, data=person(), reason="Note Verbale of 3 May"
    )
    assert participant.status == Participant.Status.REGISTERED


# --- Allowance, waiting list, head of delegation ------------------------------------------------------------


def test_allowance_is_enforced_with_a_clear_message(focal_point_vn, delegation):
    register(focal_point_vn, delegation, name="A One")
    register(focal_point_vn, delegation, name="B Two")
    with pytest.raises(services.AllowanceExceeded) as refused:
        register(focal_point_vn, delegation, name="C Three")
    assert "waiting list" in str(refused.value.message)


def test_beyond_the_allowance_a_participant_can_go_on_the_waiting_list(focal_point_vn, delegation):
    ParticipantFactory.create_batch(2, delegation=delegation)
    participant = services.participant_register(
        actor=focal_point_vn, delegation=delegation, data=person(), waitlist=True
    )
    assert participant.status == Participant.Status.WAITLISTED


def test_secretariat_accepting_from_the_waiting_list_raises_the_allowance(secretariat_user, delegation):
    ParticipantFactory.create_batch(2, delegation=delegation)
    waiting = ParticipantFactory(delegation=delegation, status=Participant.Status.WAITLISTED)
    services.participant_set_status(actor=secretariat_user, participant=waiting, status=Participant.Status.REGISTERED)
    delegation.refresh_from_db()
    waiting.refresh_from_db()
    assert (waiting.status, delegation.extra_places, delegation.allowance) == (Participant.Status.REGISTERED, 1, 3)


def test_focal_point_cannot_accept_from_the_waiting_list(focal_point_vn, focal_point_th, delegation):
    waiting = ParticipantFactory(delegation=delegation, status=Participant.Status.WAITLISTED)
    with pytest.raises(Forbidden):
        services.participant_set_status(actor=focal_point_vn, participant=waiting, status="registered")
    with pytest.raises(NotFound):
        services.participant_set_status(actor=focal_point_th, participant=waiting, status="registered")


def test_the_secretariat_cannot_confirm_someone_their_country_withdrew(secretariat_user, delegation):
    withdrawn = ParticipantFactory(delegation=delegation, status=Participant.Status.CANCELLED)

    with pytest.raises(DomainError, match="only the country's focal point can register them again"):
        services.participant_set_status(actor=secretariat_user, participant=withdrawn, status="confirmed")

    withdrawn.refresh_from_db()
    assert withdrawn.status == Participant.Status.CANCELLED


def test_a_decision_taken_twice_changes_nothing_the_second_time(secretariat_user, delegation):
    participant = ParticipantFactory(delegation=delegation, status=Participant.Status.REGISTERED)
    services.participant_set_status(actor=secretariat_user, participant=participant, status="confirmed")
    mail.outbox.clear()
    OutboxEmail.objects.all().delete()

    again = services.participant_set_status(actor=secretariat_user, participant=participant, status="confirmed")

    assert again.status == Participant.Status.CONFIRMED
    assert not OutboxEmail.objects.exists()  # no second "confirmed" email


@pytest.mark.parametrize(
    ("status", "allowed"),
    [
        ("registered", {"confirmed", "declined"}),
        ("waitlisted", {"registered", "confirmed", "declined"}),
        ("confirmed", {"declined"}),
        ("declined", {"confirmed"}),
        ("cancelled", set()),
    ],
)
def test_the_buttons_and_the_service_agree_on_every_status_change(secretariat_user, delegation, status, allowed):
    for target in ("registered", "confirmed", "declined"):
        if target == status:
            continue
        participant = ParticipantFactory(delegation=delegation, status=status)
        assert services.can_change_status(participant, target) == (target in allowed)
        if target in allowed:
            services.participant_set_status(actor=secretariat_user, participant=participant, status=target)
        else:
            with pytest.raises(DomainError):
                services.participant_set_status(actor=secretariat_user, participant=participant, status=target)


def test_withdrawing_frees_a_place(focal_point_vn, delegation):
    first = register(focal_point_vn, delegation, name="A One")
    register(focal_point_vn, delegation, name="B Two")
    services.participant_withdraw(actor=focal_point_vn, participant=first)
    assert register(focal_point_vn, delegation, name="C Three").status == Participant.Status.REGISTERED


def test_a_second_head_of_delegation_is_refused_on_the_role_field(focal_point_vn, delegation):
    register(focal_point_vn, delegation, name="A One", role=Participant.Role.HEAD)
    with pytest.raises(services.SecondHeadOfDelegation) as refused:
        register(focal_point_vn, delegation, name="B Two", role=Participant.Role.HEAD)
    assert refused.value.field == "role"


def test_making_a_delegate_head_when_there_is_one_is_refused(focal_point_vn, delegation):
    ParticipantFactory(delegation=delegation, role=Participant.Role.HEAD)
    delegate = ParticipantFactory(delegation=delegation)
    with pytest.raises(services.SecondHeadOfDelegation):
        services.participant_update(actor=focal_point_vn, participant=delegate, data={"role": Participant.Role.HEAD})


# --- Bad input -------------------------------------------------------------------------------------------------


def test_invalid_email_is_refused_on_its_field(focal_point_vn, delegation):
    with pytest.raises(DomainError) as refused:
        register(focal_point_vn, delegation, email="not-an-address")
    assert refused.value.field == "email"


def test_arrival_far_from_the_meeting_is_refused_with_the_allowed_dates(focal_point_vn, delegation):
    with pytest.raises(DomainError) as refused:
        register(focal_point_vn, delegation, arrival=delegation.meeting.start - dt.timedelta(days=40))
    assert refused.value.field == "arrival"
    assert "give or take a week" in str(refused.value.message)


def test_departure_before_arrival_is_refused(focal_point_vn, delegation):
    start = delegation.meeting.start
    with pytest.raises(DomainError) as refused:
        register(focal_point_vn, delegation, arrival=start, departure=start - dt.timedelta(days=1))
    assert str(refused.value.message) == "Departure cannot be before arrival."


def test_the_same_person_cannot_be_registered_twice(focal_point_vn, delegation):
    register(focal_point_vn, delegation, name="Nguyễn Thị Lan")
    with pytest.raises(services.AlreadyRegistered):
        register(focal_point_vn, delegation, name="nguyễn thị lan", email="other@moha.gov.vn")


def test_a_withdrawn_participant_cannot_be_edited(focal_point_vn, delegation):
    withdrawn = ParticipantFactory(delegation=delegation, status=Participant.Status.CANCELLED)
    with pytest.raises(services.ParticipantWithdrawn):
        services.participant_update(actor=focal_point_vn, participant=withdrawn, data={"position": "Minister"})


# --- Emails -----------------------------------------------------------------------------------------------------


def test_registered_participant_gets_an_email_in_their_language(
    focal_point_vn, delegation, django_capture_on_commit_callbacks
):
    delegation.meeting.title_vi = "Hội nghị quan chức cấp cao (SOM)"
    delegation.meeting.save()
    with django_capture_on_commit_callbacks(execute=True):
        register(focal_point_vn, delegation, name="Trần Văn Minh", language="vi")
    [email] = mail.outbox
    assert email.to == ["minh@moha.gov.vn"]
    assert email.subject == "[ACCSM] Đã đăng ký: Hội nghị quan chức cấp cao (SOM)"
    assert "Kính gửi Ms. Trần Văn Minh" not in email.body  # no honorific was given
    assert "Kính gửi Trần Văn Minh," in email.body
    assert "Hội nghị quan chức cấp cao (SOM)" in html_of(email)


def test_confirmed_participant_gets_a_confirmation_email(
    secretariat_user, delegation, django_capture_on_commit_callbacks
):
    participant = ParticipantFactory(delegation=delegation, email="lan@moha.gov.vn", language="en")
    with django_capture_on_commit_callbacks(execute=True):
        services.participant_set_status(actor=secretariat_user, participant=participant, status="confirmed")
    [email] = mail.outbox
    assert email.subject == f"[ACCSM] Participation confirmed: {delegation.meeting.title}"
    assert "letter of invitation" in email.body
    assert "<html" in html_of(email)


def test_no_email_for_a_registration_that_was_rolled_back(
    focal_point_vn, delegation, django_capture_on_commit_callbacks
):
    ParticipantFactory.create_batch(2, delegation=delegation)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(services.AllowanceExceeded):
        register(focal_point_vn, delegation)
    assert mail.outbox == []


# --- Import: all or nothing ---------------------------------------------------------------------------------


def test_import_saves_every_row(focal_point_vn, delegation):
    rows = [(2, person("A One")), (3, person("B Two", role=Participant.Role.HEAD))]
    imported = services.participants_import(actor=focal_point_vn, delegation=delegation, rows=rows)
    assert [p.full_name for p in imported] == ["A One", "B Two"]


def test_import_with_a_bad_row_saves_nothing_and_names_each_bad_row(focal_point_vn, delegation):
    delegation.meeting.delegates_allowed = 5
    delegation.meeting.save()
    rows = [
        (2, person("A One", role=Participant.Role.HEAD)),
        (3, person("B Two", role=Participant.Role.HEAD)),
        (4, person("C Three")),
    ]
    with pytest.raises(services.ImportRejected) as rejected:
        services.participants_import(
            actor=focal_point_vn,
            delegation=delegation,
            rows=rows,
            problems=[services.RowProblem(5, "email", "Enter a valid email address.")],
        )
    assert [(p.row, p.field) for p in rejected.value.problems] == [(3, "role"), (5, "email")]
    assert delegation.participants.count() == 0


def test_import_beyond_the_allowance_names_the_rows_that_do_not_fit(focal_point_vn, delegation):
    rows = [(n, person(f"Person {n}")) for n in range(2, 6)]
    with pytest.raises(services.ImportRejected) as rejected:
        services.participants_import(actor=focal_point_vn, delegation=delegation, rows=rows)
    assert [p.row for p in rejected.value.problems] == [4, 5]
    assert delegation.participants.count() == 0


def test_import_into_another_countrys_delegation_is_not_found(focal_point_th, delegation):
    with pytest.raises(NotFound):
        services.participants_import(actor=focal_point_th, delegation=delegation, rows=[(2, person())])


@pytest.fixture
def woken(monkeypatch):
    """How often the outbox's dispatcher was woken (once per transaction that wrote emails)."""
    calls = []
    delay = send_outbox.delay

    def counted():
        calls.append(1)
        return delay()

    monkeypatch.setattr(send_outbox, "delay", counted)
    return calls


def test_an_import_writes_its_emails_at_once_and_each_goes_in_its_participants_language(
    focal_point_vn, delegation, woken, django_capture_on_commit_callbacks
):
    delegation.meeting.title_vi = "Hội nghị quan chức cấp cao (SOM)"
    delegation.meeting.save()
    rows = [(2, person("Trần Văn Minh", language="vi")), (3, person("Anna Smith", language="en"))]
    rows.append((4, person("Lê Văn Tám", email="")))
    delegation.extra_places = 1
    delegation.save()
    with django_capture_on_commit_callbacks(execute=True):
        minh, anna, _tam = services.participants_import(actor=focal_point_vn, delegation=delegation, rows=rows)

    assert woken == [1]  # one wake-up for the whole file
    assert list(OutboxEmail.objects.values_list("kind", "to_email", "language", "state")) == [
        ("participant_registered", "minh@moha.gov.vn", "vi", "sent"),
        ("participant_registered", "smith@moha.gov.vn", "en", "sent"),
    ]
    assert [(email.to, email.subject) for email in mail.outbox] == [
        (["minh@moha.gov.vn"], "[ACCSM] Đã đăng ký: Hội nghị quan chức cấp cao (SOM)"),
        (["smith@moha.gov.vn"], f"[ACCSM] Registered: {delegation.meeting.title_en}"),
    ]
    sent_by_the_import = [(email.to, email.subject, email.body, html_of(email)) for email in mail.outbox]
    mail.outbox = []
    for participant in (minh, anna):  # each alone: the same email
        emails.enqueue_participant_registered(participant)
    send_pending()
    assert [(email.to, email.subject, email.body, html_of(email)) for email in mail.outbox] == sent_by_the_import


def test_a_rejected_import_emails_nobody(focal_point_vn, delegation, woken, django_capture_on_commit_callbacks):
    rows = [(2, person("A One")), (3, person("B Two")), (4, person("C Three"))]  # one more than the allowance
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(services.ImportRejected):
        services.participants_import(actor=focal_point_vn, delegation=delegation, rows=rows)
    assert (woken, mail.outbox, OutboxEmail.objects.count()) == ([], [], 0)


def test_the_import_emails_wait_for_a_mail_server_that_failed_and_nobody_gets_two(
    focal_point_vn, delegation, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.reminders.backends.ScriptedBackend"
    ScriptedBackend.script, ScriptedBackend.sessions = [None, ConnectionRefusedError()], []  # down after the first
    with django_capture_on_commit_callbacks(execute=True):
        services.participants_import(
            actor=focal_point_vn, delegation=delegation, rows=[(2, person("A One")), (3, person("B Two"))]
        )
    assert [email.to[0] for email in mail.outbox] == ["one@moha.gov.vn"]

    with time_machine.travel(timezone.now() + dt.timedelta(minutes=2)):  # after the pause, the sweep
        send_pending()
    assert sorted(email.to[0] for email in mail.outbox) == ["one@moha.gov.vn", "two@moha.gov.vn"]
    assert set(OutboxEmail.objects.values_list("state", flat=True)) == {"sent"}


# --- Copy from an earlier meeting -------------------------------------------------------------------------------


def test_copy_registers_the_people_again_without_their_travel(focal_point_vn, delegation, viet_nam):
    earlier = DelegationFactory(member_state=viet_nam)
    head = ParticipantFactory(
        delegation=earlier, role=Participant.Role.HEAD, arrival=earlier.meeting.start, full_name="Head Person"
    )
    copied = services.participants_copy(
        actor=focal_point_vn, delegation=delegation, source=earlier, participant_ids=[head.pk]
    )
    assert [(p.full_name, p.role, p.arrival, p.delegation_id) for p in copied] == [
        ("Head Person", Participant.Role.HEAD, None, delegation.pk)
    ]


def test_copy_is_all_or_nothing(focal_point_vn, delegation, viet_nam):
    earlier = DelegationFactory(member_state=viet_nam)
    people = ParticipantFactory.create_batch(3, delegation=earlier)
    with pytest.raises(DomainError) as refused:
        services.participants_copy(
            actor=focal_point_vn, delegation=delegation, source=earlier, participant_ids=[p.pk for p in people]
        )
    assert refused.value.message.startswith(people[2].full_name)
    assert delegation.participants.count() == 0


def test_copy_from_another_countrys_delegation_is_not_found(focal_point_vn, delegation, thailand):
    foreign = DelegationFactory(member_state=thailand)
    someone = ParticipantFactory(delegation=foreign)
    with pytest.raises(NotFound):
        services.participants_copy(
            actor=focal_point_vn, delegation=delegation, source=foreign, participant_ids=[someone.pk]
        )


# --- Note Verbale -----------------------------------------------------------------------------------------------


def minimal_pdf() -> bytes:
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_nomination_letter_is_stored_under_a_private_random_name(focal_point_vn, delegation):
    upload = SimpleUploadedFile("../../etc/passwd.pdf", minimal_pdf(), content_type="application/pdf")
    services.delegation_attach_nomination_letter(actor=focal_point_vn, delegation=delegation, upload=upload)
    delegation.refresh_from_db()
    assert delegation.nomination_letter.name.startswith("nomination-letters/")
    assert "passwd" not in delegation.nomination_letter.name
    assert delegation.nomination_letter.read().startswith(b"%PDF-")


def test_replacing_the_nomination_letter_deletes_the_old_file(
    focal_point_vn, delegation, django_capture_on_commit_callbacks
):
    def attach():
        upload = SimpleUploadedFile("nv.pdf", minimal_pdf(), content_type="application/pdf")
        with django_capture_on_commit_callbacks(execute=True):
            services.delegation_attach_nomination_letter(actor=focal_point_vn, delegation=delegation, upload=upload)
        return Delegation.objects.get(pk=delegation.pk).nomination_letter

    first = attach()
    second = attach()
    assert first.name != second.name
    assert not first.storage.exists(first.name)
    assert second.storage.exists(second.name)


@pytest.mark.parametrize(
    "content", [b"MZ\x90\x00 not a pdf", b"%PDF-1.7 but then garbage only"], ids=["executable", "broken pdf"]
)
def test_a_file_that_is_not_a_readable_pdf_is_refused(focal_point_vn, delegation, content):
    upload = SimpleUploadedFile("nv.pdf", content, content_type="application/pdf")
    with pytest.raises(services.InvalidNominationLetter) as refused:
        services.delegation_attach_nomination_letter(actor=focal_point_vn, delegation=delegation, upload=upload)
    assert refused.value.field == "nomination_letter"
    delegation.refresh_from_db()
    assert not delegation.nomination_letter


# --- At the same moment (PostgreSQL row locks) -----------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_twenty_focal_points_registering_at_once_never_exceed_the_allowance(on_postgres, viet_nam):
    delegation = DelegationFactory(member_state=viet_nam, meeting=MeetingFactory(delegates_allowed=5))
    actors = [FocalPointFactory(member_state=viet_nam).user for _ in range(20)]
    results = run_concurrently(
        *(partial(register, actor, delegation, name=f"Delegate {i:02d}") for i, actor in enumerate(actors))
    )

    saved = [r for r in results if isinstance(r, Participant)]
    refused = [r for r in results if not isinstance(r, Participant)]
    assert len(saved) == 5
    assert {type(r) for r in refused} == {services.AllowanceExceeded}
    assert {str(r.message) for r in refused} == {str(services.AllowanceExceeded.default_message)}
    assert delegation.participants.filter(status__in=Participant.ACTIVE_STATUSES).count() == 5


@pytest.mark.django_db(transaction=True)
def test_two_heads_of_delegation_submitted_at_once_leave_exactly_one(on_postgres, viet_nam):
    delegation = DelegationFactory(member_state=viet_nam, meeting=MeetingFactory(delegates_allowed=5))
    actors = [FocalPointFactory(member_state=viet_nam).user for _ in range(2)]
    results = run_concurrently(
        *(
            partial(register, actor, delegation, name=f"Head {i}", role=Participant.Role.HEAD)
            for i, actor in enumerate(actors)
        )
    )
    assert sorted(type(r).__name__ for r in results) == ["Participant", "SecondHeadOfDelegation"]
    assert delegation.participants.filter(role=Participant.Role.HEAD).count() == 1
