from zoneinfo import available_timezones

from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from meetings.models import MemberState

from .models import User


class InvitationAcceptForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    new_password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 10 characters, not only digits, not a common password."),
    )
    new_password2 = forms.CharField(
        label=_("Password again"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def __init__(self, *args, invitation, **kwargs):
        self.invitation = invitation
        super().__init__(*args, **kwargs)
        self.fields["first_name"].initial = invitation.first_name
        self.fields["last_name"].initial = invitation.last_name

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("new_password1"), cleaned.get("new_password2")
        if first and second and first != second:
            self.add_error("new_password2", _("The two passwords differ."))
        elif first:
            user = User(
                username=self.invitation.email,
                email=self.invitation.email,
                first_name=cleaned.get("first_name", ""),
                last_name=cleaned.get("last_name", ""),
            )
            try:
                password_validation.validate_password(first, user)
            except forms.ValidationError as error:
                self.add_error("new_password1", error)
        return cleaned


class FocalPointInviteForm(forms.Form):
    member_state = forms.ModelChoiceField(label=_("Member state"), queryset=MemberState.objects.order_by("name"))
    email = forms.EmailField(label=_("Email"))
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    language = forms.ChoiceField(label=_("Language of the email"), choices=settings.LANGUAGES)


class TokenForm(forms.Form):
    """A code from the user's authenticator app (two-step sign-in)."""

    token = forms.CharField(
        label=_("Code from your authenticator app"),
        max_length=12,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
        help_text=_("Six digits, changing every 30 seconds."),
    )


class RecoveryCodeForm(TokenForm):
    """One of the recovery codes shown when two-step sign-in was set up, instead of the app's code."""

    token = forms.CharField(
        label=_("Recovery code"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "none", "autofocus": True}),
        help_text=_("Twelve letters and digits, as xxxx-xxxx-xxxx. Each code works once."),
    )


class SecondFactorResetForm(forms.Form):
    user = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**31 - 1)
    reason = forms.CharField(
        label=_("Reason"),
        max_length=500,
        help_text=_(
            "Why the second factor is reset (e.g. “lost phone, identity checked by call”); kept in the audit trail."
        ),
    )


def _zone_choices() -> list[tuple[str, str]]:
    return [
        ("", _("My browser's time zone")),
        *((zone, zone) for zone in sorted(available_timezones())),
    ]


class TimeZoneForm(forms.Form):
    time_zone = forms.ChoiceField(
        label=_("time zone"),
        required=False,
        choices=_zone_choices,
        help_text=_("Times are always shown in the venue's time zone; when yours differs, also in yours."),
    )
