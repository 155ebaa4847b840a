"""Changes reach the people they concern (issue 19): one email per person, in their language, saying what
changed from what to what, with the meeting's updated calendar entry (.ics: the feed's UID, its new SEQUENCE).

Who is concerned (`concerned_people`): the participants registered (or waiting) with an email address, the
focal points of the invited countries (and of any country with a delegation), and the secretariat; each
address once. A person concerned without an email address is listed for the secretariat on the meeting's
page (`people_without_email`), never dropped silently.

What is told (`NOTIFY_FIELDS` of an edit, a postponement, a rescheduling, a cancellation, a paper released):
each is a `MeetingChange`, and `notify_change(change)` writes, in the change's transaction,

- one `MeetingNotice` per (change, person): the database's unique key keeps it to once, however often the
  service runs;
- the email itself, one outbox row per person and meeting while it waits: a change made within
  MEETING_NOTICE_COALESCE_MINUTES of the first joins that row (its `context["changes"]`), so several
  changes become one message. The row is rendered when it is sent, from the changes it lists.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.template.defaultfilters import date as date_filter
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from outbox.kinds import Kind, NotNeeded, Recipient
from outbox.models import OutboxEmail
from outbox.render import language_or_default
from outbox.services import enqueue_many

from .models import FocalPoint, MeetingChange, MeetingNotice, Participant

MEETING_CHANGED = "meeting_changed"
# The fields whose change every person concerned must hear of.
NOTIFY_FIELDS = frozenset(
    {"start", "end", "time_zone", "venue_en", "venue_vi", "city_en", "city_vi", "format", "online_link"}
)
# The actions told to the people concerned (edits only when they touch NOTIFY_FIELDS).
NOTIFY_ACTIONS = frozenset(
    {
        MeetingChange.Action.MOVED,
        MeetingChange.Action.VENUE_CHANGED,
        MeetingChange.Action.CHANGED,
        MeetingChange.Action.POSTPONED,
        MeetingChange.Action.RESCHEDULED,
        MeetingChange.Action.CANCELLED,
        MeetingChange.Action.DOCUMENT_RELEASED,
    }
)


def coalesce_window() -> dt.timedelta:
    return dt.timedelta(minutes=settings.MEETING_NOTICE_COALESCE_MINUTES)


@dataclass(frozen=True)
class Concerned:
    name: str
    email: str
    language: str
    role: str  # shown to the secretariat: participant, focal point of …, secretariat

    @property
    def key(self) -> str:
        return self.email.strip().lower()


def _secretariat_users():
    return get_user_model().objects.with_perm(
        "accounts.secretariat",
        is_active=True,
        include_superusers=False,
        backend="django.contrib.auth.backends.ModelBackend",
    )


def _everyone(meeting) -> list[Concerned]:
    """Everyone the meeting's changes concern, with or without an address, in a fixed order (3 queries)."""
    people: list[Concerned] = []
    participants = (
        Participant.objects.filter(
            delegation__meeting=meeting,
            status__in=(*Participant.ACTIVE_STATUSES, Participant.Status.WAITLISTED),
            anonymised_at__isnull=True,
        )
        .select_related("delegation__member_state")
        .order_by("delegation__member_state__name", "pk")
    )
    for participant in participants:
        people.append(
            Concerned(
                participant.name_with_honorific,
                participant.email.strip(),
                participant.language,
                _("participant, %(country)s") % {"country": participant.delegation.member_state.name},
            )
        )
    invited = [group for group, field in meeting.INVITE_FIELDS.items() if getattr(meeting, field)]
    focal_points = (
        FocalPoint.objects.filter(is_active=True, user__is_active=True)
        .filter(Q(member_state__group__in=invited) | Q(member_state__delegations__meeting=meeting))
        .select_related("user", "member_state")
        .distinct()
        .order_by("member_state__name", "user_id")
    )
    for focal_point in focal_points:
        user = focal_point.user
        people.append(
            Concerned(
                str(user),
                (user.email or "").strip(),
                user.preferred_language,
                _("focal point, %(country)s") % {"country": focal_point.member_state.name},
            )
        )
    for user in _secretariat_users().order_by("pk"):
        people.append(Concerned(str(user), (user.email or "").strip(), user.preferred_language, _("secretariat")))
    return people


def concerned_people(meeting) -> list[Concerned]:
    """Who a change of `meeting` is told to: each address once, in the order of `_everyone`."""
    seen: dict[str, Concerned] = {}
    for person in _everyone(meeting):
        if person.email:
            seen.setdefault(person.key, person)
    return list(seen.values())


def people_without_email(meeting) -> list[Concerned]:
    """The people a change concerns who cannot be told by email: the secretariat tells them another way."""
    return [person for person in _everyone(meeting) if not person.email]


def notify_change(change: MeetingChange) -> int:
    """Tell everyone concerned of `change`, in the caller's transaction; returns how many were told.

    Once per person and change (MeetingNotice's unique key); a message still waiting for this person and
    meeting (within the coalescing window) takes the change in instead of a second message. A cancellation
    is final: it goes at once, with whatever was waiting."""
    if change.silent or change.action not in NOTIFY_ACTIONS:
        return 0
    meeting = change.meeting
    already = set(MeetingNotice.objects.filter(change=change).values_list("email", flat=True))
    people = [person for person in concerned_people(meeting) if person.key not in already]
    if not people:
        return 0
    now = timezone.now()
    send_after = now if change.action == MeetingChange.Action.CANCELLED else now + coalesce_window()
    waiting = {
        email.to_email.strip().lower(): email
        for email in OutboxEmail.objects.filter(
            kind=MEETING_CHANGED,
            state=OutboxEmail.State.PENDING,
            send_after__gt=now,
            context__meeting=meeting.pk,
        ).order_by("pk")
    }
    notices: list[MeetingNotice] = []
    new: list[tuple[Concerned, Recipient]] = []
    for person in people:
        email = waiting.get(person.key)
        if email is not None:
            context = {**email.context, "changes": [*email.context.get("changes", []), change.pk]}
            # Only while it still waits: a dispatcher that claimed it meanwhile leaves it "sending".
            joined = OutboxEmail.objects.filter(
                pk=email.pk, state=OutboxEmail.State.PENDING, send_after__gt=now
            ).update(context=context, send_after=min(email.send_after, send_after))
            if joined:
                notices.append(MeetingNotice(change=change, email=person.key, outbox_email=email))
                continue
        new.append((person, Recipient(person.email, person.name, person.language)))
    rows = enqueue_many(
        MEETING_CHANGED,
        [(recipient, {"meeting": meeting.pk, "changes": [change.pk]}) for _person, recipient in new],
        send_after=send_after,  # the message waits for the changes that follow within the window
    )
    notices += [
        MeetingNotice(change=change, email=person.key, outbox_email=row)
        for (person, _recipient), row in zip(new, rows, strict=True)
    ]
    MeetingNotice.objects.bulk_create(notices)
    return len(notices)


# --- What the email says, read when it is sent ----------------------------------------------------------

FIELD_LABELS = {
    "start": gettext_lazy("Start"),
    "end": gettext_lazy("End"),
    "time_zone": gettext_lazy("Time zone"),
    "venue": gettext_lazy("Venue"),
    "city": gettext_lazy("City"),
    "format": gettext_lazy("Format"),
    "online_link": gettext_lazy("Online link"),
    "registration_deadline": gettext_lazy("Registration deadline"),
    "status": gettext_lazy("Status"),
}


def _display(field: str, value, meeting) -> str:
    from .models import Meeting

    if value in (None, ""):
        return _("(none)")
    if field in ("start", "end", "registration_deadline"):
        moment = dt.datetime.fromisoformat(value).astimezone(meeting.tz)
        return f"{date_filter(moment, 'DATETIME_FORMAT')} ({meeting.time_zone})"
    if field == "format":
        return str(Meeting.Format(value).label)
    if field == "status":
        return str(Meeting.Status(value).label)
    return str(value)


def describe_changes(meeting, changes: list[MeetingChange], language: str) -> dict:
    """What changed from what to what across `changes` (each field: its first old and its last new value),
    the steps taken (postponed, rescheduled, cancelled, with their reasons) and the papers released."""
    fields: dict[str, list] = {}
    steps, papers = [], []
    for change in changes:
        for field, new in change.new_values.items():
            base, _sep, suffix = field.rpartition("_")
            if suffix in dict(settings.LANGUAGES) and base in FIELD_LABELS:
                # A bilingual field: the recipient's language's, else the other one's when only it changed.
                other = [f for f in change.new_values if f.startswith(base + "_") and f != field]
                if suffix != language and any(f.endswith("_" + language) for f in other):
                    continue
                field_name = base
            elif field in FIELD_LABELS and field != "status":
                field_name = field
            else:
                continue
            old = change.old_values.get(field)
            if field_name in fields:
                fields[field_name][2] = new
            else:
                fields[field_name] = [field, old, new]
        if change.action in (
            MeetingChange.Action.POSTPONED,
            MeetingChange.Action.RESCHEDULED,
            MeetingChange.Action.CANCELLED,
        ):
            steps.append({"label": change.get_action_display(), "reason": change.reason})
        if change.action == MeetingChange.Action.DOCUMENT_RELEASED:
            paper = change.new_values.get("document", {})
            title = paper.get(f"title_{language}") or paper.get(f"title_{settings.LANGUAGE_CODE}") or ""
            papers.append({"id": paper.get("id"), "title": title})
    lines = [
        {
            "label": FIELD_LABELS[name],
            "old": _display(field if field in FIELD_LABELS else name, old, meeting),
            "new": _display(field if field in FIELD_LABELS else name, new, meeting),
        }
        for name, (field, old, new) in sorted(fields.items(), key=lambda item: list(FIELD_LABELS).index(item[0]))
        if old != new
    ]
    return {"lines": lines, "steps": steps, "papers": papers}


def _context(email) -> dict:
    from .emails import meeting_url
    from .models import Meeting

    meeting = Meeting.objects.select_related("chairmanship").filter(pk=email.context.get("meeting")).first()
    if meeting is None or not meeting.is_public:
        raise NotNeeded
    changes = list(meeting.changes.filter(pk__in=email.context.get("changes", [])).order_by("changed_at", "pk"))
    if not changes:
        raise NotNeeded
    language = language_or_default(email.language)
    with translation.override(language), timezone.override(meeting.tz):
        described = describe_changes(meeting, changes, language)
    with translation.override(language):
        for paper in described["papers"]:
            paper["url"] = (
                settings.SITE_URL + reverse("documents:detail", args=[paper["id"]]) if paper.get("id") else ""
            )
    return {
        "meeting": meeting,
        "url": meeting_url(meeting, language),
        "cancelled": meeting.status == Meeting.Status.CANCELLED,
        **described,
    }


def _attachments(context: dict) -> list[tuple[str, bytes, str]]:
    from .feeds.ical import build_calendar

    meeting = context["meeting"]
    # The feeds' own builder: the same UID, the meeting's SEQUENCE now (raised by every change told here).
    ics = build_calendar([meeting], name=meeting.title, with_online_link=lambda _meeting: True)
    return [("meeting.ics", ics, "text/calendar")]


KIND = Kind(
    MEETING_CHANGED,
    gettext_lazy("A meeting changed"),
    "meetings/emails/meeting_changed",
    context=_context,
    time_zone=lambda context: context["meeting"].tz,
    attachments=_attachments,
)
