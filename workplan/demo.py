"""The work plan's part of the demo data, on top of meetings.demo's Work Plan 2021–2025: the SOM decisions
behind its approvals, progress reported at the meetings the seeds describe, and the post-2025 plan being
drafted (seed 002: "the development of the ACCSM Work Plan for the post-2025 period", SOM 22) with one
unfinished initiative already carried over — the ASEAN Resource Centres are left for the demo
secretariat to carry over on the page.

Idempotent like the rest of the loader: every write goes through meetings.demo.upsert."""

from __future__ import annotations

import datetime as dt

from meetings.demo import upsert

from .models import Initiative, InitiativeDecision, PriorityArea, ProgressUpdate, WorkPlan

PLAN_2021 = "ACCSM Work Plan 2021–2025"
PLAN_POST_2025 = "ACCSM Work Plan 2026–2030 (post-2025)"

# (initiative's English title, date, percent complete, what was reported) — at meetings the seeds describe.
PROGRESS = [
    (
        "ASEAN Resource Centres",
        dt.date(2021, 4, 8),
        30,
        "Implementation of the ASEAN Resource Centres updated at the SOM of ACCSM 21 (video conference).",
    ),
    (
        "ASEAN Resource Centres",
        dt.date(2022, 8, 3),
        55,
        "Resource centres reported on their activities at the SOM in Hanoi, the first in-person meeting in two years.",
    ),
    (
        "ASEAN Network of Public Service Training Institutes (PSTI)",
        dt.date(2024, 8, 5),
        70,
        "Viet Nam, convenor for 2023–2024, reported on the network's activities at SOM 22 and handed the "
        "convenor role to Brunei Darussalam.",
    ),
    (
        "Workshop: Sharing experience on IT application in civil service modernization",
        dt.date(2021, 8, 31),
        100,
        "Workshop held after Meeting 2 of ACCSM 21, open to ACCSM+3.",
    ),
]

CARRIED_OVER = "ASEAN Network of Public Service Training Institutes (PSTI)"


def load_workplan_demo() -> None:
    plan = WorkPlan.objects.filter(title_en=PLAN_2021).first()
    if plan is None:
        return
    initiatives = {i.title_en: i for i in Initiative.objects.filter(priority_area__work_plan=plan)}
    for initiative in initiatives.values():
        if initiative.approved_at_id:
            upsert(
                InitiativeDecision,
                {"initiative": initiative, "meeting_id": initiative.approved_at_id},
                {"outcome": InitiativeDecision.Outcome.APPROVED},
            )
    for title, date, percent, text in PROGRESS:
        if title in initiatives:
            upsert(
                ProgressUpdate,
                {"initiative": initiatives[title], "date": date},
                {"percent_complete": percent, "text": text},
            )
    next_plan, _ = upsert(
        WorkPlan,
        {"title_en": PLAN_POST_2025},
        {
            "title_vi": "Kế hoạch làm việc ACCSM 2026–2030 (sau năm 2025)",
            "period_start": dt.date(2026, 1, 1),
            "period_end": dt.date(2030, 12, 31),
            "previous": plan,
            "is_draft": True,
        },
    )
    areas = {}
    for area in plan.priority_areas.all():
        areas[area.number], _ = upsert(
            PriorityArea,
            {"work_plan": next_plan, "number": area.number},
            {"title_en": area.title_en, "title_vi": area.title_vi},
        )
    original = initiatives.get(CARRIED_OVER)
    if original is not None and original.priority_area.number in areas:
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
                "planned_start": dt.date(2026, 1, 1),
                "planned_end": dt.date(2027, 12, 31),
            },
        )
        wanted = set(original.co_leads.values_list("pk", flat=True))
        if set(copy.co_leads.values_list("pk", flat=True)) != wanted:
            copy.co_leads.set(wanted)
