"""/api/v1/documents/: read per documents_visible_to, uploads through the same services as the pages."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from documents import services
from documents.models import Document, DocumentVersion
from tests.documents.conftest import stored_files
from tests.factories import (
    AgendaItemFactory,
    DocumentFactory,
    DocumentVersionFactory,
    MeetingFactory,
    docx_bytes,
    pdf_bytes,
    upload_file,
)

V = Document.Visibility
S = Document.Status
URL = "/api/v1/documents/"


@pytest.fixture
def papers(secretariat_user, meeting, viet_nam):
    def make(title, visibility, status=S.CIRCULATED, member_state=None, kind=Document.Kind.REPORT):
        return services.document_upload(
            actor=secretariat_user,
            file=upload_file(),
            title_en=title,
            kind=kind,
            meeting=meeting,
            member_state=member_state,
            visibility=visibility,
            status=status,
        )

    return {
        "public": make("Public report", V.PUBLIC),
        "member_states": make("For member states", V.MEMBER_STATES),
        "vn_draft_report": make("VN report", V.MEMBER_STATES, S.DRAFT, viet_nam, Document.Kind.COUNTRY_REPORT),
        "secretariat": make("Secretariat note", V.SECRETARIAT),
    }


ACCESS = {
    "anonymous": ["public"],
    "focal_point_vn": ["member_states", "public", "vn_draft_report"],
    "focal_point_th": ["member_states", "public"],
    "secretariat_user": ["member_states", "public", "secretariat", "vn_draft_report"],
}


def client_for(who, request) -> APIClient:
    client = APIClient()
    if who != "anonymous":
        client.force_authenticate(request.getfixturevalue(who))
    return client


@pytest.mark.parametrize("who", list(ACCESS))
def test_each_access_level_on_the_list(who, papers, request):
    response = client_for(who, request).get(URL)

    names = {document.pk: name for name, document in papers.items()}
    assert sorted(names[row["id"]] for row in response.json()["results"]) == ACCESS[who]


@pytest.mark.parametrize("who", list(ACCESS))
@pytest.mark.parametrize("paper", ["public", "member_states", "vn_draft_report", "secretariat"])
def test_each_access_level_on_the_detail(who, paper, papers, request):
    response = client_for(who, request).get(f"{URL}{papers[paper].pk}/")

    if paper in ACCESS[who]:
        assert response.status_code == 200
        assert response.json()["title"] == papers[paper].title
    else:
        assert (response.status_code, response.json()["code"]) == (404, "not_found")


def test_the_download_url_is_the_access_checked_view(papers, api_client, client):
    document = papers["public"]
    version = document.current_version

    detail = api_client.get(f"{URL}{document.pk}/").json()

    assert detail["current_version"] == {
        "number": 1,
        "file_name": "report.pdf",
        "content_type": "application/pdf",
        "size": version.size,
        "checksum": version.checksum,
        "uploaded_at": detail["current_version"]["uploaded_at"],
        "download_url": f"http://127.0.0.1:8000/api/v1/documents/{document.pk}/versions/1/file/",
    }
    assert [v["number"] for v in detail["versions"]] == [1]
    assert [c["new_status"] for c in detail["status_changes"]] == ["circulated"]
    downloaded = client.get(detail["current_version"]["download_url"].removeprefix("http://127.0.0.1:8000"))
    assert (downloaded.status_code, downloaded["Content-Type"]) == (200, "application/pdf")
    assert b"".join(downloaded.streaming_content) == document.current_version.file.open("rb").read()
    hidden = papers["secretariat"]
    assert client.get(f"/api/v1/documents/{hidden.pk}/versions/1/file/").json()["code"] == "not_found"


@pytest.mark.parametrize("who", list(ACCESS))
def test_a_token_downloads_exactly_the_papers_the_api_lists_for_it(who, papers, request, secretariat_user):
    """The same checks as the download page: what the list shows downloads, anything else is a 404."""
    from api import services as api_services

    client = APIClient()
    if who != "anonymous":
        owner = request.getfixturevalue(who)
        _token, plain = api_services.api_token_create(actor=secretariat_user, name="papers", owner=owner, scope="read")
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {plain}")
    listed = {row["id"] for row in client.get(URL).json()["results"]}

    answers = {
        name: client.get(f"{URL}{document.pk}/versions/1/file/", HTTP_ACCEPT="application/pdf").status_code
        for name, document in papers.items()
    }

    assert answers == {name: 200 if document.pk in listed else 404 for name, document in papers.items()}
    assert sorted(name for name, answer in answers.items() if answer == 200) == ACCESS[who]


def test_the_list_filters_like_the_library(api_client, meeting):
    DocumentFactory(title="Agenda", meeting=meeting, kind=Document.Kind.AGENDA)
    DocumentFactory(title="Báo cáo hội nghị", meeting=meeting)

    by_kind = api_client.get(URL, {"kind": "agenda"}).json()["results"]
    by_title = api_client.get(URL, {"q": "bao cao"}).json()["results"]
    by_chairmanship = api_client.get(URL, {"chairmanship": 21}).json()["results"]

    assert [d["title"] for d in by_kind] == ["Agenda"]
    assert [d["title"] for d in by_title] == ["Báo cáo hội nghị"]
    assert len(by_chairmanship) == 2


def test_a_bad_filter_is_a_json_400(api_client, db):
    response = api_client.get(URL, {"kind": "nonsense"})
    unknown = api_client.get(URL, {"colour": "red"})

    assert (response.status_code, list(response.json()["fields"])) == (400, ["kind"])
    assert (unknown.status_code, unknown.json()["code"]) == (400, "unknown_parameter")


@pytest.mark.parametrize("who", ["anonymous", "focal_point_vn", "secretariat_user"])
def test_the_list_needs_the_same_queries_for_one_or_many(who, request, meeting, viet_nam):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(who, request)
    item = AgendaItemFactory(meeting=meeting)

    def add():
        DocumentVersionFactory(document=DocumentFactory(meeting=meeting, agenda_item=item, member_state=viet_nam))

    add()
    client.get(URL)  # force_authenticate reuses one user object: let it cache its permissions first
    with CaptureQueriesContext(connection) as one:
        assert len(client.get(URL).json()["results"]) == 1
    for _ in range(4):
        add()
    with CaptureQueriesContext(connection) as many:
        assert len(client.get(URL).json()["results"]) == 5
    assert len(one) == len(many)


def test_an_unchanged_list_answers_304(api_client, meeting):
    DocumentFactory(meeting=meeting)
    first = api_client.get(URL)

    again = api_client.get(URL, HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 304


# --- Uploads ------------------------------------------------------------------------------------


def test_the_secretariat_uploads_through_the_api(secretariat_user, meeting):
    client = APIClient()
    client.force_authenticate(secretariat_user)

    response = client.post(
        URL,
        {
            "file": upload_file("agenda.pdf"),
            "title_en": "Provisional agenda",
            "kind": "agenda",
            "meeting": meeting.pk,
            "visibility": "public",
            "status": "circulated",
        },
        format="multipart",
    )

    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["title"], body["status"], body["visibility"], body["current_version"]["file_name"]) == (
        "Provisional agenda",
        "circulated",
        "public",
        "agenda.pdf",
    )


def test_a_focal_point_uploads_a_country_report_through_the_api(focal_point_vn, meeting):
    client = APIClient()
    client.force_authenticate(focal_point_vn)

    response = client.post(
        URL,
        {
            "file": upload_file("vn.pdf"),
            "title_en": "Country report of Viet Nam",
            "kind": "country_report",
            "meeting": meeting.pk,
            "member_state": "TH",
            "visibility": "public",
            "status": "circulated",
        },
        format="multipart",
    )

    assert response.status_code == 201
    assert {k: response.json()[k] for k in ("member_state", "visibility", "status")} == {
        "member_state": "VN",
        "visibility": "member_states",
        "status": "draft",
    }


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("report.pdf", docx_bytes(), "is not a PDF document"),
        ("report.docx", b"PK\x03\x04", "is not a Word document (DOCX)"),
        ("tool.exe", b"MZ", "“.exe” files are not accepted"),
        ("empty.pdf", b"", "The submitted file is empty."),
        ("a|b.pdf", pdf_bytes(), "characters that are not allowed"),
    ],
)
def test_a_bad_file_is_a_json_400_and_nothing_is_stored(secretariat_user, meeting, settings, name, data, message):
    client = APIClient()
    client.force_authenticate(secretariat_user)

    response = client.post(
        URL,
        {"file": SimpleUploadedFile(name, data), "title_en": "Report", "meeting": meeting.pk},
        format="multipart",
    )

    assert response.status_code == 400
    assert message in response.json()["fields"]["file"][0]
    assert (Document.objects.count(), DocumentVersion.objects.count(), stored_files(settings)) == (0, 0, [])


def test_an_oversized_file_is_a_json_400(secretariat_user, meeting, settings):
    settings.ACCSM_DOCUMENT_MAX_UPLOAD_BYTES = 100
    client = APIClient()
    client.force_authenticate(secretariat_user)

    response = client.post(
        URL, {"file": upload_file(), "title_en": "Report", "meeting": meeting.pk}, format="multipart"
    )

    assert (response.status_code, response.json()["code"]) == (400, "bad_file")
    assert stored_files(settings) == []


def test_anonymous_clients_cannot_upload(api_client, meeting):
    response = api_client.post(URL, {"file": upload_file(), "title_en": "R", "meeting": meeting.pk}, format="multipart")

    assert response.status_code in (401, 403)
    assert Document.objects.count() == 0


def test_an_api_token_cannot_upload(token_client, focal_point_vn, viet_nam, meeting):
    client = token_client(focal_point_vn, scope="registrations", member_state=viet_nam)

    response = client.post(
        URL,
        {"file": upload_file(), "title_en": "R", "kind": "country_report", "meeting": meeting.pk},
        format="multipart",
    )

    assert response.status_code == 403
    assert Document.objects.count() == 0


def test_a_focal_point_cannot_upload_to_a_meeting_they_cannot_see(focal_point_vn):
    client = APIClient()
    client.force_authenticate(focal_point_vn)
    hidden = MeetingFactory(status="draft")

    response = client.post(
        URL,
        {"file": upload_file(), "title_en": "R", "kind": "country_report", "meeting": hidden.pk},
        format="multipart",
    )

    assert (response.status_code, list(response.json()["fields"])) == (400, ["meeting"])


def test_versions_through_the_api(secretariat_user, focal_point_th, papers):
    client = APIClient()
    client.force_authenticate(secretariat_user)
    document = papers["public"]

    added = client.post(f"{URL}{document.pk}/versions/", {"file": upload_file("v2.pdf")}, format="multipart")
    client.force_authenticate(focal_point_th)
    not_theirs = client.post(f"{URL}{document.pk}/versions/", {"file": upload_file("v3.pdf")}, format="multipart")
    hidden = client.post(
        f"{URL}{papers['vn_draft_report'].pk}/versions/", {"file": upload_file("v3.pdf")}, format="multipart"
    )

    assert (added.status_code, added.json()["number"]) == (201, 2)
    assert not_theirs.status_code == 403
    assert hidden.status_code == 404
