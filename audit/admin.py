"""The audit trail in the admin: read-only for everyone, superusers included; never added to or deleted."""

from auditlog.admin import LogEntryAdmin as AuditlogLogEntryAdmin
from auditlog.models import LogEntry
from django.contrib import admin

from accounts.roles import is_secretariat
from common.admin import ReadOnlyAdminMixin

admin.site.unregister(LogEntry)


@admin.register(LogEntry)
class LogEntryAdmin(ReadOnlyAdminMixin, AuditlogLogEntryAdmin):
    def has_view_permission(self, request, obj=None):
        return is_secretariat(request.user) or request.user.is_superuser

    def has_module_permission(self, request):
        return self.has_view_permission(request)
