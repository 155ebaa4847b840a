"""One demo load: each app's loader in turn, in one transaction.

The demo loads into an empty database only (`database_holds_data`); `load_demo --reset` empties it first.
Every write goes through `demo.base.upsert`, which leaves a row untouched when it already holds the demo's
values."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from django.db import transaction
from django.utils import timezone

from documents.models import Document
from meetings.models import Chairmanship, Meeting, MemberState, Participant
from workplan.models import Initiative, WorkPlan

from . import accounts, documents, future, history, meetings, reminders, workplan
from .base import PHNOM_PENH, Demo

# What a portal's own data would be: if any of these holds a row, the demo is not loaded over it. Users
# alone do not count (a superuser made first): the demo creates only the logins that are missing.
CONTENT_MODELS = (MemberState, Chairmanship, Meeting, Participant, WorkPlan, Initiative, Document)


def database_holds_data() -> bool:
    return any(model.objects.exists() for model in CONTENT_MODELS)


def load_day() -> dt.date:
    """The day of loading in Phnom Penh, where the chair of ACCSM 23 sits."""
    return timezone.now().astimezone(zoneinfo.ZoneInfo(PHNOM_PENH)).date()


@transaction.atomic
def load_demo() -> list[tuple[str, str, str, bool]]:
    """Load the demo; answers the demo logins: (username, password, role, created by this load)."""
    demo = Demo(today=load_day())
    meetings.load_member_states(demo)
    history.load_accsm_20(demo)
    history.load_accsm_21(demo)
    history.load_accsm_22(demo)
    accsm23 = history.load_accsm_23(demo, term_end=future.accsm_23_term_end(demo.today))
    future.load_rest_of_accsm_23(demo, accsm23)
    future.load_start_of_accsm_24(demo)
    plan = workplan.load_work_plan(demo)
    workplan.load_decisions_and_progress(plan)
    workplan.load_recent_progress(demo, plan)
    workplan.load_post_2025_draft(plan)
    documents.load_declarations(demo)
    documents.load_declaration_steps(demo)
    documents.load_papers(demo)
    accounts.load_accounts(demo)
    reminders.load_reminders()
    return demo.logins
