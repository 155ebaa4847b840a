import io
import tarfile

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from meetings.models import Delegation, Meeting, Participant
from ops import backup
from tests.factories import DocumentVersionFactory, ParticipantFactory
from tests.helpers import run_concurrently


@pytest.mark.django_db(transaction=True)
def test_backup_drop_and_restore_brings_back_every_row_and_file(on_postgres, tmp_path, settings):
    ParticipantFactory.create_batch(3, full_name="Nguyễn Thị Hoa")
    version = DocumentVersionFactory()
    stored_file = backup.media_root() / version.file.name
    assert stored_file.read_bytes() == b"%PDF-1.4 test"
    before = backup.row_counts()

    archive = backup.backup(directory=tmp_path / "backups")

    with connection.cursor() as cursor:
        cursor.execute("DROP SCHEMA public CASCADE")
        cursor.execute("CREATE SCHEMA public")
    stored_file.unlink()
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")
        assert cursor.fetchone() == (0,)

    call_command("restore", str(archive), "--noinput", stdout=io.StringIO())

    assert backup.row_counts() == before
    assert (Meeting.objects.count(), Delegation.objects.count(), Participant.objects.count()) == (4, 3, 3)
    assert set(Participant.objects.values_list("full_name", flat=True)) == {"Nguyễn Thị Hoa"}
    assert stored_file.read_bytes() == b"%PDF-1.4 test"
    assert oct(archive.stat().st_mode & 0o777) == "0o600"


@pytest.mark.django_db(transaction=True)
def test_the_backup_command_prints_the_archive_it_wrote(on_postgres, tmp_path):
    out = io.StringIO()

    call_command("backup", "--dir", str(tmp_path), stdout=out)

    archive = out.getvalue().strip()
    assert archive.startswith(str(tmp_path))
    with tarfile.open(archive) as tar:
        assert {"manifest.json", "database.dump"} <= set(tar.getnames())


@pytest.mark.parametrize("name", ["../../etc/cron.d/evil", "/etc/passwd", "private/../../outside", "unexpected.txt"])
def test_a_restore_refuses_archives_with_unsafe_paths(tmp_path, name):
    archive = tmp_path / "evil.tar"
    with tarfile.open(archive, "w") as tar:
        data = b"x"
        info = tarfile.TarInfo(name)
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))

    with pytest.raises(backup.BackupError):
        backup.read_manifest(archive)


def test_a_restore_refuses_links_in_the_archive(tmp_path):
    archive = tmp_path / "evil.tar"
    with tarfile.open(archive, "w") as tar:
        info = tarfile.TarInfo("private/link")
        info.type = tarfile.SYMTYPE
        info.linkname = "/etc/passwd"
        tar.addfile(info)

    with pytest.raises(backup.BackupError, match="unexpected entry"):
        backup.read_manifest(archive)


def _write_on_another_connection(full_name: str) -> None:
    """A colleague's registration committed on its own connection, as a live site's would be."""
    [written] = run_concurrently(lambda: ParticipantFactory(full_name=full_name))
    assert not isinstance(written, Exception), written


@pytest.mark.django_db(transaction=True)
def test_a_backup_taken_while_people_write_restores_with_its_own_counts(on_postgres, tmp_path, monkeypatch):
    ParticipantFactory.create_batch(2)
    real_run = backup._run

    def run_with_writes_meanwhile(command):
        if command[0] == "pg_dump":  # after the counts, before the dump: the worst moment for a write
            _write_on_another_connection("Written during the backup")
        real_run(command)

    monkeypatch.setattr(backup, "_run", run_with_writes_meanwhile)
    archive = backup.backup(directory=tmp_path)
    monkeypatch.setattr(backup, "_run", real_run)
    manifest = backup.read_manifest(archive)
    assert manifest["row_counts"]["meetings.Participant"] == 2

    out = io.StringIO()
    call_command("restore", str(archive), "--noinput", stdout=out)

    assert "counts match" in out.getvalue()
    assert backup.row_counts() == manifest["row_counts"]
    assert not Participant.objects.filter(full_name="Written during the backup").exists()


def _tampered(archive, tmp_path, **row_counts):
    """The same archive with a manifest that promises other counts."""
    import json

    tampered = tmp_path / "tampered.tar"
    with tarfile.open(archive) as source, tarfile.open(tampered, "w") as target:
        for member in source.getmembers():
            data = source.extractfile(member) if member.isfile() else None
            if member.name == "manifest.json":
                manifest = json.load(data)
                manifest["row_counts"].update(row_counts)
                body = json.dumps(manifest).encode()
                member.size = len(body)
                data = io.BytesIO(body)
            target.addfile(member, data)
    return tampered


@pytest.mark.django_db(transaction=True)
def test_a_restore_whose_counts_differ_replaces_nothing(on_postgres, tmp_path):
    ParticipantFactory.create_batch(2)
    archive = backup.backup(directory=tmp_path)
    ParticipantFactory(full_name="Registered after the backup")
    before = backup.row_counts()

    with pytest.raises(CommandError, match="row counts differ from the backup in meetings_participant"):
        call_command("restore", str(_tampered(archive, tmp_path, **{"meetings.Participant": 7})), "--noinput")

    assert backup.row_counts() == before
    assert Participant.objects.filter(full_name="Registered after the backup").exists()


def test_an_sqlite_restore_counts_the_copy_before_replacing(tmp_path, monkeypatch):
    import sqlite3

    copy = tmp_path / backup.SQLITE_DUMP
    with sqlite3.connect(copy) as database:
        database.execute('CREATE TABLE "meetings_participant" (id integer)')
        database.executemany('INSERT INTO "meetings_participant" VALUES (?)', [(1,), (2,)])
    monkeypatch.setattr(backup, "_tables", lambda: {"meetings.Participant": "meetings_participant"})
    monkeypatch.setattr(backup.connection, "vendor", "sqlite")
    replaced = []
    monkeypatch.setattr(backup.connections, "close_all", lambda: replaced.append(True))

    with pytest.raises(backup.BackupError, match="nothing was replaced"):
        backup._restore_database(tmp_path, {"database": "sqlite", "row_counts": {"meetings.Participant": 3}})
    assert replaced == []


@pytest.mark.django_db(transaction=True)
def test_with_the_files_in_a_bucket_the_backup_holds_its_objects_and_the_restore_puts_them_back(
    on_postgres, bucket, tmp_path
):
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    version = DocumentVersionFactory(file=ContentFile(b"%PDF-1.4 in the bucket", name="paper.pdf"))
    photo = default_storage.save("accreditation-photos/2026/p.jpg", ContentFile(b"\xff\xd8 photo"))

    archive = backup.backup(directory=tmp_path / "backups")

    with tarfile.open(archive) as tar:
        assert {f"private/{version.file.name}", f"private/{photo}"} <= set(tar.getnames())
    assert backup.read_manifest(archive)["files"] == {"store": "bucket", "count": 2}
    default_storage.delete(version.file.name)  # lost from the bucket after the backup
    added = default_storage.save("documents/2026/01/after-the-backup.pdf", ContentFile(b"%PDF-1.4 later"))

    call_command("restore", str(archive), "--noinput", stdout=io.StringIO())

    with default_storage.open(version.file.name, "rb") as handle:
        assert handle.read() == b"%PDF-1.4 in the bucket"
    assert not default_storage.exists(added)  # the bucket is as it was, like the database
    keys = [item["Key"] for item in bucket.list_objects_v2(Bucket=bucket.name)["Contents"]]
    assert sorted(keys) == sorted([f"private/{version.file.name}", f"private/{photo}"])


@pytest.mark.django_db(transaction=True)
def test_a_backup_whose_bucket_is_down_leaves_no_archive(on_postgres, bucket, settings, tmp_path):
    from tests.ops.conftest import free_port

    options = {**settings.BUCKET_FILES["OPTIONS"], "endpoint_url": f"http://127.0.0.1:{free_port()}"}
    settings.STORAGES = {**settings.STORAGES, "default": {**settings.BUCKET_FILES, "OPTIONS": options}}

    with pytest.raises(CommandError, match="the files could not be read"):
        call_command("backup", "--dir", str(tmp_path), stdout=io.StringIO())

    assert list(tmp_path.iterdir()) == []
