from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin as BaseTOTPDeviceAdmin
from django_otp.plugins.otp_totp.models import TOTPDevice

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


# django-otp registers an editable admin for the authenticator apps: editing or deleting one there would turn a
# colleague's second factor off with no reason on record. Read-only here; the secretariat resets a second
# factor on the portal's page, with the reason in the audit trail (accounts/two_factor.py, reset_for).
admin.site.unregister(TOTPDevice)


@admin.register(TOTPDevice)
class TOTPDeviceAdmin(ReadOnlyAdminMixin, BaseTOTPDeviceAdmin):
    pass
