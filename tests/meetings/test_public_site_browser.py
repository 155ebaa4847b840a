"""In a real browser (issue 19 item 5): a visitor walks the public archive to a chairmanship's page and on to a
meeting, at laptop and phone width, and finds its calendar links and the way to register."""

import datetime as dt

import pytest

from documents.models import Document
from meetings.models import Meeting
from tests.factories import ChairmanshipFactory, DocumentFactory, MeetingFactory, MemberStateFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

UTC = dt.UTC


def _history():
    brunei = MemberStateFactory(code="BN", name="Brunei Darussalam", name_vi="Bru-nây Đa-rút-xa-lam")
    viet_nam = MemberStateFactory(code="VN", name="Viet Nam", name_vi="Việt Nam")
    accsm21 = ChairmanshipFactory(ordinal=21, chair=viet_nam, theme="Civil service modernisation")
    accsm22 = ChairmanshipFactory(
        ordinal=22,
        chair=brunei,
        theme="Agile and future-ready civil service",
        chairing_agency="Prime Minister's Office",
    )
    MeetingFactory(
        chairmanship=accsm21, title="21st ACCSM Heads of Civil Service", start=dt.datetime(2022, 8, 3, 2, tzinfo=UTC)
    )
    som = MeetingFactory(
        chairmanship=accsm22, title="SOM of the 22nd ACCSM", start=dt.datetime(2024, 7, 2, 2, tzinfo=UTC)
    )
    MeetingFactory(chairmanship=accsm22, title="Draft nobody may see", status=Meeting.Status.DRAFT)
    DocumentFactory(meeting=som, kind=Document.Kind.DECLARATION, title="Bandar Seri Begawan Declaration")
    ahead = MeetingFactory(
        chairmanship=accsm22,
        title="Forum on the future of work",
        start=dt.datetime.now(UTC) + dt.timedelta(days=30),
        end=dt.datetime.now(UTC) + dt.timedelta(days=31),
    )
    return accsm22, ahead


@pytest.mark.parametrize("width", [1280, 360])
def test_a_visitor_walks_the_archive_to_a_chairmanship_and_a_meeting(browser, live_server, screenshots, width):
    _accsm22, ahead = _history()
    page = browser.new_context(base_url=live_server.url, viewport={"width": width, "height": 900}).new_page()

    page.goto("/en/meetings/archive/")
    headings = page.locator("main h2").all_inner_texts()
    assert any("ACCSM 22" in heading for heading in headings) and any("ACCSM 21" in h for h in headings)
    assert page.get_by_text("21st ACCSM Heads of Civil Service").is_visible()
    assert page.get_by_text("Draft nobody may see").count() == 0
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=str(screenshots / f"archive-{width}.png"), full_page=True)

    page.locator('main a[href="/en/meetings/accsm-22/"]').first.click()
    page.wait_for_url("**/meetings/accsm-22/")
    main = page.locator("main").inner_text()
    assert "Agile and future-ready civil service" in main and "Brunei Darussalam" in main
    assert "Bandar Seri Begawan Declaration" in main and "Draft nobody may see" not in main
    assert page.locator('a[href="/calendar/accsm-22.ics"]').count() >= 1
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=str(screenshots / f"chairmanship-{width}.png"), full_page=True)

    page.get_by_role("link", name="Forum on the future of work").first.click()
    page.wait_for_url(f"**/meetings/{ahead.pk}/")
    calendar = page.locator(f'a[href="/calendar/meetings/{ahead.pk}.ics"]')
    assert calendar.count() == 1
    assert page.request.get(calendar.get_attribute("href")).headers["content-type"].startswith("text/calendar")
    register = page.get_by_role("link", name="Sign in to register")
    assert register.is_visible()
    register.click()
    page.wait_for_url("**/accounts/login/**")
    assert "next=" in page.url
