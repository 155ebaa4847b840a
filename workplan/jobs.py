"""The Work Plan's PDF as an export job (exportjobs/) once the plan has many initiatives; the filters the page
had are kept with the job."""

from __future__ import annotations

from django.http import QueryDict
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from common.exports import Export
from exportjobs.kinds import JobKind, Progress, register

from . import exports, selectors


def _build(actor, params: dict, progress: Progress) -> Export:
    from .views import plan_and_initiatives

    work_plan, _form, _filters, initiatives, groups = plan_and_initiatives(
        actor, params["plan"], QueryDict(params.get("query", ""))
    )
    progress(len(initiatives) // 5, len(initiatives))  # read; the drawing is the rest
    return exports.work_plan_export("pdf", work_plan=work_plan, groups=groups)


def _check(actor, params: dict):
    selectors.work_plan_for_page(actor=actor, pk=params["plan"])
    return  # the plan is not personal data


def _back(params: dict) -> str:
    query = params.get("query", "")
    return reverse("workplan:plan", args=[params["plan"]]) + (f"?{query}" if query else "")


register(
    JobKind(
        name="work_plan_pdf",
        label=_("The Work Plan (PDF)"),
        build=_build,
        check=_check,
        back_url=_back,
        background_from=300,
        email_from=1500,
    )
)
