"""The secretariat's exports of a meeting's participants that may run as a job (exportjobs/): the list as
XLSX or PDF and the name badges. The request path (staff/views.py) and the worker make the same Export."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from common.exports import PDF, Export, file_stem
from exportjobs.kinds import JobKind, Progress, register
from meetings.staff.selectors import meeting_for_write

from . import exports
from .staff import selectors


def _meeting(actor, params: dict):
    return meeting_for_write(actor=actor, pk=params["meeting"])


def _back(params: dict) -> str:
    return reverse("secretariat:registrations", args=[params["meeting"]])


def _participants(file_kind: str):
    def build(actor, params: dict, progress: Progress) -> Export:
        meeting = _meeting(actor, params)
        participants = selectors.participants_for_export(actor=actor, meeting=meeting)
        total = participants.count()
        rows = participants.iterator(chunk_size=500) if file_kind == "xlsx" else list(participants)
        return exports.participants_export(file_kind, progress.iterate(rows, total), meeting)

    return build


def badges_export(badges: list, meeting, *, layout: str, colours: dict, drawn=None) -> Export:
    suffix = "badges-a6.pdf" if layout == "a6" else "badges.pdf"
    return Export(
        filename=f"{file_stem(meeting.title_en or meeting.title, default='meeting')}-{suffix}",
        content_type=PDF,
        render=lambda: exports.badges_pdf(badges, meeting, layout=layout, colours=colours, drawn=drawn),
    )


def issued_badges(actor, meeting) -> list:
    """The confirmed participants' badges, issued now for those without one (a write: venue.services)."""
    from venue import services as venue_services

    participants = list(selectors.participants_for_export(actor=actor, meeting=meeting))
    issued = venue_services.badges_issue(actor=actor, participants=participants)
    return [issued[p.pk] for p in participants if p.pk in issued]


def _badges(actor, params: dict, progress: Progress) -> Export:
    from venue import selectors as venue_selectors

    meeting = _meeting(actor, params)
    badges = issued_badges(actor, meeting)
    colours = venue_selectors.badge_colours(meeting)
    return badges_export(badges, meeting, layout=params["layout"], colours=colours, drawn=progress)


register(
    JobKind(
        name="participants_xlsx",
        label=_("Participants (Excel)"),
        build=_participants("xlsx"),
        check=_meeting,
        back_url=_back,
        background_from=1000,
        email_from=5000,
        purpose="participants_xlsx",
        staff_shared=True,
    )
)
register(
    JobKind(
        name="participants_pdf",
        label=_("List of participants (PDF)"),
        build=_participants("pdf"),
        check=_meeting,
        back_url=_back,
        background_from=300,
        email_from=1500,
        purpose="participants_pdf",
        staff_shared=True,
    )
)
register(
    JobKind(
        name="badges",
        label=_("Name badges (PDF)"),
        build=_badges,
        check=_meeting,
        back_url=_back,
        background_from=100,
        email_from=400,
        purpose="badges_pdf",
        staff_shared=True,
    )
)
