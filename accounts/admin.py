from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from common.admin import ReadOnlyAdminMixin

from .models import FocalPointInvitation, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = (*BaseUserAdmin.fieldsets, (_("Portal"), {"fields": ("preferred_language", "time_zone")}))
    list_display = ("username", "email", "first_name", "last_name", "preferred_language", "is_active", "is_staff")
    list_filter = (*BaseUserAdmin.list_filter, "preferred_language")


@admin.register(FocalPointInvitation)
class FocalPointInvitationAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-only: invitations are sent, resent and revoked from the secretariat's focal point page."""

    list_display = ("email", "member_state", "created_at", "expires_at", "accepted_at", "revoked_at")
    list_filter = ("member_state",)
    list_select_related = ("member_state",)
    search_fields = ("email", "last_name")
    exclude = ("token_hash",)
