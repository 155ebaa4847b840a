"""Every main page, rendered in Vietnamese by a real Chromium with realistic data, shows no English interface
text: only content that has no Vietnamese version may stay English (see tests/untranslated.py)."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from accounts.models import User
from documents.models import Document
from meetings.models import Meeting, MemberState
from tests.factories import AgendaItemFactory, MeetingFactory, ParticipantFactory
from tests.untranslated import english_left, page_text, untranslated_content

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo():
    """The ACCSM history of the demo, plus a meeting whose registration is open whatever today's date, whose
    title has no Vietnamese version (it shows in English, and must not count as a fault)."""
    call_command("load_demo")
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
    )
    return {"som23": som23, "upcoming": upcoming}


def english_on(page, paths: list[str]) -> str:
    """Visit each path in Vietnamese; a report of the English interface text left on the pages ("" if none)."""
    content = untranslated_content()
    report = []
    for path in paths:
        response = page.goto(path)
        assert (response.status, page.locator("html").get_attribute("lang")) == (200, "vi"), path
        left = english_left(page_text(page), content=content)
        if left:
            report.append(f"{path}\n    " + "\n    ".join(left))
    return "\n".join(report)


def test_the_secretariat_dashboard_and_meeting_pages_are_all_vietnamese(page, sign_in, demo):
    som23, upcoming = demo["som23"], demo["upcoming"]
    declaration = Document.objects.filter(kind=Document.Kind.DECLARATION).order_by("pk").first()
    sign_in(User.objects.get(username="secretariat"))

    assert (
        english_on(
            page,
            [
                "/vi/secretariat/",
                f"/vi/secretariat/meetings/{som23.pk}/",
                f"/vi/secretariat/meetings/{upcoming.pk}/",
                f"/vi/secretariat/meetings/{som23.pk}/registrations/",
                f"/vi/meetings/{som23.pk}/",
                f"/vi/meetings/{upcoming.pk}/",
                "/vi/secretariat/meetings/?q=phnom+penh",
                f"/vi/secretariat/meetings/{som23.pk}/edit/",
                f"/vi/secretariat/meetings/{som23.pk}/registrations/add/",
                "/vi/secretariat/chairmanships/",
                "/vi/documents/",
                f"/vi/documents/{declaration.pk}/",
                "/vi/documents/declarations/",
                "/vi/documents/upload/",
            ],
        )
        == ""
    )
    # The title without a Vietnamese version is there, in English.
    assert page.goto(f"/vi/meetings/{upcoming.pk}/") and page.locator("h1").inner_text() == upcoming.title_en


def test_the_public_pages_are_all_vietnamese(page, demo):
    som23, upcoming = demo["som23"], demo["upcoming"]
    paths = ["/vi/", f"/vi/meetings/{som23.pk}/", f"/vi/meetings/{upcoming.pk}/", "/vi/accounts/login/"]
    assert english_on(page, paths) == ""


def test_the_check_finds_the_interface_text_of_the_english_pages(page, sign_in, demo):
    """The same check on the English dashboard finds its interface text: it is not blind."""
    sign_in(User.objects.get(username="secretariat"))
    page.goto("/en/secretariat/")
    left = " ".join(english_left(page_text(page), content=untranslated_content()))
    assert [
        text for text in ("Upcoming meetings", "Needs action", "Open registrations", "Sign out") if text not in left
    ] == []
