from django.contrib import admin

from .models import DispatcherLease, MeetingReminderSetting, Reminder, ReminderRule


@admin.register(ReminderRule)
class ReminderRuleAdmin(admin.ModelAdmin):
    list_display = ("kind", "days_before", "interval_days", "send_time", "is_paused", "updated_at")
    readonly_fields = ("kind", "updated_by")


@admin.register(MeetingReminderSetting)
class MeetingReminderSettingAdmin(admin.ModelAdmin):
    list_display = ("meeting", "rule", "days_before", "is_paused")
    list_select_related = ("meeting", "rule")
    raw_id_fields = ("meeting",)


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    """Read-only: the outbox changes only through the planner, the dispatcher and "send now"."""

    list_display = ("rule", "target_key", "recipient_key", "due_at", "state", "reason", "attempts", "sent_at")
    list_filter = ("state", "rule")
    list_select_related = ("rule",)
    search_fields = ("target_key", "recipient_key", "email")
    date_hierarchy = "due_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(DispatcherLease)
class DispatcherLeaseAdmin(admin.ModelAdmin):
    list_display = ("name", "expires_at", "last_started_at", "last_finished_at")

    def has_add_permission(self, request):
        return False
