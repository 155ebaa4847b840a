from django.contrib import admin
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline, TranslationTabularInline

from .models import (
    AgendaItem,
    Chairmanship,
    Delegation,
    FocalPoint,
    InvitationLetterTemplate,
    Meeting,
    MeetingChange,
    MemberState,
    Participant,
)


@admin.register(MemberState)
class MemberStateAdmin(TranslationAdmin):
    list_display = ("code", "name", "group")
    list_filter = ("group",)
    search_fields = ("code", "name_en", "name_vi")


@admin.register(Chairmanship)
class ChairmanshipAdmin(TranslationAdmin):
    list_display = ("ordinal", "chair", "chairing_agency", "term_start", "term_end", "handed_over_at")
    list_select_related = ("chair",)
    search_fields = ("theme_en", "theme_vi", "chair__name_en")


class AgendaItemInline(TranslationTabularInline):
    model = AgendaItem
    extra = 0
    fields = ("order", "title", "presenter", "starts_at", "outcome")


class ChildMeetingInline(TranslationStackedInline):
    model = Meeting
    fk_name = "parent"
    extra = 0
    fields = ("title", "kind", "start", "end", "status")
    show_change_link = True


@admin.register(Meeting)
class MeetingAdmin(TranslationAdmin):
    list_display = ("title", "kind", "chairmanship", "start", "format", "status", "city")
    list_filter = ("chairmanship", "kind", "status", "format", "host_country")
    list_select_related = ("chairmanship__chair",)
    search_fields = ("title_en", "title_vi", "city_en", "city_vi", "venue_en", "venue_vi")
    date_hierarchy = "start"
    autocomplete_fields = ("parent",)
    readonly_fields = ("sequence", "published_at", "created_at", "updated_at")
    inlines = [AgendaItemInline]


@admin.register(MeetingChange)
class MeetingChangeAdmin(admin.ModelAdmin):
    list_display = ("meeting", "action", "changed_at", "changed_by")
    list_filter = ("action",)
    list_select_related = ("meeting", "changed_by")

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ParticipantInline(admin.TabularInline):
    model = Participant
    extra = 0
    fields = ("full_name", "honorific", "position", "role", "status", "email", "phone")


@admin.register(Delegation)
class DelegationAdmin(admin.ModelAdmin):
    list_display = ("meeting", "member_state", "extra_places", "updated_at")
    list_filter = ("member_state", "meeting__chairmanship")
    list_select_related = ("meeting", "member_state")
    search_fields = ("meeting__title_en", "member_state__name_en")
    autocomplete_fields = ("meeting",)
    inlines = [ParticipantInline]


@admin.register(Participant)
class ParticipantAdmin(admin.ModelAdmin):
    list_display = ("full_name", "delegation", "role", "status", "email")
    list_filter = ("status", "role", "delegation__member_state")
    list_select_related = ("delegation__meeting", "delegation__member_state")
    search_fields = ("full_name", "email", "organisation")


@admin.register(FocalPoint)
class FocalPointAdmin(admin.ModelAdmin):
    list_display = ("user", "member_state", "is_active")
    list_filter = ("member_state", "is_active")
    list_select_related = ("user", "member_state")
    search_fields = ("user__username", "user__email", "user__last_name")
    raw_id_fields = ("user",)


@admin.register(InvitationLetterTemplate)
class InvitationLetterTemplateAdmin(TranslationAdmin):
    list_display = ("chairmanship", "signatory_name", "updated_at")
    list_select_related = ("chairmanship__chair",)
