"""Backups: the database (pg_dump custom format on PostgreSQL, SQLite's online backup otherwise) and the
uploaded files (the private storage folder) in one tar archive, and the way back.

An archive holds:
  manifest.json        when, which database engine, how many rows per table, counted in the very snapshot
                       the dump holds (pg_dump --snapshot; SQLite: counted in the copy), so a backup taken
                       while people work is still consistent with its manifest
  database.dump        pg_dump --format=custom   (or database.sqlite3)
  private/...          the uploaded files: the private folder's, or every object of the bucket when the files
                       live in one (ACCSM_S3_BUCKET); the manifest counts them, and a restore puts them back
                       where the files live now (the folder or the bucket)

A restore checks the counts before it replaces anything: on PostgreSQL the restore and the check run in
one transaction (psql --single-transaction), so a mismatch rolls it all back; on SQLite the extracted copy
is counted first.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connection, connections, transaction
from django.utils import timezone

MANIFEST = "manifest.json"
PG_DUMP = "database.dump"
SQLITE_DUMP = "database.sqlite3"
MEDIA_DIR = "private"


class BackupError(Exception):
    pass


def _bucket() -> bool:
    """The uploaded files live in a bucket (ACCSM_S3_BUCKET), not in the local folder."""
    from common import storage

    return not storage.is_local()


def _add_bucket_files(tar: tarfile.TarFile) -> int:
    """Every object of the bucket's files into the archive under private/, one at a time through a temporary file
    (a bucket's papers never sit in memory at once). Returns how many."""
    from django.core.files.storage import default_storage

    from common import storage

    count = 0
    with storage.reachable():
        for name in storage.walk(default_storage):
            with tempfile.TemporaryFile() as spool:
                with default_storage.open(name, "rb") as handle:
                    shutil.copyfileobj(handle, spool, 1024 * 1024)
                info = tarfile.TarInfo(f"{MEDIA_DIR}/{name}")
                info.size, info.mtime, info.mode = spool.tell(), int(timezone.now().timestamp()), 0o600
                spool.seek(0)
                tar.addfile(info, spool)
            count += 1
    return count


def _local_file_count() -> int:
    root = media_root()
    return sum(1 for path in root.rglob("*") if path.is_file()) if root.is_dir() else 0


def media_root() -> Path:
    """Where uploaded files live: the default storage's folder (settings.PRIVATE_MEDIA_ROOT)."""
    options = settings.STORAGES["default"].get("OPTIONS", {})
    return Path(options.get("location", settings.PRIVATE_MEDIA_ROOT))


def _managed_models():
    """Every model whose table the portal's migrations make."""
    return [model for model in apps.get_models() if model._meta.managed]


def _tables() -> dict[str, str]:
    """Model label -> table."""
    return {model._meta.label: model._meta.db_table for model in _managed_models()}


def row_counts() -> dict[str, int]:
    return {model._meta.label: model._base_manager.count() for model in _managed_models()}


def _sqlite_counts(path: Path, tables: dict[str, str]) -> dict[str, int | None]:
    """Rows per table in an SQLite file (None: the table is missing)."""
    database = sqlite3.connect(path)
    try:
        counts: dict[str, int | None] = {}
        for label, table in tables.items():
            try:
                counts[label] = database.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]  # noqa: S608 — our table names
            except sqlite3.OperationalError:
                counts[label] = None
        return counts
    finally:
        database.close()


def _differing(expected: dict[str, int], found: dict) -> dict:
    return {label: (count, found.get(label)) for label, count in expected.items() if found.get(label) != count}


def _pg_env() -> dict[str, str]:
    db = settings.DATABASES["default"]
    env = {**os.environ, "PGDATABASE": db["NAME"]}
    for key, var in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if db.get(key):
            env[var] = str(db[key])
    return env


def _run(command: list[str]) -> None:
    result = subprocess.run(command, env=_pg_env(), capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()[:2000]}")


def _dump_database(folder: Path) -> tuple[Path, dict[str, int]]:
    """The database's dump and its rows per table, both of one moment."""
    if connection.vendor == "postgresql":
        target = folder / PG_DUMP
        # Count inside a snapshot, then have pg_dump read that same snapshot while it is held open.
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            counts = row_counts()
            _run(
                [
                    "pg_dump",
                    "--format=custom",
                    "--no-owner",
                    "--no-privileges",
                    f"--snapshot={snapshot}",
                    f"--file={target}",
                ]
            )
        return target, counts
    if connection.vendor == "sqlite":
        target = folder / SQLITE_DUMP
        source = sqlite3.connect(settings.DATABASES["default"]["NAME"])
        destination = sqlite3.connect(target)
        with destination:
            source.backup(destination)
        source.close()
        destination.close()
        return target, {label: count or 0 for label, count in _sqlite_counts(target, _tables()).items()}
    raise BackupError(f"no backup for the {connection.vendor} database")


def backup(*, directory: Path | None = None) -> Path:
    """Write a backup archive and return its path."""
    directory = Path(directory or settings.BACKUP_DIR)
    directory.mkdir(parents=True, exist_ok=True)
    archive = directory / f"accsm-backup-{timezone.now():%Y%m%d-%H%M%S}.tar"
    with tempfile.TemporaryDirectory() as tmp:
        dump, counts = _dump_database(Path(tmp))
        partial = archive.with_suffix(".tar.partial")
        try:
            with tarfile.open(partial, "w") as tar:
                tar.add(dump, arcname=dump.name)
                if _bucket():
                    files = _add_bucket_files(tar)
                else:
                    files = _local_file_count()
                    if media_root().is_dir():
                        tar.add(media_root(), arcname=MEDIA_DIR)
                manifest = {
                    "created_at": timezone.now().isoformat(),
                    "database": connection.vendor,
                    "row_counts": counts,
                    "files": {"store": "bucket" if _bucket() else "folder", "count": files},
                }
                (Path(tmp) / MANIFEST).write_text(json.dumps(manifest, indent=2))
                tar.add(Path(tmp) / MANIFEST, arcname=MANIFEST)
        except BaseException:
            partial.unlink(missing_ok=True)  # no half-written archive is left to be taken for a backup
            raise
        partial.rename(archive)
    archive.chmod(0o600)  # it holds personal data
    prune_backups(directory)
    return archive


ARCHIVE_PATTERN = re.compile(r"^accsm-backup-(\d{8}-\d{6})\.tar$")


def prune_backups(directory: Path, *, now=None) -> list[Path]:
    """Delete this folder's archives older than ACCSM_BACKUP_RETENTION_DAYS (0 keeps them all): an erased
    person stays in the backups taken before the erasure for at most that long (SECURITY.md, "Backups")."""
    days = settings.ACCSM_BACKUP_RETENTION_DAYS
    if days <= 0:
        return []
    cutoff = (now or timezone.now()) - dt.timedelta(days=days)
    removed = []
    for path in sorted(directory.glob("accsm-backup-*.tar")):
        match = ARCHIVE_PATTERN.match(path.name)
        if not match:
            continue
        taken = dt.datetime.strptime(match.group(1), "%Y%m%d-%H%M%S").replace(tzinfo=dt.UTC)
        if taken < cutoff:
            path.unlink()
            removed.append(path)
    return removed


def _safe_members(tar: tarfile.TarFile) -> list[tarfile.TarInfo]:
    """Only the three kinds of entry we write, with plain relative names: no links, devices or '..'."""
    members = []
    for member in tar.getmembers():
        name = Path(member.name)
        if name.is_absolute() or ".." in name.parts:
            raise BackupError(f"unsafe path in the archive: {member.name!r}")
        if not (member.isfile() or member.isdir()):
            raise BackupError(f"unexpected entry in the archive: {member.name!r}")
        if name.parts[0] not in (MANIFEST, PG_DUMP, SQLITE_DUMP, MEDIA_DIR):
            raise BackupError(f"unexpected entry in the archive: {member.name!r}")
        members.append(member)
    return members


def read_manifest(archive: Path) -> dict:
    with tarfile.open(archive, "r") as tar:
        _safe_members(tar)
        return json.load(tar.extractfile(MANIFEST))


def _count_checks(expected: dict[str, int]) -> str:
    """SQL that aborts the restore's transaction unless every table has the manifest's rows."""
    tables = _tables()
    unknown = sorted(set(expected) - set(tables))
    if unknown:
        raise BackupError(f"the archive counts tables this version does not have: {unknown}; nothing was replaced")
    # Table names come from our models and counts are ints: nothing from outside is spliced in.
    checks = "\n".join(
        f'  IF (SELECT count(*) FROM "{tables[label]}") <> {int(count)} THEN '  # noqa: S608
        f"RAISE EXCEPTION 'row counts differ from the backup in {tables[label]}; nothing was replaced'; END IF;"
        for label, count in sorted(expected.items())
    )
    return f"RESET search_path;\nDO $$\nBEGIN\n{checks}\nEND\n$$;\n"


def _restore_database(folder: Path, manifest: dict) -> None:
    if manifest["database"] != connection.vendor:
        raise BackupError(f"this archive holds a {manifest['database']} database, not {connection.vendor}")
    expected = manifest["row_counts"]
    if connection.vendor == "postgresql":
        script, checks = folder / "restore.sql", folder / "checks.sql"
        checks.write_text(_count_checks(expected))
        _run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                f"--file={script}",
                str(folder / PG_DUMP),
            ]
        )
        connections.close_all()
        _run(
            [
                "psql",
                "--no-psqlrc",
                "--quiet",
                "--set=ON_ERROR_STOP=1",
                "--single-transaction",
                f"--file={script}",
                f"--file={checks}",
            ]
        )
    else:
        differing = _differing(expected, _sqlite_counts(folder / SQLITE_DUMP, _tables()))
        if differing:
            raise BackupError(f"row counts differ from the backup's manifest: {differing}; nothing was replaced")
        connections.close_all()
        source = sqlite3.connect(folder / SQLITE_DUMP)
        destination = sqlite3.connect(settings.DATABASES["default"]["NAME"])
        with destination:
            source.backup(destination)
        source.close()
        destination.close()


def _restore_bucket(folder: Path) -> None:
    """The archive's files into the bucket, then the bucket's objects the archive does not hold removed: first
    everything put back, so a failure half-way loses nothing (stored names are random and never rewritten, so
    an object of the same name and size is the same file and stays)."""
    from django.core.files.storage import default_storage

    from common import storage

    restored = folder / MEDIA_DIR
    names = (
        sorted(path.relative_to(restored).as_posix() for path in restored.rglob("*") if path.is_file())
        if restored.is_dir()
        else []
    )
    with storage.reachable():
        for name in names:
            path = restored / name
            if default_storage.exists(name):
                if default_storage.size(name) == path.stat().st_size:
                    continue
                default_storage.delete(name)
            with path.open("rb") as handle:
                saved = default_storage.save(name, handle)
            if saved != name:
                default_storage.delete(saved)
                raise BackupError(f"the bucket stored {name} as {saved}; the files are not all restored")
        keep = set(names)
        for name in list(storage.walk(default_storage)):
            if name not in keep:
                default_storage.delete(name)


def _restore_media(folder: Path) -> None:
    """Swap the restored folder in with two renames, so a failure leaves the current files in place (or, with the
    files in a bucket, put the archive's files into it)."""
    if _bucket():
        _restore_bucket(folder)
        return
    restored = folder / MEDIA_DIR
    target = media_root()
    target.parent.mkdir(parents=True, exist_ok=True)
    incoming = target.with_name(f".{target.name}.restoring")
    outgoing = target.with_name(f".{target.name}.replaced")
    for leftover in (incoming, outgoing):
        shutil.rmtree(leftover, ignore_errors=True)
    if restored.is_dir():
        shutil.copytree(restored, incoming)
    else:
        incoming.mkdir()
    if target.exists():
        target.rename(outgoing)
    incoming.rename(target)
    shutil.rmtree(outgoing, ignore_errors=True)


def restore(*, archive: Path) -> dict:
    """Replace the database and the uploaded files with the archive's, once its rows are counted equal to
    the manifest's (else BackupError, and nothing is replaced). Returns the manifest."""
    archive = Path(archive)
    if not archive.is_file():
        raise BackupError(f"no such file: {archive}")
    with tempfile.TemporaryDirectory() as tmp, tarfile.open(archive, "r") as tar:
        members = _safe_members(tar)
        tar.extractall(tmp, members=members, filter="data")
        manifest = json.loads((Path(tmp) / MANIFEST).read_text())
        expected_files = manifest.get("files", {}).get("count")  # archives before the bucket did not count them
        if expected_files is not None:
            found = sum(1 for path in (Path(tmp) / MEDIA_DIR).rglob("*") if path.is_file())
            if found != expected_files:
                raise BackupError(
                    f"the archive holds {found} files, its manifest {expected_files}; nothing was replaced"
                )
        _restore_database(Path(tmp), manifest)
        _restore_media(Path(tmp))
    return manifest
