"""The reminders' demo: the five rules with their defaults, and the outbox planned for the demo's meetings and
initiatives, so that reminders are due as soon as the demo is loaded (beat would plan them within minutes)."""

from __future__ import annotations

from reminders.services.planner import ensure_default_rules, plan_reminders


def load_reminders() -> None:
    ensure_default_rules()
    plan_reminders()
