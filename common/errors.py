"""Domain errors raised by services. Forms show them beside the field; the API turns them into JSON."""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    """A rule of the portal refused the action. `field` names the form field it concerns, if any."""

    code = "invalid"
    default_message = _("This action is not allowed.")
    status = 400

    def __init__(self, message=None, *, field: str | None = None):
        self.message = message or self.default_message
        self.field = field
        super().__init__(str(self.message))


class NotFound(DomainError):
    """The object does not exist for this actor: another country's data answers exactly like a missing one."""

    code = "not_found"
    default_message = _("Not found.")
    status = 404


class Forbidden(DomainError):
    code = "forbidden"
    default_message = _("You do not have permission to do this.")
    status = 403


class Conflict(DomainError):
    code = "conflict"
    default_message = _("Someone else changed this record in the meantime.")
    status = 409


class EditedMeanwhile(Conflict):
    """A save over a version the user never saw: someone else changed the row after the form was read."""

    code = "edited_meanwhile"
    default_message = _(
        "Someone else changed this while you were editing it. Your changes are kept below; check them "
        "against what is saved now and save again."
    )

    def __init__(self, message=None, *, current_version: str = "", current=None, **kwargs):
        super().__init__(message, **kwargs)
        self.current_version = current_version
        self.current = current  # the row as it is saved now, when the refusal read it


class Busy(Conflict):
    """Someone else holds the rows this action needs (common.locking gave up waiting): retry in a moment."""

    code = "busy"
    default_message = _("Someone else is changing this right now. Please try again in a moment.")


def full_clean(instance: models.Model, **options) -> None:
    """`instance.full_clean(**options)`, its first error raised as a DomainError on that field, so that a
    model's own validation reaches the form like any service's refusal (never a 500)."""
    try:
        instance.full_clean(**options)
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise DomainError(messages[0], field=None if field == NON_FIELD_ERRORS else field) from None
