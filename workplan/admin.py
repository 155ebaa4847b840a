"""The work plan in the admin. Initiatives, their decisions and progress are read-only here: proposing,
revising, deciding, reporting progress and carrying over go through the work plan's services (its pages).
A plan and its priority areas are the plan's frame, entered here for the first plan: their texts and dates
stay editable, but adoption and succession are the services' (`work_plan_adopt`, `work_plan_start_next`)."""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from common.admin import ReadOnlyAdminMixin, ReadOnlyInlineMixin

from .models import Initiative, InitiativeDecision, PriorityArea, ProgressUpdate, WorkPlan


class PriorityAreaInline(TranslationTabularInline):
    model = PriorityArea
    extra = 0
    can_delete = False


@admin.register(WorkPlan)
class WorkPlanAdmin(TranslationAdmin):
    list_display = ("title", "period_start", "period_end", "is_draft")
    inlines = [PriorityAreaInline]

    def get_readonly_fields(self, request, obj=None):
        # Once saved, a plan is adopted and followed by the next one only through the services.
        return ("previous", "is_draft") if obj else ()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(PriorityArea)
class PriorityAreaAdmin(TranslationAdmin):
    list_display = ("number", "title", "work_plan")
    list_filter = ("work_plan",)
    search_fields = ("title_en", "title_vi")

    def get_readonly_fields(self, request, obj=None):
        return ("work_plan",) if obj else ()

    def has_delete_permission(self, request, obj=None):
        return False


class ProgressUpdateInline(ReadOnlyInlineMixin, admin.TabularInline):
    model = ProgressUpdate
    fields = ("date", "author", "text", "percent_complete", "documents")


class InitiativeDecisionInline(ReadOnlyInlineMixin, admin.TabularInline):
    model = InitiativeDecision
    fields = ("meeting", "outcome", "note", "recorded_by", "created_at")


@admin.register(Initiative)
class InitiativeAdmin(ReadOnlyAdminMixin, TranslationAdmin):
    list_display = ("title", "priority_area", "lead", "status", "planned_start", "planned_end")
    list_filter = ("status", "priority_area__work_plan", "priority_area", "lead")
    list_select_related = ("priority_area", "lead")
    search_fields = ("title_en", "title_vi")
    inlines = [InitiativeDecisionInline, ProgressUpdateInline]
