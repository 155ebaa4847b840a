import datetime as dt

import pytest
from django.utils import timezone

from meetings.models import Meeting
from tests.factories import MeetingFactory, PriorityAreaFactory, WorkPlanFactory


@pytest.fixture
def work_plan(db):
    """A plan running today, so that proposals with today's dates fit in it."""
    today = timezone.localdate()
    return WorkPlanFactory(
        title="ACCSM Work Plan 2026–2030",
        title_vi="Kế hoạch công tác ACCSM 2026–2030",
        period_start=dt.date(today.year - 1, 1, 1),
        period_end=dt.date(today.year + 3, 12, 31),
    )


@pytest.fixture
def modernisation(work_plan):
    return PriorityAreaFactory(
        work_plan=work_plan,
        number=5,
        title="Civil service modernisation",
        title_vi="Hiện đại hóa nền công vụ",
    )


@pytest.fixture
def past_som(db):
    """A SOM that has met (decisions are recorded after a SOM meets)."""
    start = timezone.now() - dt.timedelta(days=2)
    return MeetingFactory(
        title="SOM of ACCSM 23",
        kind=Meeting.Kind.SOM,
        start=start,
        end=start + dt.timedelta(hours=8),
        registration_deadline=start - dt.timedelta(days=10),
    )


@pytest.fixture
def coming_som(db):
    return MeetingFactory(title="SOM of ACCSM 24", kind=Meeting.Kind.SOM)
