"""The work plan's invariants are held by the database."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from tests.factories import InitiativeFactory, PriorityAreaFactory, ProgressUpdateFactory, WorkPlanFactory

pytestmark = pytest.mark.django_db


def refused(save):
    with pytest.raises(IntegrityError), transaction.atomic():
        save()


@pytest.mark.parametrize("percent", [101, 250])
def test_progress_cannot_pass_100_percent(percent):
    refused(lambda: ProgressUpdateFactory(percent_complete=percent))


def test_progress_cannot_be_negative():
    refused(lambda: ProgressUpdateFactory(percent_complete=-1))


def test_initiative_cannot_end_before_it_starts():
    initiative = InitiativeFactory()
    initiative.planned_end = initiative.planned_start - dt.timedelta(days=1)
    refused(initiative.save)


def test_work_plan_period_cannot_end_before_it_starts():
    plan = WorkPlanFactory()
    plan.period_end = plan.period_start - dt.timedelta(days=1)
    refused(plan.save)


def test_priority_area_numbers_are_unique_within_a_plan():
    area = PriorityAreaFactory(number=5)
    refused(lambda: PriorityAreaFactory(work_plan=area.work_plan, number=5))
