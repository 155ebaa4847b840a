"""The accreditation page in a browser: the photo is cropped in the page (drag and zoom) and stored at the
badge's ratio; the secretariat's list. Screenshots at 1280 and 360 px."""

import io

import pytest
from PIL import Image

from accreditation import services
from accreditation.models import Accreditation
from tests.accreditation.conftest import valid_expiry
from tests.factories import SecretariatUserFactory

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 360, "height": 780}


def test_the_focal_point_crops_the_photo_in_the_page(
    page, live_server, sign_in, focal_point_vn, meeting, question, delegate, tmp_path, screenshots
):
    picture = Image.new("RGB", (1600, 1000), (30, 60, 200))
    picture.paste((220, 30, 30), (1100, 0, 1600, 1000))  # the person stands on the right
    path = tmp_path / "portrait.jpg"
    picture.save(path, "JPEG")
    sign_in(focal_point_vn)
    console = []
    page.on("console", lambda message: console.append(message.text))
    page.on("pageerror", lambda error: console.append(str(error)))

    page.goto(f"/en/my/meetings/{meeting.pk}/")
    page.get_by_role("link", name="Accreditation Nguyễn Thị Lan").click()
    page.set_input_files("input[type=file]", str(path))
    canvas = page.locator(".photo-crop canvas")
    canvas.wait_for(state="visible")
    box = canvas.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(
        box["x"] - 400, box["y"] + box["height"] / 2, steps=8
    )  # drag the picture left: its right part shows
    page.mouse.up()
    assert int(page.input_value("input[name=crop_x]")) > 800
    page.fill("input[name=nationality]", "Vietnamese")
    page.fill("input[name=passport_number]", "B7654321")
    page.fill("input[name=passport_expiry]", valid_expiry(meeting).isoformat())
    page.fill("input[name=date_of_birth]", "1980-05-17")
    page.select_option(f"select[name={question.key}]", "yes")
    page.screenshot(path=str(screenshots / "accreditation-form-1280.png"), full_page=True)
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(f"**/my/meetings/{meeting.pk}/")
    assert "Awaiting the secretariat" in page.content()
    assert console == []  # no script error, nothing the Content Security Policy blocked

    stored = Image.open(io.BytesIO(services.photo_bytes(delegate))).convert("RGB")
    assert stored.size == (600, 800)
    assert stored.getpixel((300, 400))[0] > 180  # red: the part the person chose, not the blue centre
    assert Accreditation.objects.get(participant=delegate).passport_number == "B7654321"

    page.goto(f"/en/accreditation/participants/{delegate.pk}/")
    page.screenshot(path=str(screenshots / "accreditation-participant-1280.png"), full_page=True)
    page.set_viewport_size(PHONE)
    page.screenshot(path=str(screenshots / "accreditation-participant-360.png"), full_page=True)
    page.goto(f"/en/my/meetings/{meeting.pk}/")
    page.screenshot(path=str(screenshots / "accreditation-delegation-360.png"), full_page=True)

    page.context.clear_cookies()
    sign_in(SecretariatUserFactory())
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"/en/accreditation/meetings/{meeting.pk}/")
    page.screenshot(path=str(screenshots / "accreditation-meeting-1280.png"), full_page=True)
    page.set_viewport_size(PHONE)
    page.screenshot(path=str(screenshots / "accreditation-meeting-360.png"), full_page=True)
