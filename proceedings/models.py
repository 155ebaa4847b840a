"""What a meeting decided and what follows from it: the record per agenda item (summary, decisions,
action items), the action items' progress, and the written procedure that agrees a text between meetings."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from common.models import TimeStampedModel
from common.validators import within_years
from meetings.models import AgendaItem, MemberState


class ItemRecord(TimeStampedModel):
    """The discussion under one agenda item, as the secretariat summarises it."""

    agenda_item = models.OneToOneField(AgendaItem, models.CASCADE, related_name="record", verbose_name=_("agenda item"))
    summary = models.TextField(_("summary of the discussion"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        verbose_name = _("record of an agenda item")
        verbose_name_plural = _("records of agenda items")

    def __str__(self):
        return str(self.agenda_item)


class Decision(TimeStampedModel):
    """A decision taken under an agenda item, worded in English and in Vietnamese."""

    agenda_item = models.ForeignKey(AgendaItem, models.CASCADE, related_name="decisions", verbose_name=_("agenda item"))
    order = models.PositiveIntegerField(_("order"), default=0)
    text = models.TextField(_("wording of the decision"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        ordering = ["agenda_item", "order", "pk"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        constraints = [
            models.CheckConstraint(condition=~Q(text_en=""), name="decision_has_english_wording"),
        ]

    def __str__(self):
        return self.text[:80]


class ActionItem(TimeStampedModel):
    """Something a meeting asked someone to do by a date: a member state, the secretariat, the chair or a
    network such as the PSTI."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        DROPPED = "dropped", _("Dropped")

    class Owner(models.TextChoices):
        MEMBER_STATE = "member_state", _("A member state")
        SECRETARIAT = "secretariat", _("The secretariat")
        CHAIR = "chair", _("The chair")
        NETWORK = "network", _("A network")

    # Statuses of an item still to be followed up.
    PENDING_STATUSES = (Status.OPEN, Status.IN_PROGRESS)

    agenda_item = models.ForeignKey(
        AgendaItem, models.CASCADE, related_name="action_items", verbose_name=_("agenda item")
    )
    description = models.TextField(_("what is to be done"))
    owner_kind = models.CharField(_("owner"), max_length=20, choices=Owner.choices)
    owner_member_state = models.ForeignKey(
        MemberState,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="action_items",
        verbose_name=_("member state"),
    )
    owner_network = models.CharField(
        _("network"), max_length=100, blank=True, help_text=_("The network's name, such as PSTI.")
    )
    due_date = models.DateField(_("due date"), db_index=True, validators=[within_years])
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.OPEN, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        ordering = ["due_date", "pk"]
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        constraints = [
            models.CheckConstraint(condition=~Q(description_en=""), name="actionitem_has_english_description"),
            models.CheckConstraint(
                condition=Q(owner_kind="member_state", owner_member_state__isnull=False)
                | (~Q(owner_kind="member_state") & Q(owner_member_state__isnull=True)),
                name="actionitem_member_state_owner_named",
            ),
            models.CheckConstraint(
                condition=(Q(owner_kind="network") & ~Q(owner_network=""))
                | (~Q(owner_kind="network") & Q(owner_network="")),
                name="actionitem_network_owner_named",
            ),
            models.CheckConstraint(
                condition=Q(owner_kind__in=["member_state", "secretariat", "chair", "network"]),
                name="actionitem_owner_kind_known",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["open", "in_progress", "done", "dropped"]), name="actionitem_status_known"
            ),
        ]

    def __str__(self):
        return self.description[:80]

    @property
    def owner_label(self) -> str:
        if self.owner_kind == self.Owner.MEMBER_STATE and self.owner_member_state_id:
            return str(self.owner_member_state)
        if self.owner_kind == self.Owner.NETWORK:
            return self.owner_network
        return str(self.get_owner_kind_display())

    @property
    def is_pending(self) -> bool:
        return self.status in self.PENDING_STATUSES


class ProgressReport(TimeStampedModel):
    """The owner country's focal point (or the secretariat, for the record) reports how an item stands."""

    action_item = models.ForeignKey(
        ActionItem, models.CASCADE, related_name="progress_reports", verbose_name=_("action item")
    )
    status = models.CharField(_("status"), max_length=12, choices=ActionItem.Status.choices)
    note = models.TextField(_("note"))
    document_url = models.URLField(_("link to a document"), blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reported by"),
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        constraints = [
            models.CheckConstraint(condition=~Q(note=""), name="progressreport_has_note"),
        ]

    def __str__(self):
        return f"{self.action_item}: {self.get_status_display()}"


class WrittenProcedure(TimeStampedModel):
    """A text circulated to chosen countries for agreement between meetings, by a deadline."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open for answers")
        CLOSED = "closed", _("Closed")

    class Outcome(models.TextChoices):
        ADOPTED = "adopted", _("Adopted")
        ADOPTED_WITH_CHANGES = "adopted_with_changes", _("Adopted with changes")
        NOT_ADOPTED = "not_adopted", _("Not adopted")

    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("text circulated"), blank=True)
    document_url = models.URLField(_("link to the document"), blank=True)
    deadline = models.DateTimeField(_("deadline"), db_index=True, validators=[within_years])
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default="Asia/Ho_Chi_Minh",
        help_text=_("The deadline is shown in this time zone."),
    )
    silence_is_agreement = models.BooleanField(
        _("silence counts as agreement"),
        default=True,
        help_text=_("A country that has not answered by the deadline is taken to agree (silence procedure)."),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True)
    outcome = models.CharField(_("outcome"), max_length=24, choices=Outcome.choices, blank=True)
    circulated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("circulated by"),
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("closed by")
    )
    member_states = models.ManyToManyField(
        MemberState, through="ProcedureCountry", related_name="written_procedures", verbose_name=_("countries")
    )
    # What the procedure agrees, if it is one of the portal's records (at most one): its outcome is
    # written there when it closes (services.procedures.record_outcome).
    declaration = models.ForeignKey(
        "documents.Document",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="written_procedures",
        verbose_name=_("declaration"),
        help_text=_("The draft declaration agreed by this procedure: its outcome becomes a step of its track."),
    )
    declaration_step = models.CharField(
        _("step recorded on adoption"),
        max_length=20,
        blank=True,
        choices=[
            ("endorsed_by_som", _("Endorsed by the SOM")),
            ("adopted_by_hcs", _("Adopted by the Heads of Civil Service")),
            ("other", _("Milestone")),
        ],
    )
    initiative = models.ForeignKey(
        "workplan.Initiative",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="written_procedures",
        verbose_name=_("project proposal"),
        help_text=_("The proposal decided by this procedure: its outcome becomes the initiative's decision."),
    )
    report_of = models.ForeignKey(
        "meetings.Meeting",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="report_procedures",
        verbose_name=_("report of the meeting"),
        help_text=_("The meeting whose report is adopted ad referendum by this procedure."),
    )

    class Meta:
        ordering = ["-deadline", "-pk"]
        verbose_name = _("written procedure")
        verbose_name_plural = _("written procedures")
        constraints = [
            models.CheckConstraint(condition=~Q(title_en=""), name="procedure_has_english_title"),
            models.CheckConstraint(
                condition=~Q(body_en="") | ~Q(document_url=""), name="procedure_has_text_or_document"
            ),
            models.CheckConstraint(
                condition=(Q(status="open") & Q(outcome="") & Q(closed_at__isnull=True))
                | (
                    Q(status="closed")
                    & Q(outcome__in=["adopted", "adopted_with_changes", "not_adopted"])
                    & Q(closed_at__isnull=False)
                ),
                name="procedure_outcome_once_closed",
            ),
            models.CheckConstraint(
                condition=(Q(declaration__isnull=True) & Q(initiative__isnull=True))
                | (Q(declaration__isnull=True) & Q(report_of__isnull=True))
                | (Q(initiative__isnull=True) & Q(report_of__isnull=True)),
                name="procedure_agrees_one_record",
            ),
            models.CheckConstraint(
                condition=(Q(declaration__isnull=True) & Q(declaration_step=""))
                | (Q(declaration__isnull=False) & ~Q(declaration_step="")),
                name="procedure_declaration_step_with_declaration",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_closed(self) -> bool:
        return self.status == self.Status.CLOSED

    @property
    def is_adopted(self) -> bool:
        return self.outcome in (self.Outcome.ADOPTED, self.Outcome.ADOPTED_WITH_CHANGES)


class ProcedureCountry(models.Model):
    """A country chosen to answer a procedure. Its row is what an answer locks: one answer at a time."""

    procedure = models.ForeignKey(
        WrittenProcedure, models.CASCADE, related_name="countries", verbose_name=_("written procedure")
    )
    member_state = models.ForeignKey(
        MemberState, models.PROTECT, related_name="procedure_countries", verbose_name=_("member state")
    )

    class Meta:
        ordering = ["procedure", "member_state__name"]
        verbose_name = _("country asked")
        verbose_name_plural = _("countries asked")
        constraints = [
            models.UniqueConstraint(fields=["procedure", "member_state"], name="procedurecountry_once_per_procedure"),
        ]

    def __str__(self):
        return f"{self.member_state} — {self.procedure}"


class Answer(TimeStampedModel):
    """A country's answer to a procedure. A new answer before the deadline replaces the previous one, which
    stays in the record (`is_current` False); exactly one answer per country is current."""

    class Kind(models.TextChoices):
        NO_OBJECTION = "no_objection", _("No objection")
        COMMENTS = "comments", _("Comments")
        OBJECTION = "objection", _("Objection")

    country = models.ForeignKey(ProcedureCountry, models.CASCADE, related_name="answers", verbose_name=_("country"))
    kind = models.CharField(_("answer"), max_length=12, choices=Kind.choices)
    text = models.TextField(_("comments or reasons"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    is_current = models.BooleanField(_("current"), default=True)

    class Meta:
        ordering = ["country", "-created_at", "-pk"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(
                fields=["country"], condition=Q(is_current=True), name="answer_one_current_per_country"
            ),
            models.CheckConstraint(
                condition=Q(kind="no_objection") | (Q(kind__in=["comments", "objection"]) & ~Q(text="")),
                name="answer_comments_and_objections_say_why",
            ),
        ]

    def __str__(self):
        return f"{self.country.member_state_id}: {self.kind}"


class MatterArising(models.Model):
    """An open action item of an earlier meeting, carried onto the agenda of the next one ("matters arising")
    and linked back to where it was decided."""

    meeting = models.ForeignKey(
        "meetings.Meeting", models.CASCADE, related_name="matters_arising", verbose_name=_("meeting")
    )
    agenda_item = models.ForeignKey(
        AgendaItem, models.CASCADE, related_name="matters_arising", verbose_name=_("agenda item")
    )
    action_item = models.ForeignKey(ActionItem, models.CASCADE, related_name="raised_at", verbose_name=_("action item"))

    class Meta:
        ordering = ["agenda_item", "action_item__due_date", "pk"]
        verbose_name = _("matter arising")
        verbose_name_plural = _("matters arising")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "action_item"], name="matterarising_once_per_meeting"),
        ]

    def __str__(self):
        return f"{self.action_item} → {self.meeting_id}"


class ReportCirculation(TimeStampedModel):
    """The draft report of a meeting, circulated to the focal points for comments by a deadline. The draft
    itself is the meeting's "report" documents (one per language, with versions); the comments are kept
    per country, each country seeing its own."""

    meeting = models.ForeignKey(
        "meetings.Meeting", models.CASCADE, related_name="report_circulations", verbose_name=_("meeting")
    )
    deadline = models.DateTimeField(_("deadline for comments"), validators=[within_years])
    circulated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("circulated by"),
    )

    class Meta:
        ordering = ["meeting", "-created_at", "-pk"]
        get_latest_by = "created_at"
        verbose_name = _("circulation of a draft report")
        verbose_name_plural = _("circulations of draft reports")

    def __str__(self):
        return f"{self.meeting} — {self.deadline:%Y-%m-%d}"


class ReportComment(TimeStampedModel):
    """A country's comment on a circulated draft report. A country may send several; all are kept."""

    circulation = models.ForeignKey(
        ReportCirculation, models.CASCADE, related_name="comments", verbose_name=_("circulation")
    )
    member_state = models.ForeignKey(
        MemberState, models.PROTECT, related_name="report_comments", verbose_name=_("member state")
    )
    text = models.TextField(_("comment"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("author")
    )

    class Meta:
        ordering = ["circulation", "member_state__name", "created_at", "pk"]
        verbose_name = _("comment on a draft report")
        verbose_name_plural = _("comments on draft reports")
        constraints = [models.CheckConstraint(condition=~Q(text=""), name="reportcomment_has_text")]

    def __str__(self):
        return f"{self.member_state_id}: {self.text[:60]}"
