"""Where uploaded files live (papers, Notes Verbales, photos): the local private folder, or an S3-compatible
bucket when ACCSM_S3_BUCKET is set (settings.py). Code reads and writes them through Django's storage API
only; this module answers the few questions that differ between the two.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator

from django.core.files.storage import FileSystemStorage, Storage, default_storage


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
