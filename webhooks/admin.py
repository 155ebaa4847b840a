from django.contrib import admin

from common.admin import ReadOnlyAdminMixin

from .models import Delivery, Subscription


@admin.register(Subscription)
class SubscriptionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-only: subscribing checks the endpoint and shows the secret once (the webhooks' pages)."""

    list_display = ("url", "member_state", "owner", "is_active", "consecutive_failures")
    exclude = ("secret",)


@admin.register(Delivery)
class DeliveryAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("event", "subscription", "state", "attempts", "created_at")
    list_filter = ("state", "event")
