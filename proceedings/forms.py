"""Forms of the record, the tracker and the written procedure: they read input; the services hold the rules."""

from __future__ import annotations

import zoneinfo

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from documents.models import Document
from meetings.models import Meeting, MemberState
from workplan.models import Initiative

from .models import ActionItem, Answer
from .services.procedures import DECLARATION_STEPS, ProcedureData, addressable_member_states
from .services.record import ActionItemData, DecisionData
from .services.tracker import statuses_for

TEXTAREA = {"rows": 3}


class SummaryForm(forms.Form):
    summary_en = forms.CharField(
        label=_("Summary of the discussion (English)"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    summary_vi = forms.CharField(
        label=_("Summary of the discussion (Vietnamese)"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )


class DecisionForm(forms.Form):
    text_en = forms.CharField(label=_("Decision (English)"), required=False, widget=forms.Textarea(attrs=TEXTAREA))
    text_vi = forms.CharField(label=_("Decision (Vietnamese)"), required=False, widget=forms.Textarea(attrs=TEXTAREA))

    def decision_data(self) -> DecisionData:
        return DecisionData(text_en=self.cleaned_data["text_en"], text_vi=self.cleaned_data["text_vi"])


class ActionItemForm(forms.Form):
    description_en = forms.CharField(
        label=_("What is to be done (English)"), required=False, widget=forms.Textarea(attrs=TEXTAREA)
    )
    description_vi = forms.CharField(
        label=_("What is to be done (Vietnamese)"), required=False, widget=forms.Textarea(attrs=TEXTAREA)
    )
    owner_kind = forms.ChoiceField(label=_("Who"), required=False, choices=[("", "—"), *ActionItem.Owner.choices])
    owner_member_state = forms.ModelChoiceField(
        label=_("Member state"), required=False, queryset=MemberState.objects.order_by("name")
    )
    owner_network = forms.CharField(
        label=_("Network"), required=False, max_length=100, help_text=_("The network's name, such as PSTI.")
    )
    due_date = forms.DateField(label=_("Due date"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, with_status: bool = False, member_states=None, **kwargs):
        super().__init__(*args, **kwargs)
        if member_states is not None:  # read once for the many forms of a record page
            self.fields["owner_member_state"].widget.choices = [
                ("", "---------"),
                *((state.pk, str(state)) for state in member_states),
            ]
        if with_status:
            self.fields["status"] = forms.ChoiceField(label=_("Status"), choices=ActionItem.Status.choices)

    def action_item_data(self) -> ActionItemData:
        data = self.cleaned_data
        return ActionItemData(
            description_en=data["description_en"],
            description_vi=data["description_vi"],
            owner_kind=data["owner_kind"],
            owner_member_state=data["owner_member_state"],
            owner_network=data["owner_network"],
            due_date=data["due_date"],
            status=data.get("status"),
        )

    @classmethod
    def initial_for(cls, item: ActionItem) -> dict:
        return {
            "description_en": item.description_en,
            "description_vi": item.description_vi,
            "owner_kind": item.owner_kind,
            "owner_member_state": item.owner_member_state_id,
            "owner_network": item.owner_network,
            "due_date": item.due_date,
            "status": item.status,
        }


class ProgressForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"))
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    document_url = forms.URLField(label=_("Link to a document"), required=False, assume_scheme="https")

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(ActionItem.Status.choices)
        self.fields["status"].choices = [(value, labels[value]) for value in statuses_for(actor)]


class ProcedureForm(forms.Form):
    title_en = forms.CharField(label=_("Title (English)"), required=False, max_length=300)
    title_vi = forms.CharField(label=_("Title (Vietnamese)"), required=False, max_length=300)
    body_en = forms.CharField(label=_("Text (English)"), required=False, widget=forms.Textarea(attrs={"rows": 8}))
    body_vi = forms.CharField(label=_("Text (Vietnamese)"), required=False, widget=forms.Textarea(attrs={"rows": 8}))
    document_url = forms.URLField(
        label=_("Link to the document"),
        required=False,
        assume_scheme="https",
        help_text=_("The draft declaration, report, proposal or Work Plan change, if it is a file."),
    )
    deadline = forms.DateTimeField(
        label=_("Deadline"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    time_zone = forms.CharField(label=_("Time zone of the deadline"), initial="Asia/Ho_Chi_Minh", max_length=64)
    silence_is_agreement = forms.BooleanField(
        label=_("Silence counts as agreement"),
        required=False,
        initial=True,
        help_text=_("A country that has not answered by the deadline is taken to agree (silence procedure)."),
    )
    member_states = forms.ModelMultipleChoiceField(
        label=_("Countries asked to answer"),
        required=False,
        queryset=MemberState.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    declaration = forms.ModelChoiceField(
        label=_("Draft declaration agreed"),
        required=False,
        queryset=Document.objects.none(),
        help_text=_("Its outcome becomes a step of the declaration's track."),
    )
    declaration_step = forms.ChoiceField(
        label=_("Step its adoption records"),
        required=False,
        choices=[("", "—"), *((kind.value, kind.label) for kind in DECLARATION_STEPS)],
    )
    initiative = forms.ModelChoiceField(
        label=_("Project proposal decided"),
        required=False,
        queryset=Initiative.objects.none(),
        help_text=_("Adopted: the proposal is approved; not adopted: it is returned."),
    )
    report_of = forms.ModelChoiceField(
        label=_("Report adopted ad referendum"),
        required=False,
        queryset=Meeting.objects.none(),
        help_text=_("The meeting whose report this procedure adopts."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member_states"].queryset = addressable_member_states()
        self.fields["declaration"].queryset = Document.objects.filter(
            kind=Document.Kind.DECLARATION, status__in=[Document.Status.DRAFT, Document.Status.CIRCULATED]
        ).order_by("title")
        self.fields["initiative"].queryset = Initiative.objects.filter(status=Initiative.Status.PROPOSED).order_by(
            "title"
        )
        self.fields["report_of"].queryset = (
            Meeting.objects.filter(start__lte=timezone.now())
            .exclude(status__in=[Meeting.Status.DRAFT, Meeting.Status.CANCELLED])
            .order_by("-start")
        )

    def clean_time_zone(self):
        value = self.cleaned_data["time_zone"].strip()
        if value not in zoneinfo.available_timezones():
            raise forms.ValidationError(_("Choose a time zone such as Asia/Ho_Chi_Minh."))
        return value

    def procedure_data(self) -> ProcedureData:
        data = self.cleaned_data
        deadline = data["deadline"]
        if deadline is not None:  # typed in the procedure's time zone, not the server's
            naive = timezone.make_naive(deadline, timezone.get_current_timezone())
            deadline = timezone.make_aware(naive, zoneinfo.ZoneInfo(data["time_zone"]))
        return ProcedureData(
            title_en=data["title_en"],
            title_vi=data["title_vi"],
            body_en=data["body_en"],
            body_vi=data["body_vi"],
            document_url=data["document_url"],
            deadline=deadline,
            time_zone=data["time_zone"],
            silence_is_agreement=data["silence_is_agreement"],
            member_states=tuple(data["member_states"]),
            declaration=data["declaration"],
            declaration_step=data["declaration_step"],
            initiative=data["initiative"],
            report_of=data["report_of"],
        )


class AnswerForm(forms.Form):
    kind = forms.ChoiceField(label=_("Your country's answer"), choices=Answer.Kind.choices, widget=forms.RadioSelect)
    text = forms.CharField(
        label=_("Comments or reasons"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Needed with comments and with an objection."),
    )


class ReportCirculateForm(forms.Form):
    deadline = forms.DateTimeField(
        label=_("Deadline for comments"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )


class ReportCommentForm(forms.Form):
    text = forms.CharField(label=_("Your country's comment"), required=False, widget=forms.Textarea(attrs={"rows": 5}))
