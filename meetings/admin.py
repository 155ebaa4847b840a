"""The meetings app in the admin. Meetings are written through the schedule services (a change raises the
revision, logs it and reaches the calendars, as from the secretariat's pages); the letter template through
its service; chairmanships, agendas, delegations, participants and focal points are read-only here (the
secretariat's pages own them); member states are reference data and stay editable."""

import zoneinfo

from django import forms
from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from common.admin import ReadOnlyAdminMixin, ReadOnlyInlineMixin, ServiceAdminMixin

from .models import (
    AgendaItem,
    Chairmanship,
    Delegation,
    FocalPoint,
    Meeting,
    MeetingChange,
    MemberState,
    Participant,
)
from .services import schedule


@admin.register(MemberState)
class MemberStateAdmin(TranslationAdmin):
    list_display = ("code", "name", "group")
    list_filter = ("group",)
    search_fields = ("code", "name_en", "name_vi")


@admin.register(Chairmanship)
class ChairmanshipAdmin(ReadOnlyAdminMixin, TranslationAdmin):
    """Opened and handed over on the secretariat's chairmanship pages (a handed-over one is history)."""

    list_display = ("ordinal", "chair", "chairing_agency", "term_start", "term_end", "handed_over_at")
    list_select_related = ("chair",)
    search_fields = ("theme_en", "theme_vi", "chair__name_en")


class AgendaItemInline(ReadOnlyInlineMixin, admin.TabularInline):
    """The agenda is edited on the secretariat's meeting page, where each change raises the meeting's revision."""

    model = AgendaItem
    fields = ("order", "title", "starts_at", "duration", "session", "room", "outcome")


class MeetingAdminForm(forms.ModelForm):
    # The revision the editor loaded: the service refuses the save if someone changed the meeting since.
    loaded_sequence = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["loaded_sequence"].initial = self.instance.sequence


@admin.register(Meeting)
class MeetingAdmin(ServiceAdminMixin, TranslationAdmin):
    """Saved and deleted through the schedule services, as on the secretariat's pages: an edit raises the
    revision, writes the change log and reaches the calendar feeds; a new meeting is a draft; publishing,
    postponing, cancelling and concluding are the pages' steps, so the status is read-only here.

    Times are shown and typed in the meeting's venue time zone, as on the secretariat's pages (the zone
    chosen in the form when it is posted, so changing both at once means what it says)."""

    form = MeetingAdminForm
    list_display = ("title", "kind", "chairmanship", "local_start", "format", "status", "city")
    list_filter = ("chairmanship", "kind", "status", "format", "host_country")
    list_select_related = ("chairmanship__chair",)
    search_fields = ("title_en", "title_vi", "city_en", "city_vi", "venue_en", "venue_vi")
    date_hierarchy = "start"
    autocomplete_fields = ("parent",)
    readonly_fields = ("status", "cancellation_reason", "sequence", "published_at", "created_at", "updated_at")
    inlines = [AgendaItemInline]

    def service_save(self, request, meeting, form, change):
        data = {name: form.cleaned_data[name] for name in schedule.MEETING_FIELDS if name in form.cleaned_data}
        if not change:
            return schedule.meeting_create(actor=request.user, data=data)
        return schedule.meeting_update(
            actor=request.user, meeting=meeting, data=data, sequence=form.cleaned_data.get("loaded_sequence")
        )

    def service_delete(self, request, meeting):
        schedule.meeting_delete(actor=request.user, meeting=meeting)

    @admin.display(description=_("start (venue time)"), ordering="start")
    def local_start(self, meeting: Meeting) -> str:
        from common.moments import shown

        return shown(meeting.start, meeting.end, meeting.time_zone).as_text()

    def add_view(self, request, form_url="", extra_context=None):
        with timezone.override(self._venue_zone(request, None)):
            return _rendered(super().add_view(request, form_url, extra_context))

    def change_view(self, request, object_id, form_url="", extra_context=None):
        with timezone.override(self._venue_zone(request, object_id)):
            return _rendered(super().change_view(request, object_id, form_url, extra_context))

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        for name in ("start", "end", "registration_opens", "registration_deadline"):
            if name in form.base_fields:
                form.base_fields[name].help_text = _("In the venue's time zone (the “time zone” field).")
        return form

    @staticmethod
    def _venue_zone(request, object_id) -> zoneinfo.ZoneInfo:
        chosen = request.POST.get("time_zone") if request.method == "POST" else None
        stored = None
        if object_id and str(object_id).isdigit():
            stored = Meeting.objects.filter(pk=object_id).values_list("time_zone", flat=True).first()
        for name in (chosen, stored, Meeting._meta.get_field("time_zone").default):
            try:
                return zoneinfo.ZoneInfo(name)
            except (TypeError, ValueError, zoneinfo.ZoneInfoNotFoundError):
                continue
        return zoneinfo.ZoneInfo("UTC")


def _rendered(response):
    """The admin answers with a TemplateResponse rendered later: render it now, inside the venue's time zone."""
    if hasattr(response, "render") and not response.is_rendered:
        response.render()
    return response


@admin.register(MeetingChange)
class MeetingChangeAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """The change log: written by the schedule services and the tombstones' signals (meetings/sync.py),
    never by hand."""

    list_display = ("meeting", "object_type", "object_id", "action", "audience", "changed_at", "changed_by")
    list_filter = ("action", "object_type", "audience")
    list_select_related = ("meeting", "changed_by")


class ParticipantInline(ReadOnlyInlineMixin, admin.TabularInline):
    model = Participant
    fields = ("full_name", "honorific", "position", "role", "status", "email", "phone")


@admin.register(Delegation)
class DelegationAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Delegations and their participants change through the registration services (the registration pages)."""

    list_display = ("meeting", "member_state", "extra_places", "updated_at")
    list_filter = ("member_state", "meeting__chairmanship")
    list_select_related = ("meeting", "member_state")
    search_fields = ("meeting__title_en", "member_state__name_en")
    autocomplete_fields = ("meeting",)
    inlines = [ParticipantInline]


@admin.register(Participant)
class ParticipantAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("full_name", "delegation", "role", "status", "email")
    list_filter = ("status", "role", "delegation__member_state")
    list_select_related = ("delegation__meeting", "delegation__member_state")
    search_fields = ("full_name", "email", "organisation")


@admin.register(FocalPoint)
class FocalPointAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Focal points come from accepted invitations and are deactivated on the secretariat's focal point page."""

    list_display = ("user", "member_state", "is_active")
    list_filter = ("member_state", "is_active")
    list_select_related = ("user", "member_state")
    search_fields = ("user__username", "user__email", "user__last_name")
    raw_id_fields = ("user",)
