"""Forms of the document pages. They collect input; the services decide (and their errors land on fields)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.roles import is_secretariat, member_state_of
from common.forms import VersionedForm
from meetings.models import AgendaItem, Meeting, MemberState
from meetings.selectors import meetings_visible_to
from workplan.models import Initiative

from . import services
from .files import ACCEPT, max_upload_bytes
from .models import DeclarationStep, Document
from .selectors import initiatives_open_for_papers, meetings_open_for_papers

NONE = _("(none)")


class FileInput(forms.ClearableFileInput):
    def __init__(self, attrs=None):
        super().__init__({"accept": ACCEPT, **(attrs or {})})


def file_help() -> str:
    from django.template.defaultfilters import filesizeformat

    return _("PDF, DOCX, XLSX or PPTX, up to %(limit)s.") % {"limit": filesizeformat(max_upload_bytes())}


class MeetingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, meeting):
        return f"{meeting.title} ({meeting.start:%Y-%m-%d})"


class AgendaItemSelect(forms.Select):
    """The agenda items in a group per meeting, the chosen meeting's first (`first_meeting`), so that the list
    reads without JavaScript; each option also says its meeting (data-meeting), and static/js/document-form.js
    then offers only the chosen meeting's items. The form refuses an item of another meeting either way."""

    first_meeting: int | None = None

    def optgroups(self, name, value, attrs=None):
        flat = super().optgroups(name, value, attrs)
        groups: dict[object, list] = {}
        for _group, options, _index in flat:
            instance = getattr(options[0]["value"], "instance", None)
            key = instance.meeting_id if instance is not None else None
            groups.setdefault(key, []).extend(options)
        titles = {key: options[0]["value"].instance.meeting.title for key, options in groups.items() if key}
        order = sorted(groups, key=lambda key: (key is not None, key != self.first_meeting))
        return [(titles.get(key), groups[key], index) for index, key in enumerate(order)]

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        instance = getattr(value, "instance", None)
        if instance is not None:
            option["attrs"]["data-meeting"] = str(instance.meeting_id)
        return option


class AgendaItemChoiceField(forms.ModelChoiceField):
    widget = AgendaItemSelect

    def label_from_instance(self, item):
        return f"{item.meeting.title} · {item.order}. {item.title}"


class InitiativeChoiceField(forms.ModelChoiceField):
    """An initiative carried over into the next plan has the same title in both: its plan tells them apart."""

    def label_from_instance(self, initiative):
        return f"{initiative.title} ({initiative.priority_area.work_plan.title})"


def initiative_choices(queryset):
    return queryset.select_related("priority_area__work_plan").order_by(
        "-priority_area__work_plan__period_start", "title", "pk"
    )


def uploadable_meetings(actor):
    """Meetings the actor may attach papers to: any for the secretariat; for a focal point the service's
    rule (documents.selectors.meetings_open_for_papers)."""
    if is_secretariat(actor):
        return meetings_visible_to(actor).order_by("-start")
    member_state = member_state_of(actor)
    if member_state is None:
        return Meeting.objects.none()
    return meetings_open_for_papers(member_state).order_by("-start")


class DocumentForm(forms.Form):
    """What describes a document and who may see it."""

    title_en = forms.CharField(label=_("Title (English)"), max_length=400)
    title_vi = forms.CharField(label=_("Title (Vietnamese)"), max_length=400, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=Document.Kind.choices)
    language = forms.ChoiceField(label=_("Language of the file"), choices=Document.Language.choices)
    meeting = MeetingChoiceField(label=_("Meeting"), queryset=Meeting.objects.none(), required=False, empty_label=NONE)
    agenda_item = AgendaItemChoiceField(
        label=_("Agenda item"),
        queryset=AgendaItem.objects.none(),
        required=False,
        empty_label=NONE,
        help_text=_("Papers tied to an agenda item are listed under it on the meeting page."),
    )
    initiative = InitiativeChoiceField(
        label=_("Initiative"), queryset=Initiative.objects.none(), required=False, empty_label=NONE
    )
    member_state = forms.ModelChoiceField(
        label=_("Country"),
        queryset=MemberState.objects.order_by("name_en"),
        required=False,
        empty_label=NONE,
        help_text=_("For a country report: the country whose report it is."),
    )
    visibility = forms.ChoiceField(label=_("Who may see it"), choices=Document.Visibility.choices)

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.actor = actor
        meetings = uploadable_meetings(actor)
        self.fields["meeting"].queryset = meetings
        # Every open meeting's agenda, each option marked with its meeting: the page offers only the chosen one's.
        self.fields["agenda_item"].queryset = (
            AgendaItem.objects.filter(meeting__in=meetings)
            .select_related("meeting")
            .order_by("-meeting__start", "order")
        )
        self.fields["initiative"].queryset = initiative_choices(Initiative.objects.all())
        chosen = self.data.get("meeting") if self.is_bound else self.initial.get("meeting")
        if str(chosen or "").isdigit():
            self.fields["agenda_item"].widget.first_meeting = int(chosen)

    def clean(self):
        cleaned = super().clean()
        meeting, item = cleaned.get("meeting"), cleaned.get("agenda_item")
        if meeting is not None and item is not None and item.meeting_id != meeting.pk:
            self.add_error(
                "agenda_item",
                _("“%(item)s” is on the agenda of %(other)s, not of %(meeting)s: choose one of its items, or none.")
                % {"item": item.title, "other": item.meeting.title, "meeting": meeting.title},
            )
        return cleaned


class DocumentEditForm(VersionedForm, DocumentForm):
    """The secretariat's changes to a document's description and visibility."""

    @classmethod
    def initial_for(cls, document: Document) -> dict:
        return {name: getattr(document, name) for name in services.EDITABLE_FIELDS}


class DocumentUploadForm(DocumentForm):
    """A new document. The secretariat sets everything; a focal point's paper is their country's."""

    status = forms.ChoiceField(
        label=_("Status"),
        choices=[
            (Document.Status.DRAFT, Document.Status.DRAFT.label),
            (Document.Status.CIRCULATED, _("Circulate now")),
        ],
    )
    file = forms.FileField(label=_("File"), widget=FileInput)

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, actor=actor, **kwargs)
        self.fields["file"].help_text = file_help()
        if is_secretariat(actor):
            return
        member_state = member_state_of(actor)
        self.fields["kind"].choices = [(k.value, k.label) for k in services.FOCAL_POINT_KINDS]
        self.fields["initiative"].queryset = initiative_choices(initiatives_open_for_papers(member_state))
        for name in ("member_state", "visibility", "status"):
            del self.fields[name]

    def service_arguments(self) -> dict:
        data = dict(self.cleaned_data)
        if not is_secretariat(self.actor):
            data.pop("member_state", None)
        return data


class VersionForm(forms.Form):
    file = forms.FileField(label=_("New version"), widget=FileInput)

    def __init__(self, *args, first: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = file_help()
        if first:
            self.fields["file"].label = _("File")


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"))
    meeting = MeetingChoiceField(
        label=_("Adopted at meeting"),
        queryset=Meeting.objects.none(),
        required=False,
        empty_label=NONE,
        help_text=_("For a report: the meeting that adopted it (by default the meeting it belongs to)."),
    )
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, actor, document: Document, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [
            (s.value, s.label) for s in map(Document.Status, services.TRANSITIONS[document.status])
        ]
        self.fields["meeting"].queryset = meetings_visible_to(actor).order_by("-start")


class DeclarationStepForm(forms.Form):
    kind = forms.ChoiceField(label=_("Step"), choices=DeclarationStep.Kind.choices)
    meeting = MeetingChoiceField(label=_("Meeting"), queryset=Meeting.objects.none(), required=False, empty_label=NONE)
    date = forms.DateField(
        label=_("Date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Leave empty to use the meeting's date."),
    )
    note_en = forms.CharField(label=_("Note (English)"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    note_vi = forms.CharField(label=_("Note (Vietnamese)"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = meetings_visible_to(actor).order_by("-start")
