"""Forms of the registration pages. They parse and show input; the rules live in services.registration."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from common.forms import VersionedForm
from meetings.models import InvitationLetterTemplate, Participant

from . import participant_files
from .services.registration import PARTICIPANT_FIELDS

DATETIME_LOCAL = "%Y-%m-%dT%H:%M"


class DateTimeLocalInput(forms.DateTimeInput):
    """A phone's native date-and-time picker. The value is in the venue's time zone (the view activates it)."""

    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format=DATETIME_LOCAL)


class ParticipantForm(VersionedForm, forms.ModelForm):
    """Add or edit a participant. Times are read and shown in the venue's time zone."""

    versioned_fields = "__all__"  # the service checks the version itself (participant_update(version=))

    class Meta:
        model = Participant
        fields = PARTICIPANT_FIELDS
        widgets = {
            "arrival": DateTimeLocalInput(),
            "departure": DateTimeLocalInput(),
            "email": forms.EmailInput(attrs={"autocomplete": "off", "inputmode": "email"}),
            "phone": forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
        }
        help_texts = {
            "arrival": _("Date and time of arrival in the venue's city, local time (for airport transfers)."),
            "departure": _("Date and time of departure, local time."),
        }

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        self.fields["full_name"].widget.attrs["autocomplete"] = "off"
        for name in ("arrival", "departure"):
            self.fields[name].help_text = f"{self.fields[name].help_text} ({meeting.time_zone}, {meeting.utc_offset})"

    def service_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in PARTICIPANT_FIELDS}


class ParticipantAddForm(ParticipantForm):
    waitlist = forms.BooleanField(
        label=_("If no place is left, put this person on the waiting list"),
        required=False,
        help_text=_("The secretariat may then accept them and give the delegation an extra place."),
    )


class ParticipantFileForm(forms.Form):
    file = forms.FileField(
        label=_("CSV or XLSX file"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,text/csv"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "One participant per row, with the template's header row. At most %(max)d rows, 2 MB."
        ) % {"max": participant_files.max_rows()}


class NominationLetterForm(forms.Form):
    nomination_letter = forms.FileField(
        label=_("Note Verbale (PDF)"),
        help_text=_("The government's nomination letter, as a PDF of at most 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )


class CopyParticipantsForm(forms.Form):
    participants = forms.TypedMultipleChoiceField(
        label=_("People to register again"), coerce=int, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participants"].choices = [
            (p.pk, f"{p.full_name} — {p.get_role_display()}{f', {p.position}' if p.position else ''}") for p in people
        ]
        self.fields["participants"].initial = [p.pk for p in people]


def _language_fields(*names: str) -> list[str]:
    return [f"{name}_{code}" for name in names for code, _label in settings.LANGUAGES]


class InvitationLetterTemplateForm(VersionedForm, forms.ModelForm):
    """Both languages side by side: each field's English and Vietnamese versions follow each other."""

    class Meta:
        model = InvitationLetterTemplate
        fields = _language_fields("letterhead", "place", "body", "signatory_name", "signatory_title")
        widgets = {
            **{name: forms.Textarea(attrs={"rows": 4}) for name in _language_fields("letterhead")},
            **{name: forms.Textarea(attrs={"rows": 12}) for name in _language_fields("body")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        names = dict(settings.LANGUAGES)
        for name, form_field in self.fields.items():
            if name == "version":
                continue
            base, code = name.rsplit("_", 1)
            label = str(InvitationLetterTemplate._meta.get_field(base).verbose_name)
            form_field.label = f"{label[:1].upper()}{label[1:]} ({names[code]})"
            form_field.required = code == settings.MODELTRANSLATION_DEFAULT_LANGUAGE and base in (
                "letterhead",
                "body",
            )
