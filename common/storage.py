"""Where uploaded files live (papers, Notes Verbales, photos): the local private folder, or an S3-compatible
bucket when ACCSM_S3_BUCKET is set (settings.py). Code reads and writes them through Django's storage API
only; this module answers the few questions that differ between the two.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import logging
from collections.abc import Iterator
from urllib.parse import quote

from django.core.files.storage import FileSystemStorage, Storage, default_storage
from django.http.response import HttpResponseBase
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


def file_response(
    name: str,
    *,
    filename: str,
    content_type: str,
    inline: bool = False,
    public: bool = False,
    etag: str = "",
) -> HttpResponseBase:
    """The answer to a checked download of a stored file (a paper, a Note Verbale, a photo): call it only once
    the portal has decided that this requester may have the file. The one rule of how a private file leaves:

    - in a bucket, an attachment: a redirect to a URL signed for ACCSM_S3_SIGNED_URL_SECONDS (the bucket sends
      the bytes, no web worker is held); an inline picture (a photo in an <img>) is sent through the portal
      instead, since the page's Content-Security-Policy (img-src 'self') refuses a picture from another origin;
    - in the local folder behind nginx (ACCSM_X_ACCEL_REDIRECT_PREFIX): X-Accel-Redirect, nginx sends it;
    - otherwise the portal streams it.

    The bucket is asked whether the file is there first: a missing file is a 404, a bucket that is down a
    clear 503 (StorageUnavailable), never a signed URL that fails in the browser. The answer is never kept by
    a shared cache; `public` (a published public paper) lets the browser keep it while it revalidates."""
    from django.conf import settings
    from django.http import Http404, HttpResponseRedirect

    from common.exports import download_response

    local = is_local()
    with reachable():
        if not local and not default_storage.exists(name):
            logger.error("The stored file %s is missing from the bucket", name)
            raise Http404
        if not local and not inline:
            response: HttpResponseBase = HttpResponseRedirect(
                signed_url(name, filename=filename, content_type=content_type)
            )
            response["Cache-Control"] = "private, no-store"
            return response
        prefix = getattr(settings, "ACCSM_X_ACCEL_REDIRECT_PREFIX", "") if local else ""
        content = None
        if not prefix:
            try:
                content = default_storage.open(name, "rb")
            except FileNotFoundError:
                logger.error("The stored file %s is missing from storage", name)
                raise Http404 from None
    response = download_response(content, filename=filename, content_type=content_type, inline=inline)
    if prefix:  # nginx sends the file from its internal location
        response["X-Accel-Redirect"] = quote(f"{prefix.rstrip('/')}/{name}")
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    # Access can change (a document made secretariat-only): no shared cache keeps a copy.
    response["Cache-Control"] = "private, no-cache" if public else "private, no-store"
    if etag:
        response["ETag"] = f'"{etag}"'
    return response


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


# --- Orphans: stored files no row refers to ------------------------------------------------------------------


def file_fields() -> list[tuple[type, str]]:
    """(model, field name) of every FileField of the portal's models: the rows that name a stored file."""
    from django.apps import apps
    from django.db import models

    return [
        (model, field.name)
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, models.FileField) and model._meta.managed
    ]


def _folders() -> list[str]:
    """The top folders the FileFields store into ('documents', 'nomination-letters', 'accreditation-photos'):
    only these are swept, so a file another part of the portal keeps elsewhere is never taken for an orphan."""
    folders = set()
    for model, name in file_fields():
        upload_to = model._meta.get_field(name).upload_to
        if isinstance(upload_to, str) and upload_to.strip("/"):
            folders.add(upload_to.strip("/").split("/", 1)[0])
    return sorted(folders)


def orphans(*, older_than: dt.timedelta) -> list[str]:
    """Stored files (in the FileFields' folders) that no row names and that are older than `older_than`: left
    by a rolled-back transaction, a delete that the store refused, a restore. Young files are left alone (an
    upload whose row is being written right now)."""
    from django.utils import timezone

    known: set[str] = set()
    for model, name in file_fields():
        known.update(model._base_manager.exclude(**{name: ""}).values_list(name, flat=True))
    cutoff = timezone.now() - older_than
    found = []
    for folder in _folders():
        try:
            names = list(walk(default_storage, folder))
        except FileNotFoundError:  # the local folder has never held one
            continue
        for stored in names:
            if stored in known:
                continue
            try:
                modified = default_storage.get_modified_time(stored)
            except (OSError, NotImplementedError):
                continue
            if modified < cutoff:
                found.append(stored)
    return found


def sweep_orphans(*, older_than: dt.timedelta = dt.timedelta(hours=6), delete: bool = True) -> list[str]:
    """The orphans (see `orphans`), deleted unless `delete` is False; returns their names. A delete that the
    store refuses is logged and left for the next sweep."""
    found = orphans(older_than=older_than)
    if delete:
        for name in found:
            try:
                default_storage.delete(name)
            except UNREACHABLE:
                logger.exception("Could not delete the orphan file %s", name)
    if found:
        logger.warning("file storage: %d orphan file(s)%s", len(found), " deleted" if delete else " found")
    return found


try:
    from storages.backends.s3 import S3Storage
    from storages.utils import clean_name
except ImportError:  # pragma: no cover - django-storages[s3] is in requirements.in
    S3Storage = object  # type: ignore[misc,assignment]


class PrivateBucketStorage(S3Storage):  # type: ignore[misc,valid-type]
    """django-storages' S3 backend whose signed URLs may name another address than the one the portal talks to:
    in docker-compose the web reaches MinIO at http://minio:9000, a browser at the site's own address, where
    nginx passes the bucket's path on to MinIO (ACCSM_S3_PUBLIC_URL). Signing needs no network: the URL is
    signed by a client of the public address, so the signature covers the host the browser will send."""

    def __init__(self, *, public_url: str = "", **options):
        self.public_url = public_url
        super().__init__(**options)

    def url(self, name, parameters=None, expire=None, http_method=None):
        if not self.public_url:
            return super().url(name, parameters=parameters, expire=expire, http_method=http_method)
        if getattr(self, "_public_client", None) is None:  # boto3's clients are thread-safe: one per storage
            self._public_client = self._create_session().client(
                "s3", endpoint_url=self.public_url, region_name=self.region_name, config=self.client_config
            )
        client = self._public_client
        params = {**(parameters or {}), "Bucket": self.bucket_name, "Key": self._normalize_name(clean_name(name))}
        return client.generate_presigned_url(
            "get_object",
            Params=params,
            ExpiresIn=self.querystring_expire if expire is None else expire,
            HttpMethod=http_method,
        )
