"""Uploads, versions, status changes, declaration steps and deletion through the services."""

import datetime as dt

import pytest
from django.db import transaction

from common import storage
from common.errors import DomainError, Forbidden, NotFound
from documents import services
from documents.files import BadFile
from documents.models import DeclarationStep, Document, DocumentStatusChange, DocumentVersion
from meetings.models import Meeting
from tests.documents.conftest import stored_files
from tests.factories import (
    AgendaItemFactory,
    DocumentFactory,
    HeldMeetingFactory,
    InitiativeFactory,
    MeetingFactory,
    docx_bytes,
    pdf_bytes,
    upload_file,
)

Status = Document.Status


def upload(actor, meeting, **kwargs):
    data = {"title_en": "Report of the meeting", "kind": Document.Kind.REPORT, "meeting": meeting}
    data.update(kwargs)
    data.setdefault("file", upload_file("report.pdf", pdf_bytes("Report")))
    return services.document_upload(actor=actor, **data)


def test_staff_upload_stores_the_file_under_a_generated_name_with_its_checksum(secretariat_user, meeting, settings):
    import hashlib

    data = pdf_bytes("Báo cáo")

    document = upload(secretariat_user, meeting, file=upload_file("Báo cáo hội nghị.pdf", data), title_vi="Báo cáo")

    version = document.current_version
    assert (version.number, version.original_name, version.size) == (1, "Báo cáo hội nghị.pdf", len(data))
    assert version.checksum == hashlib.sha256(data).hexdigest()
    assert version.content_type == "application/pdf"
    assert version.uploaded_by == secretariat_user
    assert stored_files(settings) == [version.file.name]
    assert version.file.name.startswith("documents/") and "Báo" not in version.file.name
    assert version.file.read() == data
    assert (document.status, document.visibility, document.created_by) == (
        Status.DRAFT,
        "secretariat",
        secretariat_user,
    )
    assert list(document.status_changes.values_list("old_status", "new_status", "changed_by")) == [
        ("", "draft", secretariat_user.pk)
    ]


def test_an_agenda_item_ties_the_document_to_its_meeting(secretariat_user, meeting):
    item = AgendaItemFactory(meeting=meeting)

    document = upload(secretariat_user, None, agenda_item=item)

    assert (document.meeting, document.agenda_item) == (meeting, item)


def test_an_agenda_item_of_another_meeting_is_refused(secretariat_user, meeting):
    with pytest.raises(DomainError) as refused:
        upload(secretariat_user, meeting, agenda_item=AgendaItemFactory())

    assert refused.value.field == "agenda_item"
    assert Document.objects.count() == 0


def test_a_document_must_belong_somewhere_unless_it_is_a_declaration(secretariat_user):
    with pytest.raises(DomainError) as refused:
        upload(secretariat_user, None)
    assert refused.value.field == "meeting"

    declaration = upload(secretariat_user, None, kind=Document.Kind.DECLARATION)
    assert declaration.meeting is None


def test_a_document_may_belong_to_an_initiative(secretariat_user):
    initiative = InitiativeFactory()

    document = upload(secretariat_user, None, initiative=initiative)

    assert document.initiative == initiative


def test_a_refused_file_stores_nothing(secretariat_user, meeting, settings):
    with pytest.raises(BadFile):
        upload(secretariat_user, meeting, file=upload_file("report.pdf", docx_bytes()))

    assert (Document.objects.count(), DocumentVersion.objects.count(), stored_files(settings)) == (0, 0, [])


def test_a_failure_after_the_file_was_stored_leaves_no_orphan_file(secretariat_user, meeting, settings, monkeypatch):
    def fail(**kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(DocumentStatusChange.objects, "create", fail)

    with pytest.raises(RuntimeError):
        upload(secretariat_user, meeting)

    assert (Document.objects.count(), DocumentVersion.objects.count(), stored_files(settings)) == (0, 0, [])


def test_files_left_by_an_enclosing_rollback_are_swept(secretariat_user, meeting, settings):
    with pytest.raises(RuntimeError), transaction.atomic():
        upload(secretariat_user, meeting)
        raise RuntimeError("the caller's transaction failed")
    assert len(stored_files(settings)) == 1
    kept = upload(secretariat_user, meeting)

    assert storage.sweep_orphans(older_than=dt.timedelta(0)) != []
    assert stored_files(settings) == [kept.current_version.file.name]
    assert storage.sweep_orphans(older_than=dt.timedelta(hours=1)) == []


def test_a_new_upload_becomes_the_next_version_and_earlier_ones_stay(secretariat_user, meeting, settings):
    document = upload(secretariat_user, meeting)
    first = document.current_version

    second = services.document_add_version(
        actor=secretariat_user, document=document, file=upload_file("report-v2.docx", docx_bytes())
    )

    document.refresh_from_db()
    assert document.current_version == second
    assert list(document.versions.values_list("number", "original_name")) == [(2, "report-v2.docx"), (1, "report.pdf")]
    assert sorted(stored_files(settings)) == sorted([first.file.name, second.file.name])


def test_a_superseded_document_takes_no_new_version(secretariat_user, meeting):
    document = upload(secretariat_user, meeting, status=Status.CIRCULATED)
    services.document_set_status(actor=secretariat_user, document=document, status=Status.SUPERSEDED)

    with pytest.raises(DomainError):
        services.document_add_version(actor=secretariat_user, document=document, file=upload_file())


@pytest.mark.parametrize(
    ("path", "allowed"),
    [
        ([Status.CIRCULATED], True),
        ([Status.CIRCULATED, Status.ADOPTED], True),
        ([Status.CIRCULATED, Status.SUPERSEDED], True),
        ([Status.CIRCULATED, Status.ADOPTED, Status.SUPERSEDED], True),
        ([Status.ADOPTED], False),
        ([Status.SUPERSEDED], False),
        ([Status.CIRCULATED, Status.DRAFT], False),
        ([Status.CIRCULATED, Status.SUPERSEDED, Status.ADOPTED], False),
    ],
)
def test_status_moves_draft_circulated_adopted_or_superseded(secretariat_user, meeting, path, allowed):
    document = upload(secretariat_user, meeting)

    def walk():
        for status in path:
            services.document_set_status(actor=secretariat_user, document=document, status=status)

    if allowed:
        walk()
        document.refresh_from_db()
        assert document.status == path[-1]
        assert [c.new_status for c in document.status_changes.all()] == ["draft", *path]
    else:
        with pytest.raises(services.StatusChangeNotAllowed):
            walk()


def test_a_status_change_records_who_and_when(secretariat_user, meeting, time_machine):
    time_machine.move_to(dt.datetime(2022, 8, 3, 9, 0, tzinfo=dt.UTC), tick=False)
    document = upload(secretariat_user, meeting)

    change = services.document_set_status(
        actor=secretariat_user, document=document, status=Status.CIRCULATED, note="For comments by 15 August"
    )

    document.refresh_from_db()
    assert (change.changed_by, change.changed_at.isoformat(), change.note) == (
        secretariat_user,
        "2022-08-03T09:00:00+00:00",
        "For comments by 15 August",
    )
    assert (document.status_changed_by, document.status_changed_at) == (secretariat_user, change.changed_at)


def test_adopting_a_meetings_report_is_recorded_with_that_meeting(secretariat_user, meeting):
    report = upload(secretariat_user, meeting, status=Status.CIRCULATED)

    change = services.document_set_status(actor=secretariat_user, document=report, status=Status.ADOPTED)

    assert change.meeting == meeting
    assert list(meeting.document_decisions.values_list("document__title_en", flat=True)) == ["Report of the meeting"]


def test_a_report_adopted_by_a_later_meeting_is_recorded_with_the_later_one(secretariat_user, meeting):
    report = upload(secretariat_user, meeting, status=Status.CIRCULATED)
    next_som = MeetingFactory()

    change = services.document_set_status(
        actor=secretariat_user, document=report, status=Status.ADOPTED, meeting=next_som
    )

    assert change.meeting == next_som


def test_only_the_secretariat_changes_a_status(focal_point_vn, meeting):
    document = DocumentFactory(meeting=meeting, member_state=focal_point_vn.focal_point.member_state)

    with pytest.raises(Forbidden):
        services.document_set_status(actor=focal_point_vn, document=document, status=Status.ADOPTED)


def test_circulating_needs_a_file(secretariat_user, meeting):
    document = DocumentFactory(meeting=meeting, status=Status.DRAFT)

    with pytest.raises(DomainError, match="Upload the file"):
        services.document_set_status(actor=secretariat_user, document=document, status=Status.CIRCULATED)


# --- Focal points -------------------------------------------------------------------------------


def test_a_focal_point_uploads_a_country_report_for_their_own_country(focal_point_vn, viet_nam, meeting):
    report = services.country_report_upload(
        actor=focal_point_vn, meeting=meeting, file=upload_file(), title_en="Viet Nam country report"
    )

    assert (report.kind, report.member_state, report.visibility, report.status) == (
        Document.Kind.COUNTRY_REPORT,
        viet_nam,
        Document.Visibility.MEMBER_STATES,
        Status.DRAFT,
    )


def test_a_focal_point_cannot_choose_another_country_visibility_or_status(focal_point_vn, viet_nam, thailand, meeting):
    report = upload(
        focal_point_vn,
        meeting,
        kind=Document.Kind.COUNTRY_REPORT,
        member_state=thailand,
        visibility=Document.Visibility.PUBLIC,
        status=Status.CIRCULATED,
    )

    assert (report.member_state, report.visibility, report.status) == (viet_nam, "member_states", "draft")


def test_a_focal_point_cannot_upload_an_agenda_or_declaration(focal_point_vn, meeting):
    with pytest.raises(DomainError) as refused:
        upload(focal_point_vn, meeting, kind=Document.Kind.AGENDA)

    assert refused.value.field == "kind"


@pytest.mark.parametrize("status", [Meeting.Status.DRAFT])
def test_a_focal_point_cannot_upload_to_an_unannounced_meeting(focal_point_vn, status):
    with pytest.raises(NotFound):
        upload(focal_point_vn, MeetingFactory(status=status), kind=Document.Kind.COUNTRY_REPORT)


def test_a_focal_point_cannot_upload_to_a_meeting_their_country_is_not_invited_to(focal_point_vn):
    with pytest.raises(NotFound):
        upload(focal_point_vn, MeetingFactory(invites_asean=False), kind=Document.Kind.COUNTRY_REPORT)


def test_a_focal_point_attaches_papers_only_to_initiatives_their_country_leads(focal_point_vn, viet_nam):
    own = upload(focal_point_vn, None, initiative=InitiativeFactory(lead=viet_nam))
    co_led = InitiativeFactory()
    co_led.co_leads.add(viet_nam)
    upload(focal_point_vn, None, initiative=co_led)

    with pytest.raises(NotFound):
        upload(focal_point_vn, None, initiative=InitiativeFactory())
    assert own.member_state == viet_nam


def test_someone_who_is_not_a_focal_point_cannot_upload(meeting):
    from tests.factories import UserFactory

    with pytest.raises(Forbidden):
        upload(UserFactory(), meeting)


def test_a_focal_point_adds_versions_to_their_own_draft_only(focal_point_vn, focal_point_th, viet_nam, meeting):
    report = services.country_report_upload(actor=focal_point_vn, meeting=meeting, file=upload_file(), title_en="VN")

    services.document_add_version(actor=focal_point_vn, document=report, file=upload_file("v2.pdf"))

    with pytest.raises(NotFound):  # another country's draft: as if it did not exist
        services.document_add_version(actor=focal_point_th, document=report, file=upload_file())
    report.status = Status.CIRCULATED
    report.save()
    with pytest.raises(Forbidden):  # another country's circulated report: visible, not theirs
        services.document_add_version(actor=focal_point_th, document=report, file=upload_file())
    with pytest.raises(DomainError, match="ask the secretariat"):
        services.document_add_version(actor=focal_point_vn, document=report, file=upload_file())


# --- Deletion -----------------------------------------------------------------------------------


def test_deleting_a_document_removes_its_files(secretariat_user, meeting, settings, django_capture_on_commit_callbacks):
    document = upload(secretariat_user, meeting)
    services.document_add_version(actor=secretariat_user, document=document, file=upload_file("v2.pdf"))
    other = upload(secretariat_user, meeting)
    assert len(stored_files(settings)) == 3

    with django_capture_on_commit_callbacks(execute=True):
        services.document_delete(actor=secretariat_user, document=document)

    assert stored_files(settings) == [other.current_version.file.name]
    assert DocumentVersion.objects.count() == 1


def test_deleting_a_meeting_removes_the_files_of_its_documents(
    secretariat_user, meeting, settings, django_capture_on_commit_callbacks
):
    upload(secretariat_user, meeting)

    with django_capture_on_commit_callbacks(execute=True):
        meeting.delete()

    assert stored_files(settings) == []


def test_a_rolled_back_deletion_keeps_the_files(
    secretariat_user, meeting, settings, django_capture_on_commit_callbacks
):
    document = upload(secretariat_user, meeting)

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        services.document_delete(actor=secretariat_user, document=document)
        raise RuntimeError

    assert callbacks == []
    assert len(stored_files(settings)) == 1


def test_a_focal_point_deletes_only_their_own_draft(focal_point_vn, focal_point_th, meeting):
    report = services.country_report_upload(actor=focal_point_vn, meeting=meeting, file=upload_file(), title_en="VN")

    with pytest.raises(NotFound):
        services.document_delete(actor=focal_point_th, document=report)
    services.document_delete(actor=focal_point_vn, document=report)

    assert Document.objects.count() == 0


# --- Declarations -------------------------------------------------------------------------------


@pytest.fixture
def declaration(secretariat_user):
    return upload(
        secretariat_user,
        None,
        kind=Document.Kind.DECLARATION,
        title_en="ASEAN Declaration on promoting civil service's response to new challenges",
    )


def test_a_declaration_track_ends_with_adoption_by_the_heads_of_civil_service(secretariat_user, declaration):
    som = MeetingFactory(kind=Meeting.Kind.SOM, start=dt.datetime(2022, 8, 3, 2, 0, tzinfo=dt.UTC))
    hcs = MeetingFactory(kind=Meeting.Kind.HCS, start=dt.datetime(2022, 8, 4, 20, 0, tzinfo=dt.UTC))
    services.declaration_step_add(
        actor=secretariat_user, document=declaration, kind="drafted", date=dt.date(2021, 4, 8), note_en="By MOHA"
    )
    services.declaration_step_add(actor=secretariat_user, document=declaration, kind="discussed", meeting=som)
    services.declaration_step_add(actor=secretariat_user, document=declaration, kind="endorsed_by_som", meeting=som)

    services.declaration_step_add(actor=secretariat_user, document=declaration, kind="adopted_by_hcs", meeting=hcs)

    steps = list(declaration.declaration_steps.values_list("kind", "date", "meeting"))
    assert steps == [
        ("drafted", dt.date(2021, 4, 8), None),
        ("discussed", dt.date(2022, 8, 3), som.pk),
        ("endorsed_by_som", dt.date(2022, 8, 3), som.pk),
        ("adopted_by_hcs", dt.date(2022, 8, 5), hcs.pk),  # the meeting's date in Hanoi, not in UTC
    ]
    declaration.refresh_from_db()
    assert declaration.status == Status.ADOPTED
    assert declaration.status_changes.last().meeting == hcs


def test_endorsement_must_be_at_a_som(secretariat_user, declaration):
    with pytest.raises(DomainError) as refused:
        services.declaration_step_add(
            actor=secretariat_user,
            document=declaration,
            kind="endorsed_by_som",
            meeting=MeetingFactory(kind=Meeting.Kind.WORKSHOP),
        )

    assert refused.value.field == "meeting"


@pytest.mark.parametrize(
    "meeting",
    [
        lambda: MeetingFactory(kind=Meeting.Kind.HCS),  # still ahead
        lambda: HeldMeetingFactory(kind=Meeting.Kind.HCS, status=Meeting.Status.CANCELLED, cancellation_reason="Flood"),
        lambda: HeldMeetingFactory(kind=Meeting.Kind.HCS, status=Meeting.Status.DRAFT),
    ],
    ids=["ahead", "cancelled", "draft"],
)
def test_a_step_is_recorded_only_at_a_meeting_that_has_taken_place(secretariat_user, declaration, meeting):
    with pytest.raises(DomainError, match="has not taken place") as refused:
        services.declaration_step_add(
            actor=secretariat_user, document=declaration, kind="adopted_by_hcs", meeting=meeting()
        )

    assert refused.value.field == "meeting"
    declaration.refresh_from_db()
    assert declaration.status != Status.ADOPTED
    assert not DeclarationStep.objects.exists()


def test_a_meeting_step_needs_its_meeting(secretariat_user, declaration):
    with pytest.raises(DomainError) as refused:
        services.declaration_step_add(actor=secretariat_user, document=declaration, kind="discussed")

    assert refused.value.field == "meeting"


def test_the_same_step_at_the_same_meeting_is_refused(secretariat_user, declaration):
    som = HeldMeetingFactory(kind=Meeting.Kind.SOM)
    services.declaration_step_add(actor=secretariat_user, document=declaration, kind="discussed", meeting=som)

    with pytest.raises(DomainError, match="already recorded"):
        services.declaration_step_add(actor=secretariat_user, document=declaration, kind="discussed", meeting=som)
    assert DeclarationStep.objects.count() == 1


def test_only_declarations_have_steps(secretariat_user, meeting):
    with pytest.raises(DomainError):
        services.declaration_step_add(
            actor=secretariat_user, document=upload(secretariat_user, meeting), kind="drafted", date=dt.date(2021, 1, 1)
        )


def test_focal_points_do_not_record_declaration_steps(focal_point_vn, declaration):
    with pytest.raises(Forbidden):
        services.declaration_step_add(actor=focal_point_vn, document=declaration, kind="drafted", date=dt.date.today())


def test_document_update_moves_a_paper_under_an_agenda_item_of_its_meeting(secretariat_user, meeting):
    document = upload(secretariat_user, meeting)
    item = AgendaItemFactory(meeting=meeting)

    services.document_update(actor=secretariat_user, document=document, agenda_item=item, visibility="public")

    document.refresh_from_db()
    assert (document.agenda_item, document.meeting, document.visibility) == (item, meeting, "public")


def test_document_update_refuses_a_country_report_without_its_country(secretariat_user, meeting, viet_nam):
    document = upload(secretariat_user, meeting, kind=Document.Kind.COUNTRY_REPORT, member_state=viet_nam)

    with pytest.raises(DomainError) as refused:
        services.document_update(actor=secretariat_user, document=document, member_state=None)

    assert refused.value.field == "member_state"


def test_focal_points_do_not_update_documents(focal_point_vn, meeting):
    report = services.country_report_upload(actor=focal_point_vn, meeting=meeting, file=upload_file(), title_en="VN")

    with pytest.raises(Forbidden):
        services.document_update(actor=focal_point_vn, document=report, visibility="public")
