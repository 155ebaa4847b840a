import datetime as dt
import zoneinfo

import pytest
import time_machine
from django.core import mail

from reminders.models import Reminder
from reminders.services.dispatcher import dispatch_due
from reminders.services.planner import plan_reminders

UTC = dt.UTC
PHNOM_PENH = zoneinfo.ZoneInfo("Asia/Phnom_Penh")
BRUNEI = zoneinfo.ZoneInfo("Asia/Brunei")
HANOI = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


def at(year, month, day, hour=0, minute=0, tz=UTC) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=tz)


@pytest.fixture
def clock():
    """Frozen time that a test moves by hand: clock.set(moment)."""

    class Clock:
        traveller = None

        def set(self, moment: dt.datetime):
            if self.traveller is not None:
                self.traveller.stop()
            self.traveller = time_machine.travel(moment, tick=False)
            self.traveller.start()

        def stop(self):
            if self.traveller is not None:
                self.traveller.stop()

    clock = Clock()
    yield clock
    clock.stop()


@pytest.fixture
def plan_at(clock):
    def _plan_at(moment):
        clock.set(moment)
        return plan_reminders()

    return _plan_at


@pytest.fixture
def dispatch_at(clock):
    """Run the dispatcher at `moment`; return the emails it sent."""

    def _dispatch_at(moment):
        clock.set(moment)
        before = len(mail.outbox)
        dispatch_due()
        return mail.outbox[before:]

    return _dispatch_at


def outbox_rows(**filters):
    return list(
        Reminder.objects.filter(**filters)
        .order_by("due_at", "recipient_key")
        .values_list("recipient_key", "due_at", "state")
    )
