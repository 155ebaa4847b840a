import hashlib
import json
from collections.abc import Iterable

from django.db import models
from django.utils.hashable import make_hashable
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

# (field, language) -> {value: label}. Choices are fixed in code, so each language's labels are looked
# up once per process instead of on every call.
_CHOICE_LABELS: dict[tuple[models.Field, str | None], dict] = {}


def choice_labels(field: models.Field) -> dict:
    key = (field, get_language())
    labels = _CHOICE_LABELS.get(key)
    if labels is None:
        labels = {make_hashable(value): str(label) for value, label in field.flatchoices}
        _CHOICE_LABELS[key] = labels
    return labels


class ChoiceLabelsMixin:
    """`get_<field>_display()` from a per-language table. Django's own builds a dict of the lazily translated
    choices and hashes every label on each call (a translation lookup per choice): on a page of 400
    participants that was most of the rendering time. Same result, same fallback to the raw value."""

    def _get_FIELD_display(self, field):  # noqa: N802  the name Django calls
        value = getattr(self, field.attname)
        return choice_labels(field).get(make_hashable(value), value)


class TimeStampedModel(ChoiceLabelsMixin, models.Model):
    """Every record knows when it was created and last changed: incremental sync relies on it."""

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True, db_index=True)

    class Meta:
        abstract = True


def version_of(instance, fields: Iterable[str] | None = None) -> str:
    """A row's version as an edit form carries it (common.forms.VersionedForm): a digest of its columns'
    values (`fields` only, when given). Read from the values, not from `updated_at`, so a save that leaves
    `updated_at` alone (`update_fields`, a queryset's `update()`) still changes it, and no clock is asked."""
    if not instance.pk:
        return ""
    chosen = [f for f in instance._meta.concrete_fields if fields is None or f.name in fields]
    # As the database would give them back ("09:00" set in code and 09:00 read back are one version).
    values = sorted([f.attname, f.to_python(getattr(instance, f.attname))] for f in chosen)
    return hashlib.sha256(json.dumps(values, default=str, sort_keys=True).encode()).hexdigest()[:32]
