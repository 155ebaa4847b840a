"""Uploaded files in an S3-compatible bucket (issue 17 item 2), against a real S3 server on the loopback (moto in
server mode): a paper is stored in the bucket, downloaded through a URL signed for a minute after the portal's
own check, and `manage.py move_files` moves files from the local folder to the bucket and back, checksums equal.
"""

import hashlib
import os
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.management import call_command
from django.urls import reverse

from common import storage
from documents.models import Document
from tests.factories import DocumentFactory, DocumentVersionFactory, pdf_bytes
from tests.ops.conftest import free_port

pytestmark = pytest.mark.django_db

PAPER = pdf_bytes("Report of the SOM")


def _keys(client) -> list[str]:
    return [item["Key"] for item in client.list_objects_v2(Bucket=client.name).get("Contents", [])]


def test_a_paper_lives_in_the_bucket_and_is_downloaded_through_a_signed_url(bucket, client, focal_point_vn):
    version = DocumentVersionFactory(
        document=DocumentFactory(visibility=Document.Visibility.MEMBER_STATES),
        file=ContentFile(PAPER, name="report.pdf"),
        original_name="Báo cáo SOM.pdf",
        checksum=hashlib.sha256(PAPER).hexdigest(),
    )
    assert not storage.is_local()
    assert _keys(bucket) == [f"private/{version.file.name}"]

    client.force_login(focal_point_vn)
    response = client.get(reverse("documents:download", args=[version.document_id]))

    assert response.status_code == 302
    assert response["Cache-Control"] == "private, no-store"
    signed = urlsplit(response["Location"])
    query = parse_qs(signed.query)
    assert query["X-Amz-Expires"] == ["60"] and "X-Amz-Signature" in query
    fetched = requests.get(response["Location"], timeout=10)
    assert fetched.status_code == 200 and fetched.content == PAPER
    assert "attachment" in fetched.headers["Content-Disposition"]
    assert "B%C3%A1o%20c%C3%A1o%20SOM.pdf" in fetched.headers["Content-Disposition"]


def test_nobody_gets_a_signed_url_the_portal_would_not_give_the_file_to(bucket, client):
    version = DocumentVersionFactory(
        document=DocumentFactory(visibility=Document.Visibility.SECRETARIAT), file=ContentFile(PAPER, name="s.pdf")
    )

    response = client.get(reverse("documents:download", args=[version.document_id]))

    assert response.status_code in (302, 404) and "X-Amz-Signature" not in response.get("Location", "")


def test_move_files_copies_the_local_folder_into_the_bucket_and_back_with_equal_checksums(bucket, settings, tmp_path):
    local = FileSystemStorage(location=settings.LOCAL_FILES["OPTIONS"]["location"])
    files = {
        "documents/2026/report.pdf": PAPER,
        "nomination-letters/vn.pdf": pdf_bytes("Note Verbale"),
        "photos/ảnh.jpg": os.urandom(50_000),
    }
    for name, content in files.items():
        local.save(name, ContentFile(content))

    call_command("move_files")

    assert sorted(_keys(bucket)) == sorted(f"private/{name}" for name in files)
    for name, content in files.items():
        assert storage.checksum(default_storage, name) == hashlib.sha256(content).hexdigest()

    for name in files:
        local.delete(name)
    call_command("move_files", "--to-local")

    for name, content in files.items():
        with local.open(name, "rb") as handle:
            assert handle.read() == content


def test_move_files_without_a_bucket_says_what_to_set(settings):
    from django.core.management.base import CommandError

    settings.ACCSM_S3_BUCKET = ""
    with pytest.raises(CommandError, match="Set ACCSM_S3_BUCKET"):
        call_command("move_files")


@pytest.fixture
def bucket_down(bucket, settings):
    """The bucket's server stops answering (a closed port): saves and reads fail as they would in production."""
    closed = free_port()
    options = {**settings.BUCKET_FILES["OPTIONS"], "endpoint_url": f"http://127.0.0.1:{closed}"}
    settings.STORAGES = {**settings.STORAGES, "default": {**settings.BUCKET_FILES, "OPTIONS": options}}


def test_with_the_bucket_down_an_upload_is_refused_clearly_and_nothing_is_half_stored(
    bucket_down, client, secretariat_user
):
    from tests.documents.test_upload_pages import form_data
    from tests.factories import MeetingFactory, upload_file

    meeting = MeetingFactory()
    client.force_login(secretariat_user)

    response = client.post(reverse("documents:upload"), form_data(meeting, file=upload_file("report.pdf")))

    assert response.status_code in (200, 400, 422)  # the form again, with what was typed
    assert "The file could not be stored or read just now; nothing was saved." in response.content.decode()
    assert 'value="Report of the Senior Officials Meeting"' in response.content.decode()
    assert not Document.objects.exists()


def test_with_the_bucket_down_a_download_is_a_clear_503(bucket, client, focal_point_vn, settings):
    version = DocumentVersionFactory(
        document=DocumentFactory(visibility=Document.Visibility.MEMBER_STATES), file=ContentFile(PAPER, name="r.pdf")
    )
    options = {**settings.BUCKET_FILES["OPTIONS"], "endpoint_url": f"http://127.0.0.1:{free_port()}"}
    settings.STORAGES = {**settings.STORAGES, "default": {**settings.BUCKET_FILES, "OPTIONS": options}}
    client.force_login(focal_point_vn)

    response = client.get(reverse("documents:download", args=[version.document_id]))

    assert response.status_code == 503
    assert "The file could not be stored or read just now" in response.content.decode()


def test_with_the_bucket_down_the_api_answers_its_json_error_shape(bucket_down, secretariat_user):
    from rest_framework.test import APIClient

    from tests.factories import MeetingFactory, upload_file

    api = APIClient()
    api.force_authenticate(secretariat_user)

    response = api.post(
        "/api/v1/documents/",
        {"file": upload_file("report.pdf"), "title_en": "Agenda", "meeting": MeetingFactory().pk},
        format="multipart",
    )

    assert response.status_code == 503
    assert response.json()["code"] == "storage_unavailable"
    assert not Document.objects.exists()


# --- Every private file leaves the same way (common.storage.file_response) -----------------------------------


def test_a_note_verbale_in_the_bucket_is_given_through_a_signed_url_after_the_check(
    bucket, client, focal_point_vn, viet_nam, thailand
):
    from meetings.models import Delegation
    from tests.factories import DelegationFactory

    letter = pdf_bytes("Note Verbale of Viet Nam")
    ours = DelegationFactory(member_state=viet_nam, nomination_letter=ContentFile(letter, name="nv.pdf"))
    theirs = DelegationFactory(
        meeting=ours.meeting, member_state=thailand, nomination_letter=ContentFile(letter, name="nv.pdf")
    )
    assert f"private/{Delegation.objects.get(pk=ours.pk).nomination_letter.name}" in _keys(bucket)
    client.force_login(focal_point_vn)

    response = client.get(reverse("registrations:nomination_letter", args=[ours.pk]))
    other = client.get(reverse("registrations:nomination_letter", args=[theirs.pk]))

    assert response.status_code == 302 and response["Cache-Control"] == "private, no-store"
    assert parse_qs(urlsplit(response["Location"]).query)["X-Amz-Expires"] == ["60"]
    fetched = requests.get(response["Location"], timeout=10)
    assert fetched.content == letter and "note-verbale-vn-" in fetched.headers["Content-Disposition"]
    assert other.status_code == 404 and "Location" not in other  # another country's: no URL at all


def test_a_photo_in_the_bucket_is_sent_through_the_portal_for_the_page_s_img(bucket, client, focal_point_vn, viet_nam):
    from accreditation.models import Accreditation
    from tests.accreditation.images import jpeg_bytes
    from tests.factories import DelegationFactory, ParticipantFactory

    photo = jpeg_bytes(150, 200)
    delegate = ParticipantFactory(delegation=DelegationFactory(member_state=viet_nam))
    Accreditation.objects.create(participant=delegate, photo=ContentFile(photo, name="p.jpg"))
    client.force_login(focal_point_vn)

    response = client.get(reverse("accreditation:photo", args=[delegate.pk]))

    # not a redirect: the page's img-src 'self' would refuse a picture from the bucket's origin
    assert response.status_code == 200 and b"".join(response.streaming_content) == photo
    assert response["Content-Type"] == "image/jpeg" and response["Content-Disposition"].startswith("inline")
    assert "no-store" in response["Cache-Control"]


def test_a_file_missing_from_the_bucket_is_a_404_not_a_signed_url_that_fails(bucket, client, focal_point_vn):
    version = DocumentVersionFactory(
        document=DocumentFactory(visibility=Document.Visibility.MEMBER_STATES), file=ContentFile(PAPER, name="r.pdf")
    )
    bucket.delete_object(Bucket=bucket.name, Key=f"private/{version.file.name}")
    client.force_login(focal_point_vn)

    assert client.get(reverse("documents:download", args=[version.document_id])).status_code == 404


# --- Orphans -----------------------------------------------------------------------------------------------


def test_the_sweep_finds_a_bucket_s_orphans_and_deletes_them_only_when_asked(bucket):
    import io

    kept = DocumentVersionFactory(file=ContentFile(PAPER, name="kept.pdf"))
    orphan = default_storage.save("documents/2026/01/left-behind.pdf", ContentFile(PAPER))
    photo = default_storage.save("accreditation-photos/2026/left.jpg", ContentFile(b"\xff\xd8"))
    default_storage.save("not-an-upload-folder/kept.txt", ContentFile(b"not a FileField's folder"))

    listed = io.StringIO()
    call_command("sweep_files", "--hours", "0", stdout=listed)
    young = io.StringIO()
    call_command("sweep_files", "--delete", stdout=young)  # six hours by default: nothing that young
    assert sorted(_keys(bucket)) == sorted(
        f"private/{name}" for name in (kept.file.name, orphan, photo, "not-an-upload-folder/kept.txt")
    )
    call_command("sweep_files", "--hours", "0", "--delete", stdout=io.StringIO())

    assert listed.getvalue().splitlines() == [
        photo,
        orphan,
        "2 orphan file(s) found (run again with --delete to remove them).",
    ]
    assert young.getvalue().strip() == "0 orphan file(s) deleted."
    assert sorted(_keys(bucket)) == sorted(
        f"private/{name}" for name in (kept.file.name, "not-an-upload-folder/kept.txt")
    )


def test_signed_urls_name_the_public_address_when_browsers_reach_the_bucket_elsewhere(
    bucket, s3_server, client, focal_point_vn, settings
):
    public = s3_server.replace("127.0.0.1", "localhost")  # as nginx's /<bucket>/ location in docker-compose
    options = {**settings.STORAGES["default"]["OPTIONS"], "public_url": public}
    settings.STORAGES = {**settings.STORAGES, "default": {**settings.STORAGES["default"], "OPTIONS": options}}
    version = DocumentVersionFactory(
        document=DocumentFactory(visibility=Document.Visibility.MEMBER_STATES), file=ContentFile(PAPER, name="r.pdf")
    )
    client.force_login(focal_point_vn)

    location = client.get(reverse("documents:download", args=[version.document_id]))["Location"]

    assert location.startswith(f"{public}/{bucket.name}/private/documents/")
    assert "X-Amz-Signature" in location and requests.get(location, timeout=10).content == PAPER
