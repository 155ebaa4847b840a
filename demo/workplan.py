"""The work plan's demo: the Work Plan 2021–2025 with its initiatives, the SOM decisions behind their
approvals, progress reported at the meetings the seeds describe, and the post-2025 plan being drafted with
one unfinished initiative already carried over."""

from __future__ import annotations

import datetime as dt

from workplan.models import Initiative, InitiativeDecision, PriorityArea, ProgressUpdate, WorkPlan

from .base import Demo, upsert
from .data.work_plan import (
    CARRIED_OVER,
    CARRIED_OVER_PLANNED,
    INITIATIVES,
    PLAN_2021,
    PLAN_POST_2025,
    PRIORITY_AREA,
    PROGRESS,
)

PSTI_PROGRESS = -21  # days from the day of loading: the latest report, within the reporting interval (on time)


def set_co_leads(initiative: Initiative, wanted: set[int]) -> None:
    if set(initiative.co_leads.values_list("pk", flat=True)) != wanted:
        initiative.co_leads.set(wanted)


def load_work_plan(demo: Demo) -> WorkPlan:
    lookup = {"title_en": PLAN_2021["title_en"]}
    plan, _ = upsert(WorkPlan, lookup, {k: v for k, v in PLAN_2021.items() if k not in lookup})
    number = PRIORITY_AREA["number"]
    area, _ = upsert(
        PriorityArea,
        {"work_plan": plan, "number": number},
        {k: v for k, v in PRIORITY_AREA.items() if k != "number"},
    )
    for title_en, title_vi, desc_en, desc_vi, lead, co_leads, status, (start, end), approved in INITIATIVES:
        initiative, _ = upsert(
            Initiative,
            {"priority_area": area, "title_en": title_en},
            {
                "title_vi": title_vi,
                "description_en": desc_en,
                "description_vi": desc_vi,
                "lead": demo.states[lead],
                "status": status,
                "planned_start": start,
                "planned_end": end,
                "approved_at": demo.meetings[approved] if approved else None,
            },
        )
        set_co_leads(initiative, {demo.states[code].pk for code in co_leads})
    return plan


def load_decisions_and_progress(plan: WorkPlan) -> None:
    initiatives = {i.title_en: i for i in Initiative.objects.filter(priority_area__work_plan=plan)}
    for initiative in initiatives.values():
        if initiative.approved_at_id:
            upsert(
                InitiativeDecision,
                {"initiative": initiative, "meeting_id": initiative.approved_at_id},
                {"outcome": InitiativeDecision.Outcome.APPROVED},
            )
    for title, date, percent, text in PROGRESS:
        upsert(
            ProgressUpdate,
            {"initiative": initiatives[title], "date": date},
            {"percent_complete": percent, "text": text},
        )


def load_post_2025_draft(plan: WorkPlan) -> WorkPlan:
    lookup = {"title_en": PLAN_POST_2025["title_en"]}
    values = {k: v for k, v in PLAN_POST_2025.items() if k not in lookup}
    next_plan, _ = upsert(WorkPlan, lookup, {**values, "previous": plan, "is_draft": True})
    areas = {}
    for area in plan.priority_areas.all():
        areas[area.number], _ = upsert(
            PriorityArea,
            {"work_plan": next_plan, "number": area.number},
            {"title_en": area.title_en, "title_vi": area.title_vi},
        )
    original = Initiative.objects.get(priority_area__work_plan=plan, title_en=CARRIED_OVER)
    copy, _ = upsert(
        Initiative,
        {"carried_over_from": original},
        {
            "priority_area": areas[original.priority_area.number],
            "title_en": original.title_en,
            "title_vi": original.title_vi,
            "description_en": original.description_en,
            "description_vi": original.description_vi,
            "lead": original.lead,
            "status": Initiative.Status.PROPOSED,
            "planned_start": CARRIED_OVER_PLANNED[0],
            "planned_end": CARRIED_OVER_PLANNED[1],
        },
    )
    set_co_leads(copy, set(original.co_leads.values_list("pk", flat=True)))
    return next_plan


def load_recent_progress(demo: Demo, plan: WorkPlan) -> None:
    """The PSTI network reports on time (within the reporting interval); the ASEAN Resource Centres, silent
    since 2022 and past their planned end, are late."""
    psti = Initiative.objects.get(priority_area__work_plan=plan, title_en=CARRIED_OVER)
    upsert(
        ProgressUpdate,
        {"initiative": psti, "date": demo.today + dt.timedelta(days=PSTI_PROGRESS)},
        {
            "percent_complete": 85,
            "text": "Illustrative: Brunei Darussalam, convenor since SOM 22, reported the network's joint training "
            "programme to the focal points.",
        },
    )
