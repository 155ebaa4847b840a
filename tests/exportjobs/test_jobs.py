"""Exports made by a worker (exportjobs/): small ones at once, large ones as a job with a progress page, the
file checked at download, the running job reused, a dead worker's job failed, a storage error leaving nothing,
the sweep. Celery runs eagerly (tests/conftest.py) when the request's transaction commits."""

from __future__ import annotations

import datetime as dt
import errno
import io
import zipfile

import pytest
from auditlog.models import LogEntry
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone

from exportjobs import kinds, services
from exportjobs.models import ExportJob
from meetings.models import Participant
from outbox.models import OutboxEmail
from tests.factories import (
    DelegationFactory,
    DocumentVersionFactory,
    MeetingFactory,
    ParticipantFactory,
    SecretariatUserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(viet_nam):
    meeting = MeetingFactory(title="SOM of ACCSM 23")
    delegation = DelegationFactory(meeting=meeting, member_state=viet_nam)
    for _ in range(3):
        ParticipantFactory(delegation=delegation, status=Participant.Status.CONFIRMED)
    return meeting


@pytest.fixture
def small_threshold(monkeypatch):
    """Jobs from 2 rows on, emails from 3 (the kinds' own numbers are for real meetings)."""

    def set_for(name: str, *, background_from: int = 2, email_from: int = 1000):
        kind = kinds.get(name)
        monkeypatch.setitem(
            kinds._KINDS,
            name,
            kinds.JobKind(**{**kind.__dict__, "background_from": background_from, "email_from": email_from}),
        )

    return set_for


def ask(client, url, capture):
    with capture(execute=True):
        return client.get(url)


def test_a_small_export_is_served_at_once(client, secretariat_user, meeting):
    client.force_login(secretariat_user)

    response = client.get(reverse("secretariat:export_xlsx", args=[meeting.pk]))

    assert response.status_code == 200
    assert ExportJob.objects.count() == 0


def test_a_large_export_runs_as_a_job_and_offers_its_file(
    client, secretariat_user, meeting, small_threshold, django_capture_on_commit_callbacks
):
    small_threshold("participants_xlsx")
    client.force_login(secretariat_user)

    response = ask(client, reverse("secretariat:export_xlsx", args=[meeting.pk]), django_capture_on_commit_callbacks)

    job = ExportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("exportjobs:job", args=[job.pk])
    assert (job.state, job.progress, job.rows) == ("done", 100, 3)
    assert job.expires_at - job.finished_at == dt.timedelta(hours=24)
    page = client.get(response["Location"])
    assert reverse("exportjobs:download", args=[job.pk]) in page.content.decode()
    assert page["Cache-Control"] == "private, no-store"
    accesses = LogEntry.objects.filter(action=LogEntry.Action.ACCESS).count()
    download = client.get(reverse("exportjobs:download", args=[job.pk]))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert download["Content-Disposition"] == 'attachment; filename="som-of-accsm-23-participants.xlsx"'
    assert download["Cache-Control"] == "private, no-store"
    assert b"".join(download.streaming_content)[:2] == b"PK"
    assert LogEntry.objects.filter(action=LogEntry.Action.ACCESS).count() == accesses + 1  # read at download
    progress = client.get(reverse("exportjobs:progress", args=[job.pk])).json()
    assert progress == {"state": "done", "progress": 100, "download_url": reverse("exportjobs:download", args=[job.pk])}


def test_asking_twice_while_it_runs_gives_the_running_job(client, secretariat_user, meeting, small_threshold):
    small_threshold("participants_pdf")
    client.force_login(secretariat_user)
    url = reverse("secretariat:export_pdf", args=[meeting.pk])

    first, second = client.get(url), client.get(url)  # no commit callbacks: the job stays queued

    assert first["Location"] == second["Location"]
    assert ExportJob.objects.get().state == "queued"
    page = client.get(first["Location"])
    assert b'http-equiv="refresh"' in page.content  # without JavaScript, the page refreshes itself
    assert b"export-job.js" in page.content


def test_a_dead_workers_job_is_failed_by_the_sweep_and_can_be_asked_again(
    client, secretariat_user, meeting, small_threshold, django_capture_on_commit_callbacks
):
    small_threshold("participants_xlsx")
    client.force_login(secretariat_user)
    client.get(reverse("secretariat:export_xlsx", args=[meeting.pk]))
    job = ExportJob.objects.get()
    ExportJob.objects.filter(pk=job.pk).update(state="running", heartbeat_at=timezone.now() - dt.timedelta(hours=1))

    assert services.jobs_sweep()["dead"] == 1

    page = client.get(reverse("exportjobs:job", args=[job.pk]))
    assert "worker making it stopped" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(reverse("exportjobs:again", args=[job.pk]))
    new = ExportJob.objects.exclude(pk=job.pk).get()
    assert again["Location"] == reverse("exportjobs:job", args=[new.pk])
    assert new.state == "done"


def test_asking_again_while_a_dead_workers_job_waits_replaces_it(client, secretariat_user, meeting, small_threshold):
    small_threshold("participants_xlsx")
    client.force_login(secretariat_user)
    url = reverse("secretariat:export_xlsx", args=[meeting.pk])
    client.get(url)
    ExportJob.objects.update(heartbeat_at=timezone.now() - dt.timedelta(hours=1))

    client.get(url)

    assert sorted(ExportJob.objects.values_list("state", flat=True)) == ["failed", "queued"]


def test_a_full_disk_fails_the_job_with_a_clear_message_and_leaves_no_file(
    client, secretariat_user, meeting, small_threshold, django_capture_on_commit_callbacks, monkeypatch
):
    small_threshold("participants_xlsx")
    client.force_login(secretariat_user)

    from django.core.files.storage import FileSystemStorage

    real_save = FileSystemStorage._save

    def full(self, name, content):  # half the file written, then the disk is full
        real_save(self, name, ContentFile(b"PK half"))
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(FileSystemStorage, "_save", full)
    ask(client, reverse("secretariat:export_xlsx", args=[meeting.pk]), django_capture_on_commit_callbacks)

    job = ExportJob.objects.get()
    assert job.state == "failed"
    assert job.error.startswith("The file could not be stored or read just now")
    assert not default_storage.exists("exports") or default_storage.listdir("exports") == ([], [])
    assert client.get(reverse("exportjobs:download", args=[job.pk])).status_code == 404


def test_the_sweep_deletes_expired_jobs_with_their_files_and_files_no_job_owns(
    client, secretariat_user, meeting, small_threshold, django_capture_on_commit_callbacks
):
    small_threshold("participants_xlsx")
    client.force_login(secretariat_user)
    ask(client, reverse("secretariat:export_xlsx", args=[meeting.pk]), django_capture_on_commit_callbacks)
    kept = ExportJob.objects.get()
    orphan = default_storage.save("exports/0b5f6a52-8a3c-4c1e-9d0e-2f8c3b1a7e11.xlsx", ContentFile(b"PK"))
    expired = ExportJob.objects.create(
        requested_by=secretariat_user, kind="participants_xlsx", key="old", state="done", progress=100,
        file=default_storage.save("exports/old.xlsx", ContentFile(b"PK")), expires_at=timezone.now(),
    )  # fmt: skip

    assert services.jobs_sweep() == {"dead": 0, "expired": 1, "orphans": 1}

    assert not default_storage.exists(orphan)
    assert not default_storage.exists(expired.file.name)
    assert default_storage.exists(kept.file.name)
    assert list(ExportJob.objects.all()) == [kept]


def test_only_who_asked_or_the_secretariat_opens_a_secretariat_job(
    client, secretariat_user, meeting, small_threshold, focal_point_vn
):
    small_threshold("participants_xlsx")
    client.force_login(secretariat_user)
    client.get(reverse("secretariat:export_xlsx", args=[meeting.pk]))
    job = ExportJob.objects.get()
    url = reverse("exportjobs:job", args=[job.pk])

    client.force_login(SecretariatUserFactory())
    assert client.get(url).status_code == 200
    client.force_login(focal_point_vn)
    assert client.get(url).status_code == 404
    assert client.get(reverse("exportjobs:progress", args=[job.pk])).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302


def test_a_focal_point_never_gets_another_countrys_zip_job(
    client, meeting, focal_point_vn, focal_point_th, small_threshold, django_capture_on_commit_callbacks
):
    small_threshold("documents_zip")
    for name in ("a.pdf", "b.pdf"):
        DocumentVersionFactory(document__meeting=meeting, original_name=name)
    client.force_login(focal_point_vn)
    response = ask(client, reverse("documents:meeting_zip", args=[meeting.pk]), django_capture_on_commit_callbacks)
    job = ExportJob.objects.get()
    assert response["Location"] == reverse("exportjobs:job", args=[job.pk])
    download = client.get(reverse("exportjobs:download", args=[job.pk]))
    with zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content))) as package:
        assert package.namelist() == ["01 a.pdf", "02 b.pdf"]

    client.force_login(focal_point_th)
    for name in ("job", "progress", "download"):
        assert client.get(reverse(f"exportjobs:{name}", args=[job.pk])).status_code == 404
    assert client.post(reverse("exportjobs:again", args=[job.pk])).status_code == 404
    client.force_login(SecretariatUserFactory())  # a focal point's own file: only theirs
    assert client.get(reverse("exportjobs:job", args=[job.pk])).status_code == 404


def test_an_anonymous_visitor_gets_the_zip_at_once(client, meeting, small_threshold):
    small_threshold("documents_zip")
    for _ in range(3):
        DocumentVersionFactory(document__meeting=meeting)

    assert client.get(reverse("documents:meeting_zip", args=[meeting.pk]))["Content-Type"] == "application/zip"
    assert ExportJob.objects.count() == 0


def test_the_largest_exports_email_a_link_through_the_outbox(
    client, secretariat_user, meeting, small_threshold, django_capture_on_commit_callbacks
):
    small_threshold("badges", email_from=3)
    client.force_login(secretariat_user)

    ask(client, reverse("secretariat:export_badges", args=[meeting.pk]), django_capture_on_commit_callbacks)

    job = ExportJob.objects.get()
    assert job.state == "done"
    assert job.content_type == "application/pdf"
    email = OutboxEmail.objects.get(kind="export_ready")
    assert email.context == {"job": str(job.pk)}
    assert email.to_email == secretariat_user.email


def test_the_work_plan_pdf_runs_as_a_job_for_a_signed_in_person(
    client, secretariat_user, small_threshold, django_capture_on_commit_callbacks
):
    from tests.factories import InitiativeFactory

    small_threshold("work_plan_pdf")
    initiative = InitiativeFactory()
    InitiativeFactory(priority_area=initiative.priority_area)
    work_plan = initiative.priority_area.work_plan
    url = reverse("workplan:export_pdf", args=[work_plan.pk])

    assert client.get(url)["Content-Type"] == "application/pdf"  # anonymous: at once
    client.force_login(secretariat_user)
    ask(client, url, django_capture_on_commit_callbacks)
    job = ExportJob.objects.get()
    assert job.state == "done"
    assert b"".join(client.get(reverse("exportjobs:download", args=[job.pk])).streaming_content)[:4] == b"%PDF"


def test_two_files_whose_parameters_differ_only_far_in_are_two_jobs():
    from exportjobs.services import job_key

    long = "x" * 300
    first, second = job_key("workplan_pdf", {"q": long + "a"}), job_key("workplan_pdf", {"q": long + "b"})
    assert first != second
    assert job_key("workplan_pdf", {"q": long + "a"}) == first
    assert max(len(first), len(second)) <= 200  # the column's length
