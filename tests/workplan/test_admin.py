"""The work plan's admin: initiatives are read-only (their services own them); a plan's frame stays editable,
but adoption and succession go through the services."""

import pytest

from tests.admin_pages import admin_url, assert_read_only, form_data
from tests.factories import (
    InitiativeDecisionFactory,
    InitiativeFactory,
    PriorityAreaFactory,
    ProgressUpdateFactory,
    WorkPlanFactory,
)
from workplan.models import WorkPlan

pytestmark = pytest.mark.django_db


def test_initiatives_with_their_decisions_and_progress_are_read_only_in_the_admin(admin_client):
    initiative = InitiativeFactory()
    InitiativeDecisionFactory(initiative=initiative, note="Endorsed by SOM")
    ProgressUpdateFactory(initiative=initiative, text="Half done.")

    assert_read_only(admin_client, initiative)
    page = admin_client.get(admin_url(initiative, "change")).content.decode()
    assert "Endorsed by SOM" in page and "Half done." in page
    assert 'name="progress_updates-0-text"' not in page and 'name="decisions-0-note"' not in page


def test_a_plans_adoption_and_predecessor_are_not_fields_once_it_exists(admin_client):
    draft = WorkPlanFactory(is_draft=True)
    data = form_data(admin_client.get(admin_url(draft, "change")))
    data.update(title_en="ACCSM Work Plan 2021–2025 (revised)", is_draft="")

    assert admin_client.post(admin_url(draft, "change"), data).status_code == 302

    draft.refresh_from_db()
    assert (draft.title, draft.is_draft) == ("ACCSM Work Plan 2021–2025 (revised)", True)  # adopted only by the service
    assert admin_client.get(admin_url(draft, "delete")).status_code == 403


def test_the_first_plan_is_entered_in_the_admin(admin_client):
    data = form_data(admin_client.get(admin_url(WorkPlan(), "add")))
    data.update(title_en="ACCSM Work Plan 2016–2025", period_start="2016-01-01", period_end="2025-12-31")

    assert admin_client.post(admin_url(WorkPlan(), "add"), data).status_code == 302

    assert WorkPlan.objects.get().title == "ACCSM Work Plan 2016–2025"


def test_a_priority_area_keeps_its_plan_and_is_not_deleted_in_the_admin(admin_client):
    area = PriorityAreaFactory(title="Good governance")
    other_plan = WorkPlanFactory(title="Another plan")
    data = form_data(admin_client.get(admin_url(area, "change")))
    data.update(title_en="Good governance and accountability", work_plan=other_plan.pk)

    assert admin_client.post(admin_url(area, "change"), data).status_code == 302

    area.refresh_from_db()
    assert (area.title, area.work_plan_id) == ("Good governance and accountability", area.work_plan_id)
    assert area.work_plan != other_plan
    assert admin_client.get(admin_url(area, "delete")).status_code == 403
