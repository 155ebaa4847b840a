"""Backups: the database (pg_dump custom format on PostgreSQL, SQLite's online backup otherwise) and the
uploaded files (the private storage folder) in one tar archive, and the way back.

An archive holds:
  manifest.json        when, which database engine, how many rows per table (checked after a restore)
  database.dump        pg_dump --format=custom   (or database.sqlite3)
  private/...          the uploaded files
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connection, connections
from django.utils import timezone

MANIFEST = "manifest.json"
PG_DUMP = "database.dump"
SQLITE_DUMP = "database.sqlite3"
MEDIA_DIR = "private"


class BackupError(Exception):
    pass


def media_root() -> Path:
    """Where uploaded files live: the default storage's folder (settings.PRIVATE_MEDIA_ROOT)."""
    options = settings.STORAGES["default"].get("OPTIONS", {})
    return Path(options.get("location", settings.PRIVATE_MEDIA_ROOT))


def row_counts() -> dict[str, int]:
    return {model._meta.label: model._base_manager.count() for model in apps.get_models() if model._meta.managed}


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


def _dump_database(folder: Path) -> Path:
    if connection.vendor == "postgresql":
        target = folder / PG_DUMP
        _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={target}"])
        return target
    if connection.vendor == "sqlite":
        target = folder / SQLITE_DUMP
        source = sqlite3.connect(settings.DATABASES["default"]["NAME"])
        destination = sqlite3.connect(target)
        with destination:
            source.backup(destination)
        source.close()
        destination.close()
        return target
    raise BackupError(f"no backup for the {connection.vendor} database")


def backup(*, directory: Path | None = None) -> Path:
    """Write a backup archive and return its path."""
    directory = Path(directory or settings.BACKUP_DIR)
    directory.mkdir(parents=True, exist_ok=True)
    archive = directory / f"accsm-backup-{timezone.now():%Y%m%d-%H%M%S}.tar"
    manifest = {
        "created_at": timezone.now().isoformat(),
        "database": connection.vendor,
        "row_counts": row_counts(),
    }
    with tempfile.TemporaryDirectory() as tmp:
        dump = _dump_database(Path(tmp))
        (Path(tmp) / MANIFEST).write_text(json.dumps(manifest, indent=2))
        partial = archive.with_suffix(".tar.partial")
        with tarfile.open(partial, "w") as tar:
            tar.add(Path(tmp) / MANIFEST, arcname=MANIFEST)
            tar.add(dump, arcname=dump.name)
            if media_root().is_dir():
                tar.add(media_root(), arcname=MEDIA_DIR)
        partial.rename(archive)
    archive.chmod(0o600)  # it holds personal data
    return archive


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


def _restore_database(folder: Path, manifest: dict) -> None:
    if manifest["database"] != connection.vendor:
        raise BackupError(f"this archive holds a {manifest['database']} database, not {connection.vendor}")
    connections.close_all()
    if connection.vendor == "postgresql":
        _run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                f"--dbname={settings.DATABASES['default']['NAME']}",
                str(folder / PG_DUMP),
            ]
        )
    else:
        source = sqlite3.connect(folder / SQLITE_DUMP)
        destination = sqlite3.connect(settings.DATABASES["default"]["NAME"])
        with destination:
            source.backup(destination)
        source.close()
        destination.close()


def _restore_media(folder: Path) -> None:
    """Swap the restored folder in with two renames, so a failure leaves the current files in place."""
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
    """Replace the database and the uploaded files with the archive's. Returns the manifest."""
    archive = Path(archive)
    if not archive.is_file():
        raise BackupError(f"no such file: {archive}")
    with tempfile.TemporaryDirectory() as tmp, tarfile.open(archive, "r") as tar:
        members = _safe_members(tar)
        tar.extractall(tmp, members=members, filter="data")
        manifest = json.loads((Path(tmp) / MANIFEST).read_text())
        _restore_database(Path(tmp), manifest)
        _restore_media(Path(tmp))
    return manifest
