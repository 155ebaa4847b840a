from auditlog.models import LogEntry

from common.audit import audit_as
from tests.factories import MeetingFactory


def test_saves_inside_audit_as_are_attributed_to_the_actor_with_the_reason(secretariat_user):
    meeting = MeetingFactory()
    meeting.title = "Renamed"

    with audit_as(secretariat_user, reason="Typo"):
        meeting.save()

    entry = LogEntry.objects.get_for_object(meeting).order_by("-pk").first()
    assert (entry.actor, entry.additional_data) == (secretariat_user, {"reason": "Typo"})
