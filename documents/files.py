"""What an uploaded file really is. A file is judged by its content, never by its name: a PDF starts
with the PDF signature; a DOCX, XLSX or PPTX is a zip package whose [Content_Types].xml declares the
main part of that kind of document (so a macro-enabled .docm renamed .docx is refused too).

The name the user gave is only kept, cleaned, for display and for the download's file name; the file
is stored under a generated name.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
import uuid
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from common import bounded
from common.errors import DomainError


class BadFile(DomainError):
    code = "bad_file"
    default_message = _("This file cannot be accepted.")


@dataclass(frozen=True)
class FileKind:
    extension: str
    label: str  # as in "the content of this file is not <label>"
    content_type: str
    main_part: str | None = None  # the package part that makes an Office file what it is
    main_content_type: str | None = None


PDF = FileKind("pdf", _("a PDF document"), "application/pdf")
DOCX = FileKind(
    "docx",
    _("a Word document (DOCX)"),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "/word/document.xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
)
XLSX = FileKind(
    "xlsx",
    _("an Excel workbook (XLSX)"),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "/xl/workbook.xml",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
)
PPTX = FileKind(
    "pptx",
    _("a PowerPoint presentation (PPTX)"),
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "/ppt/presentation.xml",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
)
KINDS = {kind.extension: kind for kind in (PDF, DOCX, XLSX, PPTX)}
ACCEPT = ",".join(f".{ext}" for ext in KINDS)  # for <input type=file accept=…>

# Characters no document title needs in a file name and that mean trouble on some system or in a header.
ODD_CHARACTERS = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
CONTENT_TYPES_MAX_BYTES = 1024 * 1024


@dataclass(frozen=True)
class InspectedFile:
    kind: FileKind
    original_name: str
    size: int
    checksum: str

    def storage_name(self) -> str:
        """A generated name: nothing the uploader typed reaches the file system."""
        return f"{uuid.uuid4().hex}.{self.kind.extension}"


def max_upload_bytes() -> int:
    return settings.ACCSM_DOCUMENT_MAX_UPLOAD_BYTES


def clean_name(name: str) -> str:
    """The uploader's file name, refused if it carries path parts or odd characters, else tidied."""
    name = unicodedata.normalize("NFC", name or "")
    if "/" in name or "\\" in name or name.startswith("."):
        raise BadFile(
            _("The file name must not contain folder names or start with a dot. Rename the file and try again."),
            field="file",
        )
    if ODD_CHARACTERS.search(name) or any(unicodedata.category(c) in ("Cc", "Cf", "Cs", "Co") for c in name):
        raise BadFile(
            _(
                'The file name contains characters that are not allowed (< > : " / \\ | ? * or control '
                "characters). Rename the file and try again."
            ),
            field="file",
        )
    name = " ".join(name.split())
    stem, dot, extension = name.rpartition(".")
    if not dot or not stem.strip():
        raise BadFile(
            _("The file name has no extension; only PDF, DOCX, XLSX and PPTX files are accepted."), field="file"
        )
    return f"{stem[: 199 - len(extension)].rstrip()}.{extension.lower()}"


def inspect_upload(upload, *, name: str | None = None) -> InspectedFile:
    """Check an uploaded file (name, size, content) and return what it is; raise BadFile with a clear reason."""
    original_name = clean_name(name if name is not None else upload.name)
    extension = original_name.rpartition(".")[2]
    kind = KINDS.get(extension)
    if kind is None:
        raise BadFile(
            _("“.%(extension)s” files are not accepted; upload a PDF, DOCX, XLSX or PPTX file.")
            % {"extension": extension},
            field="file",
        )
    size = upload.size
    if not size:
        raise BadFile(_("The file is empty."), field="file")
    # Size, and for a package its zip directory (parts, unpacked size, ratio): common.bounded's document bounds.
    try:
        bounded.check_package(upload)
    except bounded.OutOfBounds as error:
        raise BadFile(error.message, field="file") from None  # the API's code for a refused file stays bad_file
    if not _content_matches(upload, kind):
        raise BadFile(
            _(
                "The content of this file is not %(label)s, although its name ends in .%(extension)s. "
                "Save it in that format, or give it the extension of its real format, and upload it again."
            )
            % {"label": kind.label, "extension": kind.extension},
            field="file",
        )
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return InspectedFile(kind=kind, original_name=original_name, size=size, checksum=digest.hexdigest())


def _content_matches(upload, kind: FileKind) -> bool:
    if kind is PDF:
        return upload.read(5) == b"%PDF-"
    try:
        with zipfile.ZipFile(upload) as package:
            return _package_matches(package, kind)
    except bounded.UNREADABLE_PACKAGE:
        return False
    finally:
        upload.seek(0)


def _package_matches(package: zipfile.ZipFile, kind: FileKind) -> bool:
    members = {info.filename: info for info in package.infolist()}
    content_types = members.get("[Content_Types].xml")
    if content_types is None or kind.main_part.lstrip("/") not in members:
        return False
    if content_types.file_size > CONTENT_TYPES_MAX_BYTES:
        return False
    declared = package.read(content_types).decode("utf-8", errors="replace")
    # The main part is declared with an Override element; the exact content type tells DOCX from DOCM.
    part = re.escape(kind.main_part)
    override = re.search(rf'<Override\b[^>]*PartName="{part}"[^>]*/?>', declared, flags=re.IGNORECASE)
    return bool(override) and f'ContentType="{kind.main_content_type}"' in override.group(0)
