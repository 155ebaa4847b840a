"""What every form of the portal shares with the services it calls."""

import contextlib
import datetime as dt
import zoneinfo
from collections.abc import Iterator

from django import forms
from django.db import models
from django.utils import formats, timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from .errors import DomainError, EditedMeanwhile, NotFound
from .locking import checked_under_lock
from .models import choice_labels, version_of


def add_domain_error(form: forms.Form, error: DomainError) -> None:
    """Show a service's refusal beside the field it names, or above the form. A save over someone else's
    (EditedMeanwhile) on a VersionedForm also takes the version saved now, so saving again goes through."""
    if isinstance(error, EditedMeanwhile) and isinstance(form, VersionedForm):
        form.take_version(error)
    form.add_error(error.field if error.field in form.fields else None, str(error.message))


def show_refusal(form: forms.Form, error: DomainError) -> None:
    """A service's refusal of a form's submission: beside its field (add_domain_error), except NotFound, which
    is not a form error but the page's 404."""
    if isinstance(error, NotFound):
        raise error
    add_domain_error(form, error)


def _shown(row: models.Model, field: models.Field) -> str:
    value = getattr(row, field.attname)
    if value in (None, ""):
        return "—"
    if field.choices:
        return str(choice_labels(field).get(value, value))
    if field.is_relation:
        return str(getattr(row, field.name))
    if isinstance(value, dt.datetime):
        return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")
    if isinstance(value, dt.date):
        return formats.date_format(value, "DATE_FORMAT")
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    return str(value)


def _typed(form: forms.Form, field: models.Field):
    value = form.cleaned_data.get(field.name)
    return value.pk if isinstance(value, models.Model) else value


class VersionedForm(forms.Form):
    """Mixed into an edit form (issue 18, lost updates): it carries the version of the row it was read at
    (`version_of` over the row's fields the form edits), and the view saves inside `with form.saving():`,
    which refuses a save made over someone else's with common.errors.EditedMeanwhile, naming what is
    saved now. The check runs before the service and again right after the service's first `lock()`
    (common.locking.checked_under_lock), so two saves at once cannot both pass it. On the refusal the page
    shows the form again with what the user typed and the current version (`add_domain_error`), so
    saving again after a look goes through.

    A ModelForm's row is its instance (`class EditForm(VersionedForm, forms.ModelForm)`); a plain form
    names it: `EditForm(request.POST or None, read_at=row)`. `versioned_fields` names the row's fields
    the form edits when the form's own field names differ (by default: the form's fields that are the
    row's). tests/common/test_edit_forms.py lists every form and tests each versioned one."""

    version = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)
    versioned_fields: tuple[str, ...] | str | None = None  # "__all__": every column (a service's own version=)

    def __init__(self, *args, read_at: models.Model | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.row = read_at if read_at is not None else getattr(self, "instance", None)

    def get_initial_for_field(self, field, field_name):
        # Read when the page is drawn, once the form's own __init__ has settled which fields it has.
        if field_name == "version" and self.row is not None and self.row.pk:
            return self.version_of(self.row)
        return super().get_initial_for_field(field, field_name)

    def row_fields(self, row: models.Model) -> list[models.Field]:
        if self.versioned_fields == "__all__":
            return list(row._meta.concrete_fields)
        names = self.versioned_fields if self.versioned_fields is not None else tuple(self.fields)
        return [field for field in row._meta.concrete_fields if field.name in names]

    def version_of(self, row: models.Model) -> str:
        return version_of(row, [field.name for field in self.row_fields(row)] or None)

    @property
    def edited(self) -> dict:
        """What the user typed, without the version (for a service taking the fields as keywords)."""
        return {name: value for name, value in self.cleaned_data.items() if name != "version"}

    @contextlib.contextmanager
    def saving(self) -> Iterator[None]:
        """Around the service call that saves this form: refuse it if the row changed since it was read."""
        if self.row is None or not self.row.pk:
            yield
            return
        self._ensure_read_at()  # a stale form is told at once, whatever the service locks
        with checked_under_lock(self._ensure_read_at):
            yield

    def _ensure_read_at(self) -> None:
        assert self.row is not None
        read_at = self.cleaned_data.get("version") or ""
        current = type(self.row)._default_manager.filter(pk=self.row.pk).first()
        if not read_at or current is None or read_at == self.version_of(current):
            return  # a page from before versions, or a row gone (the service says so)
        zone = getattr(self, "venue_zone", None)  # a meeting's times as its form shows them
        with timezone.override(zoneinfo.ZoneInfo(zone()) if zone else timezone.get_current_timezone()):
            differing = [
                f"{field.verbose_name}: {_shown(current, field)}"
                for field in self.row_fields(current)
                if field.name in self.cleaned_data and _typed(self, field) != getattr(current, field.attname)
            ]
        message = EditedMeanwhile.default_message
        if differing:
            message = format_lazy("{} {} {}", message, _("Saved now:"), "; ".join(differing))
        raise EditedMeanwhile(message, current_version=self.version_of(current), current=current)

    def take_version(self, error: EditedMeanwhile) -> None:
        """After a refusal: keep what was typed, carry the version saved now."""
        self.data = self.data.copy()
        self.data[self.add_prefix("version")] = error.current_version

    def show_edited_meanwhile(self, error: EditedMeanwhile) -> None:
        add_domain_error(self, error)
