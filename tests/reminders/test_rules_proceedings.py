"""What meetings asked for and what is circulated between them, with frozen time: action items before and
after their due date, written procedures before their deadline to the countries that have not answered."""

import datetime as dt

import pytest

from proceedings.models import ActionItem
from proceedings.services import procedures
from reminders.models import Reminder, RuleKind
from tests.factories import (
    ActionItemFactory,
    FocalPointFactory,
    ProcedureCountryFactory,
    SecretariatUserFactory,
    UserFactory,
    WrittenProcedureFactory,
)

from .conftest import HANOI, at, outbox_rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def fp_vn(viet_nam):
    return FocalPointFactory(
        member_state=viet_nam, user=UserFactory(email="fp-vn@example.org", preferred_language="vi")
    ).user


@pytest.fixture
def fp_th(thailand):
    return FocalPointFactory(member_state=thailand, user=UserFactory(email="fp-th@example.org")).user


# --- Action items -----------------------------------------------------------------------------------


def test_an_action_item_is_reminded_to_its_countrys_focal_points_before_and_after_its_due_date(
    viet_nam, fp_vn, fp_th, plan_at, dispatch_at
):
    item = ActionItemFactory(
        owner_member_state=viet_nam,
        description="Circulate the revised Work Plan",
        description_vi="Gửi Kế hoạch công tác sửa đổi",
        due_date=dt.date(2025, 7, 20),
    )
    ActionItemFactory(owner_member_state=viet_nam, due_date=dt.date(2025, 7, 20), status="done")  # never reminded

    plan_at(at(2025, 7, 1))

    before, after = at(2025, 7, 13, 8, tz=HANOI), at(2025, 8, 3, 8, tz=HANOI)  # 7 days before, 14 days after
    assert outbox_rows(rule__kind=RuleKind.ACTION_ITEM_DUE) == [
        (f"user:{fp_vn.pk}", before, "scheduled"),
        (f"user:{fp_vn.pk}", after, "scheduled"),
    ]
    [message] = dispatch_at(before)
    assert message.to == ["fp-vn@example.org"]
    assert message.subject.startswith("Việc cần làm đến hạn ngày 20 tháng 7, 2025")
    assert "Gửi Kế hoạch công tác sửa đổi" in message.body
    assert f"http://127.0.0.1:8000/vi/proceedings/actions/{item.pk}/" in message.body

    [overdue] = dispatch_at(after)
    assert overdue.subject.startswith("Việc cần làm quá hạn từ ngày 20 tháng 7, 2025")


def test_an_action_item_done_before_its_reminder_is_not_reminded(viet_nam, fp_vn, plan_at, dispatch_at):
    item = ActionItemFactory(owner_member_state=viet_nam, due_date=dt.date(2025, 7, 20))
    plan_at(at(2025, 7, 1))
    ActionItem.objects.filter(pk=item.pk).update(status="done")

    assert dispatch_at(at(2025, 7, 13, 8, tz=HANOI)) == []
    assert Reminder.objects.get(due_at=at(2025, 7, 13, 8, tz=HANOI)).state == "cancelled"


def test_the_secretariats_chairs_and_networks_items_are_reminded_to_the_secretariat(fp_vn, plan_at):
    secretariat = SecretariatUserFactory(email="sec@example.org")
    for owner in ("secretariat", "chair", "network"):
        ActionItemFactory(owner_kind=owner, due_date=dt.date(2025, 7, 20))

    plan_at(at(2025, 7, 1))

    assert set(
        Reminder.objects.filter(rule__kind=RuleKind.ACTION_ITEM_DUE).values_list("recipient_key", flat=True)
    ) == {f"user:{secretariat.pk}"}
    assert Reminder.objects.filter(rule__kind=RuleKind.ACTION_ITEM_DUE).count() == 6


# --- Written procedures -----------------------------------------------------------------------------


def test_a_procedure_reminds_only_the_countries_that_have_not_answered_before_its_deadline(
    viet_nam, thailand, fp_vn, fp_th, plan_at, dispatch_at, clock
):
    clock.set(at(2025, 7, 1))
    procedure = WrittenProcedureFactory(title="Draft Declaration", deadline=at(2025, 7, 20, 17, tz=HANOI))
    ProcedureCountryFactory(procedure=procedure, member_state=viet_nam)
    ProcedureCountryFactory(procedure=procedure, member_state=thailand)
    procedures.procedure_answer(actor=fp_vn, procedure=procedure, kind="no_objection")

    plan_at(at(2025, 7, 2))

    three_days, one_day = at(2025, 7, 17, 8, tz=HANOI), at(2025, 7, 19, 8, tz=HANOI)
    assert outbox_rows(rule__kind=RuleKind.PROCEDURE_DEADLINE) == [
        (f"user:{fp_th.pk}", three_days, "scheduled"),
        (f"user:{fp_th.pk}", one_day, "scheduled"),
    ]
    [message] = dispatch_at(three_days)
    assert message.subject == "Your answer is awaited: Draft Declaration"
    assert "Deadline for answers: 20 July 2025, 17:00 (Asia/Ho_Chi_Minh)" in message.body
    assert f"/en/proceedings/procedures/{procedure.pk}/" in message.body

    procedures.procedure_answer(actor=fp_th, procedure=procedure, kind="comments", text="Para 3: add 'digital'.")
    assert dispatch_at(one_day) == []  # Thailand has answered meanwhile


def test_no_procedure_reminder_goes_once_the_deadline_has_passed(thailand, fp_th, plan_at, dispatch_at, clock):
    clock.set(at(2025, 7, 1))
    procedure = WrittenProcedureFactory(deadline=at(2025, 7, 19, 9, tz=HANOI))
    ProcedureCountryFactory(procedure=procedure, member_state=thailand)
    plan_at(at(2025, 7, 2))
    one_day = at(2025, 7, 18, 8, tz=HANOI)
    assert (f"user:{fp_th.pk}", one_day, "scheduled") in outbox_rows(rule__kind=RuleKind.PROCEDURE_DEADLINE)

    assert dispatch_at(at(2025, 7, 19, 10, tz=HANOI)) == []  # the worker was down until after the deadline
    assert Reminder.objects.get(due_at=one_day).state != "sent"
