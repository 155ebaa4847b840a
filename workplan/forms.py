"""The work plan's forms: they collect input and show refusals beside the field. Rules live in services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from common.forms import VersionedForm, add_domain_error  # noqa: F401  (the views import it from here)
from meetings.models import Meeting, MemberState

from . import selectors
from .models import Initiative, InitiativeDecision, PriorityArea, WorkPlan
from .services import ProposalData, dates_in_plan_errors


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class InitiativeFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False)
    lead = forms.ModelChoiceField(label=_("Lead country"), queryset=MemberState.objects.none(), required=False)
    priority_area = forms.ModelChoiceField(
        label=_("Priority area"), queryset=PriorityArea.objects.none(), required=False
    )

    def __init__(self, *args, work_plan: WorkPlan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("All statuses")), *Initiative.Status.choices]
        self.fields["lead"].queryset = selectors.lead_countries_of_plan(work_plan)
        self.fields["lead"].empty_label = _("All countries")
        self.fields["priority_area"].queryset = work_plan.priority_areas.order_by("number")
        self.fields["priority_area"].empty_label = _("All priority areas")

    def filters(self) -> dict:
        """The valid filters; an invalid one (a stale link) is ignored rather than failing the page."""
        self.is_valid()  # fills cleaned_data with the fields that are valid
        return {name: value for name, value in self.cleaned_data.items() if value}


class ProposalForm(VersionedForm):
    """A proposal, or (with `read_at=`) an initiative revised: a stale revision is refused (VersionedForm)."""

    title_en = forms.CharField(label=_("Title (English)"), max_length=300)
    title_vi = forms.CharField(label=_("Title (Vietnamese)"), max_length=300, required=False)
    description_en = forms.CharField(label=_("Description (English)"), widget=forms.Textarea, required=False)
    description_vi = forms.CharField(label=_("Description (Vietnamese)"), widget=forms.Textarea, required=False)
    priority_area = forms.ModelChoiceField(label=_("Priority area"), queryset=PriorityArea.objects.none())
    planned_start = forms.DateField(label=_("Planned start"), widget=DateInput())
    planned_end = forms.DateField(label=_("Planned end"), widget=DateInput())
    co_leads = forms.ModelMultipleChoiceField(
        label=_("Co-lead countries"),
        queryset=MemberState.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "checkbox-grid"}),
        help_text=_("Countries that lead the initiative together with yours."),
    )

    # Shown side by side: English and Vietnamese.
    PAIRS = (("title_en", "title_vi"), ("description_en", "description_vi"))

    def __init__(self, *args, work_plan: WorkPlan, lead: MemberState | None, **kwargs):
        super().__init__(*args, **kwargs)
        self.work_plan = work_plan
        self.fields["priority_area"].queryset = work_plan.priority_areas.order_by("number")
        self.fields["co_leads"].queryset = selectors.co_lead_choices(exclude=lead)
        for name in ("planned_start", "planned_end"):
            self.fields[name].widget.attrs.update(
                min=work_plan.period_start.isoformat(), max=work_plan.period_end.isoformat()
            )

    @classmethod
    def initial_from(cls, initiative: Initiative) -> dict:
        return {
            "title_en": initiative.title_en,
            "title_vi": initiative.title_vi,
            "description_en": initiative.description_en,
            "description_vi": initiative.description_vi,
            "priority_area": initiative.priority_area_id,
            "planned_start": initiative.planned_start,
            "planned_end": initiative.planned_end,
            "co_leads": list(initiative.co_leads.all()),
        }

    def clean(self):
        data = super().clean()
        errors = dates_in_plan_errors(self.work_plan, data.get("planned_start"), data.get("planned_end"))
        for name, message in errors.items():
            if name not in self.errors:
                self.add_error(name, message)
        return data

    def proposal_data(self) -> ProposalData:
        data = self.cleaned_data
        return ProposalData(
            title_en=data["title_en"],
            title_vi=data["title_vi"],
            description_en=data["description_en"],
            description_vi=data["description_vi"],
            priority_area=data["priority_area"],
            planned_start=data["planned_start"],
            planned_end=data["planned_end"],
            co_leads=tuple(data["co_leads"]),
        )


class MeetingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.title} — {obj.local_start:%Y-%m-%d}"


class AgendaForm(forms.Form):
    meeting = MeetingChoiceField(
        label=_("Senior Officials Meeting (SOM)"),
        queryset=selectors.som_meetings_for_agenda(),
        error_messages={"invalid_choice": _("Choose a coming Senior Officials Meeting (SOM).")},
    )


class DecisionForm(forms.Form):
    meeting = MeetingChoiceField(
        label=_("Senior Officials Meeting (SOM)"),
        queryset=selectors.som_meetings_for_decision(),
        error_messages={
            "invalid_choice": _(
                "Choose a Senior Officials Meeting (SOM) that has met: only a SOM approves initiatives."
            )
        },
    )
    outcome = forms.ChoiceField(
        label=_("Decision"), choices=InitiativeDecision.Outcome.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Note"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Required when the proposal is returned: say why."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Evaluated per request: "has met" depends on the moment.
        self.fields["meeting"].queryset = selectors.som_meetings_for_decision()

    def clean(self):
        data = super().clean()
        if data.get("outcome") == InitiativeDecision.Outcome.RETURNED and not (data.get("note") or "").strip():
            self.add_error("note", _("Say why the proposal is returned."))
        return data


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django's documented pattern); cleans to a list, empty when none."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(item, initial) for item in data if item]
        cleaned = super().clean(data, initial)
        return [cleaned] if cleaned else []


class ProgressForm(forms.Form):
    percent_complete = forms.IntegerField(
        label=_("Percent complete"),
        min_value=0,
        max_value=100,
        error_messages={
            "min_value": _("Percent complete must be between 0 and 100."),
            "max_value": _("Percent complete must be between 0 and 100."),
        },
    )
    text = forms.CharField(label=_("What has been done"), widget=forms.Textarea)
    files = MultipleFileField(
        label=_("Attached documents"),
        required=False,
        help_text=_("PDF, DOCX, XLSX or PPTX. Other member states see them once the secretariat circulates them."),
    )


REASON_HELP = _("Kept in the audit trail with the change.")


def with_reason(form: forms.Form) -> forms.Form:
    """The secretariat acting for the record says why: a reason field on the form (the service requires it)."""
    form.fields["reason"] = forms.CharField(
        label=_("Reason for the change"), max_length=500, required=False, help_text=REASON_HELP
    )
    return form


class OralProgressForm(ProgressForm):
    """The secretariat records the progress a lead country reported orally at a SOM."""

    meeting = MeetingChoiceField(
        label=_("Reported orally at"),
        queryset=Meeting.objects.none(),
        error_messages={"invalid_choice": _("Choose a SOM that has met.")},
    )
    reason = forms.CharField(
        label=_("Reason for recording it"),
        max_length=500,
        required=False,
        help_text=REASON_HELP,
        initial=_("Reported orally at the SOM."),
    )
    field_order = ["meeting", "percent_complete", "text", "files", "reason"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = selectors.som_meetings_for_decision()


class NextPlanForm(forms.Form):
    title_en = forms.CharField(label=_("Title (English)"), max_length=200)
    title_vi = forms.CharField(label=_("Title (Vietnamese)"), max_length=200, required=False)
    period_start = forms.DateField(label=_("Period start"), widget=DateInput())
    period_end = forms.DateField(label=_("Period end"), widget=DateInput())

    PAIRS = (("title_en", "title_vi"), ("period_start", "period_end"))


class AdoptPlanForm(forms.Form):
    adopted_at = forms.CharField(
        label=_("Adopted at"),
        max_length=300,
        help_text=_(
            "The meeting that adopted the plan, with its place and date, e.g. “23rd ACCSM, Phnom Penh, 12 November 2026”."
        ),
    )


class CarryOverForm(forms.Form):
    priority_area = forms.ModelChoiceField(
        label=_("Priority area in the new plan"), queryset=PriorityArea.objects.none()
    )

    def __init__(self, *args, next_plan: WorkPlan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["priority_area"].queryset = next_plan.priority_areas.order_by("number")
