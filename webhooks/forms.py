from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.roles import is_secretariat
from meetings.models import MemberState

from .events import EVENTS
from .services import events_for


class SubscriptionForm(forms.Form):
    url = forms.URLField(label=_("Endpoint (HTTPS)"), max_length=500, assume_scheme="https")
    events = forms.MultipleChoiceField(label=_("Events"), widget=forms.CheckboxSelectMultiple)
    member_state = forms.ModelChoiceField(
        label=_("Country (for registration events)"), queryset=MemberState.objects.order_by("name"), required=False
    )

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["events"].choices = [(name, EVENTS[name].label) for name in events_for(actor)]
        if not is_secretariat(actor):
            del self.fields["member_state"]  # a focal point's country is their own, never chosen
