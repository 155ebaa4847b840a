"""The main navigation as data: one list of groups, each with its entries and who sees them.

A new page adds one line to NAV (an `Entry` in the right group). base.html renders what `menu_for(request)`
returns: a group with one visible entry is a plain link, a group with more is a drop-down menu. The
current page is the entry whose address is the longest prefix of the request's path (aria-current="page")."""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.roles import is_secretariat, member_state_of

# Who sees an entry.
EVERYONE = "everyone"
FOCAL_POINT = "focal_point"  # a country's focal point
SECRETARIAT = "secretariat"
STAFF = "staff"  # secretariat users who may use the Django admin
SIGNED_IN = "signed_in"  # a focal point or the secretariat
DOOR_STAFF = "door_staff"  # checks people in at the door of a meeting not yet over (venue.services)


@dataclass(frozen=True)
class Entry:
    url_name: str
    label: str | Promise
    audience: str = EVERYONE


@dataclass(frozen=True)
class Group:
    key: str
    label: str | Promise
    icon: str  # a symbol of static/icons/sprite.svg
    entries: tuple[Entry, ...] = field(default_factory=tuple)


# The group names are short words ("navigation" context) so that the bar holds on one line at 1280 px in
# both languages; the pages keep their full titles.
NAV: tuple[Group, ...] = (
    Group("schedule", _("Schedule"), "calendar-days", (
        Entry("home", _("Schedule")),
        Entry("meetings:archive", _("Archive")),
        Entry("my:meetings", _("My meetings"), FOCAL_POINT),
        Entry("venue:door", _("Check-in"), DOOR_STAFF),
        Entry("secretariat:dashboard", _("Dashboard"), SECRETARIAT),
        Entry("secretariat:meetings", _("Meetings"), SECRETARIAT),
        Entry("secretariat:chairmanships", _("Chairmanships"), SECRETARIAT),
    )),
    Group("registrations", _("Registrations"), "users", (
        Entry("registrations:index", _("Waiting lists and travel"), SECRETARIAT),
        Entry("accounts:focal_points", _("Focal points"), SECRETARIAT),
    )),
    Group("documents", _("Documents"), "file-text", (
        Entry("documents:library", _("Document library")),
        Entry("proceedings:record_index", _("Records"), SECRETARIAT),
        Entry("proceedings:procedures", _("Written procedures"), SIGNED_IN),
        Entry("proceedings:reports", _("Draft reports for comments"), SIGNED_IN),
        Entry("proceedings:tracker", _("Action items"), SIGNED_IN),
    )),
    Group("workplan", pgettext_lazy("navigation", "Work plan"), "chart-gantt", (
        Entry("workplan:current", pgettext_lazy("navigation", "Work plan")),
    )),
    Group("reminders", _("Reminders"), "bell", (
        Entry("reminders:index", _("Reminders"), SECRETARIAT),
        Entry("circulars:list", _("Messages to people"), SECRETARIAT),
        Entry("outbox:failures", _("Emails not sent"), SECRETARIAT),
    )),
    Group("audit", pgettext_lazy("navigation", "Audit"), "history", (
        Entry("audit:trail", _("Audit trail"), SECRETARIAT),
        Entry("audit:country_trail", _("Change history"), FOCAL_POINT),
        Entry("privacy:search", _("Personal data"), SIGNED_IN),
    )),
    Group("settings", _("Settings"), "settings", (
        Entry("api_portal:guide", _("Calendars and API")),
        Entry("two_factor_manage", _("Two-step sign-in"), SIGNED_IN),
        Entry("admin:index", _("Admin"), STAFF),
    )),
)  # fmt: skip


def _audiences(request) -> set[str]:
    user = getattr(request, "user", None)
    seen = {EVERYONE}
    if is_secretariat(user):
        seen |= {SECRETARIAT, SIGNED_IN}
        if user.is_staff:
            seen.add(STAFF)
    elif member_state_of(user) is not None:
        seen |= {FOCAL_POINT, SIGNED_IN}
    if _door_meetings(user):
        seen.add(DOOR_STAFF)
    return seen


def _door_meetings(user) -> list[int]:
    """The meetings not yet over whose door this user keeps: one query, made once per request, and none for the
    anonymous or the secretariat (who open any door from the meeting's "At the venue" page)."""
    if user is None or not user.is_authenticated or is_secretariat(user):
        return []
    if not hasattr(user, "_door_meetings"):
        from venue.services import current_doors_of

        user._door_meetings = list(current_doors_of(user).values_list("pk", flat=True))
    return user._door_meetings


def _url(entry: Entry, request) -> str:
    """The entry's address; door staff of a single meeting go straight to its check-in page."""
    if entry.audience == DOOR_STAFF:
        doors = _door_meetings(getattr(request, "user", None))
        if len(doors) == 1:
            return reverse("venue:check_in", args=[doors[0]])
    return reverse(entry.url_name)  # a typo in NAV fails every page, not hides a link


def menu_for(request) -> list[dict]:
    """The groups and links this request's user sees, the current one marked. No database query beyond the door
    look-up above (a signed-in user who is not the secretariat) and the
    role look-ups the context processor already makes (cached on the user)."""
    audiences = _audiences(request)
    path = getattr(request, "path", "")
    groups = []
    for group in NAV:
        links = []
        for entry in group.entries:
            if entry.audience not in audiences:
                continue
            url = _url(entry, request)
            links.append({"url": url, "label": entry.label, "current": False})
        if links:
            groups.append({"key": group.key, "label": group.label, "icon": group.icon, "links": links})
    # The current page: the longest address that starts the path ("/en/" only for the home page itself).
    best = None
    for group in groups:
        for link in group["links"]:
            url = link["url"]
            matches = path == url or (path.startswith(url) and url.count("/") > 2)
            if matches and (best is None or len(url) > len(best[1]["url"])):
                best = (group, link)
    if best:
        best[0]["current"] = True
        best[1]["current"] = True
    return groups
