"""Where uploaded files live (papers, Notes Verbales, photos): the local private folder, or an S3-compatible
bucket when ACCSM_S3_BUCKET is set (settings.py). Code reads and writes them through Django's storage API
only; this module answers the few questions that differ between the two.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
from collections.abc import Iterator

from django.core.files.storage import FileSystemStorage, Storage, default_storage
from django.utils.translation import gettext_lazy as _

from .errors import DomainError

logger = logging.getLogger(__name__)


def _unreachable_errors() -> tuple[type[BaseException], ...]:
    """What a store that is down, full or refusing raises: a disk's OSError, boto's errors for a bucket."""
    try:
        from botocore.exceptions import BotoCoreError, ClientError
    except ImportError:  # pragma: no cover - django-storages[s3] is in requirements.in
        return (OSError,)
    return (OSError, BotoCoreError, ClientError)


UNREACHABLE = _unreachable_errors()


class StorageUnavailable(DomainError):
    """The file store (the disk, the bucket) could not take or give a file just now: the action is undone."""

    code = "storage_unavailable"
    status = 503
    default_message = _(
        "The file could not be stored or read just now; nothing was saved. Please try again in a few minutes."
    )


@contextlib.contextmanager
def reachable() -> Iterator[None]:
    """Around a file's save or read: a store that is down, full or refusing becomes StorageUnavailable (a clear
    503, with the transaction around it rolled back), never a 500. A missing file stays FileNotFoundError."""
    try:
        yield
    except FileNotFoundError:
        raise
    except UNREACHABLE as error:
        logger.error("file storage: %s: %s", type(error).__name__, error)
        raise StorageUnavailable from error


def is_local(storage: Storage | None = None) -> bool:
    return isinstance(storage or default_storage, FileSystemStorage)


def signed_url(name: str, *, filename: str, content_type: str) -> str:
    """A short-lived URL of a bucket's file (ACCSM_S3_SIGNED_URL_SECONDS), answered as an attachment named
    `filename`: given only after the portal checked who asks. Not for the local folder (it has no URLs)."""
    from common.exports import content_disposition

    storage = default_storage
    return storage.url(  # type: ignore[call-arg]  # django-storages' S3Storage.url takes parameters
        name,
        parameters={"ResponseContentDisposition": content_disposition(filename), "ResponseContentType": content_type},
    )


def walk(storage: Storage, folder: str = "") -> Iterator[str]:
    """Every file's name under `folder` of `storage`, recursively (the storage API's listdir, so both kinds)."""
    directories, files = storage.listdir(folder)
    for name in sorted(files):
        yield f"{folder}/{name}" if folder else name
    for directory in sorted(directories):
        yield from walk(storage, f"{folder}/{directory}" if folder else directory)


def checksum(storage: Storage, name: str) -> str:
    digest = hashlib.sha256()
    with storage.open(name, "rb") as handle:
        for chunk in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def local_and_bucket() -> tuple[Storage, Storage]:
    """The local folder's storage and the bucket's, whichever is the default now (for `move_files`)."""
    from django.conf import settings
    from django.core.files.storage.handler import StorageHandler

    handler = StorageHandler({"local": settings.LOCAL_FILES, "bucket": settings.BUCKET_FILES})
    return handler["local"], handler["bucket"]


def move(source: Storage, target: Storage) -> tuple[int, list[str]]:
    """Copy every file of `source` to `target` under the same name, then read it back: (files copied, names
    whose checksums differ). Nothing is deleted from `source`: remove it once the copy is verified."""
    copied, differing = 0, []
    for name in walk(source):
        if not target.exists(name):
            with source.open(name, "rb") as handle:
                saved = target.save(name, handle)
            if saved != name:  # the target renamed it (a file appeared meanwhile): never two names for one file
                target.delete(saved)
                differing.append(name)
                continue
            copied += 1
        if checksum(source, name) != checksum(target, name):
            differing.append(name)
    return copied, differing
