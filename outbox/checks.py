"""Start-up checks of the dispatchers' timing settings (docs/reminders.md, "A crash")."""

from django.conf import settings
from django.core import checks

from .sending import claim_timeout, heartbeat_seconds


@checks.register(checks.Tags.compatibility)
def claim_timeout_covers_a_message(app_configs, **kwargs):
    """A live dispatcher's claims must outlast one heartbeat and one message at the mail server's slowest
    (EMAIL_TIMEOUT, twice: connecting and sending); otherwise they are taken back while it sends them."""
    needed = heartbeat_seconds() + 2 * settings.EMAIL_TIMEOUT
    if claim_timeout().total_seconds() < needed:
        return [
            checks.Error(
                f"REMINDERS_CLAIM_TIMEOUT_SECONDS ({settings.REMINDERS_CLAIM_TIMEOUT_SECONDS}) must be at least "
                f"{needed:.0f}: one heartbeat plus twice EMAIL_TIMEOUT ({settings.EMAIL_TIMEOUT}).",
                id="outbox.E001",
            )
        ]
    return []
