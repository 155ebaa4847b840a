from django.contrib import admin
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from .models import Initiative, InitiativeDecision, PriorityArea, ProgressUpdate, WorkPlan


class PriorityAreaInline(TranslationTabularInline):
    model = PriorityArea
    extra = 0


@admin.register(WorkPlan)
class WorkPlanAdmin(TranslationAdmin):
    list_display = ("title", "period_start", "period_end", "is_draft")
    inlines = [PriorityAreaInline]


@admin.register(PriorityArea)
class PriorityAreaAdmin(TranslationAdmin):
    list_display = ("number", "title", "work_plan")
    list_filter = ("work_plan",)
    search_fields = ("title_en", "title_vi")


class ProgressUpdateInline(admin.TabularInline):
    model = ProgressUpdate
    extra = 0
    raw_id_fields = ("author",)
    filter_horizontal = ("documents",)


class InitiativeDecisionInline(admin.TabularInline):
    """Decisions are recorded through the portal's service (which also writes the agenda); shown here read-only."""

    model = InitiativeDecision
    extra = 0
    fields = ("meeting", "outcome", "note", "recorded_by", "created_at")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Initiative)
class InitiativeAdmin(TranslationAdmin):
    list_display = ("title", "priority_area", "lead", "status", "planned_start", "planned_end")
    list_filter = ("status", "priority_area__work_plan", "priority_area", "lead")
    list_select_related = ("priority_area", "lead")
    search_fields = ("title_en", "title_vi")
    filter_horizontal = ("co_leads",)
    raw_id_fields = ("approved_at", "agenda_item", "carried_over_from", "proposed_by")
    inlines = [InitiativeDecisionInline, ProgressUpdateInline]
