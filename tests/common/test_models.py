"""get_<field>_display reads a per-language table: same labels as Django's, translated, raw value for unknown."""

import pytest
from django.utils import translation

from meetings.models import Meeting, MeetingChange, Participant


def test_labels_follow_the_active_language():
    participant = Participant(role=Participant.Role.HEAD, status=Participant.Status.WAITLISTED)
    assert participant.get_role_display() == "Head of delegation"
    with translation.override("vi"):
        assert participant.get_role_display() == str(Participant.Role.HEAD.label)
        assert participant.get_role_display() != "Head of delegation"
    assert participant.get_status_display() == "On the waiting list"


@pytest.mark.parametrize("value", ["banquet", "", None])
def test_an_unknown_value_is_shown_as_it_is(value):
    assert Meeting(kind=value).get_kind_display() == value


def test_every_label_matches_django_choices():
    for model, field in [(Meeting, "status"), (Meeting, "kind"), (Participant, "role"), (MeetingChange, "action")]:
        choices = model._meta.get_field(field).choices
        for value, label in choices:
            assert getattr(model(**{field: value}), f"get_{field}_display")() == str(label)
