import pytest

from tests.factories import AgendaItemFactory, MeetingFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_visitor_reads_a_meeting_page_in_the_venue_time_zone(page, live_server):
    meeting = MeetingFactory(title="SOM of ACCSM 21", time_zone="Asia/Ho_Chi_Minh")
    AgendaItemFactory(meeting=meeting, title="Report of the preparatory meeting", order=1)

    page.goto(f"/en/meetings/{meeting.pk}/")

    assert page.locator("h1").inner_text() == "SOM of ACCSM 21"
    assert "UTC+07:00" in page.locator("dl.facts").inner_text()
    assert page.locator("ol.agenda li").all_inner_texts() == ["Report of the preparatory meeting"]
