"""Forms of the secretariat's registration pages. They check what a form can; the registration services check
the rules again and their errors are shown beside the field they name."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from common.forms import VersionedForm
from meetings.models import MemberState, Participant

from ..services.registration import PARTICIPANT_FIELDS


class ParticipantForm(forms.ModelForm):
    """A participant added by the secretariat for a country, on its request: the reason is required."""

    member_state = forms.ModelChoiceField(label=_("country"), queryset=MemberState.objects.none())
    reason = forms.CharField(
        label=_("reason"),
        help_text=_("Why the secretariat adds this participant on the country's behalf (e.g. its email of 3 May)."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    waitlist = forms.BooleanField(
        label=_("put on the waiting list if the delegation is full"), required=False, initial=False
    )

    class Meta:
        model = Participant
        fields = [name for name in PARTICIPANT_FIELDS if name not in ("arrival", "departure")]

    def __init__(self, *args, member_states, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member_state"].queryset = member_states
        self.order_fields(["member_state", *self._meta.fields, "waitlist", "reason"])


class ParticipantEditForm(VersionedForm, forms.ModelForm):
    """A participant's details corrected by the secretariat on the country's request: the reason is required."""

    versioned_fields = "__all__"  # the service checks the version itself (participant_update(version=))

    reason = forms.CharField(
        label=_("reason"),
        help_text=_("Why the secretariat changes these details on the country's behalf (e.g. its email of 3 May)."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    class Meta:
        model = Participant
        fields = [name for name in PARTICIPANT_FIELDS if name not in ("arrival", "departure")]


class StatusForm(forms.Form):
    status = forms.ChoiceField(
        choices=[
            (Participant.Status.CONFIRMED, _("Confirm")),
            (Participant.Status.DECLINED, _("Decline")),
            (Participant.Status.REGISTERED, _("Back to registered")),
        ]
    )
    reason = forms.CharField(required=False, max_length=500)


class BulkStatusForm(forms.Form):
    """Confirm or decline several participants at once; a decline says why (kept in the audit trail)."""

    status = forms.ChoiceField(
        label=_("With the selected"),
        choices=[(Participant.Status.CONFIRMED, _("Confirm")), (Participant.Status.DECLINED, _("Decline"))],
    )
    participants = forms.TypedMultipleChoiceField(coerce=int, choices=(), label=_("Participants"))
    reason = forms.CharField(label=_("Reason (for a decline)"), required=False, max_length=500)

    def __init__(self, *args, participant_ids, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participants"].choices = [(pk, pk) for pk in participant_ids]
        self.fields["participants"].error_messages["required"] = _("Select at least one participant.")

    def clean(self):
        data = super().clean()
        if data.get("status") == Participant.Status.DECLINED and not data.get("reason", "").strip():
            self.add_error("reason", _("Say why they are declined: their focal points read it."))
        return data


class RegistrationFilterForm(forms.Form):
    """The filters of a meeting's registrations page (GET). A value that is not a choice is said above the list
    and ignored, so a stale or mistyped bookmark still opens the page."""

    STATUSES = (
        ("", _("All")),
        (Participant.Status.REGISTERED, _("To confirm")),
        (Participant.Status.CONFIRMED, _("Confirmed")),
        (Participant.Status.WAITLISTED, _("On the waiting list")),
        (Participant.Status.DECLINED, _("Declined")),
        (Participant.Status.CANCELLED, _("Withdrawn")),
    )

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    country = forms.ChoiceField(label=_("Country"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=STATUSES)

    def __init__(self, data, *, member_states):
        super().__init__(data)
        self.fields["country"].choices = [("", _("All")), *((state.code, state.name) for state in member_states)]

    def filters(self) -> dict[str, str]:
        """The valid filters; an invalid one counts as not given."""
        self.is_valid()
        return {name: self.cleaned_data.get(name) or "" for name in self.fields}
