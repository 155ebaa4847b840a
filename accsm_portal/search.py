"""The portal's search: meetings, participants, documents and initiatives in one box, diacritics and case
ignored ("Ha Noi" finds "Hà Nội"), each kind read through the selector that already decides who sees what:
the secretariat everything, a focal point their own country's participants and what everyone sees, a
visitor what is public. A few results per kind (one query each), each with a link to its page."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django import forms
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from accounts.roles import Actor, is_secretariat
from common.search import search_filter
from documents.selectors import documents_visible_to
from meetings.selectors import meetings_visible_to, participants_visible_to
from workplan.selectors import initiatives_visible_to

LIMIT = 8  # results shown per kind; the kind's own page lists the rest


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), min_length=2, max_length=100, strip=True)


@dataclass
class Hit:
    title: str
    url: str
    detail: str = ""


@dataclass
class Section:
    key: str
    label: str
    hits: list[Hit] = field(default_factory=list)
    more: bool = False  # more than LIMIT matched


def _section(key, label, rows, hit) -> Section:
    rows = list(rows[: LIMIT + 1])
    return Section(key, str(label), [hit(row) for row in rows[:LIMIT]], more=len(rows) > LIMIT)


def search(actor: Actor, term: str) -> list[Section]:
    """What `actor` may see that matches every word of `term`, by kind (kinds with no match left out)."""
    meetings = search_filter(meetings_visible_to(actor), term, ["title_en", "title_vi", "city"]).order_by("-start")
    documents = (
        search_filter(documents_visible_to(actor), term, ["title_en", "title_vi"])
        .select_related("meeting")
        .order_by("-updated_at", "-pk")
    )
    initiatives = search_filter(initiatives_visible_to(actor), term, ["title_en", "title_vi"]).order_by(
        "-priority_area__work_plan__period_start", "title_en", "pk"
    )
    participants = search_filter(participants_visible_to(actor), term, ["full_name", "email", "organisation"]).order_by(
        "-delegation__meeting__start", "full_name", "pk"
    )
    staff = is_secretariat(actor)

    def participant_url(p) -> str:
        if staff:
            url = reverse("secretariat:registrations", args=[p.delegation.meeting_id])
            return f"{url}?{urlencode({'q': p.full_name})}"
        return reverse("my:delegation", args=[p.delegation.meeting_id])

    sections = [
        _section(
            "meetings",
            _("Meetings"),
            meetings,
            lambda m: Hit(
                m.title,
                reverse("secretariat:meeting", args=[m.pk]) if staff else reverse("meetings:detail", args=[m.pk]),
                " · ".join(part for part in (f"{m.local_start:%Y-%m-%d}", m.city) if part),
            ),
        ),
        _section(
            "participants",
            _("Participants"),
            participants,
            lambda p: Hit(
                p.name_with_honorific,
                participant_url(p),
                f"{p.delegation.member_state} · {p.delegation.meeting.title} · {p.get_status_display()}",
            ),
        ),
        _section(
            "documents",
            _("Documents"),
            documents,
            lambda d: Hit(
                d.title,
                reverse("documents:detail", args=[d.pk]),
                " · ".join(str(part) for part in (d.get_kind_display(), d.meeting and d.meeting.title) if part),
            ),
        ),
        _section(
            "initiatives",
            _("Initiatives"),
            initiatives,
            lambda i: Hit(
                i.title,
                reverse("workplan:initiative", args=[i.pk]),
                f"{i.priority_area.work_plan.title} · {i.lead} · {i.get_status_display()}",
            ),
        ),
    ]
    return [section for section in sections if section.hits]


@require_GET
def search_page(request):
    form = SearchForm(request.GET or None)
    sections = search(request.user, form.cleaned_data["q"]) if form.is_valid() else []
    return render(
        request,
        "search.html",
        {"form": form, "sections": sections, "searched": form.is_valid()},
        status=400 if form.is_bound and not form.is_valid() else 200,
    )
