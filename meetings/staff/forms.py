"""Forms of the secretariat's pages. They check what a form can (field by field, keeping what was typed);
the services check the rules again and their errors are shown beside the field they name."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from django import forms
from django.db import models
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from common.errors import DomainError
from common.forms import VersionedForm, add_domain_error  # noqa: F401  (the views import it from here)

from ..models import AgendaItem, Chairmanship, Meeting, MemberState
from ..services import timetable
from ..services.chairmanship import chair_candidates
from ..services.schedule import MEETING_FIELDS, next_title
from .selectors import conference_weeks

# Time zones of the places ACCSM meets and of its participants, west to east.
TIME_ZONES = (
    "Asia/Yangon",
    "Asia/Bangkok",
    "Asia/Ho_Chi_Minh",
    "Asia/Jakarta",
    "Asia/Phnom_Penh",
    "Asia/Vientiane",
    "Asia/Brunei",
    "Asia/Kuala_Lumpur",
    "Asia/Makassar",
    "Asia/Manila",
    "Asia/Shanghai",
    "Asia/Singapore",
    "Asia/Dili",
    "Asia/Jayapura",
    "Asia/Seoul",
    "Asia/Tokyo",
    "Australia/Sydney",
    "UTC",
)


def utc_offset(zone: str, at: dt.datetime | None = None) -> str:
    offset = (at or timezone.now()).astimezone(zoneinfo.ZoneInfo(zone)).strftime("%z")
    return f"UTC{offset[:3]}:{offset[3:]}"


def time_zone_choices(current: str | None = None) -> list[tuple[str, str]]:
    zones = list(TIME_ZONES)
    if current and current not in zones:
        zones.insert(0, current)
    return [(zone, f"{zone.replace('_', ' ')} ({utc_offset(zone)})") for zone in zones]


class LocalDateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


class VenueTimeFormMixin:
    """Date-time fields are typed and shown in the meeting's venue time zone, not the server's or the browser's.

    The zone is the one chosen in the form's own `time_zone` field (or the meeting's, or a given one).
    """

    local_time_fields: tuple[str, ...] = ()

    def venue_zone(self) -> str:
        chosen = self.data.get(self.add_prefix("time_zone")) if self.is_bound else None
        if chosen in zoneinfo.available_timezones():
            return chosen
        return self.initial_zone

    def _clean_fields(self):
        with timezone.override(zoneinfo.ZoneInfo(self.venue_zone())):
            super()._clean_fields()

    def get_initial_for_field(self, field, field_name):
        value = super().get_initial_for_field(field, field_name)
        if field_name in self.local_time_fields and isinstance(value, dt.datetime) and timezone.is_aware(value):
            value = timezone.make_naive(value, zoneinfo.ZoneInfo(self.initial_zone))
        return value


def _bilingual(form: forms.ModelForm, *names: str) -> None:
    """'Title (English)' and 'Title (Vietnamese)' instead of modeltranslation's 'Title [en]'."""
    for name in names:
        base = form._meta.model._meta.get_field(name).verbose_name
        for language, label in (("en", _("%(field)s (English)")), ("vi", _("%(field)s (Vietnamese)"))):
            field = form.fields.get(f"{name}_{language}")
            if field is not None:
                field.label = label % {"field": capfirst(base)}


def _https_urls(model_field, **kwargs):
    if isinstance(model_field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return model_field.formfield(**kwargs)


class MeetingForm(VenueTimeFormMixin, VersionedForm, forms.ModelForm):
    local_time_fields = ("start", "end", "registration_opens", "registration_deadline")
    sequence = forms.IntegerField(widget=forms.HiddenInput, required=False)
    do_not_notify = forms.BooleanField(
        label=_("Do not notify anyone (a typo fix)"),
        required=False,
        help_text=_("A change of dates, venue, format or online link is otherwise told to everyone listed here."),
    )

    class Meta:
        model = Meeting
        fields = MEETING_FIELDS
        formfield_callback = _https_urls
        widgets = {
            "start": LocalDateTimeInput,
            "end": LocalDateTimeInput,
            "registration_opens": LocalDateTimeInput,
            "registration_deadline": LocalDateTimeInput,
            "description_en": forms.Textarea(attrs={"rows": 4}),
            "description_vi": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        chosen = self.instance.time_zone if self.instance.pk else self.initial.get("time_zone")
        self.initial_zone = chosen or self.instance.time_zone
        self.fields["time_zone"] = forms.ChoiceField(
            label=_("time zone"),
            choices=time_zone_choices(self.initial_zone),
            initial=self.initial_zone,
        )
        self.fields["title_en"].required = True
        self.fields["chairmanship"].queryset = Chairmanship.objects.filter(handed_over_at__isnull=True).select_related(
            "chair"
        )
        self.fields["chairmanship"].empty_label = None
        self.fields["parent"].queryset = conference_weeks().select_related("chairmanship")
        self.fields["host_country"].queryset = MemberState.objects.order_by("name_en")
        for name in self.local_time_fields:
            self.fields[name].widget.attrs["aria-describedby"] = "venue-zone-note"
        _bilingual(self, "title", "theme", "description", "venue", "city")
        self.fields["delegates_allowed"].widget.attrs["min"] = 1
        if self.instance.pk:
            self.fields["sequence"].initial = self.instance.sequence

    def take_version(self, error):
        super().take_version(error)
        if error.current is not None:
            self.data[self.add_prefix("sequence")] = error.current.sequence  # the schedule's own check of the same read

    def clean_delegates_allowed(self):
        # The database refuses 0 too (meeting_delegates_allowed_positive); say it beside the field, in words.
        value = self.cleaned_data["delegates_allowed"]
        if value is not None and value < 1:
            raise forms.ValidationError(_("Allow at least one delegate per delegation."))
        return value


class PostponeForm(VenueTimeFormMixin, forms.Form):
    local_time_fields = ("start", "end", "registration_deadline")
    start = forms.DateTimeField(label=_("new start"), widget=LocalDateTimeInput)
    end = forms.DateTimeField(label=_("new end"), widget=LocalDateTimeInput)
    registration_deadline = forms.DateTimeField(
        label=_("new registration deadline"),
        widget=LocalDateTimeInput,
        required=False,
        help_text=_("Leave empty to keep the current deadline."),
    )
    reason = forms.CharField(label=_("reason"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    sequence = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial_zone = meeting.time_zone
        self.initial.setdefault("sequence", meeting.sequence)
        self.initial.setdefault("start", meeting.start)
        self.initial.setdefault("end", meeting.end)

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("The meeting cannot end before it starts."))
        return data


class RescheduleForm(PostponeForm):
    """The postponed meeting's dates settled: the postponed dates by default, or others."""

    start = forms.DateTimeField(label=_("start"), widget=LocalDateTimeInput)
    end = forms.DateTimeField(label=_("end"), widget=LocalDateTimeInput)


class UnpublishForm(forms.Form):
    reason = forms.CharField(
        label=_("reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Kept in the meeting's history."),
    )
    sequence = forms.IntegerField(widget=forms.HiddenInput)


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("reason for cancellation"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Shown on the meeting page and emailed to everyone registered."),
    )
    sequence = forms.IntegerField(widget=forms.HiddenInput)


class DuplicateForm(VenueTimeFormMixin, forms.Form):
    local_time_fields = ("start",)
    start = forms.DateTimeField(label=_("start of the new meeting"), widget=LocalDateTimeInput)
    chairmanship = forms.ModelChoiceField(
        label=_("chairmanship"), queryset=Chairmanship.objects.none(), empty_label=None
    )

    title_en = forms.CharField(label=_("title of the new meeting (English)"), max_length=300, required=False)
    title_vi = forms.CharField(label=_("title of the new meeting (Vietnamese)"), max_length=300, required=False)

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial_zone = meeting.time_zone
        self.initial.setdefault("title_en", next_title(meeting.title_en, "en"))
        self.initial.setdefault("title_vi", next_title(meeting.title_vi or "", "vi"))
        qs = Chairmanship.objects.filter(handed_over_at__isnull=True).select_related("chair").order_by("-ordinal")
        self.fields["chairmanship"].queryset = qs
        if not meeting.chairmanship.is_history:
            self.initial.setdefault("chairmanship", meeting.chairmanship_id)


class AgendaItemForm(VenueTimeFormMixin, VersionedForm, forms.ModelForm):
    """An agenda item; its start time is typed in the meeting's venue time zone."""

    local_time_fields = ("starts_at",)
    presenters = forms.CharField(
        label=_("presenters"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "One a line: the name, a comma, then the country or the organisation (“Nguyen Duy Thang, Viet Nam”, "
            "“Kim Min-jun, Datastreams”), or only a country."
        ),
    )

    class Meta:
        model = AgendaItem
        fields = (
            "title_en",
            "title_vi",
            "starts_at",
            "duration",
            "session_en",
            "session_vi",
            "room_en",
            "room_vi",
            "outcome_en",
            "outcome_vi",
        )
        widgets = {
            "starts_at": LocalDateTimeInput,
            "outcome_en": forms.Textarea(attrs={"rows": 2}),
            "outcome_vi": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        self.initial_zone = meeting.time_zone
        self.fields["title_en"].required = True
        self.fields["duration"].widget.attrs.update(min=1, max=AgendaItem.MAX_DURATION)
        self.fields["starts_at"].help_text = _("In the venue's time zone, %(zone)s.") % {"zone": meeting.time_zone}
        if self.instance.pk and not self.is_bound:
            self.initial["presenters"] = timetable.presenters_text(timetable.presenters_of(self.instance))
        _bilingual(self, "title", "session", "room", "outcome")

    def clean_presenters(self):
        try:
            return timetable.parse_presenters(self.cleaned_data.get("presenters") or "")
        except DomainError as error:
            raise forms.ValidationError(error.message) from None

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("duration") is not None and not cleaned.get("starts_at"):
            self.add_error("starts_at", _("Give the start time of an item that has a duration."))
        return cleaned


class ChairmanshipForm(forms.ModelForm):
    class Meta:
        model = Chairmanship
        fields = (
            "ordinal",
            "chair",
            "chairing_agency_en",
            "chairing_agency_vi",
            "term_start",
            "term_end",
            "theme_en",
            "theme_vi",
        )
        widgets = {
            "term_start": forms.DateInput(attrs={"type": "date"}),
            "term_end": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chair"].queryset = chair_candidates().order_by("name_en")
        self.fields["chairing_agency_en"].required = True
        _bilingual(self, "chairing_agency", "theme")

    def clean(self):
        # The database refuses it too (chairmanship_term_end_after_start); say it beside the field, in words.
        cleaned = super().clean()
        start, end = cleaned.get("term_start"), cleaned.get("term_end")
        if start and end and end < start:
            self.add_error("term_end", _("The term cannot end before it starts."))
        return cleaned


class HandOverForm(forms.Form):
    successor = forms.ModelChoiceField(label=_("hand over to"), queryset=Chairmanship.objects.none(), empty_label=None)

    def __init__(self, *args, chairmanship: Chairmanship, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["successor"].queryset = Chairmanship.objects.filter(
            ordinal__gt=chairmanship.ordinal, handed_over_at__isnull=True
        ).select_related("chair")
