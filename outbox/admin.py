"""The outbox in the admin: read-only (the services write it, the dispatcher sends it; the secretariat's
page of failed emails sends one again)."""

from django.contrib import admin

from common.admin import ReadOnlyAdminMixin

from .models import DispatcherLease, OutboxEmail


@admin.register(OutboxEmail)
class OutboxEmailAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("pk", "kind", "to_email", "language", "state", "attempts", "created_at", "sent_at")
    list_filter = ("state", "kind")


@admin.register(DispatcherLease)
class DispatcherLeaseAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("name", "expires_at", "last_started_at", "last_finished_at")
