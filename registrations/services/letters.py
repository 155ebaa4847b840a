"""The secretariat's letter of invitation template: one per chairmanship, in English and Vietnamese."""

from django.db import transaction

from accounts.roles import Actor, ensure_secretariat
from common.audit import audit_as
from common.errors import full_clean
from common.locking import lock
from meetings.models import Chairmanship, InvitationLetterTemplate


def invitation_letter_template_save(
    *, actor: Actor, chairmanship: Chairmanship, data: dict
) -> InvitationLetterTemplate:
    """Create or change the chairmanship's template. `data` holds per-language fields (body_en, body_vi…)."""
    ensure_secretariat(actor)
    with transaction.atomic():
        [template] = lock(InvitationLetterTemplate.objects.filter(chairmanship=chairmanship)) or [
            InvitationLetterTemplate(chairmanship=chairmanship)
        ]
        for name, value in data.items():
            setattr(template, name, value)
        full_clean(template)
        with audit_as(actor):
            template.save()
    return template
