"""Reminders in the admin: a rule is saved through its service; a meeting's settings and the outbox are
read-only there."""

import pytest

from reminders.models import ReminderRule, RuleKind
from tests.admin_pages import admin_url, assert_read_only, form_data
from tests.factories import MeetingReminderSettingFactory, ReminderFactory, ReminderRuleFactory

pytestmark = pytest.mark.django_db


def test_a_rule_saved_in_the_admin_goes_through_its_service(admin_client, admin_user):
    rule = ReminderRuleFactory(kind=RuleKind.MEETING_APPROACHING, days_before=[7, 1])
    data = form_data(admin_client.get(admin_url(rule, "change")))
    data["days_before"] = "[1, 14, 7, 14]"

    response = admin_client.post(admin_url(rule, "change"), data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    rule.refresh_from_db()
    assert (rule.days_before, rule.updated_by) == ([14, 7, 1], admin_user)  # cleaned by the service


def test_offsets_the_service_refuses_show_beside_the_field_and_change_nothing(admin_client):
    rule = ReminderRuleFactory(kind=RuleKind.MEETING_APPROACHING, days_before=[7, 1])
    data = form_data(admin_client.get(admin_url(rule, "change")))
    data["days_before"] = "[7, 0]"

    response = admin_client.post(admin_url(rule, "change"), data)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "days_before": ["Enter whole numbers of days between 1 and 365, separated by commas."]
    }
    assert ReminderRule.objects.get(pk=rule.pk).days_before == [7, 1]


def test_rules_are_neither_added_nor_deleted_in_the_admin(admin_client):
    rule = ReminderRuleFactory()

    assert admin_client.get(admin_url(rule, "add")).status_code == 403
    assert admin_client.post(admin_url(rule, "delete"), {"post": "yes"}).status_code == 403
    assert ReminderRule.objects.filter(pk=rule.pk).exists()


def test_a_meetings_reminder_settings_are_read_only_in_the_admin(admin_client):
    assert_read_only(admin_client, MeetingReminderSettingFactory())


def test_the_outbox_is_read_only_in_the_admin(admin_client):
    assert_read_only(admin_client, ReminderFactory())
