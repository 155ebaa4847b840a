"""The message form: it reads input; the services hold the rules (shown beside the fields)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from meetings.models import MemberState

from .models import Circular
from .selectors import meetings_for_messages, member_states_for_messages
from .services import CircularData


class CircularForm(forms.Form):
    subject_en = forms.CharField(label=_("Subject (English)"), required=False, max_length=200)
    subject_vi = forms.CharField(label=_("Subject (Vietnamese)"), required=False, max_length=200)
    body_en = forms.CharField(label=_("Message (English)"), required=False, widget=forms.Textarea(attrs={"rows": 8}))
    body_vi = forms.CharField(label=_("Message (Vietnamese)"), required=False, widget=forms.Textarea(attrs={"rows": 8}))
    group = forms.ChoiceField(
        label=_("To"), choices=Circular.Group.choices, initial=Circular.Group.FOCAL_POINTS, widget=forms.RadioSelect
    )
    member_states = forms.ModelMultipleChoiceField(
        label=_("Countries (for focal points)"),
        required=False,
        queryset=MemberState.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    meeting = forms.ModelChoiceField(
        label=_("Meeting (for heads of delegation or everyone registered)"),
        required=False,
        queryset=meetings_for_messages(),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member_states"].queryset = member_states_for_messages()
        self.fields["meeting"].queryset = meetings_for_messages()

    def circular_data(self) -> CircularData:
        data = self.cleaned_data
        return CircularData(
            subject_en=data["subject_en"],
            subject_vi=data["subject_vi"],
            body_en=data["body_en"],
            body_vi=data["body_vi"],
            group=data["group"],
            meeting=data["meeting"],
            member_states=tuple(data["member_states"]),
        )
