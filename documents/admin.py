from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from .models import DeclarationStep, Document, DocumentStatusChange, DocumentVersion


class DocumentVersionInline(admin.TabularInline):
    model = DocumentVersion
    extra = 0
    fields = ("number", "original_name", "size", "checksum", "uploaded_by", "uploaded_at")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class ReadOnlyInline(admin.TabularInline):
    """History written by the services (documents/services.py); the admin shows it, never edits it."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class DocumentStatusChangeInline(ReadOnlyInline):
    model = DocumentStatusChange
    fields = ("changed_at", "old_status", "new_status", "meeting", "changed_by", "note")
    readonly_fields = fields


class DeclarationStepInline(ReadOnlyInline):
    model = DeclarationStep
    fields = ("date", "kind", "meeting", "note", "recorded_by")
    readonly_fields = fields


@admin.register(Document)
class DocumentAdmin(TranslationAdmin):
    list_display = ("title", "kind", "language", "meeting", "visibility", "status", "updated_at")
    list_filter = ("kind", "status", "visibility", "language", "meeting__chairmanship")
    list_select_related = ("meeting",)
    search_fields = ("title_en", "title_vi")
    raw_id_fields = ("meeting", "agenda_item", "initiative")
    readonly_fields = ("status", "status_changed_at", "status_changed_by", "created_by")
    inlines = [DocumentVersionInline, DocumentStatusChangeInline, DeclarationStepInline]
