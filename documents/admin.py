"""Documents in the admin: read-only. Uploads, new versions, changes, status moves, declaration steps and
deletion go through documents/services.py (the documents pages), which keep the files, the history and the
access rules together."""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from common.admin import ReadOnlyAdminMixin, ReadOnlyInlineMixin

from .models import DeclarationStep, Document, DocumentStatusChange, DocumentVersion


class DocumentVersionInline(ReadOnlyInlineMixin, admin.TabularInline):
    model = DocumentVersion
    fields = ("number", "original_name", "size", "checksum", "uploaded_by", "uploaded_at")


class DocumentStatusChangeInline(ReadOnlyInlineMixin, admin.TabularInline):
    model = DocumentStatusChange
    fields = ("changed_at", "old_status", "new_status", "meeting", "changed_by", "note")


class DeclarationStepInline(ReadOnlyInlineMixin, admin.TabularInline):
    model = DeclarationStep
    fields = ("date", "kind", "meeting", "note", "recorded_by")


@admin.register(Document)
class DocumentAdmin(ReadOnlyAdminMixin, TranslationAdmin):
    list_display = ("title", "kind", "language", "meeting", "visibility", "status", "updated_at")
    list_filter = ("kind", "status", "visibility", "language", "meeting__chairmanship")
    list_select_related = ("meeting",)
    search_fields = ("title_en", "title_vi")
    readonly_fields = ("status", "status_changed_at", "status_changed_by", "created_by")
    inlines = [DocumentVersionInline, DocumentStatusChangeInline, DeclarationStepInline]
