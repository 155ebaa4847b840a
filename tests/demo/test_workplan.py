import pytest
from django.core.management import call_command

from workplan.models import Initiative, InitiativeDecision, ProgressUpdate, WorkPlan

pytestmark = pytest.mark.django_db


def test_demo_holds_the_work_plan_with_progress_decisions_and_the_post_2025_draft():
    call_command("load_demo", stdout=None)
    call_command("load_demo", stdout=None)  # twice: nothing is duplicated

    plan = WorkPlan.objects.get(title_en="ACCSM Work Plan 2021–2025")
    approved = Initiative.objects.filter(priority_area__work_plan=plan, approved_at__isnull=False)
    assert InitiativeDecision.objects.filter(outcome="approved").count() == approved.count() > 0
    psti = Initiative.objects.get(
        priority_area__work_plan=plan, title_en="ASEAN Network of Public Service Training Institutes (PSTI)"
    )
    assert list(psti.progress_updates.values_list("percent_complete", flat=True)) == [85, 70]  # 85: illustrative
    assert ProgressUpdate.objects.count() == 5
    draft = WorkPlan.objects.get(previous=plan)
    assert (draft.is_draft, draft.period_start.year, draft.period_end.year) == (True, 2026, 2030)
    assert list(draft.priority_areas.values_list("number", "title_vi")) == [(5, "Hiện đại hóa nền công vụ")]
    copy = Initiative.objects.get(carried_over_from=psti)
    assert (copy.priority_area.work_plan, copy.status, copy.lead.code) == (draft, "proposed", "VN")
    assert list(copy.co_leads.values_list("code", flat=True)) == ["BN"]
