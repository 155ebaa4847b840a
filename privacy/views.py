import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.errors import DomainError
from common.exports import JSON, download_response
from common.search import search_filter
from meetings.selectors import participant_for_actor, participants_visible_to

from . import services
from .forms import EraseForm, PersonSearchForm

PAGE_SIZE = 50


def _participant(request, pk: int):
    services.ensure_may_handle_personal_data(request.user)
    return participant_for_actor(actor=request.user, pk=pk)


@login_required
def search(request):
    """Find a person among the participants the user may see (a focal point: their own country's)."""
    services.ensure_may_handle_personal_data(request.user)
    form = PersonSearchForm(request.GET or None)
    participants = participants_visible_to(request.user).order_by("full_name", "pk")
    term = form.cleaned_data["q"] if form.is_valid() else ""
    if term:
        participants = search_filter(participants, term, ["full_name", "email"])
    page = Paginator(participants, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "privacy/search.html", {"form": form, "page": page, "term": term})


@login_required
def person(request, pk: int):
    participant = _participant(request, pk)
    records = services.person_records(actor=request.user, participant=participant)
    return render(
        request, "privacy/person.html", {"participant": participant, "records": records, "erase_form": EraseForm()}
    )


@require_POST
@login_required
def export(request, pk: int):
    """A JSON file with everything held about the person. POST: the export is recorded in the audit trail."""
    participant = _participant(request, pk)
    data = services.person_export(actor=request.user, participant=participant)
    return download_response(
        json.dumps(data, ensure_ascii=False, indent=2),
        filename=f"personal-data-participant-{participant.pk}.json",
        content_type=JSON,
    )


@require_POST
@login_required
def erase(request, pk: int):
    participant = _participant(request, pk)
    form = EraseForm(request.POST)
    if form.is_valid():
        try:
            erased = services.person_erase(
                actor=request.user, participant=participant, reason=form.cleaned_data["reason"]
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request, _("The person's data was erased from %(count)d record(s).") % {"count": len(erased)}
            )
            return redirect("privacy:person", pk=participant.pk)
    records = services.person_records(actor=request.user, participant=participant)
    return render(
        request,
        "privacy/person.html",
        {"participant": participant, "records": records, "erase_form": form},
        status=400,
    )
