"""The venue's forms: what a form can check; the services check the rules again."""

from __future__ import annotations

import datetime as dt
import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from meetings.models import Participant

from .badges import role_colour
from .models import COLOUR, Direction, Scan


class ScanForm(forms.Form):
    """One scan as the check-in page sends it (also after a dropped connection, from the phone's queue)."""

    scan_id = forms.UUIDField()
    method = forms.ChoiceField(choices=Scan.Method.choices)
    code = forms.CharField(max_length=200)
    direction = forms.ChoiceField(choices=Direction.choices, required=False)
    at = forms.DateTimeField(required=False)

    def clean_direction(self):
        return self.cleaned_data.get("direction") or Direction.IN

    def clean_at(self) -> dt.datetime | None:
        return self.cleaned_data.get("at")

    @property
    def scan_uuid(self) -> uuid.UUID:
        return self.cleaned_data["scan_id"]


class DoorStaffForm(forms.Form):
    user = forms.CharField(
        label=_("user name or email"),
        max_length=254,
        help_text=_("Someone with an account of the portal; they will see only this meeting's check-in page."),
    )


class BadgeColoursForm(forms.Form):
    """One colour per role: the band at the foot of the badge."""

    def __init__(self, *args, colours: dict, **kwargs):
        super().__init__(*args, **kwargs)
        for role, label in Participant.Role.choices:
            self.fields[role] = forms.CharField(
                label=label,
                max_length=7,
                initial=role_colour(role, colours),
                widget=forms.TextInput(attrs={"type": "color"}),
            )

    def clean(self):
        data = super().clean()
        for role in Participant.Role.values:
            if role in data and not COLOUR.match(data[role]):
                self.add_error(role, _("Give a colour written as #RRGGBB."))
        return data

    def colours(self) -> dict:
        return {role: self.cleaned_data[role].lower() for role in Participant.Role.values}


class CertificateSignatoryForm(forms.ModelForm):
    class Meta:
        from .models import CertificateSignatory

        model = CertificateSignatory
        fields = ["signatory_name", "signatory_title_en", "signatory_title_vi"]
