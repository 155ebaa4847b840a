import datetime as dt
import re
import zoneinfo
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from common.models import ChoiceLabelsMixin, TimeStampedModel
from common.validators import within_years


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(
            _("“%(value)s” is not a time zone name such as Asia/Ho_Chi_Minh."), params={"value": value}
        )


class MemberState(TimeStampedModel):
    if TYPE_CHECKING:  # the columns modeltranslation adds (translation.py), for the type checker
        name_en: str
        name_vi: str | None

    class Group(models.TextChoices):
        ASEAN = "asean", _("ASEAN member state")
        PLUS_THREE = "plus_three", _("Plus Three")
        OBSERVER = "observer", _("Observer")
        SECRETARIAT = "secretariat", _("ASEAN Secretariat")
        DIALOGUE_PARTNER = "dialogue_partner", _("Dialogue partner")

    # The time zone of each country's capital (ASEC: Jakarta): where its chairmanship's meetings usually are.
    CAPITAL_TIME_ZONES = {
        "BN": "Asia/Brunei",
        "KH": "Asia/Phnom_Penh",
        "ID": "Asia/Jakarta",
        "LA": "Asia/Vientiane",
        "MY": "Asia/Kuala_Lumpur",
        "MM": "Asia/Yangon",
        "PH": "Asia/Manila",
        "SG": "Asia/Singapore",
        "TH": "Asia/Bangkok",
        "VN": "Asia/Ho_Chi_Minh",
        "TL": "Asia/Dili",
        "CN": "Asia/Shanghai",
        "JP": "Asia/Tokyo",
        "KR": "Asia/Seoul",
        "ASEC": "Asia/Jakarta",
        "AU": "Australia/Sydney",
    }

    code = models.CharField(_("code"), max_length=8, unique=True, help_text=_("ISO 3166 alpha-2, or ASEC."))
    name = models.CharField(_("name"), max_length=100)
    group = models.CharField(_("group"), max_length=20, choices=Group.choices, db_index=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("member state")
        verbose_name_plural = _("member states")

    @property
    def capital_time_zone(self) -> str | None:
        return self.CAPITAL_TIME_ZONES.get(self.code)

    def __str__(self):
        return self.name


class Chairmanship(TimeStampedModel):
    if TYPE_CHECKING:  # the columns modeltranslation adds (translation.py), for the type checker
        theme_en: str
        theme_vi: str | None
        chairing_agency_en: str
        chairing_agency_vi: str | None
    ordinal = models.PositiveSmallIntegerField(_("ACCSM number"), unique=True, help_text=_("21 for ACCSM 21."))
    chair = models.ForeignKey(MemberState, models.PROTECT, related_name="chairmanships", verbose_name=_("chair"))
    chairing_agency = models.CharField(_("chairing agency"), max_length=200)
    term_start = models.DateField(_("term start"), validators=[within_years])
    term_end = models.DateField(_("term end"), validators=[within_years])
    theme = models.CharField(_("theme"), max_length=300, blank=True)
    handed_over_at = models.DateTimeField(
        _("handed over"), null=True, blank=True, help_text=_("Once handed over, its meetings are read-only history.")
    )

    class Meta:
        ordering = ["-ordinal"]
        verbose_name = _("chairmanship")
        verbose_name_plural = _("chairmanships")
        constraints = [
            models.CheckConstraint(
                condition=Q(term_end__gte=F("term_start")), name="chairmanship_term_end_after_start"
            ),
        ]

    def __str__(self):
        return f"ACCSM {self.ordinal} ({self.chair})"

    @property
    def is_history(self) -> bool:
        return self.handed_over_at is not None


class MeetingQuerySet(models.QuerySet):
    def published(self):
        """What the public schedule shows: everything announced, including what was later postponed or cancelled
        (not drafts, nor meetings taken back off the schedule: Meeting.NOT_PUBLIC_STATUSES)."""
        return self.exclude(status__in=Meeting.NOT_PUBLIC_STATUSES)

    def invited(self, member_state: MemberState):
        return self.filter(**{Meeting.INVITE_FIELDS[member_state.group]: True})

    def announced(self):
        """Announced and still ahead (or under way): published, or postponed to new dates (Meeting.ANNOUNCED_STATUSES)."""
        return self.filter(status__in=Meeting.ANNOUNCED_STATUSES)


class Meeting(TimeStampedModel):
    if TYPE_CHECKING:  # the columns modeltranslation adds (translation.py), for the type checker
        title_en: str
        title_vi: str | None
        theme_en: str
        theme_vi: str | None
        description_en: str
        description_vi: str | None
        venue_en: str
        venue_vi: str | None
        city_en: str
        city_vi: str | None

    class Kind(models.TextChoices):
        PREPARATORY = "preparatory", _("Preparatory meeting")
        SOM = "som", _("Senior Officials Meeting (SOM)")
        SOM_PLUS_THREE = "som_plus_three", _("SOM+3")
        HCS = "hcs", _("Heads of Civil Service meeting")
        HCS_PLUS_THREE = "hcs_plus_three", _("HCS+3")
        FORUM = "forum", _("Forum")
        WORKSHOP = "workshop", _("Workshop")
        FOCAL_POINTS = "focal_points", _("Focal points meeting")
        NON_OFFICIAL = "non_official", _("Non-official discussion")
        TRAINING = "training", _("Training workshop")
        CONFERENCE_WEEK = "conference_week", _("Conference week")

    class Format(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        VIRTUAL = "virtual", _("Video conference")
        HYBRID = "hybrid", _("Hybrid")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        UNPUBLISHED = "unpublished", _("Unpublished")
        POSTPONED = "postponed", _("Postponed")
        CANCELLED = "cancelled", _("Cancelled")
        CONCLUDED = "concluded", _("Concluded")

    # Announced and still ahead (or under way): what can be postponed, cancelled, concluded or registered for.
    ANNOUNCED_STATUSES = (Status.PUBLISHED, Status.POSTPONED)
    # Not yet over: drafts, unpublished and announced meetings.
    UPCOMING_STATUSES = (Status.DRAFT, Status.UNPUBLISHED, *ANNOUNCED_STATUSES)
    # Never shown outside the secretariat: a draft, and a published meeting taken back off the schedule.
    NOT_PUBLIC_STATUSES = (Status.DRAFT, Status.UNPUBLISHED)
    # Over, one way or the other: what a hand-over of the chairmanship leaves behind.
    FINISHED_STATUSES = (Status.CONCLUDED, Status.CANCELLED)

    # Which member-state group each "invites_…" flag lets in.
    INVITE_FIELDS = {
        MemberState.Group.ASEAN: "invites_asean",
        MemberState.Group.PLUS_THREE: "invites_plus_three",
        MemberState.Group.OBSERVER: "invites_observers",
        MemberState.Group.SECRETARIAT: "invites_secretariat",
        MemberState.Group.DIALOGUE_PARTNER: "invites_dialogue_partners",
    }

    chairmanship = models.ForeignKey(
        Chairmanship, models.PROTECT, related_name="meetings", verbose_name=_("chairmanship")
    )
    parent = models.ForeignKey(
        "self",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("part of"),
        help_text=_("The conference week this meeting belongs to."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, db_index=True)
    title = models.CharField(_("title"), max_length=300)
    theme = models.CharField(_("theme"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    start = models.DateTimeField(_("start"), db_index=True, validators=[within_years])
    end = models.DateTimeField(_("end"), validators=[within_years])
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default="Asia/Ho_Chi_Minh",
        validators=[validate_time_zone],
        help_text=_("The venue's time zone (a reference time zone for a video conference)."),
    )
    format = models.CharField(_("format"), max_length=10, choices=Format.choices, default=Format.IN_PERSON)
    venue = models.CharField(_("venue"), max_length=300, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    host_country = models.ForeignKey(
        MemberState,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="hosted_meetings",
        verbose_name=_("host country"),
    )
    online_link = models.URLField(
        _("online link"), blank=True, help_text=_("Shown only to invited delegations, never publicly.")
    )
    invites_asean = models.BooleanField(_("invites ASEAN member states"), default=True)
    invites_plus_three = models.BooleanField(_("invites the Plus Three"), default=False)
    invites_observers = models.BooleanField(_("invites observers"), default=False)
    invites_secretariat = models.BooleanField(_("invites the ASEAN Secretariat"), default=True)
    invites_dialogue_partners = models.BooleanField(_("invites dialogue partners"), default=False)
    registration_opens = models.DateTimeField(_("registration opens"), null=True, blank=True, validators=[within_years])
    registration_deadline = models.DateTimeField(
        _("registration deadline"), null=True, blank=True, db_index=True, validators=[within_years]
    )
    delegates_allowed = models.PositiveSmallIntegerField(
        _("delegates allowed per delegation"), default=5, help_text=_("Including the head of delegation.")
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT, db_index=True)
    cancellation_reason = models.TextField(_("reason for cancellation"), blank=True)
    sequence = models.PositiveIntegerField(
        _("revision"), default=0, help_text=_("Raised on every change; calendar clients and stale-edit checks use it.")
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["start", "pk"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.CheckConstraint(condition=Q(end__gte=F("start")), name="meeting_end_not_before_start"),
            models.CheckConstraint(
                condition=Q(registration_deadline__isnull=True) | Q(registration_deadline__lt=F("start")),
                name="meeting_registration_deadline_before_start",
            ),
            models.CheckConstraint(
                condition=Q(registration_opens__isnull=True)
                | Q(registration_deadline__isnull=True)
                | Q(registration_opens__lt=F("registration_deadline")),
                name="meeting_registration_opens_before_deadline",
            ),
            models.CheckConstraint(condition=Q(delegates_allowed__gte=1), name="meeting_delegates_allowed_positive"),
            models.CheckConstraint(
                condition=~Q(status="cancelled") | ~Q(cancellation_reason=""),
                name="meeting_cancellation_has_reason",
            ),
        ]
        indexes = [
            models.Index(fields=["chairmanship", "start"], name="meeting_chairmanship_start"),
            models.Index(fields=["status", "start"], name="meeting_status_start"),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        errors = {}
        if self.start and self.end and self.end < self.start:
            errors["end"] = _("The meeting cannot end before it starts.")
        if self.registration_deadline and self.start and self.registration_deadline >= self.start:
            errors["registration_deadline"] = _("The registration deadline must be before the meeting starts.")
        if (
            self.registration_opens
            and self.registration_deadline
            and self.registration_opens >= self.registration_deadline
        ):
            errors["registration_opens"] = _("Registration must open before its deadline.")
        if self.status == self.Status.CANCELLED and not self.cancellation_reason:
            errors["cancellation_reason"] = _("Give the reason for the cancellation.")
        if errors:
            raise ValidationError(errors)

    @property
    def tz(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def local_start(self):
        return self.start.astimezone(self.tz)

    @property
    def local_end(self):
        return self.end.astimezone(self.tz)

    @property
    def utc_offset(self) -> str:
        """'UTC+07:00' for Hanoi."""
        offset = self.local_start.strftime("%z")
        return f"UTC{offset[:3]}:{offset[3:]}"

    @property
    def is_announced(self) -> bool:
        return self.status in self.ANNOUNCED_STATUSES

    @property
    def is_public(self) -> bool:
        return self.status not in self.NOT_PUBLIC_STATUSES

    def invites(self, member_state: MemberState) -> bool:
        return getattr(self, self.INVITE_FIELDS[member_state.group])


class MeetingChange(ChoiceLabelsMixin, models.Model):
    """The change log syncing clients read (/api/v1/changes/ and its Atom feed): the schedule's changes
    (publication, moves, venue changes, postponements, cancellations), and the tombstones of whatever a
    client may hold a copy of and that was deleted or left its view (meetings/sync.py), and the record's
    decisions, action items and written procedures.

    A row outlives its object: `object_type` and `object_id` name it, `meeting` is kept while the meeting
    exists. `audience` says who may read the row (meetings.api.selectors.changes_visible_to)."""

    class Action(models.TextChoices):
        PUBLISHED = "published", _("Published")
        UNPUBLISHED = "unpublished", _("Unpublished")
        MOVED = "moved", _("Moved")
        VENUE_CHANGED = "venue_changed", _("Venue changed")
        POSTPONED = "postponed", _("Postponed")
        RESCHEDULED = "rescheduled", _("Rescheduled")
        CANCELLED = "cancelled", _("Cancelled")
        CHANGED = "changed", _("Changed")
        CONCLUDED = "concluded", _("Concluded")
        DOCUMENT_RELEASED = "document_released", _("Paper released")
        CREATED = "created", _("Added")
        DELETED = "deleted", _("Deleted")

    # A client holding a copy removes it on these (an unpublished object may still be readable by some:
    # reading it again answers 404 to everyone else).
    TOMBSTONE_ACTIONS = (Action.UNPUBLISHED, Action.DELETED)

    class ObjectType(models.TextChoices):
        MEETING = "meeting", _("Meeting")
        AGENDA_ITEM = "agenda_item", _("Agenda item")
        DOCUMENT = "document", _("Document")
        DECISION = "decision", _("Decision")
        ACTION_ITEM = "action_item", _("Action item")
        WRITTEN_PROCEDURE = "written_procedure", _("Written procedure")
        PROCEDURE_ANSWER = "procedure_answer", _("Answer to a written procedure")

    class Audience(models.TextChoices):
        MEETING = "meeting", _("As its meeting")  # anyone once the meeting is announced, from its publication on
        PUBLIC = "public", _("Anyone")
        INVITED = "invited", _("Countries the meeting invites")
        MEMBER_STATES = "member_states", _("Every country's focal points")
        COUNTRIES = "countries", _("The countries listed")
        SECRETARIAT = "secretariat", _("Secretariat only")

    meeting = models.ForeignKey(
        Meeting, models.CASCADE, null=True, blank=True, related_name="changes", verbose_name=_("meeting")
    )
    object_type = models.CharField(
        _("object"), max_length=20, choices=ObjectType.choices, default=ObjectType.MEETING, db_index=True
    )
    object_id = models.PositiveBigIntegerField(_("object id"), null=True, blank=True)
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    old_values = models.JSONField(_("before"), default=dict, blank=True)
    new_values = models.JSONField(_("after"), default=dict, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    audience = models.CharField(_("who may read it"), max_length=20, choices=Audience.choices, default=Audience.MEETING)
    member_states = models.ManyToManyField(
        MemberState, blank=True, related_name="+", verbose_name=_("countries who may read it")
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("changed by")
    )
    changed_at = models.DateTimeField(_("changed"), auto_now_add=True, db_index=True)
    silent = models.BooleanField(
        _("nobody notified"), default=False, help_text=_("The secretariat chose not to notify anyone (a typo fix).")
    )

    class Meta:
        ordering = ["-changed_at", "-pk"]
        verbose_name = _("schedule change")
        verbose_name_plural = _("schedule changes")
        constraints = [
            # A schedule change names its meeting; any other row names its object, which may be gone.
            models.CheckConstraint(
                condition=Q(meeting__isnull=False) | Q(object_id__isnull=False), name="meetingchange_names_its_object"
            ),
        ]

    def __str__(self):
        return f"{self.meeting or self.get_object_type_display()}: {self.get_action_display()}"

    @property
    def target_id(self) -> int | None:
        """The changed object's id: a schedule change's is its meeting's."""
        return self.object_id if self.object_id is not None else self.meeting_id

    @property
    def is_tombstone(self) -> bool:
        return self.action in self.TOMBSTONE_ACTIONS


class MeetingNotice(models.Model):
    """One person told of one change of a meeting (meetings/notices.py): the database keeps it to once per
    person and change, however often the service runs. The email itself is a row of the outbox, which may
    carry several changes made within a few minutes (they coalesce into one message)."""

    change = models.ForeignKey(MeetingChange, models.CASCADE, related_name="notices", verbose_name=_("change"))
    email = models.EmailField(_("recipient"))
    outbox_email = models.ForeignKey(
        "outbox.OutboxEmail", models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("email")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("change notice")
        verbose_name_plural = _("change notices")
        constraints = [
            models.UniqueConstraint(fields=["change", "email"], name="meetingnotice_once_per_person_and_change"),
        ]

    def __str__(self):
        return f"{self.change} → {self.email}"


class AgendaItem(TimeStampedModel):
    """One item of a meeting's agenda; with a start time and a duration it is a slot of the timetable."""

    if TYPE_CHECKING:  # the columns modeltranslation adds (translation.py), for the type checker
        title_en: str
        title_vi: str | None
        outcome_en: str
        outcome_vi: str | None
        session_en: str
        session_vi: str | None
        room_en: str
        room_vi: str | None
    meeting = models.ForeignKey(Meeting, models.CASCADE, related_name="agenda_items", verbose_name=_("meeting"))
    order = models.PositiveIntegerField(_("order"), default=0)
    title = models.CharField(_("title"), max_length=400)
    starts_at = models.DateTimeField(_("start time"), null=True, blank=True, validators=[within_years])
    duration = models.PositiveSmallIntegerField(
        _("duration (minutes)"), null=True, blank=True, help_text=_("How long the item takes, in minutes.")
    )
    session = models.CharField(
        _("session"), max_length=200, blank=True, help_text=_("Opening session, Plenary session 1…")
    )
    room = models.CharField(_("room"), max_length=200, blank=True)
    outcome = models.TextField(_("outcome or decision"), blank=True)

    # The longest slot the timetable accepts: a day.
    MAX_DURATION = 24 * 60

    class Meta:
        ordering = ["meeting", "order", "pk"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        indexes = [models.Index(fields=["meeting", "order"], name="agendaitem_meeting_order")]
        constraints = [
            models.CheckConstraint(
                condition=Q(duration__isnull=True) | Q(duration__gte=1, duration__lte=24 * 60),
                name="agendaitem_duration_within_a_day",
                violation_error_message=_("A duration is between 1 minute and 24 hours."),
            ),
            models.CheckConstraint(
                condition=Q(duration__isnull=True) | Q(starts_at__isnull=False),
                name="agendaitem_duration_needs_start",
                violation_error_message=_("Give the start time of an item that has a duration."),
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def ends_at(self):
        if self.starts_at is None or self.duration is None:
            return None
        return self.starts_at + dt.timedelta(minutes=self.duration)


class AgendaPresenter(models.Model):
    """Who presents an agenda item: a person, a country's delegation or an organisation (or a person of one)."""

    item = models.ForeignKey(AgendaItem, models.CASCADE, related_name="presenters", verbose_name=_("agenda item"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    name = models.CharField(_("name"), max_length=200, blank=True)
    member_state = models.ForeignKey(
        MemberState, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("country")
    )
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)

    class Meta:
        ordering = ["item", "order", "pk"]
        verbose_name = _("presenter")
        verbose_name_plural = _("presenters")
        constraints = [
            models.CheckConstraint(
                condition=~Q(name="") | Q(member_state__isnull=False) | ~Q(organisation=""),
                name="agendapresenter_names_someone",
                violation_error_message=_("Name the presenter, their country or their organisation."),
            ),
            models.CheckConstraint(
                condition=Q(member_state__isnull=True) | Q(organisation=""),
                name="agendapresenter_country_or_organisation",
                violation_error_message=_("A presenter speaks for a country or for an organisation, not both."),
            ),
        ]

    def __str__(self):
        affiliation = str(self.member_state) if self.member_state_id else self.organisation
        if self.name and affiliation:
            return f"{self.name} ({affiliation})"
        return self.name or affiliation


class Delegation(TimeStampedModel):
    meeting = models.ForeignKey(Meeting, models.CASCADE, related_name="delegations", verbose_name=_("meeting"))
    member_state = models.ForeignKey(
        MemberState, models.PROTECT, related_name="delegations", verbose_name=_("member state")
    )
    extra_places = models.PositiveSmallIntegerField(
        _("extra places"),
        default=0,
        help_text=_("Places granted above the meeting's allowance (waiting list accepted)."),
    )
    nomination_letter = models.FileField(
        _("nomination letter (Note Verbale)"), upload_to="nomination-letters/%Y/", blank=True
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["meeting", "member_state__name"]
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "member_state"], name="delegation_one_per_state_and_meeting"),
        ]

    def __str__(self):
        return f"{self.member_state} — {self.meeting}"

    @property
    def allowance(self) -> int:
        return self.meeting.delegates_allowed + self.extra_places


class ParticipantQuerySet(models.QuerySet):
    def withdrawn(self):
        """Participants who no longer come: withdrawn by their focal point or declined (WITHDRAWN_STATUSES)."""
        return self.filter(status__in=Participant.WITHDRAWN_STATUSES)

    def not_withdrawn(self):
        return self.exclude(status__in=Participant.WITHDRAWN_STATUSES)


class Participant(TimeStampedModel):
    class Role(models.TextChoices):
        HEAD = "head", _("Head of delegation")
        ALTERNATE = "alternate", _("Alternate")
        DELEGATE = "delegate", _("Delegate")
        ADVISER = "adviser", _("Adviser")
        OBSERVER = "observer", _("Observer")
        SPEAKER = "speaker", _("Speaker")

    class Status(models.TextChoices):
        REGISTERED = "registered", _("Registered")
        CONFIRMED = "confirmed", _("Confirmed")
        DECLINED = "declined", _("Declined")
        CANCELLED = "cancelled", _("Withdrawn")
        WAITLISTED = "waitlisted", _("On the waiting list")

    # Statuses that take one of the delegation's places.
    ACTIVE_STATUSES = (Status.REGISTERED, Status.CONFIRMED)
    # Statuses of someone who no longer comes: they hold no place and can be registered again.
    WITHDRAWN_STATUSES = (Status.CANCELLED, Status.DECLINED)

    objects = ParticipantQuerySet.as_manager()

    delegation = models.ForeignKey(
        Delegation, models.CASCADE, related_name="participants", verbose_name=_("delegation")
    )
    full_name = models.CharField(_("full name"), max_length=200)
    honorific = models.CharField(_("honorific"), max_length=40, blank=True, help_text=_("H.E., Mr., Ms., Dr."))
    position = models.CharField(_("position"), max_length=200, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.DELEGATE)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.REGISTERED, db_index=True
    )
    arrival = models.DateTimeField(_("arrival"), null=True, blank=True, validators=[within_years])
    departure = models.DateTimeField(_("departure"), null=True, blank=True, validators=[within_years])
    dietary_needs = models.CharField(_("dietary needs"), max_length=300, blank=True)
    accessibility_needs = models.CharField(_("accessibility needs"), max_length=300, blank=True)
    language = models.CharField(_("language for emails"), max_length=8, choices=settings.LANGUAGES, default="en")
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True)

    class Meta:
        ordering = ["delegation", "pk"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(
                fields=["delegation"],
                condition=Q(role="head", status__in=["registered", "confirmed", "waitlisted"]),
                name="participant_one_head_per_delegation",
                violation_error_message=_("This delegation already has a head of delegation."),
            ),
            models.CheckConstraint(
                condition=Q(arrival__isnull=True) | Q(departure__isnull=True) | Q(departure__gte=F("arrival")),
                name="participant_departure_after_arrival",
                violation_error_message=_("Departure cannot be before arrival."),
            ),
        ]

    def __str__(self):
        return self.full_name

    @property
    def name_with_honorific(self) -> str:
        """'H.E. Jane Doe': how letters, lists, emails and reports address the person."""
        return " ".join(part for part in (self.honorific, self.full_name) if part)

    @property
    def organisation_beyond_position(self) -> str:
        """The organisation, or "" when the position already names it ("Secretary of State, Ministry of Civil
        Service" with "Ministry of Civil Service"): lists and letters then name it once."""
        organisation = self.organisation.strip()
        if organisation and organisation.casefold() in self.position.casefold():
            return ""
        return organisation

    @property
    def position_and_organisation(self) -> str:
        """'Director, Ministry of Home Affairs', the organisation once."""
        return ", ".join(part for part in (self.position.strip(), self.organisation_beyond_position) if part)

    @property
    def is_head(self) -> bool:
        return self.role == self.Role.HEAD

    @property
    def is_withdrawn(self) -> bool:
        return self.status in self.WITHDRAWN_STATUSES


class FocalPoint(TimeStampedModel):
    """A user who acts for one member state ("key contact for ACCSM"); a state has several."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="focal_point", verbose_name=_("user")
    )
    member_state = models.ForeignKey(
        MemberState, models.PROTECT, related_name="focal_points", verbose_name=_("member state")
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["member_state__name", "user__last_name"]
        verbose_name = _("focal point")
        verbose_name_plural = _("focal points")

    def __str__(self):
        return f"{self.user} ({self.member_state})"


class InvitationLetterTemplate(TimeStampedModel):
    """The chairing agency's letterhead and text for letters of invitation (visas, travel approval).

    One per chairmanship, edited by the secretariat in English and Vietnamese. The text may use the
    placeholders in PLACEHOLDERS, written in braces: {name}, {meeting}…
    """

    PLACEHOLDERS = ("name", "position", "organisation", "country", "meeting", "dates", "venue", "city", "role")
    PLACEHOLDER_PATTERN = re.compile(r"\{([a-z_]+)\}")

    chairmanship = models.OneToOneField(
        Chairmanship, models.CASCADE, related_name="invitation_letter_template", verbose_name=_("chairmanship")
    )
    letterhead = models.TextField(
        _("letterhead"), help_text=_("The chairing agency's name and address, one line each, printed at the top.")
    )
    place = models.CharField(_("place of writing"), max_length=100, blank=True, help_text=_("Hà Nội, for instance."))
    body = models.TextField(
        _("text of the letter"),
        help_text=_(
            "Paragraphs separated by an empty line. Placeholders: {name}, {position}, {organisation}, {country}, "
            "{meeting}, {dates}, {venue}, {city}, {role}."
        ),
    )
    signatory_name = models.CharField(_("signed by"), max_length=200, blank=True)
    signatory_title = models.CharField(_("title of the signatory"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("letter of invitation template")
        verbose_name_plural = _("letter of invitation templates")

    def __str__(self):
        return str(self.chairmanship)

    def clean(self):
        errors = {}
        for field in [f"body_{code}" for code, _name in settings.LANGUAGES]:
            unknown = set(self.PLACEHOLDER_PATTERN.findall(getattr(self, field) or "")) - set(self.PLACEHOLDERS)
            if unknown:
                errors[field] = _("Unknown placeholder: %(names)s. Use only %(known)s.") % {
                    "names": ", ".join(f"{{{name}}}" for name in sorted(unknown)),
                    "known": ", ".join(f"{{{name}}}" for name in self.PLACEHOLDERS),
                }
        if errors:
            raise ValidationError(errors)

    @classmethod
    def fill(cls, text: str, values: dict) -> str:
        """Replace known placeholders; anything else in braces stays as written."""
        return cls.PLACEHOLDER_PATTERN.sub(lambda m: str(values.get(m.group(1), m.group(0))), text)
