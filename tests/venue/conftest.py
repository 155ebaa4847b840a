import pytest

from meetings.models import Participant
from tests.factories import DelegationFactory, MeetingFactory, ParticipantFactory, UserFactory
from venue.models import DoorStaff


@pytest.fixture
def meeting(db):
    return MeetingFactory(title="SOM of ACCSM 23", title_vi="Hội nghị SOM ACCSM 23")


@pytest.fixture
def delegation_vn(meeting, viet_nam):
    return DelegationFactory(meeting=meeting, member_state=viet_nam)


@pytest.fixture
def delegation_th(meeting, thailand):
    return DelegationFactory(meeting=meeting, member_state=thailand)


@pytest.fixture
def thang(delegation_vn):
    return ParticipantFactory(
        delegation=delegation_vn,
        full_name="Nguyễn Duy Thăng",
        honorific="Mr.",
        role=Participant.Role.HEAD,
        status=Participant.Status.CONFIRMED,
    )


@pytest.fixture
def somchai(delegation_th):
    return ParticipantFactory(delegation=delegation_th, full_name="Somchai Jaidee", status=Participant.Status.CONFIRMED)


@pytest.fixture
def door_keeper(meeting):
    user = UserFactory(username="door")
    DoorStaff.objects.create(user=user, meeting=meeting)
    return user
