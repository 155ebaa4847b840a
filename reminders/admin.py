"""Reminders in the admin. A rule is saved through `rule_update` (its offsets checked, the outbox planned
again at once), as on the secretariat's reminder pages; a meeting's own settings and the outbox are read-only
here (the reminder pages, the planner, the dispatcher and "send now" change them)."""

from django.contrib import admin

from common.admin import ReadOnlyAdminMixin, ServiceAdminMixin

from .models import MeetingReminderSetting, Reminder, ReminderRule
from .services.management import rule_update


@admin.register(ReminderRule)
class ReminderRuleAdmin(ServiceAdminMixin, admin.ModelAdmin):
    list_display = ("kind", "days_before", "interval_days", "send_time", "is_paused", "updated_at")
    readonly_fields = ("kind", "updated_by")

    def has_add_permission(self, request):
        return False  # one rule per kind, made by the planner

    def has_delete_permission(self, request, obj=None):
        return False

    def service_save(self, request, rule, form, change):
        data = form.cleaned_data
        days_before = data.get("days_before")
        if days_before is not None and not isinstance(days_before, list):
            days_before = [days_before]  # a bare number typed into the JSON field
        return rule_update(
            actor=request.user,
            rule=rule,
            is_paused=data["is_paused"],
            send_time=data["send_time"],
            days_before=days_before,
            interval_days=data.get("interval_days"),
        )


@admin.register(MeetingReminderSetting)
class MeetingReminderSettingAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("meeting", "rule", "days_before", "is_paused")
    list_select_related = ("meeting", "rule")


@admin.register(Reminder)
class ReminderAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """The outbox changes only through the planner, the dispatcher and "send now"."""

    list_display = ("rule", "target_key", "recipient_key", "due_at", "state", "reason", "attempts", "sent_at")
    list_filter = ("state", "rule")
    list_select_related = ("rule",)
    search_fields = ("target_key", "recipient_key", "email")
    date_hierarchy = "due_at"
