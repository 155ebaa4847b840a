"""The outbox's personal data for the privacy registry: the emails written to a person's addresses."""

from django.db.models import Q
from django.db.models.functions import Lower

from .kinds import label
from .models import OutboxEmail


def _of(participants):
    addresses = {p.email.strip().lower() for p in participants if p.email}
    ids = {p.pk for p in participants}
    by_address = OutboxEmail.objects.annotate(address=Lower("to_email")).filter(address__in=addresses)
    by_id = OutboxEmail.objects.filter(context__participant__in=list(ids)) if ids else OutboxEmail.objects.none()
    return OutboxEmail.objects.filter(Q(pk__in=by_address.values("pk")) | Q(pk__in=by_id.values("pk"))).order_by("pk")


def export(participants) -> list[dict]:
    return [
        {
            "email": label(row.kind),
            "to": row.to_email,
            "name": row.to_name,
            "state": row.state,
            "created_at": row.created_at.isoformat(),
            "sent_at": row.sent_at.isoformat() if row.sent_at else None,
        }
        for row in _of(participants)
    ]


def erase(participants) -> None:
    """The emails to the person go, sent or not: an erased person is written to no more."""
    _of(participants).delete()
