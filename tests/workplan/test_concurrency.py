"""Two secretariat staff acting at the same moment: the initiative's row lock lets one through."""

import datetime as dt

import pytest

from common.errors import DomainError
from tests.factories import InitiativeFactory, PriorityAreaFactory, WorkPlanFactory
from tests.helpers import run_concurrently
from workplan import services
from workplan.models import Initiative, InitiativeDecision

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_decisions_recorded_at_once_leave_one(on_postgres, secretariat_user, past_som):
    proposal = InitiativeFactory(status=Initiative.Status.PROPOSED)

    def approve():
        return services.initiative_decide(
            actor=secretariat_user, initiative=proposal, meeting=past_som, outcome="approved"
        )

    def return_it():
        return services.initiative_decide(
            actor=secretariat_user, initiative=proposal, meeting=past_som, outcome="returned", note="Clarify."
        )

    results = run_concurrently(approve, return_it)

    # The second waits for the first's row lock, then finds the proposal decided (not a database conflict).
    assert sorted(type(result).__name__ for result in results) == ["DomainError", "InitiativeDecision"]
    refused = next(result for result in results if isinstance(result, DomainError))
    assert str(refused.message) == "This initiative is not a proposal awaiting a decision."
    proposal.refresh_from_db()
    assert proposal.status == InitiativeDecision.objects.get().outcome


def test_carrying_over_twice_at_once_makes_one_copy(on_postgres, secretariat_user):
    old_plan = WorkPlanFactory(title="Old")
    new_plan = WorkPlanFactory(
        title="New", previous=old_plan, period_start=dt.date(2026, 1, 1), period_end=dt.date(2030, 12, 31)
    )
    original = InitiativeFactory(priority_area=PriorityAreaFactory(work_plan=old_plan, number=5), status="ongoing")
    area = PriorityAreaFactory(work_plan=new_plan, number=5)

    def carry():
        return services.initiative_carry_over(actor=secretariat_user, initiative=original, priority_area=area)

    results = run_concurrently(carry, carry)

    assert sorted(type(result).__name__ for result in results) == ["DomainError", "Initiative"]
    assert Initiative.objects.filter(carried_over_from=original).count() == 1
