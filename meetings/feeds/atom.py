"""The schedule's change log as an Atom feed (/api/v1/changes.atom): the latest public changes, newest
first — moves, postponements, cancellations, and the tombstones of what was deleted or unpublished — so a
ministry sees at a glance what moved since it last looked."""

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from meetings.api import selectors
from meetings.api.serializers import PRIVATE_CHANGE_FIELDS, page_url
from meetings.models import MeetingChange

FEED_ITEMS = 50


def describe_values(change) -> str:
    old = change.old_values or {}
    new = change.new_values or {}
    lines = []
    if change.is_tombstone and change.object_type != MeetingChange.ObjectType.MEETING:
        old, new = {}, {}  # the title is in the entry's title; nothing else was changed
    if change.is_tombstone:
        lines.append(
            _("Remove it from your copy of the schedule (%(type)s %(id)s).")
            % {
                "type": change.object_type,
                "id": change.target_id,
            }
        )
    for field in sorted(set(old) | set(new)):
        if field in PRIVATE_CHANGE_FIELDS:
            continue
        lines.append(
            _("%(field)s: %(old)s → %(new)s") % {"field": field, "old": old.get(field, "—"), "new": new.get(field, "—")}
        )
    if change.reason:
        lines.append(_("Reason: %(reason)s") % {"reason": change.reason})
    return "\n".join(lines)


class ChangesAtomFeed(Feed):
    feed_type = Atom1Feed

    def title(self):
        return _("ACCSM schedule changes")

    def subtitle(self):
        return _("Publications, moves, venue changes, postponements and cancellations of ACCSM meetings.")

    def link(self):
        return settings.SITE_URL + reverse("home")

    def feed_url(self):
        return settings.SITE_URL + reverse("api:changes-atom")

    def feed_guid(self):
        return self.feed_url()

    def items(self):
        # Public, whoever asks: the feed is the same for everyone and cacheable.
        return selectors.changes_visible_to(actor=AnonymousUser()).order_by("-changed_at", "-pk")[:FEED_ITEMS]

    def item_title(self, item):
        if item.object_type == MeetingChange.ObjectType.MEETING and item.meeting is not None:
            return f"{item.meeting.title}: {item.get_action_display()}"
        title = (item.old_values or {}).get("title") or (item.new_values or {}).get("title") or item.target_id
        named = f"{item.get_object_type_display()} “{title}”"
        if item.meeting is not None and item.object_type != MeetingChange.ObjectType.MEETING:
            named = f"{item.meeting.title} — {named}"
        return f"{named}: {item.get_action_display()}"

    def item_description(self, item):
        return describe_values(item)

    def item_link(self, item):
        if item.meeting_id is None:
            return f"{self.link()}#change-{item.pk}"
        return f"{page_url(item.meeting_id)}#change-{item.pk}"

    def item_guid(self, item):
        return f"accsm-change-{item.pk}@{settings.CALENDAR_UID_DOMAIN}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.changed_at

    def item_updateddate(self, item):
        return item.changed_at
