"""Emails about written procedures, through the outbox (outbox/): the text circulated to the focal points
of the countries asked, in each one's language, with the deadline; the outcome once it closes. And the
draft report of a meeting circulated for comments to the focal points of the countries invited to it.

The kinds are registered in `apps.py`. Each reads the procedure when the email is sent: a circulation
email whose procedure closed meanwhile, or a country no longer asked, sends nothing.
Reminders to the countries that have not answered are a reminder rule (reminders/rules/proceedings.py).
"""

from __future__ import annotations

import zoneinfo

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from meetings.models import FocalPoint
from outbox.kinds import Kind, NotNeeded, Recipient
from outbox.services import enqueue_many

from .models import Answer, ReportCirculation, WrittenProcedure

CIRCULATED = "procedure_circulated"
CLOSED = "procedure_closed"
REPORT_CIRCULATED = "report_circulated"


def procedure_url(procedure: WrittenProcedure, language: str) -> str:
    with translation.override(language):
        return settings.SITE_URL + reverse("proceedings:procedure", args=[procedure.pk])


def focal_point_recipients(procedure: WrittenProcedure) -> list[tuple[Recipient, int]]:
    """The active focal points of the countries asked, each address once, with their country."""
    focal_points = (
        FocalPoint.objects.filter(
            is_active=True, user__is_active=True, member_state__procedure_countries__procedure=procedure
        )
        .exclude(user__email="")
        .select_related("user")
        .order_by("member_state__name", "pk")
    )
    recipients: dict[str, tuple[Recipient, int]] = {}
    for focal_point in focal_points:
        user = focal_point.user
        recipients.setdefault(
            user.email.lower(),
            (Recipient(user.email, str(user), user.preferred_language), focal_point.member_state_id),
        )
    return list(recipients.values())


# --- Enqueued by the services, in their transaction --------------------------------------------------------


def enqueue_procedure_circulated(procedure: WrittenProcedure) -> int:
    recipients = focal_point_recipients(procedure)
    enqueue_many(
        CIRCULATED,
        [(recipient, {"procedure": procedure.pk, "member_state": state}) for recipient, state in recipients],
    )
    return len(recipients)


def enqueue_procedure_closed(procedure: WrittenProcedure) -> int:
    recipients = focal_point_recipients(procedure)
    enqueue_many(
        CLOSED, [(recipient, {"procedure": procedure.pk, "member_state": state}) for recipient, state in recipients]
    )
    return len(recipients)


def enqueue_report_circulated(circulation: ReportCirculation) -> int:
    """The focal points of the countries invited to the meeting, each address once."""
    meeting = circulation.meeting
    groups = [group for group, flag in meeting.INVITE_FIELDS.items() if getattr(meeting, flag)]
    focal_points = (
        FocalPoint.objects.filter(is_active=True, user__is_active=True, member_state__group__in=groups)
        .exclude(user__email="")
        .select_related("user")
        .order_by("member_state__name", "pk")
    )
    recipients: dict[str, tuple[Recipient, int]] = {}
    for focal_point in focal_points:
        user = focal_point.user
        recipients.setdefault(
            user.email.lower(),
            (Recipient(user.email, str(user), user.preferred_language), focal_point.member_state_id),
        )
    enqueue_many(
        REPORT_CIRCULATED,
        [
            (recipient, {"circulation": circulation.pk, "member_state": state})
            for recipient, state in recipients.values()
        ],
    )
    return len(recipients)


# --- Read when sent -------------------------------------------------------------------------------------


def _procedure(email, *, status: str) -> WrittenProcedure:
    procedure = (
        WrittenProcedure.objects.filter(
            pk=email.context["procedure"], status=status, countries__member_state=email.context["member_state"]
        )
        .distinct()
        .first()
    )
    if procedure is None:
        raise NotNeeded
    return procedure


def _circulated_context(email) -> dict:
    procedure = _procedure(email, status=WrittenProcedure.Status.OPEN)
    return {"procedure": procedure, "url": procedure_url(procedure, email.language)}


def _closed_context(email) -> dict:
    procedure = _procedure(email, status=WrittenProcedure.Status.CLOSED)
    answer = (
        Answer.objects.filter(
            country__procedure=procedure, country__member_state=email.context["member_state"], is_current=True
        )
        .only("kind")
        .first()
    )
    return {"procedure": procedure, "answer": answer, "url": procedure_url(procedure, email.language)}


def _report_circulated_context(email) -> dict:
    """Nothing to send once the deadline has passed or the report was adopted meanwhile."""
    from django.utils import timezone

    from .services.reports import is_adopted

    circulation = ReportCirculation.objects.select_related("meeting").filter(pk=email.context["circulation"]).first()
    if circulation is None or circulation.deadline <= timezone.now() or is_adopted(circulation.meeting):
        raise NotNeeded
    with translation.override(email.language):
        url = settings.SITE_URL + reverse("proceedings:report_comment", args=[circulation.pk])
    return {"circulation": circulation, "meeting": circulation.meeting, "url": url}


def _procedure_time_zone(context: dict):
    return zoneinfo.ZoneInfo(context["procedure"].time_zone)


KINDS = (
    Kind(
        CIRCULATED,
        _("Written procedure circulated"),
        "proceedings/emails/procedure_circulated",
        context=_circulated_context,
        time_zone=_procedure_time_zone,
    ),
    Kind(
        CLOSED,
        _("Written procedure closed"),
        "proceedings/emails/procedure_closed",
        context=_closed_context,
        time_zone=_procedure_time_zone,
    ),
    Kind(
        REPORT_CIRCULATED,
        _("Draft report circulated for comments"),
        "proceedings/emails/report_circulated",
        context=_report_circulated_context,
    ),
)
