"""The secretariat's meeting pages: list and search, create and edit in the venue's time zone, the steps
of a meeting's life, and the agenda editor."""

import datetime as dt
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.models import AgendaItem, Meeting, MeetingChange
from tests.factories import (
    AgendaItemFactory,
    ChairmanshipFactory,
    DocumentFactory,
    MeetingFactory,
    MemberStateFactory,
    ParticipantFactory,
)

pytestmark = pytest.mark.django_db

HANOI_9AM = dt.datetime(2030, 8, 5, 2, 0, tzinfo=dt.UTC)


def form_data(chairmanship, **overrides):
    return {
        "kind": "som",
        "chairmanship": chairmanship.pk,
        "title_en": "Senior Officials Meeting",
        "title_vi": "Hội nghị quan chức cấp cao (SOM)",
        "time_zone": "Asia/Ho_Chi_Minh",
        "start": "2030-08-05T09:00",
        "end": "2030-08-05T17:00",
        "format": "in_person",
        "city_en": "Hanoi",
        "city_vi": "Hà Nội",
        "invites_asean": "on",
        "invites_secretariat": "on",
        "delegates_allowed": "5",
        "registration_deadline": "2030-07-25T17:00",
        **overrides,
    }


# --- List ---------------------------------------------------------------------------------------


def titles(response):
    return [meeting.title for meeting in response.context["page"].object_list]


def test_search_ignores_vietnamese_diacritics(staff_client, chairmanship):
    MeetingFactory(chairmanship=chairmanship, title="SOM in the capital", city="Hà Nội")
    MeetingFactory(chairmanship=chairmanship, title="Forum", city="Phnom Penh")

    response = staff_client.get(reverse("secretariat:meetings"), {"q": "Ha Noi"})

    assert titles(response) == ["SOM in the capital"]


def test_search_finds_a_vietnamese_title_typed_without_accents(staff_client, chairmanship):
    MeetingFactory(chairmanship=chairmanship, title="SOM", title_vi="Hội nghị quan chức cấp cao")
    MeetingFactory(chairmanship=chairmanship, title="Forum", title_vi="Diễn đàn")

    assert titles(staff_client.get(reverse("secretariat:meetings"), {"q": "hoi nghi"})) == ["SOM"]


def test_filters_combine(staff_client, chairmanship):
    other = ChairmanshipFactory(ordinal=22)
    MeetingFactory(chairmanship=chairmanship, title="Draft SOM", status="draft", kind="som")
    MeetingFactory(chairmanship=chairmanship, title="Published SOM", kind="som")
    MeetingFactory(chairmanship=chairmanship, title="Forum", kind="forum", status="draft")
    MeetingFactory(chairmanship=other, title="Other SOM", kind="som", status="draft")
    MeetingFactory(
        chairmanship=chairmanship, title="Old SOM", kind="som", status="draft", start=HANOI_9AM.replace(year=2021)
    )

    response = staff_client.get(
        reverse("secretariat:meetings"),
        {
            "chairmanship": chairmanship.pk,
            "kind": "som",
            "status": "draft",
            "year": timezone.now().year + (1 if timezone.now().month == 12 else 0),
        },
    )

    assert titles(response) == ["Draft SOM"]


@pytest.mark.parametrize("count", [1, 6])
def test_the_meetings_list_costs_the_same_queries_for_one_or_many(
    staff_client, chairmanship, count, django_assert_num_queries
):
    for _ in range(count):
        meeting = MeetingFactory(chairmanship=chairmanship, host_country=chairmanship.chair)
        ParticipantFactory(delegation__meeting=meeting)
    with django_assert_num_queries(9):
        response = staff_client.get(reverse("secretariat:meetings"), {"q": "senior"})
    assert len(titles(response)) == count


# --- Create and edit ----------------------------------------------------------------------------


def test_times_are_typed_in_the_venue_time_zone_and_stored_in_utc(staff_client, chairmanship):
    response = staff_client.post(reverse("secretariat:meeting_new"), form_data(chairmanship))

    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert (meeting.start, meeting.status, meeting.title_vi) == (HANOI_9AM, "draft", "Hội nghị quan chức cấp cao (SOM)")
    assert meeting.registration_deadline == dt.datetime(2030, 7, 25, 10, 0, tzinfo=dt.UTC)


def test_the_same_clock_time_in_brunei_is_an_hour_earlier_in_utc(staff_client, chairmanship):
    staff_client.post(reverse("secretariat:meeting_new"), form_data(chairmanship, time_zone="Asia/Brunei"))

    assert Meeting.objects.get().start == HANOI_9AM - dt.timedelta(hours=1)


def test_the_edit_form_shows_times_in_the_venue_time_zone_with_its_offset(staff_client, chairmanship):
    meeting = MeetingFactory(chairmanship=chairmanship, start=HANOI_9AM, end=HANOI_9AM + dt.timedelta(hours=8))

    page = staff_client.get(reverse("secretariat:meeting_edit", args=[meeting.pk])).content.decode()

    assert 'value="2030-08-05T09:00"' in page
    assert "Asia/Ho Chi Minh (UTC+07:00)" in page


def test_a_meeting_ending_before_it_starts_is_refused_beside_the_field_keeping_what_was_typed(
    staff_client, chairmanship
):
    response = staff_client.post(
        reverse("secretariat:meeting_new"), form_data(chairmanship, end="2030-08-05T08:00", title_en="Typed title")
    )

    form = response.context["form"]
    assert response.status_code == 200
    assert form.errors["end"] == ["The meeting cannot end before it starts."]
    assert 'value="Typed title"' in response.content.decode()
    assert Meeting.objects.count() == 0


def test_a_stale_edit_is_refused_with_a_clear_message_and_nothing_is_overwritten(staff_client, chairmanship):
    meeting = MeetingFactory(
        chairmanship=chairmanship, title="SOM", start=HANOI_9AM, end=HANOI_9AM + dt.timedelta(hours=8)
    )
    url = reverse("secretariat:meeting_edit", args=[meeting.pk])
    data = form_data(chairmanship, sequence="0")
    staff_client.post(url, {**data, "title_en": "First editor"})

    response = staff_client.post(url, {**data, "title_en": "Second editor"})

    meeting.refresh_from_db()
    assert meeting.title_en == "First editor"
    assert response.status_code == 200
    assert response.context["conflict"] is True
    assert "Someone else changed this meeting" in response.content.decode()
    assert 'value="Second editor"' in response.content.decode()


def test_editing_records_the_change_and_raises_the_revision(staff_client, chairmanship):
    meeting = MeetingFactory(
        chairmanship=chairmanship,
        start=HANOI_9AM,
        end=HANOI_9AM + dt.timedelta(hours=8),
        city="Hanoi",
        city_vi="Hà Nội",
        title="Senior Officials Meeting",
        title_vi="Hội nghị quan chức cấp cao (SOM)",
        venue="",
    )
    data = form_data(chairmanship, sequence="0", start="2030-08-06T09:00", end="2030-08-06T17:00")
    meeting.registration_deadline = dt.datetime(2030, 7, 25, 10, 0, tzinfo=dt.UTC)
    meeting.save()

    staff_client.post(reverse("secretariat:meeting_edit", args=[meeting.pk]), data)

    change = MeetingChange.objects.get(meeting=meeting)
    assert change.action == "moved"
    assert change.new_values == {"end": "2030-08-06T10:00:00+00:00", "start": "2030-08-06T02:00:00+00:00"}


# --- Steps ----------------------------------------------------------------------------------------


def test_publish_from_the_meeting_page(staff_client, chairmanship):
    meeting = MeetingFactory(chairmanship=chairmanship, status="draft")

    staff_client.post(reverse("secretariat:meeting_publish", args=[meeting.pk]), {"sequence": "0"})

    meeting.refresh_from_db()
    assert meeting.status == "published"


def test_postpone_takes_new_dates_in_the_venue_time_zone(staff_client, chairmanship):
    meeting = MeetingFactory(chairmanship=chairmanship, start=HANOI_9AM, end=HANOI_9AM + dt.timedelta(hours=8))

    staff_client.post(
        reverse("secretariat:meeting_postpone", args=[meeting.pk]),
        {"start": "2030-09-05T09:00", "end": "2030-09-05T17:00", "reason": "Typhoon", "sequence": "0"},
    )

    meeting.refresh_from_db()
    assert (meeting.status, meeting.start) == ("postponed", HANOI_9AM + dt.timedelta(days=31))
    assert meeting.changes.get().old_values["start"] == "2030-08-05T02:00:00+00:00"


def test_cancel_needs_a_reason_and_shows_it_on_the_public_page(staff_client, client, chairmanship):
    meeting = MeetingFactory(chairmanship=chairmanship)
    url = reverse("secretariat:meeting_cancel", args=[meeting.pk])

    refused = staff_client.post(url, {"reason": "", "sequence": "0"})
    staff_client.post(url, {"reason": "Typhoon Yagi", "sequence": "0"})

    assert refused.context["form"].errors["reason"]
    meeting.refresh_from_db()
    assert meeting.status == "cancelled"
    assert "Typhoon Yagi" in client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()


def test_duplicate_opens_the_new_draft(staff_client, chairmanship):
    meeting = MeetingFactory(chairmanship=chairmanship, start=HANOI_9AM, end=HANOI_9AM + dt.timedelta(hours=8))

    response = staff_client.post(
        reverse("secretariat:meeting_duplicate", args=[meeting.pk]),
        {"start": "2031-08-05T09:00", "chairmanship": chairmanship.pk},
    )

    copy = Meeting.objects.exclude(pk=meeting.pk).get()
    assert response["Location"] == reverse("secretariat:meeting", args=[copy.pk])
    assert (copy.status, copy.start) == ("draft", HANOI_9AM.replace(year=2031))


def test_deleting_asks_for_confirmation_and_refuses_a_meeting_with_registrations(staff_client, chairmanship):
    draft = MeetingFactory(chairmanship=chairmanship, status="draft")
    registered = MeetingFactory(chairmanship=chairmanship, status="draft")
    ParticipantFactory(delegation__meeting=registered)

    confirm_page = staff_client.get(reverse("secretariat:meeting_delete", args=[draft.pk]))
    assert Meeting.objects.filter(pk=draft.pk).exists()
    assert "Delete this draft?" in confirm_page.content.decode()

    staff_client.post(reverse("secretariat:meeting_delete", args=[registered.pk]))
    staff_client.post(reverse("secretariat:meeting_delete", args=[draft.pk]))

    assert list(Meeting.objects.values_list("pk", flat=True)) == [registered.pk]


def test_meetings_of_a_handed_over_chairmanship_show_no_edit_buttons_and_refuse_edits(staff_client, chairmanship):
    chairmanship.handed_over_at = timezone.now()
    chairmanship.save()
    meeting = MeetingFactory(chairmanship=chairmanship, title="Old SOM")
    AgendaItemFactory(meeting=meeting)

    page = staff_client.get(reverse("secretariat:meeting", args=[meeting.pk])).content.decode()
    staff_client.post(reverse("secretariat:meeting_edit", args=[meeting.pk]), form_data(chairmanship, sequence="0"))

    assert reverse("secretariat:meeting_edit", args=[meeting.pk]) not in page
    assert "data-move" not in page
    assert "read-only history" in page
    meeting.refresh_from_db()
    assert meeting.title == "Old SOM"


# --- Agenda ---------------------------------------------------------------------------------------


def test_adding_an_agenda_item_by_fetch_answers_with_the_new_row(staff_client, chairmanship):
    meeting = MeetingFactory(chairmanship=chairmanship)

    response = staff_client.post(
        reverse("secretariat:agenda_add", args=[meeting.pk]),
        {"title_en": "Adoption of the agenda", "title_vi": "Thông qua chương trình nghị sự"},
        headers={"X-Requested-With": "fetch"},
    )

    item = AgendaItem.objects.get()
    assert response.status_code == 201
    assert f'data-item-id="{item.pk}"' in response.content.decode()
    assert item.title_vi == "Thông qua chương trình nghị sự"


def test_an_agenda_item_without_a_title_comes_back_with_the_error(staff_client, chairmanship):
    meeting = MeetingFactory(chairmanship=chairmanship)

    response = staff_client.post(
        reverse("secretariat:agenda_add", args=[meeting.pk]),
        {"title_en": "", "presenters": "ASEAN Secretariat"},
        headers={"X-Requested-With": "fetch"},
    )

    assert response.status_code == 422
    assert "field-error" in response.content.decode()
    assert "ASEAN Secretariat</textarea>" in response.content.decode()


def test_reorder_by_json(staff_client, chairmanship):
    meeting = MeetingFactory(chairmanship=chairmanship)
    a, b = AgendaItemFactory(meeting=meeting, order=1), AgendaItemFactory(meeting=meeting, order=2)

    response = staff_client.post(
        reverse("secretariat:agenda_reorder", args=[meeting.pk]),
        json.dumps({"items": [b.pk, a.pk]}),
        content_type="application/json",
    )
    stale = staff_client.post(
        reverse("secretariat:agenda_reorder", args=[meeting.pk]),
        json.dumps({"items": [a.pk]}),
        content_type="application/json",
    )

    assert response.json() == {"items": [b.pk, a.pk]}
    assert stale.status_code == 409
    assert list(meeting.agenda_items.values_list("pk", flat=True)) == [b.pk, a.pk]


def test_move_down_without_javascript(staff_client, chairmanship):
    meeting = MeetingFactory(chairmanship=chairmanship)
    a, b = AgendaItemFactory(meeting=meeting, order=1), AgendaItemFactory(meeting=meeting, order=2)

    staff_client.post(reverse("secretariat:agenda_move", args=[meeting.pk, a.pk]), {"direction": "down"})

    assert list(meeting.agenda_items.values_list("pk", flat=True)) == [b.pk, a.pk]


def test_recording_an_outcome(staff_client, chairmanship):
    meeting = MeetingFactory(chairmanship=chairmanship)
    item = AgendaItemFactory(meeting=meeting, title="Work plan")

    response = staff_client.post(
        reverse("secretariat:agenda_edit", args=[meeting.pk, item.pk]),
        {"title_en": "Work plan", "outcome_en": "Adopted", "outcome_vi": "Đã thông qua"},
        headers={"X-Requested-With": "fetch"},
    )

    item.refresh_from_db()
    assert (item.outcome_en, item.outcome_vi) == ("Adopted", "Đã thông qua")
    assert "Adopted" in response.content.decode()


def test_deleting_an_agenda_item_needs_the_confirmation_page(staff_client, chairmanship):
    meeting = MeetingFactory(chairmanship=chairmanship)
    item = AgendaItemFactory(meeting=meeting)
    url = reverse("secretariat:agenda_delete", args=[meeting.pk, item.pk])

    staff_client.get(url)
    assert AgendaItem.objects.count() == 1
    staff_client.post(url)
    assert AgendaItem.objects.count() == 0


def test_an_agenda_item_of_another_meeting_is_a_404(staff_client, chairmanship):
    meeting = MeetingFactory(chairmanship=chairmanship)
    elsewhere = AgendaItemFactory()

    assert staff_client.get(reverse("secretariat:agenda_edit", args=[meeting.pk, elsewhere.pk])).status_code == 404


@pytest.mark.parametrize("count", [1, 8])
def test_the_meeting_page_costs_the_same_queries_for_a_short_or_long_agenda(
    staff_client, chairmanship, count, django_assert_num_queries
):
    meeting = MeetingFactory(chairmanship=chairmanship)
    for _ in range(count):
        item = AgendaItemFactory(meeting=meeting)
        MeetingChange.objects.create(meeting=meeting, action="changed")
        DocumentFactory(meeting=meeting, agenda_item=item)  # the workspace lists the meeting's papers too
    # (office's 8 and 2 for the documents section) + life's 4 + venue's 3 live attendance counts + the
    # timetable's presenters
    with django_assert_num_queries(18):
        staff_client.get(reverse("secretariat:meeting", args=[meeting.pk]))


def test_a_new_meeting_starts_in_the_chairs_time_zone_and_an_edit_keeps_its_own(client, secretariat_user):
    chairmanship = ChairmanshipFactory(ordinal=40, chair=MemberStateFactory(code="KH", name="Cambodia"))
    client.force_login(secretariat_user)
    form = client.get(reverse("secretariat:meeting_new")).context["form"]
    assert form["time_zone"].value() == "Asia/Phnom_Penh"

    meeting = MeetingFactory(chairmanship=chairmanship, time_zone="Asia/Bangkok")
    form = client.get(reverse("secretariat:meeting_edit", args=[meeting.pk])).context["form"]
    assert form["time_zone"].value() == "Asia/Bangkok"
