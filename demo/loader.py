"""One demo load: each app's loader in turn, in one transaction.

Every write goes through `demo.base.upsert`, which leaves a row untouched when it already holds the demo's
values: loading twice changes nothing."""

from __future__ import annotations

from django.db import transaction

from . import accounts, documents, history, meetings, workplan
from .base import Demo


@transaction.atomic
def load_demo() -> list[tuple[str, str, str, bool]]:
    """Load the demo; answers the demo logins: (username, password, role, created by this load)."""
    demo = Demo()
    meetings.load_member_states(demo)
    history.load_accsm_20(demo)
    history.load_accsm_21(demo)
    history.load_accsm_22(demo)
    history.load_accsm_23(demo)
    plan = workplan.load_work_plan(demo)
    workplan.load_decisions_and_progress(plan)
    workplan.load_post_2025_draft(plan)
    documents.load_declarations(demo)
    documents.load_declaration_steps(demo)
    accounts.load_accounts(demo)
    return demo.logins
