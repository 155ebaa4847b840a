"""The webhooks' one email: a subscription switched off after repeated failures, to its owner."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from outbox.kinds import Kind, NotNeeded

from .models import Subscription

DISABLED = "webhook_disabled"


def _disabled_context(email) -> dict:
    subscription = Subscription.objects.filter(pk=email.context.get("subscription"), is_active=False).first()
    if subscription is None:  # deleted or switched on again before the email went
        raise NotNeeded
    with translation.override(email.language):
        url = settings.SITE_URL + reverse("webhooks:detail", kwargs={"pk": subscription.pk})
    return {"subscription": subscription, "url": url}


KINDS = (Kind(DISABLED, _("Webhook switched off"), "webhooks/emails/webhook_disabled", context=_disabled_context),)
