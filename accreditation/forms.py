"""Forms of the accreditation pages. They parse and show input; the rules live in accreditation.services."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from common.forms import VersionedForm

from .models import AccreditationQuestion, LetterRequest
from .photos import CropBox
from .services import NO, YES, accreditation_of, requirements_for


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class AccreditationForm(VersionedForm):
    """What the meeting asks for, for one participant: only the fields its requirements and questions name.
    A save over answers someone else saved since the form was read is refused (VersionedForm)."""

    versioned_fields = ("photo", "nationality", "passport_number", "passport_expiry", "date_of_birth", "answers")

    def __init__(self, *args, participant, questions: list[AccreditationQuestion], **kwargs):
        meeting = participant.delegation.meeting
        requirements = requirements_for(meeting)
        accreditation = accreditation_of(participant)
        initial = {
            "nationality": accreditation.nationality,
            "passport_number": accreditation.passport_number,
            "passport_expiry": accreditation.passport_expiry,
            "date_of_birth": accreditation.date_of_birth,
            **(accreditation.answers or {}),
        }
        super().__init__(*args, initial=initial, read_at=accreditation if accreditation.pk else None, **kwargs)
        self.questions = questions
        if requirements.photo:
            self.fields["photo"] = forms.FileField(
                label=_("Photo"),
                required=False,
                help_text=_("A recent portrait, JPEG, PNG or WebP; it is cropped to the badge (3 wide, 4 high)."),
                widget=forms.ClearableFileInput(
                    attrs={"accept": "image/jpeg,image/png,image/webp", "data-crop": "3:4"}
                ),
            )
            for name in ("crop_x", "crop_y", "crop_width", "crop_height"):
                self.fields[name] = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)
        if requirements.nationality:
            self.fields["nationality"] = forms.CharField(label=_("Nationality"), max_length=100, required=False)
        if requirements.passport:
            self.fields["passport_number"] = forms.CharField(
                label=_("Passport number"),
                max_length=40,
                required=False,
                widget=forms.TextInput(attrs={"autocomplete": "off"}),
            )
            self.fields["passport_expiry"] = forms.DateField(
                label=_("Passport expiry date"), required=False, widget=DateInput()
            )
        if requirements.date_of_birth:
            self.fields["date_of_birth"] = forms.DateField(label=_("Date of birth"), required=False, widget=DateInput())
        for question in questions:
            if question.kind == AccreditationQuestion.Kind.TEXT:
                field: forms.Field = forms.CharField(max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
            elif question.kind == AccreditationQuestion.Kind.YES_NO:
                field = forms.ChoiceField(choices=[("", "—"), (YES, _("Yes")), (NO, _("No"))])
            else:
                field = forms.ChoiceField(
                    choices=[("", "—"), *((str(i), c) for i, c in enumerate(question.choice_list()))]
                )
            field.label, field.required = question.text, False
            self.fields[question.key] = field

    def service_data(self) -> dict:
        skip = {"photo", "crop_x", "crop_y", "crop_width", "crop_height", "version"}
        return {name: value for name, value in self.cleaned_data.items() if name not in skip}

    def crop(self) -> CropBox | None:
        values = [self.cleaned_data.get(name) for name in ("crop_x", "crop_y", "crop_width", "crop_height")]
        if any(value is None for value in values):
            return None
        return CropBox(*values)


class RequirementsForm(VersionedForm):
    photo = forms.BooleanField(label=_("Photo"), required=False)
    nationality = forms.BooleanField(label=_("Nationality"), required=False)
    passport = forms.BooleanField(label=_("Passport number and expiry date"), required=False)
    date_of_birth = forms.BooleanField(label=_("Date of birth"), required=False)


class QuestionForm(forms.ModelForm):
    class Meta:
        model = AccreditationQuestion
        fields = ["text_en", "text_vi", "kind", "choices_en", "choices_vi", "required"]
        widgets = {"choices_en": forms.Textarea(attrs={"rows": 3}), "choices_vi": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text_en"].required = True


class DecisionForm(forms.Form):
    reason = forms.CharField(label=_("Reason for returning"), required=False, max_length=1000)


class LetterRequestForm(forms.Form):
    purpose = forms.ChoiceField(label=_("Purpose"), choices=LetterRequest.Purpose.choices)
    language = forms.ChoiceField(label=_("Language of the letter"), choices=settings.LANGUAGES)
    participants = forms.TypedMultipleChoiceField(label=_("Delegates"), coerce=int, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participants"].choices = [(p.pk, p.name_with_honorific) for p in people]


class DeclineForm(forms.Form):
    reason = forms.CharField(label=_("Reason for declining"), max_length=1000)
