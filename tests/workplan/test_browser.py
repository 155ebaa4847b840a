import datetime as dt

import pytest
from django.utils import timezone

from meetings.models import Meeting
from tests.factories import MeetingFactory
from workplan.models import Initiative

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_proposal_approved_at_a_som_then_reported_on_shows_in_the_timeline(
    page, sign_in, focal_point_vn, secretariat_user, thailand, work_plan, modernisation
):
    started = timezone.now() - dt.timedelta(hours=1)
    MeetingFactory(
        title="SOM of ACCSM 23",
        kind=Meeting.Kind.SOM,
        start=started,
        end=started + dt.timedelta(hours=8),
        registration_deadline=started - dt.timedelta(days=10),
    )
    today = timezone.localdate()

    # A focal point of Viet Nam proposes an initiative.
    sign_in(focal_point_vn)
    page.goto(f"/en/workplan/{work_plan.pk}/")
    page.get_by_role("link", name="Propose an initiative").click()
    page.get_by_label("Title (English)").fill("ASEAN Resource Centre on digital government")
    page.get_by_label("Title (Vietnamese)").fill("Trung tâm nguồn lực ASEAN về chính phủ số")
    page.get_by_label("Description (English)").fill("Shares practice between civil service agencies.")
    page.get_by_label("Priority area").select_option(label="5. Civil service modernisation")
    page.get_by_label("Planned start").fill(today.isoformat())
    page.get_by_label("Planned end").fill((today + dt.timedelta(days=400)).isoformat())
    page.get_by_label("Thailand").check()
    page.get_by_role("button", name="Send the proposal").click()
    assert page.locator("h1").inner_text() == "ASEAN Resource Centre on digital government"
    assert page.locator(".badge-proposed").inner_text() == "Proposed"

    # The secretariat puts it on the SOM's agenda and records the SOM's approval.
    sign_in(secretariat_user)
    page.goto(f"/en/workplan/{work_plan.pk}/proposals/")
    page.get_by_role("link", name="Put on a SOM's agenda").click()
    page.get_by_label("Senior Officials Meeting (SOM)").select_option(index=1)
    page.get_by_role("button", name="Put on the agenda").click()
    assert "The proposal is on the agenda of SOM of ACCSM 23." in page.locator(".messages").inner_text()
    page.get_by_role("link", name="Record the SOM's decision").click()
    page.get_by_label("Approved").check()
    page.get_by_role("button", name="Record the decision").click()
    assert page.locator(".badge-approved").first.inner_text() == "Approved"
    assert "SOM of ACCSM 23" in page.locator("dl.facts").inner_text()

    # The lead country's focal point reports progress.
    sign_in(focal_point_vn)
    page.reload()
    page.get_by_role("link", name="Report progress").click()
    page.get_by_label("Percent complete").fill("40")
    page.get_by_label("What has been done").fill("Terms of reference agreed.")
    page.get_by_role("button", name="Post the update").click()
    assert "Terms of reference agreed." in page.locator(".progress-updates").inner_text()

    # The timeline shows the initiative's bar, filled to 40 percent.
    page.goto(f"/en/workplan/{work_plan.pk}/timeline/")
    initiative = Initiative.objects.get()
    bar = page.locator(f'svg.timeline a[href="/en/workplan/initiatives/{initiative.pk}/"]')
    name = page.locator(f'.tl-names a[href="/en/workplan/initiatives/{initiative.pk}/"]')
    assert "ASEAN Resource Centre on digital" in name.text_content()
    assert bar.get_attribute("data-status") == "ongoing"
    assert "40%" in bar.text_content()
    full = float(bar.locator("rect.tl-bar").get_attribute("width"))
    done = float(bar.locator("rect.tl-done").get_attribute("width"))
    assert done == pytest.approx(full * 0.4, abs=0.2)


def test_bad_percent_is_refused_beside_the_field_in_vietnamese(page, sign_in, focal_point_vn, viet_nam, modernisation):
    initiative = Initiative.objects.create(
        priority_area=modernisation, title_en="PSTI network", lead=viet_nam, status=Initiative.Status.ONGOING
    )
    sign_in(focal_point_vn)

    page.goto(f"/vi/workplan/initiatives/{initiative.pk}/progress/")
    page.get_by_label("Phần trăm hoàn thành").fill("150")
    page.get_by_label("Những việc đã thực hiện").fill("Đã tổ chức hai hội thảo.")
    page.get_by_role("button", name="Đăng báo cáo").click()
    page.locator(".field-error").first.wait_for()  # the answer to the post, not the form it was sent from

    assert page.locator(".field-error").all_inner_texts() == ["Phần trăm hoàn thành phải từ 0 đến 100."]
    assert page.get_by_label("Những việc đã thực hiện").input_value() == "Đã tổ chức hai hội thảo."
