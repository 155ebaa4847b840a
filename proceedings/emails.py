"""Emails about written procedures, through the outbox (outbox/): the text circulated to the focal points
of the countries asked, in each one's language, with the deadline; the outcome once it closes.

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

from .models import Answer, WrittenProcedure

CIRCULATED = "procedure_circulated"
CLOSED = "procedure_closed"


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
)
