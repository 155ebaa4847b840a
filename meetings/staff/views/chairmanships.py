"""Chairmanships: the list, opening the next one, and the hand-over."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from common.errors import DomainError

from ...services.chairmanship import (
    CHAIRMANSHIP_FIELDS,
    chairmanship_create,
    chairmanship_hand_over,
    meetings_still_ahead,
    next_ordinal,
)
from .. import selectors
from ..forms import ChairmanshipForm, HandOverForm, add_domain_error
from .base import secretariat_required


@secretariat_required
def chairmanship_list(request):
    chairmanships = list(selectors.chairmanships_for_list(actor=request.user))
    return render(request, "secretariat/chairmanship_list.html", {"chairmanships": chairmanships})


@secretariat_required
def chairmanship_new(request):
    latest = selectors.chairmanships_for_list(actor=request.user).first()
    initial = {"ordinal": next_ordinal()}
    if latest:
        start = latest.term_end + dt.timedelta(days=1)
        initial.update(term_start=start, term_end=start.replace(year=start.year + 2) - dt.timedelta(days=1))
    form = ChairmanshipForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in CHAIRMANSHIP_FIELDS if name in form.cleaned_data}
        try:
            chairmanship = chairmanship_create(actor=request.user, data=data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("%(chairmanship)s was created.") % {"chairmanship": chairmanship})
            return redirect("secretariat:chairmanships")
    return render(request, "secretariat/chairmanship_form.html", {"form": form})


@secretariat_required
def chairmanship_hand_over_view(request, pk: int):
    chairmanship = selectors.chairmanship_for_write(actor=request.user, pk=pk)
    form = HandOverForm(request.POST or None, chairmanship=chairmanship)
    if request.method == "POST" and form.is_valid():
        try:
            chairmanship_hand_over(
                actor=request.user, chairmanship=chairmanship, successor=form.cleaned_data["successor"]
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(
                request,
                _("%(chairmanship)s was handed over; its meetings are now read-only history.")
                % {"chairmanship": chairmanship},
            )
            return redirect("secretariat:chairmanships")
    return render(
        request,
        "secretariat/chairmanship_hand_over.html",
        {"chairmanship": chairmanship, "form": form, "still_ahead": list(meetings_still_ahead(chairmanship))},
    )
