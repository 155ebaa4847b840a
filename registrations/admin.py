from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from common.admin import ServiceAdminMixin
from meetings.models import InvitationLetterTemplate

from .services import letters


@admin.register(InvitationLetterTemplate)
class InvitationLetterTemplateAdmin(ServiceAdminMixin, TranslationAdmin):
    """Saved through the letter template's service, as from the secretariat's letter page; not deleted."""

    list_display = ("chairmanship", "signatory_name", "updated_at")
    list_select_related = ("chairmanship__chair",)

    def get_readonly_fields(self, request, obj=None):
        return ("chairmanship",) if obj else ()

    def has_delete_permission(self, request, obj=None):
        return False

    def service_save(self, request, template, form, change):
        data = {name: value for name, value in form.cleaned_data.items() if name != "chairmanship"}
        chairmanship = template.chairmanship if change else form.cleaned_data["chairmanship"]
        return letters.invitation_letter_template_save(actor=request.user, chairmanship=chairmanship, data=data)
