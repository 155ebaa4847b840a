"""The meetings app's admin writes through the schedule services or is read-only: it is not a second door."""

import datetime as dt

import pytest
from auditlog.models import LogEntry
from django.contrib.auth.models import Permission
from django.test import Client
from django.utils import timezone

from meetings.models import AgendaItem, Meeting, MeetingChange
from meetings.services import schedule
from tests.admin_pages import admin_url, assert_read_only, form_data
from tests.factories import (
    AgendaItemFactory,
    ChairmanshipFactory,
    DelegationFactory,
    FocalPointFactory,
    MeetingFactory,
    MemberStateFactory,
    ParticipantFactory,
    SecretariatUserFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

HANOI = dt.timezone(dt.timedelta(hours=7))


def a_meeting(**kwargs) -> Meeting:
    return MeetingFactory(
        start=dt.datetime(2030, 8, 5, 9, 0, tzinfo=HANOI), end=dt.datetime(2030, 8, 5, 17, 0, tzinfo=HANOI), **kwargs
    )


def moved(client, meeting: Meeting, *, hour: int = 10) -> dict:
    """The meeting's change form as it stands, with the start and end moved to `hour` on the same day."""
    data = form_data(client.get(admin_url(meeting, "change")), zone=meeting.time_zone)
    data.update(start_1=f"{hour:02}:00:00", end_1=f"{hour + 8:02}:00:00")
    return data


def staff_without_secretariat(*codenames: str) -> Client:
    user = UserFactory(is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    client = Client()
    client.force_login(user)
    return client


# --- Meetings: through the schedule services ---------------------------------------------------------


def test_moving_a_meeting_in_the_admin_raises_its_revision_logs_it_and_reaches_the_feeds(admin_client, admin_user):
    meeting = a_meeting()
    feed, api = Client(), Client()
    feed_before = feed.get(f"/calendar/meetings/{meeting.pk}.ics").content.decode()
    etag = api.get(f"/api/v1/meetings/{meeting.pk}/")["ETag"]

    response = admin_client.post(admin_url(meeting, "change"), moved(admin_client, meeting))

    assert response.status_code == 302, response.context["adminform"].form.errors
    meeting.refresh_from_db()
    assert meeting.start == dt.datetime(2030, 8, 5, 3, 0, tzinfo=dt.UTC)  # 10:00 at the venue (UTC+7)
    assert meeting.sequence == 1
    change = MeetingChange.objects.get(meeting=meeting)
    assert (change.action, change.changed_by) == (MeetingChange.Action.MOVED, admin_user)
    assert change.old_values == {"end": "2030-08-05T10:00:00+00:00", "start": "2030-08-05T02:00:00+00:00"}
    assert change.new_values == {"end": "2030-08-05T11:00:00+00:00", "start": "2030-08-05T03:00:00+00:00"}
    entry = LogEntry.objects.get_for_object(meeting).order_by("pk").last()
    assert (entry.action, entry.actor) == (LogEntry.Action.UPDATE, admin_user)
    assert entry.changes_dict["sequence"] == ["0", "1"]
    feed_after = feed.get(f"/calendar/meetings/{meeting.pk}.ics").content.decode()
    assert "SEQUENCE:0" in feed_before and "DTSTART;TZID=Asia/Ho_Chi_Minh:20300805T090000" in feed_before
    assert "SEQUENCE:1" in feed_after and "DTSTART;TZID=Asia/Ho_Chi_Minh:20300805T100000" in feed_after
    assert api.get(f"/api/v1/meetings/{meeting.pk}/", HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_saving_a_meeting_unchanged_in_the_admin_raises_no_revision(admin_client):
    meeting = a_meeting()
    data = form_data(admin_client.get(admin_url(meeting, "change")), zone=meeting.time_zone)

    assert admin_client.post(admin_url(meeting, "change"), data).status_code == 302

    meeting.refresh_from_db()
    assert (meeting.sequence, meeting.changes.count()) == (0, 0)


def test_an_admin_edit_from_a_stale_copy_is_refused_on_the_form(admin_client, secretariat_user):
    meeting = a_meeting()
    data = moved(admin_client, meeting)
    schedule.meeting_update(actor=secretariat_user, meeting=meeting, data={"title_en": "SOM 30"}, sequence=0)

    response = admin_client.post(admin_url(meeting, "change"), data)

    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.non_field_errors() == [
        "Someone else changed this meeting while you were editing it. Reload the page to see their changes."
    ]
    assert form["start"].value() == ["2030-08-05", "10:00:00"]  # what was typed is still there
    meeting.refresh_from_db()
    assert (meeting.sequence, meeting.local_start.hour, meeting.title) == (1, 9, "SOM 30")


def test_a_meeting_of_a_handed_over_chairmanship_cannot_be_changed_in_the_admin(admin_client):
    meeting = a_meeting(chairmanship=ChairmanshipFactory(handed_over_at=timezone.now()))

    response = admin_client.post(admin_url(meeting, "change"), moved(admin_client, meeting))

    assert response.status_code == 200
    assert response.context["adminform"].form.non_field_errors() == [str(schedule.ReadOnlyHistory.default_message)]
    meeting.refresh_from_db()
    assert (meeting.sequence, meeting.local_start.hour, meeting.changes.count()) == (0, 9, 0)


def test_a_rule_of_the_service_shows_beside_its_field(admin_client):
    conference_week = a_meeting(kind=Meeting.Kind.SOM)
    meeting = a_meeting()
    data = moved(admin_client, meeting)
    data["parent"] = conference_week.pk

    response = admin_client.post(admin_url(meeting, "change"), data)

    assert response.context["adminform"].form.errors == {"parent": ["A meeting can only be part of a conference week."]}
    meeting.refresh_from_db()
    assert (meeting.parent, meeting.sequence) == (None, 0)


def test_staff_without_the_secretariat_role_cannot_change_a_meeting_in_the_admin():
    meeting = a_meeting()
    client = staff_without_secretariat("view_meeting", "change_meeting")

    response = client.post(admin_url(meeting, "change"), moved(client, meeting))

    assert response.context["adminform"].form.non_field_errors() == ["You do not have permission to do this."]
    meeting.refresh_from_db()
    assert (meeting.sequence, meeting.local_start.hour) == (0, 9)


def test_the_status_is_not_a_field_of_the_admins_meeting_form(admin_client):
    meeting = a_meeting(status=Meeting.Status.DRAFT)
    data = moved(admin_client, meeting)
    data.update(status=Meeting.Status.PUBLISHED, sequence="7")

    page = admin_client.get(admin_url(meeting, "change")).content.decode()
    assert admin_client.post(admin_url(meeting, "change"), data).status_code == 302

    assert 'name="status"' not in page
    meeting.refresh_from_db()
    assert (meeting.status, meeting.sequence, meeting.published_at) == (Meeting.Status.DRAFT, 1, None)


def test_a_meeting_added_in_the_admin_is_a_draft_made_by_the_service(admin_client, admin_user):
    chairmanship = ChairmanshipFactory()
    data = form_data(admin_client.get(admin_url(Meeting(), "add")))
    data.update(
        chairmanship=chairmanship.pk, kind=Meeting.Kind.SOM, title_en="SOM 31", time_zone="Asia/Bangkok",
        start_0="2030-09-01", start_1="09:00:00", end_0="2030-09-01", end_1="17:00:00",
        format=Meeting.Format.IN_PERSON, delegates_allowed="5", status=Meeting.Status.PUBLISHED,
    )  # fmt: skip

    response = admin_client.post(admin_url(Meeting(), "add"), data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    meeting = Meeting.objects.get(title_en="SOM 31")
    assert (meeting.status, meeting.sequence, meeting.local_start.hour) == (Meeting.Status.DRAFT, 0, 9)
    assert LogEntry.objects.get_for_object(meeting).get().actor == admin_user


def test_a_draft_is_deleted_in_the_admin_through_the_service(admin_client, secretariat_user):
    draft = a_meeting(status=Meeting.Status.DRAFT)
    schedule.meeting_update(actor=secretariat_user, meeting=draft, data={"title_en": "SOM 30"}, sequence=0)

    confirm = admin_client.get(admin_url(draft, "delete"))
    response = admin_client.post(admin_url(draft, "delete"), {"post": "yes"})

    assert confirm.context["perms_lacking"] == set()  # its change log goes with it
    assert response.status_code == 302
    assert not Meeting.objects.filter(pk=draft.pk).exists()


def test_an_announced_meeting_is_not_deleted_in_the_admin(admin_client):
    meeting = a_meeting()
    ParticipantFactory(delegation=DelegationFactory(meeting=meeting))

    response = admin_client.post(admin_url(meeting, "delete"), {"post": "yes"}, follow=True)

    assert response.redirect_chain == [(admin_url(meeting, "change"), 302)]
    assert [str(message) for message in response.context["messages"]] == [
        str(schedule.HasRegistrations.default_message)
    ]
    assert Meeting.objects.filter(pk=meeting.pk).exists()


def test_the_meeting_list_offers_no_bulk_delete(admin_client):
    a_meeting()

    response = admin_client.get("/en/admin/meetings/meeting/")

    assert "delete_selected" not in response.context["cl"].model_admin.get_actions(response.wsgi_request)


def test_the_agenda_is_read_only_in_the_meetings_admin(admin_client):
    meeting = a_meeting()
    item = AgendaItemFactory(meeting=meeting, title="Opening")
    data = moved(admin_client, meeting)
    data.update({"agenda_items-0-id": item.pk, "agenda_items-0-title_en": "Hacked", "agenda_items-0-DELETE": "on"})

    page = admin_client.get(admin_url(meeting, "change")).content.decode()
    assert admin_client.post(admin_url(meeting, "change"), data).status_code == 302

    assert 'name="agenda_items-0-title' not in page and "Opening" in page
    assert AgendaItem.objects.get(pk=item.pk).title == "Opening"
    assert MeetingChange.objects.get(meeting=meeting).new_values.keys() == {"start", "end"}


# --- Read-only: the secretariat's pages own them -----------------------------------------------------


def test_chairmanships_are_read_only_in_the_admin(admin_client):
    assert_read_only(admin_client, ChairmanshipFactory())


def test_the_change_log_is_read_only_in_the_admin(admin_client, secretariat_user):
    meeting = a_meeting()
    schedule.meeting_update(actor=secretariat_user, meeting=meeting, data={"title_en": "SOM 30"}, sequence=0)

    assert_read_only(admin_client, meeting.changes.get())


def test_delegations_and_their_participants_are_read_only_in_the_admin(admin_client):
    participant = ParticipantFactory()

    assert_read_only(admin_client, participant.delegation)
    page = admin_client.get(admin_url(participant.delegation, "change")).content.decode()
    assert 'name="participants-0-full_name"' not in page and participant.full_name in page


def test_participants_are_read_only_in_the_admin(admin_client):
    assert_read_only(admin_client, ParticipantFactory())


def test_focal_points_are_read_only_in_the_admin(admin_client):
    assert_read_only(admin_client, FocalPointFactory())


def test_member_states_stay_editable_reference_data(admin_client):
    state = MemberStateFactory(code="KH", name="Cambodia")
    data = form_data(admin_client.get(admin_url(state, "change")))
    data["name_vi"] = "Campuchia"

    assert admin_client.post(admin_url(state, "change"), data).status_code == 302

    state.refresh_from_db()
    assert state.name_vi == "Campuchia"


def test_secretariat_staff_get_the_same_answers(client):
    # The secretariat's own staff (is_staff, with model permissions) meet the same services as a superuser.
    user = SecretariatUserFactory(is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(codename__in=["view_meeting", "change_meeting"]))
    client.force_login(user)
    meeting = a_meeting()

    assert client.post(admin_url(meeting, "change"), moved(client, meeting)).status_code == 302

    assert MeetingChange.objects.get(meeting=meeting).changed_by == user


def test_every_field_of_the_admins_meeting_form_is_one_the_service_saves(admin_client):
    meeting = a_meeting()

    form = admin_client.get(admin_url(meeting, "change")).context["adminform"].form

    assert set(form.fields) - {"loaded_sequence"} == set(schedule.MEETING_FIELDS)
