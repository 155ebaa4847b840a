from django import forms
from django.utils.translation import gettext_lazy as _


class PersonSearchForm(forms.Form):
    q = forms.CharField(label=_("Name or e-mail address"), max_length=200, required=False)


class EraseForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=500,
        required=False,
        help_text=_("For example: the person asked for it by e-mail on 3 March."),
    )
    confirm = forms.BooleanField(
        label=_("I understand that this cannot be undone: the records stay only as anonymised participants."),
        required=True,
    )
