"""Lost updates (issue 18): every page form that edits a row two people may edit at once is versioned
(common.forms.VersionedForm). For each, two sessions open the form, both save: the first is saved, the
second is refused with "changed by someone else" naming what is saved now, and keeps what was typed; saved
again after that look, it goes through. A form added to the portal fails `test_every_form_is_versioned_or_
exempt` until it is versioned (and has a case below) or exempt with its reason."""

import ast
import datetime as dt
import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import lxml.html
import pytest
from django import forms
from django.urls import reverse
from django.utils import timezone

from accreditation.models import Accreditation, AccreditationRequirements
from common.forms import VersionedForm
from reminders.models import RuleKind
from tests.factories import (
    AgendaItemFactory,
    DelegationFactory,
    DocumentFactory,
    FocalPointFactory,
    InitiativeFactory,
    InvitationLetterTemplateFactory,
    MeetingFactory,
    MeetingReminderSettingFactory,
    ParticipantFactory,
    ReminderRuleFactory,
    SecretariatUserFactory,
)
from tests.helpers import source_files

REFUSED = "Someone else changed this while you were editing it"


@dataclass(frozen=True)
class Edit:
    """One versioned form: `open()` makes its row and answers (who edits, the page's URL, how to read the
    field back); `field` is the form field both change, to `first` then `second` (saved as `saved_*`)."""

    form: str  # the form's dotted name
    open: Callable[[], tuple[Any, str, Callable[[], Any]]]
    field: str
    first: str
    second: str
    saved_first: Any = None
    saved_second: Any = None
    extra: dict = field(default_factory=dict)  # other fields the save needs (a reason)


def _meeting():
    start = timezone.now() + dt.timedelta(days=40)
    return MeetingFactory(title="SOM 24", start=start, end=start + dt.timedelta(days=2))


def _secretariat():
    return SecretariatUserFactory()


def open_meeting():
    meeting = _meeting()
    return _secretariat(), reverse("secretariat:meeting_edit", args=[meeting.pk]), lambda: _fresh(meeting).title_en


def open_agenda_item():
    item = AgendaItemFactory(meeting=_meeting(), title="Opening")
    url = reverse("secretariat:agenda_edit", args=[item.meeting_id, item.pk])
    return _secretariat(), url, lambda: _fresh(item).title_en


def open_rule():
    rule = ReminderRuleFactory(kind=RuleKind.MEETING_APPROACHING, days_before=[7, 1])
    return _secretariat(), reverse("reminders:rule", args=[rule.kind]), lambda: _fresh(rule).days_before


def open_meeting_rule():
    setting = MeetingReminderSettingFactory(meeting=_meeting(), rule=ReminderRuleFactory(), days_before=[3])
    url = reverse("reminders:meeting", args=[setting.meeting_id])
    return _secretariat(), url, lambda: _fresh(setting).days_before


def open_document():
    document = DocumentFactory(meeting=_meeting(), title="Report of SOM 24")
    return _secretariat(), reverse("documents:edit", args=[document.pk]), lambda: _fresh(document).title_en


def open_initiative():
    initiative = InitiativeFactory(title="Civil service modernisation")
    url = reverse("workplan:initiative_edit", args=[initiative.pk])
    return _secretariat(), url, lambda: _fresh(initiative).title_en


def _delegate():
    meeting = _meeting()
    AccreditationRequirements.objects.create(meeting=meeting, nationality=True)
    return ParticipantFactory(delegation=DelegationFactory(meeting=meeting))


def open_accreditation():
    participant = _delegate()
    accreditation = Accreditation.objects.create(participant=participant, nationality="Vietnamese")
    user = FocalPointFactory(member_state=participant.delegation.member_state).user
    url = reverse("accreditation:participant", args=[participant.pk])
    return user, url, lambda: _fresh(accreditation).nationality


def open_requirements():
    requirements = AccreditationRequirements.objects.create(meeting=_meeting(), nationality=True)
    url = reverse("accreditation:meeting", args=[requirements.meeting_id])
    return _secretariat(), url, lambda: _fresh(requirements).passport


def open_letter_template():
    template = InvitationLetterTemplateFactory()
    url = reverse("registrations:letter_template", args=[template.chairmanship_id])
    return _secretariat(), url, lambda: _fresh(template).place_en


def _fresh(row):
    return type(row)._default_manager.get(pk=row.pk)


EDITS = [
    Edit("meetings.staff.forms.MeetingForm", open_meeting, "title_en", "SOM 24 (revised)", "The 24th SOM"),
    Edit("meetings.staff.forms.AgendaItemForm", open_agenda_item, "title_en", "Opening session", "Welcome"),
    Edit("reminders.forms.RuleForm", open_rule, "days_before", "5", "3", [5], [3]),
    Edit(
        "reminders.forms.MeetingRuleForm",
        open_meeting_rule,
        f"{RuleKind.MEETING_APPROACHING}-days_before",
        "5",
        "2",
        [5],
        [2],
    ),
    Edit("documents.forms.DocumentEditForm", open_document, "title_en", "Report (final)", "Report, as adopted"),
    Edit(
        "workplan.forms.ProposalForm",
        open_initiative,
        "title_en",
        "Modernisation",
        "Digital civil service",
        extra={"reason": "As agreed at SOM 24"},
    ),
    Edit("accreditation.forms.AccreditationForm", open_accreditation, "nationality", "Lao", "Cambodian"),
    Edit("accreditation.forms.RequirementsForm", open_requirements, "passport", "on", "", True, False),
    Edit("registrations.forms.InvitationLetterTemplateForm", open_letter_template, "place_en", "Hue", "Da Nang"),
]

# Versioned, tested elsewhere, or versioned only through a parent.
VERSIONED_ELSEWHERE = {
    "common.forms.VersionedForm": "the mixin itself",
    "registrations.forms.ParticipantForm": "tests/registrations/test_edited_meanwhile.py (its service checks)",
    "registrations.staff.forms.ParticipantEditForm": "tests/registrations/test_edited_meanwhile.py",
    "registrations.forms.ParticipantAddForm": "adds a participant: a new row, nobody else's to overwrite",
}


def form_values(page: bytes, field_name: str) -> dict[str, list[str]]:
    """What the browser would send from the page's form that edits `field_name` (with its version)."""
    document = lxml.html.fromstring(page)
    for form in document.forms:
        names = {name for name, _value in form.form_values()} | set(form.inputs.keys())
        if field_name in names and any(name.endswith("version") for name in names):
            values: dict[str, list[str]] = {}
            for name, value in form.form_values():
                values.setdefault(name, []).append(value)
            return values
    raise AssertionError(f"no form with a version and {field_name!r} on the page")


def _with(values: dict, edit: Edit, value: str) -> dict:
    changed = {**values, **{name: [v] for name, v in edit.extra.items()}}
    if value:
        changed[edit.field] = [value]
    else:
        changed.pop(edit.field, None)  # an unticked checkbox sends nothing
    return changed


@pytest.mark.django_db
@pytest.mark.parametrize("edit", EDITS, ids=lambda edit: edit.form.rsplit(".", 1)[1])
def test_the_second_of_two_saves_from_one_read_is_refused_and_keeps_what_was_typed(client, django_user_model, edit):
    from django.test import Client

    user, url, saved = edit.open()
    first, second = client, Client()
    first.force_login(user)
    second.force_login(user)
    read_by_first = form_values(first.get(url).content, edit.field)
    read_by_second = form_values(second.get(url).content, edit.field)

    saved_first = first.post(url, _with(read_by_first, edit, edit.first))
    assert saved_first.status_code == 302, _errors(saved_first.content)
    refused = second.post(url, _with(read_by_second, edit, edit.second))

    assert refused.status_code in (200, 400, 409, 422)
    page = refused.content.decode()
    assert REFUSED in page
    expected_first = edit.saved_first if edit.saved_first is not None else edit.first
    assert saved() == expected_first
    kept = form_values(refused.content, edit.field)
    assert kept.get(edit.field, [""]) == [edit.second]  # what the second person typed is still in the form

    again = second.post(url, kept)  # after a look at what is saved now, saving again goes through
    assert again.status_code == 302
    assert saved() == (edit.saved_second if edit.saved_second is not None else edit.second)


def test_every_versioned_form_has_its_case():
    versioned = {name for name, form in project_forms().items() if issubclass(form, VersionedForm)}
    assert versioned == {edit.form for edit in EDITS} | set(VERSIONED_ELSEWHERE)


# Forms that do not edit an existing row someone else may be editing at the same moment, each with why.
NOT_AN_EDIT = {
    # A new row, or an action on a row whose own rule refuses a stale step (a status, a transition)
    "accounts.forms.FocalPointInviteForm": "invites someone: a new invitation",
    "accounts.forms.InvitationAcceptForm": "the invitee's own acceptance, once",
    "accounts.forms.TokenForm": "a sign-in code, nothing saved over",
    "accounts.forms.RecoveryCodeForm": "a sign-in code, nothing saved over",
    "accounts.forms.SecondFactorResetForm": "an action (reset), no fields of a row",
    "accounts.forms.TimeZoneForm": "the signed-in person's own preference: nobody else edits it",
    "api.forms.ApiTokenForm": "creates a token",
    "accsm_portal.search.SearchForm": "a search, nothing saved",
    "audit.forms.TrailFilterForm": "a filter, nothing saved",
    "privacy.forms.PersonSearchForm": "a search, nothing saved",
    "privacy.forms.EraseForm": "an action (erase) confirmed by typing, no fields kept",
    "workplan.forms.InitiativeFilterForm": "a filter, nothing saved",
    "registrations.staff.forms.RegistrationFilterForm": "a filter, nothing saved",
    "registrations.staff.forms.ParticipantForm": "the secretariat adds a participant: a new row",
    "registrations.staff.forms.StatusForm": "a decision from a status: the service's status table refuses a stale one",
    "registrations.staff.forms.BulkStatusForm": "decisions from statuses, as StatusForm",
    "registrations.forms.ParticipantFileForm": "an import of new rows",
    "registrations.forms.NominationLetterForm": "uploads a file (a new version of the letter)",
    "registrations.forms.CopyParticipantsForm": "copies people into new rows",
    "registrations.participant_files.ParticipantRowForm": "one row of an import file, not a page form",
    "meetings.admin.MeetingAdminForm": "the admin's, read through the schedule services (meetings/admin.py)",
    "meetings.staff.forms.PostponeForm": "a transition: checked with the meeting's sequence (schedule._lock)",
    "meetings.staff.forms.RescheduleForm": "a transition: checked with the meeting's sequence",
    "meetings.staff.forms.UnpublishForm": "a transition: checked with the meeting's sequence",
    "meetings.staff.forms.CancelForm": "a transition: checked with the meeting's sequence",
    "meetings.staff.forms.DuplicateForm": "creates a meeting",
    "meetings.staff.forms.ChairmanshipForm": "creates a chairmanship (there is no page that edits one)",
    "meetings.staff.forms.HandOverForm": "an action (the hand-over), refused once done",
    "accreditation.forms.QuestionForm": "adds a question",
    "accreditation.forms.DecisionForm": "a decision (accredit or return) with its reason",
    "accreditation.forms.LetterRequestForm": "requests a new letter",
    "accreditation.forms.DeclineForm": "declines a request, refused once decided",
    "workplan.forms.AgendaForm": "puts an initiative on a meeting's agenda (an action)",
    "workplan.forms.DecisionForm": "records a decision: a new row",
    "workplan.forms.ProgressForm": "a new progress update",
    "workplan.forms.OralProgressForm": "a new progress update",
    "workplan.forms.NextPlanForm": "drafts the next work plan: a new row",
    "workplan.forms.AdoptPlanForm": "an action (adoption), refused once done",
    "workplan.forms.CarryOverForm": "copies initiatives into the next plan: new rows",
    "venue.forms.ScanForm": "a scan at the door: a new row",
    "venue.forms.DoorStaffForm": "adds door staff",
    "documents.forms.DocumentUploadForm": "a new document",
    "documents.forms.VersionForm": "a new version of the file: earlier ones stay",
    "documents.forms.StatusForm": "a status step from the document's status table",
    "documents.forms.DeclarationStepForm": "a new step of a declaration",
    "documents.forms.DocumentForm": "the base of the upload and edit forms",
    "circulars.forms.CircularForm": "a new message",
    "webhooks.forms.SubscriptionForm": "NOT YET VERSIONED (issue 18): a subscription's owner edits it alone",
    "proceedings.forms.ProgressForm": "a new progress report",
    "proceedings.forms.ReportCirculateForm": "an action (circulate the report)",
    "proceedings.forms.ReportCommentForm": "a new comment",
    "proceedings.forms.DecisionForm": "NOT YET VERSIONED (issue 18): a decision of the record",
    "proceedings.forms.SummaryForm": "NOT YET VERSIONED (issue 18): an agenda item's summary",
    "proceedings.forms.ActionItemForm": "NOT YET VERSIONED (issue 18): an action item",
    "proceedings.forms.ProcedureForm": "NOT YET VERSIONED (issue 18): a written procedure",
    "proceedings.forms.AnswerForm": "a country's own answer, given by its focal point",
    "venue.forms.BadgeColoursForm": "NOT YET VERSIONED (issue 18): a meeting's badge colours",
    "venue.forms.CertificateSignatoryForm": "NOT YET VERSIONED (issue 18): the certificates' signatory",
    "logistics.forms.HotelForm": "a new hotel (hotels are added and removed, not edited)",
    "logistics.forms.TravelForm": "NOT YET VERSIONED (issue 18): a delegate's travel",
    "logistics.forms.LiaisonOfficerForm": "NOT YET VERSIONED (issue 18): a delegation's liaison officer",
}


def project_forms() -> dict[str, type[forms.BaseForm]]:
    """Every form class the portal defines, by dotted name."""
    found: dict[str, type[forms.BaseForm]] = {}
    for path in source_files():
        source = path.read_text()
        if "Form" not in source:
            continue
        classes = [node.name for node in ast.parse(source).body if isinstance(node, ast.ClassDef)]
        if not classes:
            continue
        module = importlib.import_module(".".join(path.with_suffix("").parts))
        for name in classes:
            value = getattr(module, name, None)
            if isinstance(value, type) and issubclass(value, forms.BaseForm) and value.__module__ == module.__name__:
                found[f"{module.__name__}.{name}"] = value
    return found


def test_every_form_is_versioned_or_exempt():
    """A new form must either carry its version (VersionedForm and a case above) or say why it needs none."""
    unversioned = {name for name, form in project_forms().items() if not issubclass(form, VersionedForm)}
    assert sorted(unversioned - set(NOT_AN_EDIT)) == []
    assert sorted(set(NOT_AN_EDIT) - unversioned) == []


def _errors(page: bytes) -> list[str]:
    document = lxml.html.fromstring(page)
    return [element.text_content().strip() for element in document.xpath("//*[@role='alert']")]
