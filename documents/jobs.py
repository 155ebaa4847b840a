"""The zip of a meeting's circulated papers, as an export job (exportjobs/) once the meeting has many: made for
the person who asked with what they may see (a focal point: their country's papers and the public ones)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from common.errors import NotFound
from common.exports import ZIP, Export
from exportjobs.kinds import JobKind, Progress, register
from meetings.selectors import meetings_visible_to

from . import selectors
from .downloads import zip_file, zip_name


def zip_meeting(actor, meeting_pk: int):
    meeting = meetings_visible_to(actor).filter(pk=meeting_pk).first()
    if meeting is None:
        raise NotFound
    return meeting


def zip_title(meeting) -> str:
    return f"{meeting.title} documents"


def _build(actor, params: dict, progress: Progress) -> Export:
    meeting = zip_meeting(actor, params["meeting"])
    documents = list(selectors.meeting_zip_documents(actor=actor, meeting=meeting))
    return Export(
        filename=zip_name(zip_title(meeting)), content_type=ZIP, render=lambda: zip_file(documents, packed=progress)
    )


def _check(actor, params: dict):
    zip_meeting(actor, params["meeting"])
    return  # papers, not personal data: no access entry


register(
    JobKind(
        name="documents_zip",
        label=_("All circulated documents (zip)"),
        build=_build,
        check=_check,
        back_url=lambda params: reverse("meetings:detail", args=[params["meeting"]]),
        background_from=40,
        email_from=150,
    )
)
