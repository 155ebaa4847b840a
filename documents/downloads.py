"""File responses for documents. Files live outside any served folder; a view checks access first, then
common.storage.file_response answers (the rule shared with Notes Verbales and photos): it streams the file
(development), tells nginx which internal file to send (X-Accel-Redirect, when ACCSM_X_ACCEL_REDIRECT_PREFIX
names an `internal` location that aliases PRIVATE_MEDIA_ROOT), or, with the files in a bucket, redirects to a
URL of the file signed for a minute:

    location /protected-files/ { internal; alias /srv/accsm/private/; }

Every response is an attachment with nosniff and a sandboxing CSP: a file never renders as a page of
the portal."""

from __future__ import annotations

import logging
import shutil
import tempfile
import zipfile

from django.http.response import HttpResponseBase

from common import storage
from common.exports import ZIP, Content, download_response, file_stem

from .models import Document, DocumentVersion

logger = logging.getLogger(__name__)


def _download(content: Content, *, filename: str, content_type: str, public: bool) -> HttpResponseBase:
    response = download_response(content, filename=filename, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    # Access can change (a document made secretariat-only): no shared cache keeps a copy.
    response["Cache-Control"] = "private, no-cache" if public else "private, no-store"
    return response


def version_response(version: DocumentVersion) -> HttpResponseBase:
    public = (
        version.document.visibility == Document.Visibility.PUBLIC and version.document.status != Document.Status.DRAFT
    )
    return storage.file_response(
        version.file.name,
        filename=version.original_name,
        content_type=version.content_type,
        public=public,
        etag=version.checksum,
    )


def zip_file(documents, *, packed=None):
    """One zip of the current versions of `documents`, numbered in their order, in a temporary file (a
    meeting's papers never sit in memory at once); `packed(count, total)` is told after each (a job's progress)."""
    archive = tempfile.TemporaryFile()  # noqa: SIM115  (the caller's response, or the job's store, closes it)
    documents = list(documents)
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as package:
        for index, document in enumerate(documents, start=1):
            version = document.current_version
            try:
                with (
                    version.file.open("rb") as handle,
                    package.open(f"{index:02d} {version.original_name}", "w") as entry,
                ):
                    shutil.copyfileobj(handle, entry, 1024 * 1024)
            except FileNotFoundError:
                logger.error("The file of document version %s is missing from storage", version.pk)
            if packed is not None:
                packed(index, len(documents))
    archive.seek(0)
    return archive


def zip_name(name: str) -> str:
    return f"{file_stem(name, default='documents')}.zip"


def zip_response(documents, *, name: str) -> HttpResponseBase:
    return _download(zip_file(documents), filename=zip_name(name), content_type=ZIP, public=False)
