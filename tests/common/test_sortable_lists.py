"""Issue 22 item 6: the back office's lists sort by their columns (common/sorting.py): each key gives its
order both ways, a key the list does not offer keeps the usual order (never a 500), the header links keep
the filters and say which column is sorted (aria-sort), and the page's queries do not grow with the rows."""

import datetime as dt

import pytest
from auditlog.models import LogEntry
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from accreditation.models import Accreditation
from circulars.models import Circular, CircularRecipient
from common.sorting import Sorting
from tests.factories import (
    DelegationFactory,
    DocumentFactory,
    FocalPointFactory,
    MeetingFactory,
    MemberStateFactory,
    ParticipantFactory,
    UserFactory,
)
from tests.helpers import queries_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client, secretariat_user):
    client.force_login(secretariat_user)
    return client


def sorted_as(client, url, context_key, query, name):
    response = client.get(url, query)
    assert response.status_code == 200
    return [name(row) for row in response.context[context_key]]


def test_the_helper_ends_every_order_with_the_id_and_turns_it_round_when_descending():
    columns = {"name": ("Name", ("full_name",)), "when": ("When", ("-created_at", "pk"))}

    def order(query):
        return Sorting(RequestFactory().get("/", query), columns).order_by(("default",))

    assert order({"sort": "name"}) == ("full_name", "pk")
    assert order({"sort": "-name"}) == ("-full_name", "-pk")
    assert order({"sort": "-when"}) == ("created_at", "-pk")
    assert order({"sort": "bogus"}) == ("default",)
    assert order({"sort": "--name"}) == ("default",)
    assert order({"sort": "full_name"}) == ("default",)  # a field name is not a key: only the list's keys


def test_a_header_keeps_the_filters_leaves_the_page_and_says_its_direction():
    columns = {"name": ("Name", ("full_name",)), "when": ("When", ("created_at",))}
    sorting = Sorting(RequestFactory().get("/", {"q": "Nguyễn", "page": "3", "sort": "name"}), columns)

    assert sorting.header("name").url == "?q=Nguy%E1%BB%85n&sort=-name"
    assert sorting.header("name").direction == "ascending"
    assert sorting.header("when").url == "?q=Nguy%E1%BB%85n&sort=when"
    assert sorting.header("when").direction == ""


def test_the_registrations_sort_within_each_delegation(staff, viet_nam, thailand):
    meeting = MeetingFactory()
    vn, th = (
        DelegationFactory(meeting=meeting, member_state=viet_nam),
        DelegationFactory(meeting=meeting, member_state=thailand),
    )
    ParticipantFactory(delegation=vn, full_name="Bui Thi Hoa", role="delegate", status="confirmed")
    ParticipantFactory(delegation=vn, full_name="Pham Van An", role="head", status="registered")
    ParticipantFactory(delegation=vn, full_name="Do Minh", role="delegate", status="declined")
    ParticipantFactory(delegation=th, full_name="Somchai", role="head", status="registered")
    url = reverse("secretariat:registrations", args=[meeting.pk])

    def order(query):
        response = staff.get(url, query)
        assert response.status_code == 200
        return [(row.member_state.code, [p.full_name for p in row.participants]) for row in response.context["rows"]]

    th_row = (thailand.code, ["Somchai"])
    assert order({}) == [th_row, (viet_nam.code, ["Pham Van An", "Bui Thi Hoa", "Do Minh"])]  # Thailand < Viet Nam
    assert order({"sort": "name"}) == [th_row, (viet_nam.code, ["Bui Thi Hoa", "Do Minh", "Pham Van An"])]
    assert order({"sort": "-name"}) == [th_row, (viet_nam.code, ["Pham Van An", "Do Minh", "Bui Thi Hoa"])]
    assert order({"sort": "role"}) == [th_row, (viet_nam.code, ["Pham Van An", "Bui Thi Hoa", "Do Minh"])]
    assert order({"sort": "status"}) == [th_row, (viet_nam.code, ["Bui Thi Hoa", "Do Minh", "Pham Van An"])]
    assert order({"sort": "nonsense"}) == order({})
    page = staff.get(url, {"status": "registered", "sort": "name"}).content.decode()
    assert 'aria-sort="ascending"><a class="sort-link" href="?status=registered&amp;sort=-name">' in page


def test_the_registrations_page_sorted_needs_the_same_queries_for_one_or_many(staff, viet_nam):
    meeting = MeetingFactory()
    delegation = DelegationFactory(meeting=meeting, member_state=viet_nam)
    ParticipantFactory(delegation=delegation)
    url = reverse("secretariat:registrations", args=[meeting.pk])
    one = queries_for(staff, url, sort="-status")
    ParticipantFactory.create_batch(5, delegation=delegation)
    assert queries_for(staff, url, sort="-status") == one


def test_the_documents_library_sorts_by_each_column(staff):
    early, late = timezone.now() + dt.timedelta(days=5), timezone.now() + dt.timedelta(days=50)
    DocumentFactory(
        title="Beta", kind="agenda", language="vi", status="draft", meeting=MeetingFactory(start=late, end=late)
    )
    DocumentFactory(
        title="Alpha", kind="report", language="en", status="circulated", meeting=MeetingFactory(start=early, end=early)
    )
    DocumentFactory(
        title="Gamma", kind="agenda", language="en", status="final", meeting=MeetingFactory(start=early, end=early)
    )
    url = reverse("documents:library")

    def order(query):
        return [d.title for d in staff.get(url, query).context["page"].object_list]

    assert order({"sort": "title"}) == ["Alpha", "Beta", "Gamma"]
    assert order({"sort": "-title"}) == ["Gamma", "Beta", "Alpha"]
    assert order({"sort": "kind"}) == ["Beta", "Gamma", "Alpha"]  # agenda, agenda, report; then by title
    assert order({"sort": "meeting"}) == ["Beta", "Alpha", "Gamma"]  # the latest meeting first
    assert order({"sort": "language"}) == ["Alpha", "Gamma", "Beta"]
    assert order({"sort": "status", "kind": "agenda"}) == ["Beta", "Gamma"]  # a filter and a sort together
    assert order({"sort": "nonsense"}) == order({})
    page = staff.get(url, {"kind": "agenda", "sort": "-title"}).content.decode()
    assert 'aria-sort="descending"><a class="sort-link" href="?kind=agenda&amp;sort=title">' in page


def test_the_documents_library_sorted_needs_the_same_queries_for_one_or_many(staff):
    DocumentFactory()
    url = reverse("documents:library")
    one = queries_for(staff, url, sort="meeting")
    DocumentFactory.create_batch(4)
    assert queries_for(staff, url, sort="meeting") == one


def test_the_focal_points_sort_by_each_column(staff, viet_nam, thailand):
    def focal_point(state, last_name, email, *, active=True, last_login=None):
        user = UserFactory(last_name=last_name, email=email, last_login=last_login)
        return FocalPointFactory(user=user, member_state=state, is_active=active)

    now = timezone.now()
    focal_point(viet_nam, "Tran", "a@example.org", last_login=now - dt.timedelta(days=1))
    focal_point(viet_nam, "Le", "c@example.org", active=False, last_login=now - dt.timedelta(days=9))
    focal_point(thailand, "Suk", "b@example.org", last_login=now)
    url = reverse("accounts:focal_points")

    def order(query):
        return sorted_as(staff, url, "focal_points", query, lambda fp: fp.user.last_name)

    assert order({"sort": "country"}) == ["Suk", "Tran", "Le"]  # Thailand; Viet Nam active first
    assert order({"sort": "name"}) == ["Le", "Suk", "Tran"]
    assert order({"sort": "-name"}) == ["Tran", "Suk", "Le"]
    assert order({"sort": "email"}) == ["Tran", "Suk", "Le"]
    assert order({"sort": "state"}) == ["Suk", "Tran", "Le"]
    assert order({"sort": "last_sign_in"}) == ["Le", "Tran", "Suk"]
    assert order({"sort": "-last_sign_in"}) == ["Suk", "Tran", "Le"]
    assert order({"sort": "1; drop table"}) == order({})
    one = queries_for(staff, url, sort="name")
    focal_point(thailand, "Chai", "d@example.org")
    assert queries_for(staff, url, sort="name") == one


def circular(subject, *, group="focal_points", recipients=0, days_ago=0):
    meeting = MeetingFactory() if group != "focal_points" else None
    made = Circular.objects.create(subject=subject, body="Body", group=group, meeting=meeting)
    Circular.objects.filter(pk=made.pk).update(created_at=timezone.now() - dt.timedelta(days=days_ago))
    for n in range(recipients):
        CircularRecipient.objects.create(circular=made, name=f"Person {n}", email=f"p{n}@example.org")
    return made


def test_the_messages_to_people_sort_by_each_column(staff):
    circular("Venue", recipients=2, days_ago=3)
    circular("Agenda", group="registered", recipients=5, days_ago=1)
    circular("Report", group="heads_of_delegation", recipients=1, days_ago=2)
    url = reverse("circulars:list")

    def order(query):
        return sorted_as(staff, url, "circulars", query, lambda c: c.subject)

    assert order({}) == ["Agenda", "Report", "Venue"]  # newest first
    assert order({"sort": "subject"}) == ["Agenda", "Report", "Venue"]
    assert order({"sort": "-subject"}) == ["Venue", "Report", "Agenda"]
    assert order({"sort": "to"}) == ["Venue", "Report", "Agenda"]  # focal_points < heads < registered
    assert order({"sort": "recipients"}) == ["Report", "Venue", "Agenda"]
    assert order({"sort": "sent"}) == ["Venue", "Report", "Agenda"]
    assert order({"sort": "-"}) == order({})
    one = queries_for(staff, url, sort="recipients")
    circular("More", recipients=3)
    assert queries_for(staff, url, sort="recipients") == one


def test_the_audit_trail_sorts_by_each_column(staff, secretariat_user):
    LogEntry.objects.all().delete()
    other = UserFactory(username="aaron")
    now = timezone.now()

    def entry(action, model_object, who, minutes_ago):
        made = LogEntry.objects.log_create(model_object, action=action, changes={}, actor=who)
        LogEntry.objects.filter(pk=made.pk).update(timestamp=now - dt.timedelta(minutes=minutes_ago))
        return made.pk

    state = MemberStateFactory(name="Zedland")
    LogEntry.objects.all().delete()
    created = entry(LogEntry.Action.CREATE, state, secretariat_user, 3)
    updated = entry(LogEntry.Action.UPDATE, state, other, 1)
    deleted = entry(LogEntry.Action.DELETE, secretariat_user, other, 2)
    url = reverse("audit:trail")

    def order(query):
        return sorted_as(staff, url, "rows", query, lambda row: row["entry"].pk)

    assert order({}) == [updated, deleted, created]  # newest first
    assert order({"sort": "when"}) == [created, deleted, updated]
    assert order({"sort": "who"}) == [updated, deleted, created]  # aaron (newest first), then the secretariat
    assert order({"sort": "action"}) == [created, updated, deleted]  # create 0, update 1, delete 2
    assert order({"sort": "-action"}) == [deleted, updated, created]
    assert order({"sort": "record"}) == [updated, created, deleted]  # memberstate < user
    assert order({"sort": "timestamp"}) == order({})
    one = queries_for(staff, url, sort="who")
    entry(LogEntry.Action.UPDATE, state, other, 5)
    assert queries_for(staff, url, sort="who") == one


def test_the_accreditation_list_sorts_by_each_column(staff, viet_nam, thailand):
    meeting = MeetingFactory()
    vn, th = (
        DelegationFactory(meeting=meeting, member_state=viet_nam),
        DelegationFactory(meeting=meeting, member_state=thailand),
    )
    hoa = ParticipantFactory(delegation=vn, full_name="Hoa")
    an = ParticipantFactory(delegation=vn, full_name="An")
    ParticipantFactory(delegation=th, full_name="Niran")
    Accreditation.objects.create(participant=hoa, status=Accreditation.Status.ACCREDITED)
    Accreditation.objects.create(participant=an, status=Accreditation.Status.RETURNED, return_reason="Photo")
    url = reverse("accreditation:meeting", args=[meeting.pk])

    def order(query):
        return sorted_as(staff, url, "rows", query, lambda p: p.full_name)

    assert order({"sort": "country"}) == ["Niran", "Hoa", "An"]
    assert order({"sort": "name"}) == ["An", "Hoa", "Niran"]
    assert order({"sort": "-name"}) == ["Niran", "Hoa", "An"]
    # accredited < returned; no decision yet comes first on SQLite, last on PostgreSQL
    assert [name for name in order({"sort": "decision"}) if name != "Niran"] == ["Hoa", "An"]
    assert [name for name in order({"sort": "-decision"}) if name != "Niran"] == ["An", "Hoa"]
    assert order({"sort": "nonsense"}) == order({})
    one = queries_for(staff, url, sort="name")
    ParticipantFactory.create_batch(3, delegation=th)
    assert queries_for(staff, url, sort="name") == one


def test_the_reminders_meetings_sort_by_each_column(staff):
    soon, later = timezone.now() + dt.timedelta(days=3), timezone.now() + dt.timedelta(days=30)
    MeetingFactory(title="Beta SOM", start=soon, end=soon, status="published")
    MeetingFactory(title="Alpha HCS", start=later, end=later, status="published")
    url = reverse("reminders:index")

    def order(query):
        return sorted_as(staff, url, "meetings", query, lambda m: m.title)

    assert order({"sort": "meeting"}) == ["Alpha HCS", "Beta SOM"]
    assert order({"sort": "-meeting"}) == ["Beta SOM", "Alpha HCS"]
    assert order({"sort": "starts"}) == ["Beta SOM", "Alpha HCS"]
    assert order({"sort": "-starts"}) == ["Alpha HCS", "Beta SOM"]
    for key in ("upcoming", "sent", "problems"):  # no reminders: by start
        assert order({"sort": key}) == ["Beta SOM", "Alpha HCS"]
    assert order({"sort": "nonsense"}) == ["Beta SOM", "Alpha HCS"]
    page = staff.get(url, {"sort": "-starts"}).content.decode()
    assert '<th scope="col" aria-sort="descending"><a class="sort-link" href="?sort=starts">' in page
