from django.contrib import admin
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from .models import Initiative, PriorityArea, ProgressUpdate, WorkPlan


class PriorityAreaInline(TranslationTabularInline):
    model = PriorityArea
    extra = 0


@admin.register(WorkPlan)
class WorkPlanAdmin(TranslationAdmin):
    list_display = ("title", "period_start", "period_end")
    inlines = [PriorityAreaInline]


@admin.register(PriorityArea)
class PriorityAreaAdmin(TranslationAdmin):
    list_display = ("number", "title", "work_plan")
    list_filter = ("work_plan",)
    search_fields = ("title_en", "title_vi")


class ProgressUpdateInline(admin.TabularInline):
    model = ProgressUpdate
    extra = 0


@admin.register(Initiative)
class InitiativeAdmin(TranslationAdmin):
    list_display = ("title", "priority_area", "lead", "status", "planned_start", "planned_end")
    list_filter = ("status", "priority_area__work_plan", "priority_area", "lead")
    list_select_related = ("priority_area", "lead")
    search_fields = ("title_en", "title_vi")
    filter_horizontal = ("co_leads",)
    inlines = [ProgressUpdateInline]
