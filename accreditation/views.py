"""Accreditation pages: a participant's accreditation (the focal point of its country, the secretariat), the
meeting's accreditation for the secretariat, letters on request, and the public check of a letter."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts.decorators import focal_point_required, registration_staff_required, secretariat_required
from accounts.roles import is_secretariat
from common import storage
from common.errors import DomainError
from common.exports import CSV, PDF, XLSX, download_response, file_stem, write_csv, write_xlsx
from common.forms import add_domain_error, show_refusal
from common.sorting import Sorting
from meetings.models import Participant
from meetings.staff.selectors import meeting_for_write
from registrations import selectors as registration_selectors

from . import services
from .forms import AccreditationForm, DecisionForm, DeclineForm, LetterRequestForm, QuestionForm, RequirementsForm
from .models import Accreditation, LetterRequest


def _back(request, participant: Participant):
    if is_secretariat(request.user):
        return redirect("accreditation:meeting", pk=participant.delegation.meeting_id)
    return redirect("my:delegation", meeting_pk=participant.delegation.meeting_id)


# --- A participant's accreditation ---------------------------------------------------------------------------


@registration_staff_required
@never_cache
def participant(request, pk: int):
    person = services.accreditation_for_actor(actor=request.user, participant_pk=pk)
    meeting = person.delegation.meeting
    questions = services.questions_for(meeting)
    form = AccreditationForm(request.POST or None, request.FILES or None, participant=person, questions=questions)
    editable = services.can_change_accreditation(request.user, person)
    if request.method == "POST" and editable and form.is_valid():
        try:
            with form.saving():
                services.accreditation_save(
                    actor=request.user,
                    participant=person,
                    data=form.service_data(),
                    photo=form.cleaned_data.get("photo") or None,
                    crop=form.crop(),
                )
        except DomainError as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("The accreditation of %(name)s is saved.") % {"name": person.full_name})
            return _back(request, person)
    accreditation = services.accreditation_of(person)
    return render(
        request,
        "accreditation/participant.html",
        {
            "participant": person,
            "meeting": meeting,
            "form": form,
            "editable": editable,
            "accreditation": accreditation,
            "missing": services.missing_items(accreditation, services.requirements_for(meeting), questions),
            "asked": services.accreditation_asked(meeting),
            "as_secretariat": is_secretariat(request.user),
        },
        status=422 if form.errors else 200,
    )


@registration_staff_required
@never_cache
def photo(request, pk: int):
    person = services.accreditation_for_actor(actor=request.user, participant_pk=pk)
    name = services.photo_names([person]).get(person.pk)
    if not name:
        raise Http404
    return storage.file_response(name, filename=f"photo-{person.pk}.jpg", content_type="image/jpeg", inline=True)


# --- The secretariat's accreditation of a meeting ---------------------------------------------------------


PAGE_SIZE = 100


@secretariat_required
@never_cache
def meeting(request, pk: int):
    the_meeting = meeting_for_write(actor=request.user, pk=pk)
    requirements = services.requirements_for(the_meeting)
    form = RequirementsForm(
        request.POST or None,
        initial={name: getattr(requirements, name) for name in ("photo", "nationality", "passport", "date_of_birth")},
        read_at=requirements if requirements.pk else None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            with form.saving():
                services.requirements_save(actor=request.user, meeting=the_meeting, data=form.edited)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The accreditation requirements are saved."))
            return redirect("accreditation:meeting", pk=the_meeting.pk)
    sorting = Sorting(
        request,
        {
            "country": (_("Country"), ("delegation__member_state__name", "pk")),
            "name": (_("Name"), ("full_name", "pk")),
            "decision": (_("Decision"), ("accreditation__status", "delegation__member_state__name", "pk")),
        },
    )
    people = (
        Participant.objects.filter(delegation__meeting=the_meeting)
        .not_withdrawn()
        .select_related("delegation__member_state", "accreditation")
        .order_by(*sorting.order_by(("delegation__member_state__name", "pk")))
    )
    page = Paginator(people, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    rows = services.mark_completeness(list(page.object_list), the_meeting)
    letter_requests = (
        LetterRequest.objects.filter(participant__delegation__meeting=the_meeting, state=LetterRequest.State.REQUESTED)
        .select_related("participant__delegation__member_state", "requested_by")
        .order_by("created_at", "pk")
    )
    return render(
        request,
        "accreditation/meeting.html",
        {
            "meeting": the_meeting,
            "form": form,
            "question_form": QuestionForm(),
            "questions": services.questions_for(the_meeting),
            "rows": rows,
            "page": page,
            "query": query.urlencode(),
            "sorting": sorting.headers,
            "letter_requests": letter_requests,
            "statuses": Accreditation.Status,
        },
    )


@secretariat_required
@require_POST
def question_add(request, pk: int):
    the_meeting = meeting_for_write(actor=request.user, pk=pk)
    form = QuestionForm(request.POST)
    if form.is_valid():
        try:
            services.question_add(actor=request.user, meeting=the_meeting, data=form.cleaned_data)
        except DomainError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(request, _("The question is added."))
    else:
        messages.error(request, _("Write the question in English at least."))
    return redirect("accreditation:meeting", pk=the_meeting.pk)


@secretariat_required
@require_POST
def question_delete(request, pk: int, question_pk: int):
    the_meeting = meeting_for_write(actor=request.user, pk=pk)
    services.question_delete(actor=request.user, meeting=the_meeting, pk=question_pk)
    messages.success(request, _("The question is removed."))
    return redirect("accreditation:meeting", pk=the_meeting.pk)


@secretariat_required
@require_POST
def decide(request, pk: int, decision: str):
    if decision not in ("accredit", "return"):
        raise Http404
    person = services.accreditation_for_actor(actor=request.user, participant_pk=pk)
    form = DecisionForm(request.POST)
    form.is_valid()
    try:
        services.accreditation_decide(
            actor=request.user,
            participant=person,
            accredit=decision == "accredit",
            reason=form.cleaned_data.get("reason", ""),
        )
    except DomainError as error:
        messages.error(request, f"{person.full_name}: {error.message}")
    else:
        if decision == "accredit":
            messages.success(request, _("%(name)s is accredited.") % {"name": person.full_name})
        else:
            messages.success(request, _("The accreditation of %(name)s is returned.") % {"name": person.full_name})
    return redirect("accreditation:meeting", pk=person.delegation.meeting_id)


def _export_rows(meeting, *, with_passport: bool) -> tuple[list[Participant], list[list]]:
    """The accreditation list's people and rows (a header first), for the CSV and the XLSX alike."""
    questions = services.questions_for(meeting)
    people = list(
        Participant.objects.filter(delegation__meeting=meeting)
        .not_withdrawn()
        .select_related("delegation__member_state", "accreditation")
        .order_by("delegation__member_state__name", "pk")
    )
    services.mark_completeness(people, meeting)
    header = [_("Country"), _("Name"), _("Role"), _("Status"), _("Missing"), _("Nationality")]
    if with_passport:
        header += [_("Passport number"), _("Passport expiry date"), _("Date of birth")]
    header += [question.text for question in questions]
    rows: list[list] = [header]
    for person in people:
        record = person.accreditation_record  # type: ignore[attr-defined]
        row = [
            str(person.delegation.member_state),
            person.name_with_honorific,
            person.get_role_display(),
            record.get_status_display() if record.pk else "",
            ", ".join(person.accreditation_missing),  # type: ignore[attr-defined]
            record.nationality,
        ]
        if with_passport:
            row += [record.passport_number, record.passport_expiry or "", record.date_of_birth or ""]
        row += [services.answer_display(q, (record.answers or {}).get(q.key, "")) for q in questions]
        rows.append(row)
    return people, rows


def _export(request, pk: int, file_format: str):
    """The meeting's accreditation list as CSV or XLSX; passport data only when the secretariat ticks it
    (`?passport=1`), and every download recorded as an access to each person listed."""
    the_meeting = meeting_for_write(actor=request.user, pk=pk)
    with_passport = request.GET.get("passport") == "1"
    people, rows = _export_rows(the_meeting, with_passport=with_passport)
    services.record_export(
        actor=request.user, participants=people, with_passport=with_passport, file_format=file_format
    )
    stem = file_stem(the_meeting.title, default="meeting")
    if file_format == "xlsx":
        content = write_xlsx([(str(_("Accreditation")), rows)])
        return download_response(content, filename=f"{stem}-accreditation.xlsx", content_type=XLSX)
    return download_response(write_csv(rows), filename=f"{stem}-accreditation.csv", content_type=CSV)


@secretariat_required
@never_cache
def export_csv(request, pk: int):
    return _export(request, pk, "csv")


@secretariat_required
@never_cache
def export_xlsx(request, pk: int):
    return _export(request, pk, "xlsx")


# --- Letters on request --------------------------------------------------------------------------------------


@focal_point_required
@never_cache
def letters(request, meeting_pk: int):
    """A focal point asks for letters for chosen delegates and follows each request's state."""
    the_meeting = registration_selectors.meeting_for_focal_point(actor=request.user, pk=meeting_pk)
    delegation = registration_selectors.delegation_of(actor=request.user, meeting=the_meeting)
    people = list(delegation.participants.not_withdrawn().order_by("pk")) if delegation else []
    form = LetterRequestForm(request.POST or None, people=people, initial={"language": request.LANGUAGE_CODE})
    if request.method == "POST" and form.is_valid():
        try:
            created = services.letter_requests_create(
                actor=request.user,
                meeting=the_meeting,
                participant_ids=form.cleaned_data["participants"],
                purpose=form.cleaned_data["purpose"],
                language=form.cleaned_data["language"],
            )
        except DomainError as error:
            show_refusal(form, error)
        else:
            messages.success(
                request,
                ngettext("%(count)d letter requested.", "%(count)d letters requested.", len(created))
                % {"count": len(created)},
            )
            return redirect("accreditation:letters", meeting_pk=the_meeting.pk)
    requests = (
        LetterRequest.objects.filter(participant__delegation=delegation).select_related("participant")
        if delegation
        else LetterRequest.objects.none()
    )
    return render(
        request,
        "accreditation/letters.html",
        {"meeting": the_meeting, "form": form, "requests": requests, "has_people": bool(people)},
        status=422 if form.errors else 200,
    )


@registration_staff_required
@never_cache
def letter_pdf(request, pk: int):
    letter = services.letter_request_for_actor(actor=request.user, pk=pk)
    content = services.letter_pdf(letter)
    services.record_letter_download(actor=request.user, letter=letter)
    return download_response(content, filename=f"{letter.reference}.pdf", content_type=PDF)


@secretariat_required
@require_POST
def letter_issue(request, pk: int):
    letter = services.letter_request_for_actor(actor=request.user, pk=pk)
    try:
        services.letter_request_issue(actor=request.user, request=letter)
    except DomainError as error:
        messages.error(request, f"{letter.participant.full_name}: {error.message}")
    else:
        messages.success(request, _("The letter for %(name)s is issued.") % {"name": letter.participant.full_name})
    return redirect("accreditation:meeting", pk=letter.participant.delegation.meeting_id)


@secretariat_required
@require_POST
def letter_decline(request, pk: int):
    letter = services.letter_request_for_actor(actor=request.user, pk=pk)
    form = DeclineForm(request.POST)
    try:
        services.letter_request_decline(
            actor=request.user, request=letter, reason=form.data.get("reason", "") if form.is_bound else ""
        )
    except DomainError as error:
        messages.error(request, f"{letter.participant.full_name}: {error.message}")
    else:
        messages.success(request, _("The letter for %(name)s is declined.") % {"name": letter.participant.full_name})
    return redirect("accreditation:meeting", pk=letter.participant.delegation.meeting_id)


def verify(request, code: str):
    """Public: confirms an issued letter's reference, meeting and date, nothing else."""
    letter = services.verified_letter(code)
    response = render(request, "accreditation/verify.html", {"letter": letter}, status=200 if letter else 404)
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex"
    return response
