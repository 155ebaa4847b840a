"""The secretariat's letter of invitation template: one per chairmanship, in English and Vietnamese."""

from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.roles import Actor, is_secretariat
from common.audit import audit_as
from common.errors import DomainError, Forbidden
from common.locking import lock
from meetings.models import Chairmanship, InvitationLetterTemplate


def invitation_letter_template_save(
    *, actor: Actor, chairmanship: Chairmanship, data: dict
) -> InvitationLetterTemplate:
    """Create or change the chairmanship's template. `data` holds per-language fields (body_en, body_vi…)."""
    if not is_secretariat(actor):
        raise Forbidden
    with transaction.atomic():
        [template] = lock(InvitationLetterTemplate.objects.filter(chairmanship=chairmanship)) or [
            InvitationLetterTemplate(chairmanship=chairmanship)
        ]
        for name, value in data.items():
            setattr(template, name, value)
        try:
            template.full_clean()
        except ValidationError as error:
            field, messages = next(iter(error.message_dict.items()))
            raise DomainError(messages[0], field=None if field == "__all__" else field) from None
        with audit_as(actor):
            template.save()
    return template
