"""In a real browser (issue 19): a conference week's timetable, and a meeting page read from Paris about a
meeting in Phnom Penh."""

import datetime as dt
import zoneinfo

import pytest

from meetings.models import AgendaItem, AgendaPresenter, Meeting
from tests.factories import ChairmanshipFactory, MeetingFactory, MemberStateFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHNOM_PENH = zoneinfo.ZoneInfo("Asia/Phnom_Penh")


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2030, 8, day, hour, minute, tzinfo=PHNOM_PENH)


def _week():
    cambodia = MemberStateFactory(code="KH", name="Cambodia", name_vi="Campuchia")
    viet_nam = MemberStateFactory(code="VN", name="Viet Nam", name_vi="Việt Nam")
    chairmanship = ChairmanshipFactory(ordinal=23, chair=cambodia)
    common = {"chairmanship": chairmanship, "time_zone": "Asia/Phnom_Penh", "registration_deadline": None}
    week = MeetingFactory(
        kind=Meeting.Kind.CONFERENCE_WEEK,
        title="ACCSM 23 conference week",
        start=at(5, 8),
        end=at(7, 18),
        venue="Sokha Phnom Penh Hotel",
        city="Phnom Penh",
        **common,
    )
    som = MeetingFactory(parent=week, kind=Meeting.Kind.SOM, title="SOM 23", start=at(5, 8), end=at(5, 12), **common)
    plus_three = MeetingFactory(
        parent=week, kind=Meeting.Kind.SOM_PLUS_THREE, title="7th SOM+3", start=at(5, 13), end=at(5, 17), **common
    )
    forum = MeetingFactory(
        parent=week, kind=Meeting.Kind.FORUM, title="Forum on Good Governance", start=at(6, 9), end=at(6, 16), **common
    )
    hcs = MeetingFactory(parent=week, kind=Meeting.Kind.HCS, title="HCS 23", start=at(7, 9), end=at(7, 17), **common)
    rows = [
        (som, "Opening session", "Opening remarks", at(5, 8, 30), 30, "Ballroom A", [("Sok Chan", cambodia, "")]),
        (som, "Session 1", "Report of the preparatory meeting", at(5, 9), 60, "Ballroom A", [("", viet_nam, "")]),
        (plus_three, "", "ACCSM+3 cooperation", at(5, 13, 30), 90, "Ballroom B", [("Kim Min-jun", None, "MPM Korea")]),
        (forum, "Panel", "Digital government", at(6, 9, 30), 120, "Ballroom A", [("", None, "NECTEC")]),
        (hcs, "Closing session", "Adoption of the declaration", at(7, 15), 45, "Ballroom A", []),
    ]
    for order, (meeting, session, title, start, minutes, room, presenters) in enumerate(rows, start=1):
        item = AgendaItem.objects.create(
            meeting=meeting,
            order=order,
            title_en=title,
            session_en=session,
            starts_at=start,
            duration=minutes,
            room_en=room,
        )
        for n, (name, state, organisation) in enumerate(presenters, start=1):
            AgendaPresenter.objects.create(item=item, order=n, name=name, member_state=state, organisation=organisation)
    return week


def test_a_visitor_reads_a_conference_weeks_timetable_day_by_day(browser, live_server, screenshots):
    week = _week()
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 1280, "height": 900}, timezone_id="Asia/Phnom_Penh"
    )
    page = context.new_page()

    page.goto(f"/en/meetings/{week.pk}/")

    assert page.locator("h2#timetable").inner_text() == "Timetable"
    days = page.locator(".timetable-day h3").all_inner_texts()
    assert days == ["Monday, 5 August 2030", "Tuesday, 6 August 2030", "Wednesday, 7 August 2030"]
    monday = page.locator(".timetable-day").first
    rows = [[cell.strip() for cell in row.locator("td").all_inner_texts()] for row in monday.locator("tbody tr").all()]
    assert rows[0][:3] == ["08:30 – 09:00", "SOM 23", "OPENING SESSION\nOpening remarks"]  # a session's label
    assert [row[1] for row in rows] == ["SOM 23", "SOM 23", "7th SOM+3"]
    assert [row[3] for row in rows] == ["Ballroom A", "Ballroom A", "Ballroom B"]
    assert [row[4] for row in rows] == ["Sok Chan (Cambodia)", "Viet Nam", "Kim Min-jun (MPM Korea)"]
    # The same clock as the venue's: no second time, no note.
    assert page.locator(".moment-viewer").count() == 0
    assert page.locator(".zone-note").count() == 0
    page.screenshot(path=str(screenshots / "conference-week-timetable-1280.png"), full_page=True)

    page.set_viewport_size({"width": 360, "height": 800})
    page.reload()
    first = page.locator(".timetable-day").first.locator("tbody tr").first
    assert first.locator("td").first.is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=str(screenshots / "conference-week-timetable-360.png"), full_page=True)

    page.locator("a", has_text="7th SOM+3").first.click()
    assert page.locator("h1").inner_text() == "7th SOM+3"
    assert page.locator(".timetable tbody tr").count() == 1
    context.close()


def test_a_reader_in_paris_sees_a_phnom_penh_meeting_in_both_time_zones(browser, live_server, screenshots):
    week = _week()
    hcs = Meeting.objects.get(parent=week, kind=Meeting.Kind.HCS)
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 1280, "height": 900}, timezone_id="Europe/Paris"
    )
    page = context.new_page()

    # The first answer knows nothing of the reader; the script reports Paris and the page is drawn again.
    page.goto(f"/en/meetings/{hcs.pk}/")
    page.wait_for_selector(".zone-note")

    assert [c["value"] for c in context.cookies() if c["name"] == "viewer_tz"] == ["Europe/Paris"]
    assert (
        page.locator(".zone-note")
        .inner_text()
        .startswith(
            "Times are in the venue's time zone, Asia/Phnom_Penh (UTC+07:00). Yours, Europe/Paris (UTC+02:00), is "
            "different: your time is shown beside each."
        )
    )
    when = page.locator("dl.facts dd").first.inner_text()
    assert "7 August 2030, 09:00 – 17:00 (Asia/Phnom_Penh, UTC+07:00)" in when
    assert "your time: 7 August 2030, 04:00 – 12:00 (Europe/Paris, UTC+02:00)" in when
    slot = page.locator(".timetable-time").first.inner_text()
    assert slot.split("\n") == ["15:00 – 15:45", "your time: 10:00 – 10:45 (Europe/Paris, UTC+02:00)"]
    page.screenshot(path=str(screenshots / "meeting-both-time-zones-1280.png"), full_page=True)

    # Another page: the cookie is already there, no second drawing needed.
    page.goto(f"/en/meetings/{week.pk}/")
    assert page.locator(".zone-note").is_visible()
    assert page.locator(".moment-viewer").count() >= 6

    # The reader chooses Tokyo instead; the choice sticks although the browser still says Paris.
    page.goto(f"/en/meetings/{hcs.pk}/")
    page.locator(".zone-note a").click()
    page.select_option("#id_time_zone", "Asia/Tokyo")
    page.locator("button[type=submit]", has_text="Save").click()
    page.wait_for_url(f"**/meetings/{hcs.pk}/")
    assert (
        "your time: 7 August 2030, 11:00 – 19:00 (Asia/Tokyo, UTC+09:00)"
        in page.locator("dl.facts dd").first.inner_text()
    )

    page.set_viewport_size({"width": 360, "height": 800})
    page.reload()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=str(screenshots / "meeting-both-time-zones-360.png"), full_page=True)
    context.close()


def test_the_secretariat_times_an_item_and_is_told_when_its_room_is_taken(page, sign_in, secretariat_user, screenshots):
    week = _week()
    som = Meeting.objects.get(parent=week, kind=Meeting.Kind.SOM)
    sign_in(secretariat_user)
    page.goto(f"/en/secretariat/meetings/{som.pk}/")
    page.evaluate("window.__samePage = true")

    page.get_by_text("Add an agenda item").click()
    page.get_by_label("Title (English)").fill("Coffee and networking")
    page.get_by_label("Start time").fill("2030-08-05T09:30")
    page.get_by_label("Duration (minutes)").fill("30")
    page.get_by_label("Room (English)").fill("Ballroom A")
    page.get_by_label("Presenters").fill("Sok Chan, Cambodia")
    page.get_by_role("button", name="Add item").click()

    error = page.locator(".agenda-form .field-error")
    error.wait_for()
    assert error.inner_text() == (
        "Ballroom A is taken from 5 August 2030, 09:00 to 5 August 2030, 10:00 by “Report of the preparatory "
        "meeting” (SOM 23). Choose another room or time."
    )
    page.screenshot(path=str(screenshots / "agenda-room-taken-1280.png"), full_page=True)

    page.get_by_label("Room (English)").fill("Foyer")
    page.get_by_role("button", name="Add item").click()
    added = page.locator("ol.agenda-editor li", has_text="Coffee and networking")
    added.wait_for()
    lines = added.inner_text().split("\n")
    assert lines[0] == "5 August 2030, 09:30 – 10:00" and "Foyer" in lines
    assert "Sok Chan (Cambodia)" in added.inner_text()
    assert page.evaluate("window.__samePage") is True
    assert AgendaItem.objects.get(title_en="Coffee and networking").room_en == "Foyer"
