"""Every main page of each role on a 360 px phone and a 1280 px laptop: no horizontal overflow, a header of
at most a fifth of a 360×640 screen, the navigation on one line on a laptop, and axe-core's 0 serious and 0
critical violations. MAIN_PAGES is the list to extend when a page is added ("{meeting}" and the other
placeholders are filled from the world the test builds)."""

import datetime as dt
from pathlib import Path

import pytest
from django.utils import timezone

from meetings.models import Participant
from tests.factories import (
    DelegationFactory,
    DocumentFactory,
    InitiativeFactory,
    MeetingFactory,
    ParticipantFactory,
    PriorityAreaFactory,
    WorkPlanFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MAIN_PAGES = {
    "anonymous": [
        "/en/",
        "/en/meetings/{meeting}/",
        "/en/documents/",
        "/en/workplan/{plan}/",
        "/en/workplan/{plan}/timeline/",
        "/en/api/",
        "/en/search/?q=civil+service",
        "/vi/",
    ],
    "focal_point": [
        "/en/my/meetings/",
        "/en/my/meetings/{meeting}/",
        "/en/documents/",
        "/en/workplan/{plan}/timeline/",
        "/en/proceedings/procedures/",
        "/en/audit/my-country/",
        "/en/search/?q=delegate",
        "/vi/my/meetings/{meeting}/",
    ],
    "secretariat": [
        "/en/secretariat/",
        "/en/secretariat/meetings/",
        "/en/secretariat/meetings/{meeting}/",
        "/en/secretariat/meetings/{meeting}/registrations/",
        "/en/registrations/",
        "/en/documents/",
        "/en/workplan/{plan}/timeline/",
        "/en/secretariat/reminders/",
        "/en/audit/",
        "/en/search/?q=civil+service",
        "/vi/secretariat/",
    ],
}

# axe-core (npm package axe-core) in the test environment only: scripts/system-packages.sh test puts it here.
AXE = Path(__file__).resolve().parents[1] / "vendor" / "axe.min.js"
PHONE = {"width": 360, "height": 640}


@pytest.fixture
def world(viet_nam, thailand):
    start = timezone.now() + dt.timedelta(days=20)
    meeting = MeetingFactory(title="52nd SOM of the ASEAN Conference on Civil Service Matters", start=start)
    delegation = DelegationFactory(meeting=meeting, member_state=viet_nam)
    ParticipantFactory(delegation=delegation)
    ParticipantFactory(delegation=delegation, status=Participant.Status.CANCELLED)
    DocumentFactory(meeting=meeting, title="Report of the 22nd ACCSM on the civil service of the future")
    area = PriorityAreaFactory(work_plan=WorkPlanFactory(), title="Civil service modernisation and digitalisation")
    InitiativeFactory(priority_area=area, lead=viet_nam, title="ASEAN Resource Centre on digital government")
    InitiativeFactory(priority_area=area, lead=thailand, status="ongoing")
    return {"meeting": meeting.pk, "plan": area.work_plan_id}


def _users(role, secretariat_user, focal_point_vn):
    return {"anonymous": None, "focal_point": focal_point_vn, "secretariat": secretariat_user}[role]


def serious_violations(page) -> list[str]:
    if not AXE.exists():
        pytest.fail(f"axe-core is missing: {AXE} (bash scripts/system-packages.sh test installs it)")
    # Evaluated through the browser's debugging protocol: the page's CSP (script-src 'self') stays in force.
    page.evaluate(AXE.read_text() + "\n;undefined")
    result = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
        for v in result
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("role", MAIN_PAGES)
def test_main_pages_fit_a_phone_and_pass_axe(role, page, sign_in, world, secretariat_user, focal_point_vn):
    user = _users(role, secretariat_user, focal_point_vn)
    if user:
        sign_in(user)
    page.set_viewport_size(PHONE)
    problems = []
    for template in MAIN_PAGES[role]:
        url = template.format(**world)
        response = page.goto(url)
        assert response and response.status == 200, (url, response and response.status)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            problems.append(f"{url}: {width} px wide")
        header = page.locator(".site-header").bounding_box()
        if header["height"] > PHONE["height"] / 5:
            problems.append(f"{url}: header {header['height']} px high")
        problems += [f"{url}: {v}" for v in serious_violations(page)]
    assert problems == [], "\n".join(problems)


def test_the_phone_menu_opens_and_marks_the_current_page(page, sign_in, world, secretariat_user):
    sign_in(secretariat_user)
    page.set_viewport_size(PHONE)
    page.goto("/en/secretariat/reminders/")
    menu = page.get_by_role("button", name="Menu")
    assert not page.get_by_role("navigation", name="Main").is_visible()
    menu.click()
    assert menu.get_attribute("aria-expanded") == "true"
    nav = page.get_by_role("navigation", name="Main")
    assert nav.is_visible()
    nav.get_by_text("Reminders").first.click()
    current = nav.locator('[aria-current="page"]')
    assert current.count() == 1 and current.inner_text() == "Reminders"
    assert current.get_attribute("href") == "/en/secretariat/reminders/"


@pytest.mark.parametrize("language", ["en", "vi"])
def test_the_secretariat_navigation_fits_one_line_on_a_laptop(
    language, page, sign_in, world, secretariat_user, screenshots
):
    # A long name: the account menu once showed it in the bar, so the factory's "Test User 1234" of a late test
    # in the whole suite pushed the last group to a second row. On a laptop the bar shows the icon only.
    secretariat_user.first_name, secretariat_user.last_name = "Maria Angelica Villanueva-Santos", "de la Cruz 12345"
    secretariat_user.is_staff = True
    secretariat_user.save()
    sign_in(secretariat_user)
    page.set_viewport_size({"width": 1280, "height": 800})  # a laptop, whatever the test before left
    page.goto(f"/{language}/secretariat/meetings/")
    page.screenshot(
        path=screenshots / f"navigation-desktop-{language}.png", clip={"x": 0, "y": 0, "width": 1280, "height": 300}
    )
    tops = page.eval_on_selector_all(
        ".brand, .nav-groups > li, .header-tools > *",
        "nodes => nodes.map(n => { const r = n.getBoundingClientRect(); return r.top + r.height / 2; })",
    )
    assert max(tops) - min(tops) < 12, tops
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    account = page.locator(".account-menu summary")
    assert account.get_attribute("title") == "Maria Angelica Villanueva-Santos de la Cruz 12345"
    account.click()
    assert page.locator(".account-menu .who-full").inner_text() == "Maria Angelica Villanueva-Santos de la Cruz 12345"
    page.locator("summary", has_text="Schedule" if language == "en" else "Lịch").first.click()
    page.screenshot(path=screenshots / f"navigation-desktop-{language}.png")
    page.set_viewport_size(PHONE)
    page.get_by_role("button", name="Menu" if language == "en" else "Trình đơn").click()
    page.screenshot(path=screenshots / f"navigation-phone-{language}.png", full_page=False)


def test_the_timeline_keeps_the_initiatives_names_in_view_while_its_bars_scroll(page, world):
    page.set_viewport_size(PHONE)
    page.goto(f"/en/workplan/{world['plan']}/timeline/")
    chart = page.locator(".tl-scroll")
    name = page.locator(".tl-names a", has_text="ASEAN Resource Centre")
    before = name.bounding_box()
    chart.evaluate("node => { node.scrollLeft = node.scrollWidth; }")
    assert chart.evaluate("node => node.scrollLeft") > 100  # the bars are wider than the phone: they scroll
    after = name.bounding_box()
    assert after["x"] == before["x"] and after["x"] >= 0 and after["width"] > 60
    # The names and the bars stay on the same rows: the initiative's bar is level with its name.
    bar = page.locator(f'svg.tl-bars a[href="{name.get_attribute("href")}"] rect.tl-bar').bounding_box()
    assert abs((bar["y"] + bar["height"] / 2) - (after["y"] + after["height"] / 2)) < 4
    # The bars are for the mouse: the keyboard and screen readers go through the names only.
    assert page.locator("svg.tl-bars").get_attribute("aria-hidden") == "true"
    assert page.locator("svg.tl-bars a").first.get_attribute("tabindex") == "-1"


def test_the_upload_forms_agenda_items_follow_the_chosen_meeting(page, sign_in, secretariat_user):
    from tests.factories import AgendaItemFactory

    som, hcs = MeetingFactory(title="SOM 23"), MeetingFactory(title="HCS 23")
    AgendaItemFactory(meeting=som, title="Opening", order=1)
    AgendaItemFactory(meeting=hcs, title="Report of the SOM", order=1)
    sign_in(secretariat_user)
    page.goto(f"/en/documents/upload/?meeting={som.pk}")

    def offered():
        return page.eval_on_selector_all(
            'select[name="agenda_item"] option[data-meeting]:not([disabled])', "nodes => nodes.map(n => n.textContent)"
        )

    assert offered() == ["SOM 23 · 1. Opening"]
    page.get_by_label("Meeting", exact=True).select_option(str(hcs.pk))
    assert offered() == ["HCS 23 · 1. Report of the SOM"]
    page.get_by_label("Meeting", exact=True).select_option("")
    assert offered() == [] and page.locator('select[name="agenda_item"]').is_disabled()
