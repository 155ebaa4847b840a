import io
import tarfile

import pytest
from django.core.management import call_command
from django.db import connection

from meetings.models import Delegation, Meeting, Participant
from ops import backup
from tests.factories import DocumentVersionFactory, ParticipantFactory


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
