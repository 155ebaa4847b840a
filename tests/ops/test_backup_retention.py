"""Backups keep an erased person for at most ACCSM_BACKUP_RETENTION_DAYS: older archives are deleted."""

import datetime as dt

from ops.backup import prune_backups


def test_archives_older_than_the_retention_are_deleted(tmp_path, settings):
    settings.ACCSM_BACKUP_RETENTION_DAYS = 35
    now = dt.datetime(2026, 12, 4, 12, 0, tzinfo=dt.UTC)
    for name in (
        "accsm-backup-20261020-120000.tar",
        "accsm-backup-20261101-000000.tar",
        "accsm-backup-20261203-010203.tar",
        "notes.tar",
    ):
        (tmp_path / name).write_bytes(b"x")

    removed = prune_backups(tmp_path, now=now)

    assert [path.name for path in removed] == ["accsm-backup-20261020-120000.tar"]
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        "accsm-backup-20261101-000000.tar",
        "accsm-backup-20261203-010203.tar",
        "notes.tar",
    ]


def test_zero_keeps_every_archive(tmp_path, settings):
    settings.ACCSM_BACKUP_RETENTION_DAYS = 0
    (tmp_path / "accsm-backup-20000101-000000.tar").write_bytes(b"x")
    assert prune_backups(tmp_path) == []
    assert (tmp_path / "accsm-backup-20000101-000000.tar").exists()
