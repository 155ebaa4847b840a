"""In a real Chromium: the secretariat circulates the draft report from the record and adopts it at the
meeting (a laptop); a focal point comments on the circulated draft on a phone (360 px); the secretariat
records a country's progress reported orally at a SOM. No console errors, no sideways scrolling on a phone."""

import datetime as dt

import pytest
from django.utils import timezone

from documents.models import Document
from meetings.models import Meeting
from proceedings.models import ReportComment
from proceedings.services import reports
from tests.factories import AgendaItemFactory, DecisionFactory, HeldMeetingFactory, InitiativeFactory
from workplan.models import ProgressUpdate

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 780}


def console_errors(page) -> list[str]:
    errors = []

    def listen(message):
        if message.type == "error" and "status of 422" not in message.text:
            errors.append(message.text)

    page.on("console", listen)
    return errors


@pytest.fixture
def som(viet_nam):
    meeting = HeldMeetingFactory(title="SOM 23", kind=Meeting.Kind.SOM)
    item = AgendaItemFactory(meeting=meeting, title="The PSTI network", order=1)
    DecisionFactory(agenda_item=item, text="The meeting endorsed the PSTI work plan.")
    return meeting


def test_the_secretariat_circulates_the_report_and_adopts_it(page, sign_in, secretariat_user, som, screenshots):
    errors = console_errors(page)
    sign_in(secretariat_user)
    page.goto(f"/en/proceedings/record/meetings/{som.pk}/")
    report = page.locator("#report")
    deadline = (timezone.localtime() + dt.timedelta(days=14)).strftime("%Y-%m-%dT%H:%M")
    report.get_by_label("Deadline for comments").fill(deadline)
    report.get_by_role("button", name="Circulate for comments").click()
    page.wait_for_load_state()
    assert page.get_by_text("The draft report was circulated to the focal points for comments.").is_visible()
    page.screenshot(path=str(screenshots / "record-report-circulated.png"), full_page=False)

    page.locator("#report").get_by_role("button", name="Adopted at the meeting").click()
    page.wait_for_load_state()
    assert page.get_by_text("The report was adopted; it is the meeting's report document.").is_visible()
    assert set(Document.objects.filter(meeting=som, kind="report").values_list("status", flat=True)) == {"adopted"}
    page.screenshot(path=str(screenshots / "record-report-adopted.png"), full_page=False)
    page.set_viewport_size(PHONE)
    page.goto(f"/en/proceedings/record/meetings/{som.pk}/#report")
    page.screenshot(path=str(screenshots / "record-report-phone.png"), full_page=False)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert errors == []


def test_a_focal_point_comments_on_the_draft_report_on_a_phone(
    page, sign_in, secretariat_user, focal_point_vn, som, screenshots
):
    circulation = reports.report_circulate(
        actor=secretariat_user, meeting=som, deadline=timezone.now() + dt.timedelta(days=7)
    )
    errors = console_errors(page)
    page.set_viewport_size(PHONE)
    sign_in(focal_point_vn)
    page.goto("/en/proceedings/reports/")
    page.screenshot(path=str(screenshots / "reports-list-phone.png"), full_page=True)
    page.get_by_role("link", name="SOM 23").click()

    page.get_by_role("button", name="Send the comment").click()
    page.wait_for_load_state()
    assert page.get_by_text("Write your comment on the draft report.").is_visible()
    page.get_by_role("textbox", name="Your country's comment").fill("Item 1: add the date of the PSTI meeting.")
    page.get_by_role("button", name="Send the comment").click()
    page.wait_for_load_state()
    assert page.get_by_text("Your country's comment was sent to the secretariat.").is_visible()
    page.screenshot(path=str(screenshots / "report-comment-phone.png"), full_page=True)

    assert list(ReportComment.objects.values_list("circulation", "member_state__code", "text")) == [
        (circulation.pk, "VN", "Item 1: add the date of the PSTI meeting.")
    ]
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert errors == []


def test_the_secretariat_records_progress_reported_orally(page, sign_in, secretariat_user, viet_nam, som, screenshots):
    initiative = InitiativeFactory(title="ASEAN Resource Centres", lead=viet_nam, status="ongoing")
    errors = console_errors(page)
    sign_in(secretariat_user)
    page.goto(f"/en/workplan/initiatives/{initiative.pk}/")
    page.get_by_role("link", name="Record progress reported orally").click()
    page.get_by_label("Reported orally at").select_option(label=f"SOM 23 — {som.local_start:%Y-%m-%d}")
    page.get_by_label("Percent complete").fill("40")
    page.get_by_label("What has been done").fill("Viet Nam reported that two centres are open.")
    page.screenshot(path=str(screenshots / "oral-progress-form.png"), full_page=True)
    page.get_by_role("button", name="Record the progress").click()
    page.wait_for_load_state()
    assert page.get_by_text("The progress reported by Viet Nam has been recorded.").is_visible()
    assert page.get_by_text("Reported orally at SOM 23").is_visible()
    page.screenshot(path=str(screenshots / "oral-progress-recorded.png"), full_page=True)
    assert ProgressUpdate.objects.get().reported_at == som
    assert errors == []
