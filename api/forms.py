import datetime as dt

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from meetings.models import MemberState

from .models import ApiToken


class OwnerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user):
        focal_point = getattr(user, "focal_point", None)
        country = f" — {focal_point.member_state}" if focal_point and focal_point.is_active else ""
        return f"{user} ({user.username}){country}"


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=pgettext_lazy("API token", "Name"),
        max_length=100,
        help_text=_("Which system uses it, e.g. “MOHA calendar sync”."),
    )
    owner = OwnerChoiceField(
        label=_("Owner"),
        queryset=get_user_model().objects.none(),
        help_text=_("The token acts as this person: it sees what they see and no more."),
    )
    scope = forms.ChoiceField(
        label=_("Scope"),
        choices=ApiToken.Scope.choices,
        initial=ApiToken.Scope.READ,
        help_text=_("Read only, or also change one country's delegations and participants."),
    )
    member_state = forms.ModelChoiceField(
        label=_("Country"),
        queryset=MemberState.objects.none(),
        required=False,
        help_text=_("Only for a registrations token: the owner's own country."),
    )
    expires_on = forms.DateField(
        label=_("Expires after"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Optional: the token stops working at the end of this day (UTC)."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        users = get_user_model().objects.filter(is_active=True).select_related("focal_point__member_state")
        self.fields["owner"].queryset = users.order_by("last_name", "first_name", "username")
        self.fields["member_state"].queryset = MemberState.objects.order_by("name_en")

    @property
    def expires_at(self):
        day = self.cleaned_data.get("expires_on")
        return dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min, tzinfo=dt.UTC) if day else None
