"""The work plan's pages in Vietnamese, with the demo's plans: no English interface text (tests/untranslated.py)."""

import pytest
from django.core.management import call_command

from accounts.models import User
from tests.untranslated import english_left, page_text, untranslated_content
from workplan.models import Initiative, WorkPlan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def english_on(page, paths: list[str], *, also_content: frozenset = frozenset()) -> str:
    content = untranslated_content() | set(also_content)
    report = []
    for path in paths:
        response = page.goto(path)
        assert (response.status, page.locator("html").get_attribute("lang")) == (200, "vi"), path
        left = english_left(page_text(page), content=content)
        if left:
            report.append(f"{path}\n    " + "\n    ".join(left))
    return "\n".join(report)


def test_the_work_plan_pages_are_all_vietnamese(page, sign_in):
    call_command("load_demo", stdout=None)
    plan = WorkPlan.objects.get(title_en="ACCSM Work Plan 2021–2025")
    draft = WorkPlan.objects.get(previous=plan)
    psti = Initiative.objects.get(priority_area__work_plan=plan, title_en__contains="PSTI")
    proposal = Initiative.objects.get(priority_area__work_plan=draft)

    sign_in(User.objects.get(username="secretariat"))
    secretariat_pages = [
        f"/vi/workplan/{plan.pk}/",
        f"/vi/workplan/{plan.pk}/timeline/",
        f"/vi/workplan/{plan.pk}/summary/",
        f"/vi/workplan/{plan.pk}/proposals/",
        f"/vi/workplan/{plan.pk}/attention/",
        f"/vi/workplan/{draft.pk}/carry-over/",
        f"/vi/workplan/initiatives/{psti.pk}/",
        f"/vi/workplan/initiatives/{proposal.pk}/agenda/",
        f"/vi/workplan/initiatives/{proposal.pk}/decision/",
    ]
    assert english_on(page, secretariat_pages) == ""

    sign_in(User.objects.get(username="fp-vn"))
    focal_point_pages = [
        f"/vi/workplan/{draft.pk}/",
        f"/vi/workplan/{draft.pk}/propose/",
        f"/vi/workplan/initiatives/{proposal.pk}/edit/",
        f"/vi/workplan/initiatives/{psti.pk}/progress/",
    ]
    # The proposal's form shows its English title and description in their own (English) fields.
    english_fields = frozenset({proposal.title_en, proposal.description_en})
    assert english_on(page, focal_point_pages, also_content=english_fields) == ""
