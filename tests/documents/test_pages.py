"""The document library, a document's page and the documents section of a meeting's page."""

import datetime as dt

import pytest
from django.urls import reverse

from documents import services
from documents.models import Document, DocumentStatusChange
from meetings.models import Meeting
from tests.factories import (
    AgendaItemFactory,
    ChairmanshipFactory,
    DocumentFactory,
    DocumentVersionFactory,
    MeetingFactory,
    upload_file,
)
from tests.helpers import queries_for

V = Document.Visibility
S = Document.Status


def titles(response) -> list[str]:
    return [document.title for document in response.context["page"].object_list]


# --- Library ------------------------------------------------------------------------------------


def test_the_library_lists_only_what_the_visitor_may_see(client, meeting, focal_point_vn):
    DocumentFactory(title="Public report", meeting=meeting)
    DocumentFactory(title="Member states paper", meeting=meeting, visibility=V.MEMBER_STATES)
    DocumentFactory(title="Draft", meeting=meeting, status=S.DRAFT)

    anonymous = client.get(reverse("documents:library"))
    client.force_login(focal_point_vn)
    focal_point = client.get(reverse("documents:library"))

    assert titles(anonymous) == ["Public report"]
    assert sorted(titles(focal_point)) == ["Member states paper", "Public report"]


@pytest.fixture
def library(db):
    acc21 = ChairmanshipFactory(ordinal=21)
    acc22 = ChairmanshipFactory(ordinal=22)
    som21 = MeetingFactory(chairmanship=acc21, title="SOM 21")
    hcs22 = MeetingFactory(chairmanship=acc22, title="HCS 22", kind=Meeting.Kind.HCS)
    DocumentFactory(title="Agenda of SOM 21", title_vi="Chương trình SOM 21", meeting=som21, kind=Document.Kind.AGENDA)
    DocumentFactory(
        title="Report of SOM 21", title_vi="Báo cáo Hội nghị SOM 21", meeting=som21, status=S.ADOPTED, language="vi"
    )
    DocumentFactory(title="Declaration on mental health", meeting=hcs22, kind=Document.Kind.DECLARATION)
    return {"acc21": acc21, "acc22": acc22, "som21": som21, "hcs22": hcs22}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"chairmanship": 21}, ["Agenda of SOM 21", "Report of SOM 21"]),
        ({"meeting": "hcs22"}, ["Declaration on mental health"]),
        ({"kind": "agenda"}, ["Agenda of SOM 21"]),
        ({"language": "vi"}, ["Report of SOM 21"]),
        ({"status": "adopted"}, ["Report of SOM 21"]),
        ({"q": "bao cao hoi nghi"}, ["Report of SOM 21"]),  # Vietnamese title, diacritics ignored
        ({"q": "MENTAL"}, ["Declaration on mental health"]),
        ({"chairmanship": 21, "kind": "report"}, ["Report of SOM 21"]),
    ],
)
def test_the_library_filters(client, library, query, expected):
    params = {
        key: library[value].pk if isinstance(value, str) and value in library else value for key, value in query.items()
    }

    response = client.get(reverse("documents:library"), params)

    assert sorted(titles(response)) == expected


def test_the_library_shows_the_vietnamese_title_in_vietnamese(client, library):
    response = client.get("/vi/documents/", {"kind": "report"})

    assert "Báo cáo Hội nghị SOM 21" in response.content.decode()


def test_an_unknown_filter_value_shows_everything_with_the_error(client, library):
    response = client.get(reverse("documents:library"), {"kind": "nonsense"})

    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_the_library_paginates(client, meeting):
    DocumentFactory.create_batch(26, meeting=meeting)

    first = client.get(reverse("documents:library"))
    second = client.get(reverse("documents:library"), {"page": 2})

    assert (len(titles(first)), len(titles(second))) == (25, 1)


@pytest.mark.parametrize("who", ["anonymous", "focal_point_vn", "secretariat_user"])
def test_the_library_needs_the_same_queries_for_one_or_many_documents(client, meeting, who, request, viet_nam):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    item = AgendaItemFactory(meeting=meeting)

    def add():
        DocumentVersionFactory(document=DocumentFactory(meeting=meeting, agenda_item=item, member_state=viet_nam))

    add()
    one = queries_for(client, reverse("documents:library"))
    for _ in range(5):
        add()
    many = queries_for(client, reverse("documents:library"))

    assert one == many
    assert len(titles(client.get(reverse("documents:library")))) == 6


# --- One document -------------------------------------------------------------------------------


def test_the_document_page_shows_versions_and_the_status_history(client, secretariat_user, meeting):
    document = services.document_upload(
        actor=secretariat_user,
        file=upload_file("first.pdf"),
        title_en="Report",
        meeting=meeting,
        visibility=V.PUBLIC,
        status=S.CIRCULATED,
    )
    services.document_add_version(actor=secretariat_user, document=document, file=upload_file("second.pdf"))

    page = client.get(reverse("documents:detail", args=[document.pk])).content.decode()

    assert page.index("second.pdf") < page.index("first.pdf")
    assert reverse("documents:version_download", args=[document.pk, 1]) in page
    assert document.current_version.checksum in page
    assert "Circulated" in page
    assert str(secretariat_user) not in page  # who uploaded is shown to the secretariat only


def test_the_secretariat_sees_who_changed_the_status(client, secretariat_user, meeting):
    document = services.document_upload(actor=secretariat_user, file=upload_file(), title_en="R", meeting=meeting)
    client.force_login(secretariat_user)

    page = client.get(reverse("documents:detail", args=[document.pk])).content.decode()

    assert str(secretariat_user) in page


def test_the_secretariat_circulates_then_adopts_a_report_from_its_page(client, secretariat_user, meeting):
    document = services.document_upload(
        actor=secretariat_user, file=upload_file(), title_en="Report", kind=Document.Kind.REPORT, meeting=meeting
    )
    client.force_login(secretariat_user)
    url = reverse("documents:set_status", args=[document.pk])

    client.post(url, {"status": "circulated", "note": "For comments"})
    response = client.post(url, {"status": "adopted"})

    assert response.status_code == 302
    document.refresh_from_db()
    assert document.status == S.ADOPTED
    assert document.status_changes.last().meeting == meeting
    meeting_page = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert "Adopted at this meeting:" in meeting_page and f'/documents/{document.pk}/">Report<' in meeting_page


def test_a_status_the_document_cannot_take_is_refused_on_the_form(client, secretariat_user, meeting):
    document = services.document_upload(actor=secretariat_user, file=upload_file(), title_en="R", meeting=meeting)
    client.force_login(secretariat_user)

    response = client.post(reverse("documents:set_status", args=[document.pk]), {"status": "adopted"})

    assert response.status_code == 400
    assert response.context["status_form"].errors["status"] == [
        "Select a valid choice. adopted is not one of the available choices."
    ]


def test_focal_points_cannot_change_a_status(client, focal_point_vn, meeting):
    document = DocumentFactory(meeting=meeting)
    client.force_login(focal_point_vn)

    response = client.post(reverse("documents:set_status", args=[document.pk]), {"status": "adopted"})

    assert response.status_code == 403  # a secretariat page: the one guard's answer (SECURITY.md)
    document.refresh_from_db()
    assert document.status == S.CIRCULATED


def test_the_secretariat_records_declaration_steps_shown_as_a_timeline(client, secretariat_user):
    declaration = DocumentFactory(
        title="ASEAN Declaration on promoting civil service's response to new challenges",
        kind=Document.Kind.DECLARATION,
        meeting=None,
    )
    som = MeetingFactory(kind=Meeting.Kind.SOM, title="SOM 21", start=dt.datetime(2022, 8, 3, 2, tzinfo=dt.UTC))
    client.force_login(secretariat_user)
    url = reverse("documents:add_step", args=[declaration.pk])

    client.post(url, {"kind": "drafted", "date": "2021-04-08", "note_en": "Drafted by MOHA"})
    client.post(url, {"kind": "endorsed_by_som", "meeting": som.pk})
    refused = client.post(url, {"kind": "adopted_by_hcs", "meeting": som.pk})

    assert refused.status_code == 400
    assert "happens at a meeting of another kind" in refused.context["step_form"].errors["meeting"][0]
    client.logout()
    page = client.get(reverse("documents:detail", args=[declaration.pk])).content.decode()
    assert page.index("Drafted by MOHA") < page.index("Endorsed by the SOM") < page.index("SOM 21")
    assert "Remove this step" not in page
    listing = client.get(reverse("documents:declarations")).content.decode()
    assert "Endorsed by the SOM" in listing


def test_the_declarations_page_needs_the_same_queries_for_one_or_many(client, db):
    def add():
        DocumentFactory(kind=Document.Kind.DECLARATION, meeting=None).declaration_steps.create(
            kind="drafted", date=dt.date(2021, 1, 1)
        )

    add()
    one = queries_for(client, reverse("documents:declarations"))
    add()
    add()
    assert queries_for(client, reverse("documents:declarations")) == one


def test_the_secretariat_deletes_a_document_and_its_files(
    client, secretariat_user, meeting, settings, django_capture_on_commit_callbacks
):
    from tests.documents.conftest import stored_files

    document = services.document_upload(actor=secretariat_user, file=upload_file(), title_en="R", meeting=meeting)
    client.force_login(secretariat_user)

    confirm = client.get(reverse("documents:delete", args=[document.pk]))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("documents:delete", args=[document.pk]))

    assert confirm.status_code == 200
    assert response["Location"] == reverse("meetings:detail", args=[meeting.pk])
    assert (Document.objects.count(), stored_files(settings)) == (0, [])


def test_another_countrys_focal_point_cannot_delete_a_country_report(client, focal_point_vn, focal_point_th, meeting):
    report = services.country_report_upload(actor=focal_point_vn, meeting=meeting, file=upload_file(), title_en="VN")
    client.force_login(focal_point_th)

    assert client.post(reverse("documents:delete", args=[report.pk])).status_code == 404
    assert Document.objects.count() == 1


# --- The meeting page ---------------------------------------------------------------------------


def test_the_meeting_page_lists_visible_documents_in_agenda_order(client, meeting, viet_nam, focal_point_vn):
    second = AgendaItemFactory(meeting=meeting, order=2, title="Work plan 2021–2025")
    first = AgendaItemFactory(meeting=meeting, order=1, title="Report of the preparatory meeting")
    DocumentVersionFactory(document=DocumentFactory(title="Work plan update", meeting=meeting, agenda_item=second))
    DocumentVersionFactory(document=DocumentFactory(title="Preparatory report", meeting=meeting, agenda_item=first))
    DocumentVersionFactory(document=DocumentFactory(title="Provisional agenda", meeting=meeting))
    DocumentFactory(title="Secret note", meeting=meeting, visibility=V.SECRETARIAT)
    DocumentFactory(
        title="Viet Nam draft report",
        meeting=meeting,
        member_state=viet_nam,
        visibility=V.MEMBER_STATES,
        status=S.DRAFT,
        kind=Document.Kind.COUNTRY_REPORT,
    )

    public = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    client.force_login(focal_point_vn)
    own = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()

    section = public[public.index('id="documents-heading"') :]
    assert section.index("Provisional agenda") < section.index("Preparatory report") < section.index("Work plan update")
    assert "Secret note" not in public and "Viet Nam draft report" not in public
    assert reverse("documents:meeting_zip", args=[meeting.pk]) in public
    assert "Viet Nam draft report" in own
    assert "Upload your country report" in own


@pytest.mark.parametrize("who", ["anonymous", "focal_point_vn", "secretariat_user"])
def test_the_meeting_page_needs_the_same_queries_for_one_or_many_documents(client, meeting, who, request):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    item = AgendaItemFactory(meeting=meeting)
    DocumentVersionFactory(document=DocumentFactory(meeting=meeting, agenda_item=item))
    one = queries_for(client, reverse("meetings:detail", args=[meeting.pk]))
    for _ in range(4):
        DocumentVersionFactory(
            document=DocumentFactory(meeting=meeting, agenda_item=AgendaItemFactory(meeting=meeting))
        )
    DocumentStatusChange.objects.create(  # adoptions are listed too
        document=Document.objects.first(), new_status="adopted", meeting=meeting, changed_at=meeting.start
    )

    assert queries_for(client, reverse("meetings:detail", args=[meeting.pk])) == one


# --- Editing ------------------------------------------------------------------------------------


def test_the_secretariat_makes_a_document_public_from_its_edit_page(client, secretariat_user, meeting):
    document = services.document_upload(
        actor=secretariat_user, file=upload_file(), title_en="Concept note", meeting=meeting, status=S.CIRCULATED
    )
    client.force_login(secretariat_user)
    url = reverse("documents:edit", args=[document.pk])

    form = client.get(url)
    response = client.post(
        url,
        {
            "title_en": "Concept note of the forum",
            "title_vi": "Ghi chú ý tưởng Diễn đàn",
            "kind": "concept_note",
            "language": "en",
            "meeting": meeting.pk,
            "visibility": "public",
        },
    )

    assert form.context["form"]["visibility"].value() == "secretariat"
    assert response.status_code == 302
    client.logout()
    assert client.get(reverse("documents:download", args=[document.pk])).status_code == 200
    document.refresh_from_db()
    assert (document.title_vi, document.kind) == ("Ghi chú ý tưởng Diễn đàn", "concept_note")


def test_an_agenda_item_of_another_meeting_is_refused_on_the_edit_page(client, secretariat_user, meeting):
    document = services.document_upload(actor=secretariat_user, file=upload_file(), title_en="R", meeting=meeting)
    other_item = AgendaItemFactory()
    client.force_login(secretariat_user)

    response = client.post(
        reverse("documents:edit", args=[document.pk]),
        {
            "title_en": "R",
            "kind": "report",
            "language": "en",
            "meeting": meeting.pk,
            "agenda_item": other_item.pk,
            "visibility": "public",
        },
    )

    assert response.status_code == 400
    assert response.context["form"].errors["agenda_item"] == [
        (
            f"“{other_item.title}” is on the agenda of {other_item.meeting.title}, not of {meeting.title}: "
            "choose one of its items, or none."
        )
    ]
    document.refresh_from_db()
    assert (document.agenda_item, document.visibility) == (None, "secretariat")


@pytest.mark.parametrize("who", ["anonymous", "focal_point_vn"])
def test_only_the_secretariat_edits_documents(client, meeting, who, request, viet_nam):
    document = DocumentFactory(meeting=meeting, member_state=viet_nam, status=S.DRAFT, visibility=V.MEMBER_STATES)
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))

    response = client.post(
        reverse("documents:edit", args=[document.pk]), {"title_en": "Hacked", "visibility": "public"}
    )

    assert response.status_code in (302, 403)  # anonymous: to sign in; focal point: a secretariat page
    document.refresh_from_db()
    assert (document.title, document.visibility) != ("Hacked", "public")


def test_the_admin_shows_a_documents_history_read_only(admin_client, secretariat_user, meeting):
    document = services.document_upload(actor=secretariat_user, file=upload_file(), title_en="R", meeting=meeting)

    response = admin_client.get(reverse("admin:documents_document_change", args=[document.pk]))

    assert response.status_code == 200
    assert 'name="status"' not in response.content.decode()  # status moves only through the service
