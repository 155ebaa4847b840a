"""Uploaded files in an S3-compatible bucket (issue 17 item 2), against a real S3 server on the loopback (moto in
server mode): a paper is stored in the bucket, downloaded through a URL signed for a minute after the portal's
own check, and `manage.py move_files` moves files from the local folder to the bucket and back, checksums equal.
"""

import hashlib
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from urllib.parse import parse_qs, urlsplit

import boto3
import pytest
import requests
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.management import call_command
from django.urls import reverse

from common import storage
from documents.models import Document
from tests.factories import DocumentFactory, DocumentVersionFactory, pdf_bytes

pytestmark = pytest.mark.django_db

PAPER = pdf_bytes("Report of the SOM")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def s3_server():
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                break
        time.sleep(0.1)
    else:
        process.kill()
        pytest.fail("the S3 test server did not start")
    yield f"http://127.0.0.1:{port}"
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=10)


@pytest.fixture
def bucket(s3_server, settings, monkeypatch, tmp_path):
    """A fresh bucket as the default storage, as settings.py builds it when ACCSM_S3_BUCKET is set."""
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "test")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "test")
    name = f"accsm-{uuid.uuid4().hex[:12]}"
    client = boto3.client("s3", endpoint_url=s3_server, region_name="us-east-1")
    client.create_bucket(Bucket=name)
    options = {**settings.BUCKET_FILES["OPTIONS"], "bucket_name": name, "endpoint_url": s3_server}
    settings.ACCSM_S3_BUCKET = name
    settings.BUCKET_FILES = {**settings.BUCKET_FILES, "OPTIONS": options}
    settings.LOCAL_FILES = {**settings.LOCAL_FILES, "OPTIONS": {"location": str(tmp_path / "local")}}
    settings.STORAGES = {**settings.STORAGES, "default": settings.BUCKET_FILES}
    client.name = name
    return client


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
    closed = _free_port()
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
