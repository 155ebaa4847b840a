"""The accreditation's personal data in a person's export and erasure (privacy.registry)."""

from __future__ import annotations

from auditlog.context import disable_auditlog
from django.core.files.storage import default_storage
from django.db import transaction

from audit.display import ERASED

from .models import Accreditation, LetterRequest


def export(participants) -> list[dict]:
    rows = []
    accreditations = Accreditation.objects.filter(participant__in=participants).order_by("participant_id")
    for accreditation in accreditations:
        rows.append(
            {
                "participant": accreditation.participant_id,
                "kind": "accreditation",
                "photo": bool(accreditation.photo),
                "nationality": accreditation.nationality,
                "passport_number": accreditation.passport_number,
                "passport_expiry": accreditation.passport_expiry.isoformat() if accreditation.passport_expiry else None,
                "date_of_birth": accreditation.date_of_birth.isoformat() if accreditation.date_of_birth else None,
                "answers": accreditation.answers,
                "status": accreditation.status,
                "return_reason": accreditation.return_reason,
            }
        )
    for request in LetterRequest.objects.filter(participant__in=participants).order_by("participant_id", "pk"):
        rows.append(
            {
                "participant": request.participant_id,
                "kind": "letter request",
                "purpose": request.purpose,
                "state": request.state,
                "reference": request.reference,
                "issued_on": request.issued_on.isoformat() if request.issued_on else None,
                "decline_reason": request.decline_reason,
            }
        )
    return rows


def erase(participants) -> None:
    """The accreditation goes (its photo file after commit); letter requests keep only their reference and
    dates, so that a letter's verification page still confirms the reference, meeting and date."""
    from .services import scrub_audit

    ids = [participant.pk for participant in participants]
    scrub_audit(ids)
    photos = [
        name for name in Accreditation.objects.filter(participant_id__in=ids).values_list("photo", flat=True) if name
    ]
    with disable_auditlog():  # the person's erasure is recorded on the participant; nothing of them stays here
        Accreditation.objects.filter(participant_id__in=ids).delete()
    LetterRequest.objects.filter(participant_id__in=ids).exclude(decline_reason="").update(decline_reason=ERASED)
    for name in photos:
        transaction.on_commit(lambda name=name: default_storage.delete(name), robust=True)


def identifiers(participants) -> list[str]:
    """Passport numbers: erasure looks for them in the idempotency records, admin log and cache too."""
    return [
        number
        for number in Accreditation.objects.filter(participant__in=participants).values_list(
            "passport_number", flat=True
        )
        if number
    ]
