"""The agenda editor on a meeting's staff page. Each view answers a fetch() from static/js/secretariat.js
with a piece of HTML (or JSON for a reorder), and a plain form post with a redirect, so it works without
JavaScript too."""

from __future__ import annotations

import json

from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.errors import Conflict, DomainError

from ...services import schedule
from .. import selectors
from ..forms import AgendaItemForm, add_domain_error
from .base import secretariat_required, wants_fragment


def _agenda_url(meeting) -> str:
    return reverse("secretariat:meeting", args=[meeting.pk]) + "#agenda"


def _item(request, item, *, status=200):
    return render(request, "secretariat/_agenda_item.html", {"item": item, "editable": True}, status=status)


def _form(request, meeting, form, *, item=None, status=200):
    template = "secretariat/_agenda_form.html" if wants_fragment(request) else "secretariat/agenda_item_form.html"
    return render(request, template, {"meeting": meeting, "form": form, "item": item}, status=status)


@secretariat_required
@require_POST
def agenda_add(request, pk: int):
    meeting = selectors.meeting_for_write(actor=request.user, pk=pk)
    form = AgendaItemForm(request.POST, meeting=meeting)
    if form.is_valid():
        try:
            item = schedule.agenda_item_add(actor=request.user, meeting=meeting, data=form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            if wants_fragment(request):
                return _item(request, item, status=201)
            messages.success(request, _("The agenda item was added."))
            return redirect(_agenda_url(meeting))
    return _form(request, meeting, form, status=422)


@secretariat_required
def agenda_edit(request, pk: int, item_pk: int):
    meeting = selectors.meeting_for_write(actor=request.user, pk=pk)
    item = selectors.agenda_item_for_write(actor=request.user, meeting=meeting, pk=item_pk)
    if request.method == "GET" and request.GET.get("cancel"):
        return _item(request, item) if wants_fragment(request) else redirect(_agenda_url(meeting))
    form = AgendaItemForm(request.POST or None, instance=item, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        try:
            with form.saving():
                item = schedule.agenda_item_update(actor=request.user, item=item, data=form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            if wants_fragment(request):
                return _item(request, item)
            messages.success(request, _("The agenda item was saved."))
            return redirect(_agenda_url(meeting))
        return _form(request, meeting, form, item=item, status=422)
    return _form(request, meeting, form, item=item, status=422 if form.errors else 200)


@secretariat_required
@require_POST
def agenda_reorder(request, pk: int):
    """JSON {"items": [ids in the new order]} from the page's up/down buttons."""
    meeting = selectors.meeting_for_write(actor=request.user, pk=pk)
    try:
        ids = json.loads(request.body or b"{}").get("items", [])
        items = schedule.agenda_item_reorder(actor=request.user, meeting=meeting, item_ids=ids)
    except (ValueError, AttributeError):
        return JsonResponse({"error": _("The new order must list the agenda's items.")}, status=400)
    except DomainError as error:
        return JsonResponse({"error": str(error.message)}, status=error.status if isinstance(error, Conflict) else 400)
    return JsonResponse({"items": [item.pk for item in items]})


@secretariat_required
@require_POST
def agenda_move(request, pk: int, item_pk: int):
    """Without JavaScript: move one item up or down, then back to the page."""
    meeting = selectors.meeting_for_write(actor=request.user, pk=pk)
    ids = list(meeting.agenda_items.order_by("order", "pk").values_list("pk", flat=True))
    if item_pk in ids:
        index = ids.index(item_pk)
        other = index - 1 if request.POST.get("direction") == "up" else index + 1
        if 0 <= other < len(ids):
            ids[index], ids[other] = ids[other], ids[index]
            try:
                schedule.agenda_item_reorder(actor=request.user, meeting=meeting, item_ids=ids)
            except DomainError as error:
                messages.error(request, str(error.message))
    return redirect(_agenda_url(meeting))


@secretariat_required
def agenda_delete(request, pk: int, item_pk: int):
    meeting = selectors.meeting_for_write(actor=request.user, pk=pk)
    item = selectors.agenda_item_for_write(actor=request.user, meeting=meeting, pk=item_pk)
    if request.method == "POST":
        try:
            schedule.agenda_item_delete(actor=request.user, item=item)
        except DomainError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(request, _("The agenda item “%(title)s” was deleted.") % {"title": item.title})
        return redirect(_agenda_url(meeting))
    return render(request, "secretariat/agenda_item_delete.html", {"meeting": meeting, "item": item})
