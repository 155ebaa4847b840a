"""A focal point fills a delegate's flights and hotel on a phone (360 px): a departure before the arrival is
refused beside its field, then the right values are saved and show on the delegation page. Screenshots of
the form (360 px, Vietnamese too) and of the secretariat's logistics page (1280 px)."""

import datetime as dt
import os

import pytest

from logistics.models import Hotel, LiaisonOfficer, Travel
from tests.factories import (
    DelegationFactory,
    FocalPointFactory,
    MeetingFactory,
    ParticipantFactory,
    SecretariatUserFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 780}
SHOTS = os.environ.get("ACCSM_LOGISTICS_SHOTS")  # a folder to keep the screenshots in, for a look


def test_focal_point_fills_travel_on_a_phone(page, live_server, sign_in, viet_nam, screenshots):
    folder = SHOTS or screenshots
    meeting = MeetingFactory(title="SOM 23", time_zone="Asia/Phnom_Penh")
    delegation = DelegationFactory(meeting=meeting, member_state=viet_nam)
    person = ParticipantFactory(delegation=delegation, full_name="Trần Văn Minh")
    Hotel.objects.create(meeting=meeting, name_en="Sokha Hotel", name_vi="Khách sạn Sokha", address_en="Phnom Penh")
    LiaisonOfficer.objects.create(delegation=delegation, name="Sok Dara", phone="+855 12 345 678")
    page.set_viewport_size(PHONE)
    sign_in(FocalPointFactory(member_state=viet_nam).user)
    page.goto(f"/en/my/meetings/{meeting.pk}/")
    page.get_by_role("link", name="Travel and hotel Trần Văn Minh").click()
    assert page.get_by_text("Sok Dara").is_visible()

    local = meeting.start.astimezone(meeting.tz)
    arrival = (local - dt.timedelta(hours=20)).replace(second=0, microsecond=0)
    page.locator("#id_arrival").fill(arrival.strftime("%Y-%m-%dT%H:%M"))
    page.locator("#id_arrival_flight").fill("vn 631")
    page.locator("#id_arrival_airport").fill("PNH")
    page.locator("#id_arrival_transfer").check()
    page.locator("#id_hotel").select_option(label="Sokha Hotel")
    page.locator("#id_check_in").fill(arrival.date().isoformat())
    page.locator("#id_check_out").fill((arrival.date() + dt.timedelta(days=3)).isoformat())
    page.locator("#id_departure").fill((arrival - dt.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name="Save").click()
    assert page.locator(".field-error").inner_text() == "Departure cannot be before arrival."
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]  # nothing wider than the phone
    page.screenshot(path=f"{folder}/logistics-travel-error-360.png", full_page=True)

    page.locator("#id_departure").fill((arrival + dt.timedelta(days=3)).strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(f"**/en/my/meetings/{meeting.pk}/")
    travel = Travel.objects.get(participant=person)
    assert (travel.arrival_flight, travel.hotel.name, travel.arrival_transfer) == ("VN631", "Sokha Hotel", True)
    assert "VN631" in page.locator(f"#participant-{person.pk} .travel-state").inner_text()
    page.screenshot(path=f"{folder}/logistics-delegation-360.png", full_page=True)

    page.goto(f"/vi/logistics/participants/{person.pk}/")
    assert page.locator("#id_hotel option:checked").inner_text() == "Khách sạn Sokha"
    page.screenshot(path=f"{folder}/logistics-travel-vi-360.png", full_page=True)

    page.context.clear_cookies()
    sign_in(SecretariatUserFactory())
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"/en/secretariat/meetings/{meeting.pk}/logistics/")
    assert page.locator("h2#hotels-h").is_visible()
    page.screenshot(path=f"{folder}/logistics-secretariat-1280.png", full_page=True)
    page.goto(f"/en/registrations/meetings/{meeting.pk}/arrivals/")
    page.screenshot(path=f"{folder}/logistics-arrivals-1280.png", full_page=True)
