"""Every main page, rendered in Vietnamese by a real Chromium with realistic data, shows no English interface
text: only content that has no Vietnamese version may stay English (see tests/untranslated.py).

The work plan's pages have their own test (tests/workplan/test_vietnamese_browser.py)."""

import datetime as dt

import pytest
from auditlog.models import LogEntry
from django.core.management import call_command
from django.utils import timezone

from accounts.models import User
from documents.models import Document
from meetings.models import Delegation, Meeting, MemberState, Participant
from tests.factories import AgendaItemFactory, MeetingFactory, ParticipantFactory
from tests.untranslated import english_left, english_on_pages, page_text, untranslated_content

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo():
    """The ACCSM history of the demo, plus a meeting whose registration is open whatever today's date, whose
    title has no Vietnamese version (it shows in English, and must not count as a fault)."""
    call_command("load_demo", stdout=None)
    som23 = Meeting.objects.get(title_en="23rd ACCSM Senior Officials Meeting (SOM 23)")
    soon = timezone.now() + dt.timedelta(days=9)
    upcoming = MeetingFactory(
        chairmanship=som23.chairmanship,
        kind=Meeting.Kind.WORKSHOP,
        title="Workshop on digital skills for civil servants",
        title_vi="",
        city="Phnom Penh",
        city_vi="Phnôm Pênh",
        start=soon,
        end=soon + dt.timedelta(hours=6),
        time_zone="Asia/Phnom_Penh",
        registration_opens=soon - dt.timedelta(days=30),
        registration_deadline=soon - dt.timedelta(days=2),
    )
    AgendaItemFactory(meeting=upcoming, title="Opening remarks", title_vi="Phát biểu khai mạc", order=1)
    ParticipantFactory(
        delegation__meeting=upcoming,
        delegation__member_state=MemberState.objects.get(code="VN"),
        full_name="Nguyễn Duy Thăng",
        position="Thứ trưởng Bộ Nội vụ",
        status=Participant.Status.WAITLISTED,
    )
    return {"som23": som23, "upcoming": upcoming}


def audit_content() -> set[str]:
    """The audit trail shows each change's English and Vietnamese values side by side, and each record's name
    as it was written down at the time (in the language of whoever made the change)."""
    return untranslated_content(every_english_value=True) | set(LogEntry.objects.values_list("object_repr", flat=True))


def test_the_secretariat_dashboard_and_meeting_pages_are_all_vietnamese(page, sign_in, demo):
    som23, upcoming = demo["som23"], demo["upcoming"]
    sign_in(User.objects.get(username="secretariat"))

    paths = [
        "/vi/secretariat/",
        f"/vi/secretariat/meetings/{som23.pk}/",
        f"/vi/secretariat/meetings/{upcoming.pk}/",
        f"/vi/secretariat/meetings/{som23.pk}/registrations/",
        f"/vi/meetings/{som23.pk}/",
        f"/vi/meetings/{upcoming.pk}/",
        "/vi/secretariat/meetings/?q=phnom+penh",
        f"/vi/secretariat/meetings/{som23.pk}/edit/",
    ]
    assert english_on_pages(page, paths) == ""
    # The title without a Vietnamese version is there, in English.
    assert page.goto(f"/vi/meetings/{upcoming.pk}/") and page.locator("h1").inner_text() == upcoming.title_en


def test_the_secretariats_other_pages_are_all_vietnamese(page, sign_in, demo):
    som23, upcoming = demo["som23"], demo["upcoming"]
    declaration = Document.objects.filter(kind=Document.Kind.DECLARATION).order_by("pk").first()
    delegation = Delegation.objects.filter(meeting=som23).order_by("pk").first()
    participant = Participant.objects.filter(delegation=delegation).order_by("pk").first()
    sign_in(User.objects.get(username="secretariat"))

    paths = [
        f"/vi/secretariat/meetings/{som23.pk}/registrations/add/",
        f"/vi/secretariat/meetings/{som23.pk}/postpone/",
        f"/vi/secretariat/meetings/{som23.pk}/cancel/",
        f"/vi/secretariat/meetings/{som23.pk}/duplicate/",
        f"/vi/secretariat/meetings/{som23.pk}/agenda/{som23.agenda_items.order_by('order').first().pk}/",
        "/vi/secretariat/meetings/new/",
        "/vi/secretariat/chairmanships/",
        f"/vi/secretariat/chairmanships/{som23.chairmanship_id}/hand-over/",
        "/vi/registrations/",
        f"/vi/registrations/meetings/{upcoming.pk}/waiting-list/",
        f"/vi/registrations/meetings/{som23.pk}/arrivals/",
        f"/vi/registrations/delegations/{delegation.pk}/history/",
        f"/vi/registrations/letter-templates/{som23.chairmanship_id}/",
        "/vi/accounts/focal-points/",
        "/vi/documents/",
        f"/vi/documents/{declaration.pk}/",
        "/vi/documents/declarations/",
        "/vi/documents/upload/",
        "/vi/personal-data/?q=tran",
        f"/vi/personal-data/participants/{participant.pk}/",
        "/vi/secretariat/reminders/",
        f"/vi/secretariat/reminders/meetings/{som23.pk}/",
        "/vi/secretariat/reminders/rules/registration_deadline/",
        "/vi/api/",
    ]
    assert english_on_pages(page, paths) == ""
    # The API tokens list names each token's owner by user name too.
    usernames = set(User.objects.values_list("username", flat=True))
    assert english_on_pages(page, ["/vi/api/tokens/"], content=untranslated_content() | usernames) == ""
    assert english_on_pages(page, ["/vi/audit/"], content=audit_content()) == ""


def test_a_focal_points_pages_are_all_vietnamese(page, sign_in, demo):
    som23, upcoming = demo["som23"], demo["upcoming"]
    participant = Participant.objects.filter(delegation__meeting=som23, delegation__member_state__code="VN").first()
    sign_in(User.objects.get(username="fp-vn"))

    paths = [
        "/vi/my/meetings/",
        f"/vi/my/meetings/{som23.pk}/",
        f"/vi/my/meetings/{upcoming.pk}/",
        f"/vi/my/meetings/{som23.pk}/participants/add/",
        f"/vi/my/meetings/{som23.pk}/participants/import/",
        f"/vi/my/meetings/{upcoming.pk}/participants/copy/",
        f"/vi/my/meetings/{som23.pk}/nomination-letter/",
        f"/vi/my/participants/{participant.pk}/edit/",
        f"/vi/my/participants/{participant.pk}/withdraw/",
        "/vi/documents/upload/",
        f"/vi/meetings/{som23.pk}/",
        "/vi/api/",
    ]
    assert english_on_pages(page, paths) == ""
    assert english_on_pages(page, ["/vi/audit/my-country/"], content=audit_content()) == ""


def test_the_public_pages_are_all_vietnamese(page, demo):
    som23, upcoming = demo["som23"], demo["upcoming"]
    paths = [
        "/vi/",
        f"/vi/meetings/{som23.pk}/",
        f"/vi/meetings/{upcoming.pk}/",
        "/vi/documents/",
        "/vi/accounts/login/",
        "/vi/accounts/password_reset/",
    ]
    assert english_on_pages(page, paths) == ""


def test_the_check_finds_the_interface_text_of_the_english_pages(page, sign_in, demo):
    """The same check on the English dashboard finds its interface text: it is not blind."""
    sign_in(User.objects.get(username="secretariat"))
    page.goto("/en/secretariat/")
    left = " ".join(english_left(page_text(page), content=untranslated_content()))
    assert [
        text for text in ("Upcoming meetings", "Needs action", "Open registrations", "Sign out") if text not in left
    ] == []
