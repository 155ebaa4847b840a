from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from .models import Document, DocumentVersion


class DocumentVersionInline(admin.TabularInline):
    model = DocumentVersion
    extra = 0
    fields = ("number", "original_name", "size", "checksum", "uploaded_by", "uploaded_at")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Document)
class DocumentAdmin(TranslationAdmin):
    list_display = ("title", "kind", "language", "meeting", "visibility", "status", "updated_at")
    list_filter = ("kind", "status", "visibility", "language", "meeting__chairmanship")
    list_select_related = ("meeting",)
    search_fields = ("title_en", "title_vi")
    raw_id_fields = ("meeting", "agenda_item", "initiative")
    inlines = [DocumentVersionInline]
