from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts.decorators import secretariat_required
from accounts.roles import is_secretariat, member_state_of
from common.sorting import Sorting

from . import selectors
from .display import access_summary, changes_for, model_name, who
from .forms import TrailFilterForm

PAGE_SIZE = 50


def _render_trail(request, *, full: bool, content_types, heading_country=None):
    form = TrailFilterForm(
        request.GET or None,
        content_types=ContentType.objects.filter(pk__in=[ct.pk for ct in content_types]),
        full=full,
    )
    sorting = Sorting(
        request,
        {
            "when": (_("When (UTC)"), ("timestamp", "pk")),
            "who": (_("Who"), ("actor__username", "-timestamp", "-pk")),
            "action": (_("Action"), ("action", "-timestamp", "-pk")),
            "record": (_("Record"), ("content_type__model", "object_repr", "-timestamp", "-pk")),
        },
    )
    entries = selectors.trail_filtered(
        actor=request.user, filters=form.filters() if form.is_bound else selectors.TrailFilters()
    ).order_by(*sorting.order_by(selectors.TRAIL_ORDER))
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    entries = list(page)
    rows = [
        {
            "entry": entry,
            "who": who(entry),
            "changes": changes,
            "kind": model_name(entry.content_type.model_class()),
            "access": access_summary(entry),
        }
        for entry, changes in zip(entries, changes_for(entries), strict=True)
    ]
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "audit/trail.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "sorting": sorting.headers,
            "full": full,
            "country": heading_country,
            "query": query.urlencode(),
        },
    )


@secretariat_required
def trail(request):
    """The secretariat's view of every change: filter by record type, action, person, country, dates."""
    return _render_trail(request, full=True, content_types=selectors.audited_content_types())


@login_required
def country_trail(request):
    """A focal point's view: the changes to their own country's delegations and participants, by anyone."""
    if is_secretariat(request.user):
        return redirect("audit:trail")
    member_state = member_state_of(request.user)
    if member_state is None:
        raise PermissionDenied
    return _render_trail(
        request, full=False, content_types=selectors.country_content_types(), heading_country=member_state
    )
