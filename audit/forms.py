from auditlog.models import LogEntry
from django import forms
from django.utils.translation import gettext_lazy as _

from meetings.models import MemberState

from .display import model_name
from .selectors import TrailFilters


class TrailFilterForm(forms.Form):
    """The audit trail's filters. Every field is optional; invalid values are shown, not ignored."""

    content_type = forms.ModelChoiceField(queryset=None, required=False, label=_("Record type"))
    action = forms.TypedChoiceField(
        choices=[("", _("Any action")), *LogEntry.Action.choices], coerce=int, required=False, label=_("Action")
    )
    actor = forms.CharField(required=False, max_length=150, label=_("Changed by (user name)"))
    member_state = forms.ModelChoiceField(
        queryset=MemberState.objects.order_by("name"), required=False, label=_("Country")
    )
    object_id = forms.IntegerField(required=False, min_value=1, label=_("Record number"))
    date_from = forms.DateField(required=False, label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(required=False, label=_("To"), widget=forms.DateInput(attrs={"type": "date"}))
    text = forms.CharField(required=False, max_length=100, label=_("Record name contains"))

    def __init__(self, *args, content_types, full: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["content_type"].queryset = content_types
        self.fields["content_type"].label_from_instance = lambda ct: model_name(ct.model_class())
        if not full:
            # A focal point's trail is their own country's, and names no one's user account to search for.
            for name in ("member_state", "actor"):
                del self.fields[name]

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            self.add_error("date_to", _("The end date cannot be before the start date."))
        return data

    def filters(self) -> TrailFilters:
        data = self.cleaned_data if self.is_valid() else {}
        member_state = data.get("member_state")
        return TrailFilters(
            content_type=data.get("content_type"),
            action=data.get("action") if data.get("action") != "" else None,
            actor=data.get("actor", ""),
            member_state_id=member_state.pk if member_state else None,
            object_id=data.get("object_id"),
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            text=data.get("text", ""),
        )
