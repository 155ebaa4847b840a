"""In a real Chromium: the secretariat writes a decision and an action item on the record page (a laptop's
width, the agenda beside), and a focal point answers a written procedure on a phone (360 px). No console
errors (the Content-Security-Policy forbids inline scripts; the matrix refreshes from a static file)."""

import datetime as dt

import pytest
from django.utils import timezone

from proceedings.models import ActionItem, Answer, Decision
from tests.factories import AgendaItemFactory, HeldMeetingFactory, ProcedureCountryFactory, WrittenProcedureFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 780}


def console_errors(page) -> list[str]:
    """Errors in the console, but for the 422 a refused form answers (Chromium logs it as a failed load)."""
    errors = []

    def listen(message):
        if message.type == "error" and "status of 422" not in message.text:
            errors.append(message.text)

    page.on("console", listen)
    return errors


def test_the_secretariat_writes_a_decision_and_an_action_item(page, sign_in, secretariat_user, viet_nam, screenshots):
    meeting = HeldMeetingFactory(title="SOM 23")
    AgendaItemFactory(meeting=meeting, title="Opening", order=1)
    item = AgendaItemFactory(meeting=meeting, title="The PSTI network", order=2)
    errors = console_errors(page)
    sign_in(secretariat_user)
    page.goto(f"/en/proceedings/record/meetings/{meeting.pk}/")
    page.get_by_role("link", name="The PSTI network").click()  # the agenda beside the record

    section = page.locator(f"#item-{item.pk}")
    section.get_by_text("Add a decision").click()
    section.get_by_label("Decision (English)").fill("The meeting endorsed the PSTI work plan.")
    section.get_by_label("Decision (Vietnamese)").fill("Hội nghị thông qua kế hoạch của PSTI.")
    section.get_by_role("button", name="Record decision").click()
    page.wait_for_load_state()
    assert page.get_by_text("The decision was recorded.").is_visible()

    section = page.locator(f"#item-{item.pk}")
    section.get_by_text("Add an action item").click()
    section.get_by_label("What is to be done (English)").fill("Circulate the PSTI work plan")
    section.get_by_label("Who").select_option("member_state")
    section.get_by_label("Member state").select_option(label="Viet Nam")
    section.get_by_label("Due date").fill((timezone.now() + dt.timedelta(days=60)).date().isoformat())
    section.get_by_role("button", name="Record action item").click()
    page.wait_for_load_state()
    assert page.get_by_text("The action item was recorded.").is_visible()
    page.screenshot(path=str(screenshots / "secretariat-record.png"), full_page=True)

    assert list(Decision.objects.values_list("text_vi", flat=True)) == ["Hội nghị thông qua kế hoạch của PSTI."]
    assert list(ActionItem.objects.values_list("owner_member_state__code", flat=True)) == ["VN"]

    procedure = ProcedureCountryFactory(member_state=viet_nam).procedure  # the live matrix loads its script
    page.goto(f"/en/proceedings/procedures/{procedure.pk}/")
    assert page.get_by_text("0 of 1 countries have answered.").is_visible()
    assert errors == []


def test_a_focal_point_answers_a_procedure_on_a_phone(page, sign_in, focal_point_vn, viet_nam, screenshots):
    procedure = WrittenProcedureFactory(title="Draft ASEAN Declaration on well-being")
    ProcedureCountryFactory(procedure=procedure, member_state=viet_nam)
    errors = console_errors(page)
    page.set_viewport_size(PHONE)
    sign_in(focal_point_vn)
    page.goto("/en/proceedings/procedures/")
    page.get_by_role("link", name="Draft ASEAN Declaration on well-being").click()

    page.get_by_role("radio", name="Objection", exact=True).check()
    page.get_by_role("button", name="Send our answer").click()
    page.wait_for_load_state()
    assert page.get_by_text("Give the reasons for the objection.").is_visible()
    page.get_by_label("Comments or reasons").fill("Paragraph 5 needs a national review.")
    page.get_by_role("button", name="Send our answer").click()
    page.wait_for_load_state()
    assert page.get_by_text("Your country's answer was recorded.").is_visible()

    page.get_by_role("radio", name="No objection").check()
    page.get_by_role("button", name="Replace our answer").click()
    page.wait_for_load_state()
    page.screenshot(path=str(screenshots / "focal-point-procedure.png"), full_page=True)

    answers = Answer.objects.order_by("pk")
    assert [(a.kind, a.is_current) for a in answers] == [("objection", False), ("no_objection", True)]
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert errors == []
