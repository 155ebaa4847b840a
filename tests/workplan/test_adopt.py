"""The secretariat records that the ACCSM adopted a plan being drafted: from then on, everyone sees it."""

import datetime as dt

import pytest
from auditlog.models import LogEntry

from tests.factories import InitiativeFactory, PriorityAreaFactory, WorkPlanFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft_plan(work_plan, viet_nam):
    plan = WorkPlanFactory(
        title="ACCSM Work Plan 2026–2030",
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2030, 12, 31),
        previous=work_plan,
        is_draft=True,
    )
    InitiativeFactory(
        priority_area=PriorityAreaFactory(work_plan=plan, number=5), title="PSTI network", lead=viet_nam,
        status="approved",
    )  # fmt: skip
    return plan


def test_adopting_a_draft_plan_makes_it_public(client, secretariat_user, draft_plan):
    assert client.get(f"/en/workplan/{draft_plan.pk}/").status_code == 404

    client.force_login(secretariat_user)
    assert "Record its adoption" in client.get(f"/en/workplan/{draft_plan.pk}/").content.decode()
    response = client.post(f"/en/workplan/{draft_plan.pk}/adopt/", {"adopted_at": "23rd ACCSM, Phnom Penh"})

    assert response.status_code == 302 and response.url == f"/en/workplan/{draft_plan.pk}/"
    draft_plan.refresh_from_db()
    assert not draft_plan.is_draft
    entry = LogEntry.objects.get_for_object(draft_plan).order_by("-timestamp").first()
    assert entry.actor == secretariat_user and "23rd ACCSM, Phnom Penh" in str(entry.additional_data)
    page = client.get(response.url).content.decode()
    assert "ACCSM Work Plan 2026–2030 is adopted and now public." in page
    assert "Record its adoption" not in page

    client.logout()
    public = client.get(f"/en/workplan/{draft_plan.pk}/").content.decode()
    assert "PSTI network" in public


def test_where_it_was_adopted_is_required_and_nothing_changes_without_it(client, secretariat_user, draft_plan):
    client.force_login(secretariat_user)

    response = client.post(f"/en/workplan/{draft_plan.pk}/adopt/", {"adopted_at": "  "})

    assert response.status_code == 200 and response.context["form"].errors["adopted_at"]
    draft_plan.refresh_from_db()
    assert draft_plan.is_draft


def test_an_adopted_plan_is_not_adopted_again(client, secretariat_user, work_plan):
    client.force_login(secretariat_user)

    response = client.post(f"/en/workplan/{work_plan.pk}/adopt/", {"adopted_at": "Again"}, follow=True)

    assert f"{work_plan.title} has already been adopted." in response.content.decode()
    assert not LogEntry.objects.get_for_object(work_plan).filter(additional_data__reason="Again").exists()


def test_focal_points_cannot_adopt_a_plan(client, focal_point_vn, draft_plan):
    client.force_login(focal_point_vn)

    assert client.post(f"/en/workplan/{draft_plan.pk}/adopt/", {"adopted_at": "x"}).status_code == 403
    draft_plan.refresh_from_db()
    assert draft_plan.is_draft


def test_the_adoption_page_in_vietnamese(client, secretariat_user, draft_plan):
    client.force_login(secretariat_user)

    page = client.get(f"/vi/workplan/{draft_plan.pk}/adopt/").content.decode()

    assert "Ghi nhận việc thông qua kế hoạch" in page and "Thông qua tại" in page
