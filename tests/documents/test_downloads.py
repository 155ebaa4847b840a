"""Files are served only through the access-checking view, as attachments, never from a media URL."""

import io
import zipfile

import pytest
from django.urls import reverse

from documents import services
from documents.models import Document
from tests.factories import (
    AgendaItemFactory,
    DocumentFactory,
    DocumentVersionFactory,
    docx_bytes,
    pdf_bytes,
    upload_file,
)

V = Document.Visibility
S = Document.Status


@pytest.fixture
def papers(secretariat_user, meeting, viet_nam):
    def make(title, visibility, status=S.CIRCULATED, member_state=None, kind=Document.Kind.REPORT, name="paper.pdf"):
        document = services.document_upload(
            actor=secretariat_user,
            file=upload_file(name, pdf_bytes(title)),
            title_en=title,
            kind=kind,
            meeting=meeting,
            member_state=member_state,
            visibility=visibility,
        )
        if status != S.DRAFT:
            services.document_set_status(actor=secretariat_user, document=document, status=S.CIRCULATED)
        return document

    return {
        "public": make("Public report", V.PUBLIC),
        "member_states": make("For member states", V.MEMBER_STATES),
        "vn_draft_report": make(
            "Viet Nam country report", V.MEMBER_STATES, S.DRAFT, viet_nam, Document.Kind.COUNTRY_REPORT
        ),
        "secretariat": make("Secretariat note", V.SECRETARIAT),
    }


ACCESS = {
    # who: which papers they may open
    "anonymous": {"public"},
    "focal_point_vn": {"public", "member_states", "vn_draft_report"},
    "focal_point_th": {"public", "member_states"},
    "secretariat_user": {"public", "member_states", "vn_draft_report", "secretariat"},
}


def client_for(who, client, request):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    return client


@pytest.mark.parametrize("who", list(ACCESS))
@pytest.mark.parametrize("paper", ["public", "member_states", "vn_draft_report", "secretariat"])
def test_each_access_level_on_the_download(who, paper, papers, client, request):
    client = client_for(who, client, request)

    response = client.get(reverse("documents:download", args=[papers[paper].pk]))

    if paper in ACCESS[who]:
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == papers[paper].current_version.file.open("rb").read()
    else:
        assert response.status_code == 404


@pytest.mark.parametrize("who", list(ACCESS))
@pytest.mark.parametrize("paper", ["public", "member_states", "vn_draft_report", "secretariat"])
def test_each_access_level_on_the_document_page(who, paper, papers, client, request):
    client = client_for(who, client, request)

    response = client.get(reverse("documents:detail", args=[papers[paper].pk]))

    assert response.status_code == (200 if paper in ACCESS[who] else 404)


def test_a_download_is_an_attachment_with_its_cleaned_name_and_nosniff(secretariat_user, meeting, client):
    document = services.document_upload(
        actor=secretariat_user,
        file=upload_file("Báo cáo hội nghị.docx", docx_bytes()),
        title_en="Report",
        meeting=meeting,
        visibility=V.PUBLIC,
        status=S.CIRCULATED,
    )

    response = client.get(reverse("documents:download", args=[document.pk]))

    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert response["Content-Disposition"] == (
        "attachment; filename=\"Bao cao hoi nghi.docx\"; filename*=utf-8''B%C3%A1o%20c%C3%A1o%20h%E1%BB%99i%20ngh%E1%BB%8B.docx"
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response["ETag"] == f'"{document.current_version.checksum}"'


def test_behind_nginx_the_file_is_handed_over_with_x_accel_redirect(papers, client, settings):
    settings.ACCSM_X_ACCEL_REDIRECT_PREFIX = "/protected-files/"
    version = papers["public"].current_version

    response = client.get(reverse("documents:download", args=[papers["public"].pk]))

    assert response["X-Accel-Redirect"] == f"/protected-files/{version.file.name}"
    assert response.content == b""
    assert response["Content-Disposition"] == 'attachment; filename="paper.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"


def test_x_accel_redirect_is_not_given_to_someone_without_access(papers, client, settings):
    settings.ACCSM_X_ACCEL_REDIRECT_PREFIX = "/protected-files/"

    response = client.get(reverse("documents:download", args=[papers["secretariat"].pk]))

    assert response.status_code == 404
    assert "X-Accel-Redirect" not in response


def test_earlier_versions_stay_downloadable(secretariat_user, papers, client):
    document = papers["public"]
    first = document.current_version.file.open("rb").read()
    services.document_add_version(
        actor=secretariat_user, document=document, file=upload_file("v2.pdf", pdf_bytes("v2"))
    )

    old = client.get(reverse("documents:version_download", args=[document.pk, 1]))
    new = client.get(reverse("documents:download", args=[document.pk]))

    assert b"".join(old.streaming_content) == first
    assert b"".join(new.streaming_content) == pdf_bytes("v2")
    assert client.get(reverse("documents:version_download", args=[document.pk, 3])).status_code == 404


def test_earlier_versions_of_a_hidden_document_stay_hidden(papers, client):
    response = client.get(reverse("documents:version_download", args=[papers["secretariat"].pk, 1]))

    assert response.status_code == 404


def test_files_are_not_reachable_under_a_media_url(papers, client):
    version = papers["public"].current_version

    assert client.get(f"/{version.file.name}").status_code == 404
    assert client.get(f"/no-public-media/{version.file.name}").status_code == 404


def test_a_file_missing_from_storage_is_a_404_not_a_crash(client, meeting):
    version = DocumentVersionFactory(document=DocumentFactory(meeting=meeting))
    version.file.storage.delete(version.file.name)

    assert client.get(reverse("documents:download", args=[version.document.pk])).status_code == 404


# --- The meeting's zip --------------------------------------------------------------------------


def zip_names(response) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))) as package:
        return package.namelist()


def test_the_zip_holds_the_circulated_papers_the_visitor_may_see_in_agenda_order(
    secretariat_user, meeting, papers, client, focal_point_th
):
    item = AgendaItemFactory(meeting=meeting, order=1, title="Report of the preparatory meeting")
    services.document_upload(
        actor=secretariat_user,
        file=upload_file("prep-report.pdf"),
        title_en="Preparatory meeting report",
        meeting=meeting,
        agenda_item=item,
        visibility=V.PUBLIC,
        status=S.CIRCULATED,
    )

    anonymous = client.get(reverse("documents:meeting_zip", args=[meeting.pk]))
    client.force_login(focal_point_th)
    focal_point = client.get(reverse("documents:meeting_zip", args=[meeting.pk]))

    assert anonymous["Content-Type"] == "application/zip"
    assert anonymous["Content-Disposition"] == 'attachment; filename="som-21-documents.zip"'
    assert zip_names(anonymous) == ["01 paper.pdf", "02 prep-report.pdf"]
    assert zip_names(focal_point) == ["01 paper.pdf", "02 paper.pdf", "03 prep-report.pdf"]


def test_the_zip_of_the_secretariat_leaves_out_drafts(meeting, papers, client, secretariat_user):
    client.force_login(secretariat_user)

    response = client.get(reverse("documents:meeting_zip", args=[meeting.pk]))

    assert len(zip_names(response)) == 3  # public, member states, secretariat note; not the draft report


def test_no_zip_when_nothing_is_circulated(meeting, client):
    assert client.get(reverse("documents:meeting_zip", args=[meeting.pk])).status_code == 404
