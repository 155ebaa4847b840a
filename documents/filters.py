"""The document library's filters, shared by the library page and the API."""

from __future__ import annotations

import django_filters
from django import forms
from django.db import connection
from django.utils.translation import gettext_lazy as _

from meetings.models import Chairmanship
from meetings.selectors import meetings_visible_to

from .models import Document
from .selectors import documents_search


def visible_meetings(request):
    return meetings_visible_to(getattr(request, "user", None)).order_by("-start")


ALL = _("All")


class DocumentFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="search",
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Title or words in the file")}),
    )
    chairmanship = django_filters.ModelChoiceFilter(
        label=_("Chairmanship"),
        field_name="meeting__chairmanship",
        queryset=Chairmanship.objects.select_related("chair").order_by("-ordinal"),
        to_field_name="ordinal",
        help_text=_("ACCSM number of the chairmanship, e.g. 21."),
        empty_label=ALL,
    )
    meeting = django_filters.ModelChoiceFilter(label=_("Meeting"), queryset=visible_meetings, empty_label=ALL)
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Document.Kind.choices, empty_label=ALL)
    language = django_filters.ChoiceFilter(label=_("Language"), choices=Document.Language.choices, empty_label=ALL)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Document.Status.choices, empty_label=ALL)

    class Meta:
        model = Document
        fields = ["q", "chairmanship", "meeting", "kind", "language", "status"]

    def search(self, queryset, name, value):
        # Titles everywhere; the text inside PDF and DOCX files on PostgreSQL (its full-text search).
        return documents_search(queryset, value, full_text=connection.vendor == "postgresql")
