"""The record of a meeting: summaries, decisions in two languages and action items, written by the secretariat."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from common.errors import DomainError, Forbidden
from meetings.models import Meeting
from proceedings.models import ActionItem, Decision, ItemRecord
from proceedings.services import record
from proceedings.services.record import ActionItemData, DecisionData, NotRecordable
from tests.factories import (
    ActionItemFactory,
    AgendaItemFactory,
    ChairmanshipFactory,
    FocalPointFactory,
    HeldMeetingFactory,
    MeetingFactory,
    MemberStateFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def item():
    meeting = HeldMeetingFactory(start=dt.datetime(2026, 8, 5, 1, 0, tzinfo=dt.UTC))  # 08:00 in Hanoi
    return AgendaItemFactory(meeting=meeting, title="The network of public service training institutes")


def action(**changes) -> ActionItemData:
    data = {
        "description_en": "Circulate the PSTI work plan to the focal points",
        "owner_kind": ActionItem.Owner.NETWORK,
        "owner_network": "PSTI",
        "due_date": dt.date(2026, 9, 30),
    }
    data.update(changes)
    return ActionItemData(**data)


def test_the_secretariat_records_a_summary_decisions_and_an_action_item(item, secretariat_user):
    record.item_summary_save(actor=secretariat_user, agenda_item=item, summary_en="Viet Nam reported.", summary_vi="")
    record.item_summary_save(
        actor=secretariat_user, agenda_item=item, summary_en="Viet Nam reported.", summary_vi="Việt Nam báo cáo."
    )
    first = record.decision_add(
        actor=secretariat_user,
        agenda_item=item,
        data=DecisionData(text_en="The meeting noted the report.", text_vi="Hội nghị ghi nhận báo cáo."),
    )
    second = record.decision_add(
        actor=secretariat_user, agenda_item=item, data=DecisionData(text_en="The meeting thanked Viet Nam.")
    )
    viet_nam = MemberStateFactory(code="VN", name="Viet Nam")
    owned = record.action_item_add(
        actor=secretariat_user,
        agenda_item=item,
        data=action(owner_kind="member_state", owner_member_state=viet_nam, owner_network="ignored"),
    )

    assert ItemRecord.objects.get().summary_vi == "Việt Nam báo cáo."
    assert [(d.order, d.text_en) for d in item.decisions.all()] == [
        (1, "The meeting noted the report."),
        (2, "The meeting thanked Viet Nam."),
    ]
    assert (first.pk, second.pk) == tuple(Decision.objects.values_list("pk", flat=True))
    assert (owned.owner_member_state, owned.owner_network, owned.status) == (viet_nam, "", "open")
    with translation.override("vi"):
        second.refresh_from_db()
        assert (first.text, second.text) == ("Hội nghị ghi nhận báo cáo.", "The meeting thanked Viet Nam.")


@pytest.mark.parametrize(
    ("change", "message", "field"),
    [
        (
            {"owner_kind": ""},
            "Say who is to do it: a member state, the secretariat, the chair or a network.",
            "owner_kind",
        ),
        ({"owner_kind": "member_state"}, "Choose the member state that is to do it.", "owner_member_state"),
        ({"owner_network": " "}, "Name the network that is to do it, such as PSTI.", "owner_network"),
        ({"due_date": None}, "Give the due date.", "due_date"),
        ({"due_date": dt.date(2026, 8, 4)}, "The due date cannot be before the meeting (5 August 2026).", "due_date"),
        ({"description_en": ""}, "Say in English what is to be done.", "description_en"),
    ],
)
def test_an_action_item_without_an_owner_or_due_before_its_meeting_is_refused(
    item, secretariat_user, change, message, field
):
    with pytest.raises(DomainError) as refused:
        record.action_item_add(actor=secretariat_user, agenda_item=item, data=action(**change))
    assert (str(refused.value), refused.value.field) == (message, field)
    assert ActionItem.objects.count() == 0


def test_an_action_item_due_on_the_meetings_first_day_is_accepted(item, secretariat_user):
    saved = record.action_item_add(actor=secretariat_user, agenda_item=item, data=action(due_date=dt.date(2026, 8, 5)))
    assert saved.due_date == dt.date(2026, 8, 5)


def test_a_decision_needs_its_english_wording(item, secretariat_user):
    with pytest.raises(DomainError, match=r"Give the wording of the decision in English."):
        record.decision_add(actor=secretariat_user, agenda_item=item, data=DecisionData(text_en=" ", text_vi="Có"))
    assert Decision.objects.count() == 0


@pytest.mark.parametrize(
    ("meeting", "message"),
    [
        (lambda: MeetingFactory(title="SOM 24"), "SOM 24 has not started yet"),
        (lambda: HeldMeetingFactory(title="SOM 9", status=Meeting.Status.DRAFT), "only a meeting that takes place"),
        (
            lambda: HeldMeetingFactory(status=Meeting.Status.CANCELLED, cancellation_reason="Typhoon"),
            "only a meeting that takes place",
        ),
    ],
)
def test_no_record_for_a_meeting_ahead_a_draft_or_a_cancelled_one(secretariat_user, meeting, message):
    item = AgendaItemFactory(meeting=meeting())
    with pytest.raises(NotRecordable, match=message):
        record.decision_add(actor=secretariat_user, agenda_item=item, data=DecisionData(text_en="Noted."))
    assert record.can_record(secretariat_user, item.meeting) is False


def test_a_handed_over_chairmanships_record_is_read_only(secretariat_user):
    chairmanship = ChairmanshipFactory(handed_over_at=timezone.now())
    item = AgendaItemFactory(meeting=HeldMeetingFactory(chairmanship=chairmanship))
    with pytest.raises(Forbidden, match="read-only history"):
        record.item_summary_save(actor=secretariat_user, agenda_item=item, summary_en="Late")


def test_only_the_secretariat_writes_the_record(item):
    focal_point = FocalPointFactory().user
    with pytest.raises(Forbidden):
        record.decision_add(actor=focal_point, agenda_item=item, data=DecisionData(text_en="Noted."))
    assert record.can_record(focal_point, item.meeting) is False


def test_the_database_refuses_an_action_item_without_its_owner(item):
    with pytest.raises(IntegrityError), transaction.atomic():
        ActionItem.objects.create(
            agenda_item=item, description_en="x", owner_kind="member_state", due_date=dt.date(2026, 9, 1)
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        ActionItem.objects.create(
            agenda_item=item, description_en="x", owner_kind="network", due_date=dt.date(2026, 9, 1)
        )


def test_an_action_item_with_progress_reported_is_dropped_not_deleted(secretariat_user):
    from tests.factories import ProgressReportFactory

    report = ProgressReportFactory()
    with pytest.raises(DomainError, match="mark it dropped instead"):
        record.action_item_delete(actor=secretariat_user, action_item=report.action_item)
    plain = ActionItemFactory()
    record.action_item_delete(actor=secretariat_user, action_item=plain)
    assert list(ActionItem.objects.all()) == [report.action_item]


def test_editing_an_action_item_keeps_the_rules(secretariat_user):
    item = ActionItemFactory(owner_kind="secretariat")
    meeting_day = item.agenda_item.meeting.local_start.date()
    with pytest.raises(DomainError, match="cannot be before the meeting"):
        record.action_item_update(
            actor=secretariat_user,
            action_item=item,
            data=action(owner_kind="chair", owner_network="", due_date=meeting_day - dt.timedelta(days=1)),
        )
    saved = record.action_item_update(
        actor=secretariat_user,
        action_item=item,
        data=action(owner_kind="chair", status="dropped", due_date=meeting_day + dt.timedelta(days=10)),
    )
    assert (saved.owner_kind, saved.owner_network, saved.status) == ("chair", "", "dropped")
