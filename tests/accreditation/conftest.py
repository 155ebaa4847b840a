import datetime as dt

import pytest
from django.utils import timezone

from accreditation.models import AccreditationQuestion, AccreditationRequirements
from tests.api.conftest import accsm21, api_client, make_token, token_client  # noqa: F401  (the API's client fixtures)
from tests.factories import DelegationFactory, MeetingFactory, ParticipantFactory

PASSPORT = "B7654321"


@pytest.fixture
def meeting(db):
    start = timezone.now() + dt.timedelta(days=40)
    meeting = MeetingFactory(title="SOM 24", start=start, end=start + dt.timedelta(days=2))
    AccreditationRequirements.objects.create(
        meeting=meeting, photo=True, nationality=True, passport=True, date_of_birth=True
    )
    return meeting


@pytest.fixture
def question(meeting):
    return AccreditationQuestion.objects.create(
        meeting=meeting, text_en="Attends the dinner?", text_vi="Dự tiệc tối?", kind="yes_no"
    )


@pytest.fixture
def delegate(meeting, viet_nam):
    delegation = DelegationFactory(meeting=meeting, member_state=viet_nam)
    return ParticipantFactory(
        delegation=delegation, full_name="Nguyễn Thị Lan", email="lan@moha.gov.vn", phone="+84 90 111 2222"
    )


@pytest.fixture
def foreign_delegate(meeting, thailand):
    return ParticipantFactory(
        delegation=DelegationFactory(meeting=meeting, member_state=thailand), full_name="Somsak K."
    )


def valid_expiry(meeting) -> dt.date:
    return meeting.end.date() + dt.timedelta(days=400)
