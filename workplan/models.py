from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from common.models import TimeStampedModel
from common.validators import within_years
from meetings.models import AgendaItem, Meeting, MemberState


class WorkPlan(TimeStampedModel):
    if TYPE_CHECKING:  # the columns modeltranslation adds (translation.py), for the type checker
        title_en: str
        title_vi: str | None
    title = models.CharField(_("title"), max_length=200)
    period_start = models.DateField(_("period start"), validators=[within_years])
    period_end = models.DateField(_("period end"), validators=[within_years])
    previous = models.ForeignKey(
        "self", models.SET_NULL, null=True, blank=True, related_name="next_plans", verbose_name=_("previous plan")
    )
    is_draft = models.BooleanField(
        _("draft"),
        default=False,
        help_text=_("A plan being drafted is shown to focal points and the secretariat only, not to the public."),
    )

    class Meta:
        ordering = ["period_start"]
        verbose_name = _("work plan")
        verbose_name_plural = _("work plans")
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")), name="workplan_period_end_after_start"
            ),
        ]

    def __str__(self):
        return self.title

    def covers(self, day) -> bool:
        return self.period_start <= day <= self.period_end


class PriorityArea(TimeStampedModel):
    if TYPE_CHECKING:  # the columns modeltranslation adds (translation.py), for the type checker
        title_en: str
        title_vi: str | None
    work_plan = models.ForeignKey(WorkPlan, models.CASCADE, related_name="priority_areas", verbose_name=_("work plan"))
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=300)

    class Meta:
        ordering = ["work_plan", "number"]
        verbose_name = _("priority area")
        verbose_name_plural = _("priority areas")
        constraints = [
            models.UniqueConstraint(fields=["work_plan", "number"], name="priorityarea_number_unique_in_plan"),
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"


class Initiative(TimeStampedModel):
    if TYPE_CHECKING:  # the columns modeltranslation adds (translation.py), for the type checker
        title_en: str
        title_vi: str | None
        description_en: str
        description_vi: str | None

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        RETURNED = "returned", _("Returned")
        APPROVED = "approved", _("Approved")
        ONGOING = "ongoing", _("Ongoing")
        COMPLETED = "completed", _("Completed")
        DROPPED = "dropped", _("Dropped")

    priority_area = models.ForeignKey(
        PriorityArea, models.PROTECT, related_name="initiatives", verbose_name=_("priority area")
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    lead = models.ForeignKey(
        MemberState, models.PROTECT, related_name="led_initiatives", verbose_name=_("lead country")
    )
    co_leads = models.ManyToManyField(
        MemberState, blank=True, related_name="co_led_initiatives", verbose_name=_("co-lead countries")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED, db_index=True
    )
    planned_start = models.DateField(_("planned start"), null=True, blank=True, validators=[within_years])
    planned_end = models.DateField(_("planned end"), null=True, blank=True, validators=[within_years])
    approved_at = models.ForeignKey(
        Meeting,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="approved_initiatives",
        verbose_name=_("approved at"),
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("proposed by"),
    )
    carried_over_from = models.ForeignKey(
        "self",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="carried_over_to",
        verbose_name=_("carried over from"),
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="initiatives",
        verbose_name=_("on the agenda of"),
        help_text=_("The SOM agenda item this proposal is put on for decision."),
    )

    class Meta:
        ordering = ["priority_area", "planned_start", "pk"]
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        constraints = [
            models.CheckConstraint(
                condition=Q(planned_start__isnull=True)
                | Q(planned_end__isnull=True)
                | Q(planned_end__gte=F("planned_start")),
                name="initiative_planned_end_after_start",
                violation_error_message=_("The planned end cannot be before the planned start."),
            ),
            # A plan carries an initiative over once; the next plan holds at most one copy of it.
            models.UniqueConstraint(
                fields=["carried_over_from"],
                name="initiative_carried_over_once",
                violation_error_message=_("This initiative has already been carried over."),
            ),
        ]

    # Statuses of work that was approved and is not finished: progress is reported on these.
    UNFINISHED_STATUSES = (Status.APPROVED, Status.ONGOING)
    # Statuses of a proposal that no SOM has approved (yet).
    PROPOSAL_STATUSES = (Status.PROPOSED, Status.RETURNED)

    def __str__(self):
        return self.title

    @property
    def is_proposal(self) -> bool:
        return self.status in self.PROPOSAL_STATUSES


class InitiativeDecision(TimeStampedModel):
    """What a SOM decided on a proposal: the record behind an initiative's approval or return."""

    class Outcome(models.TextChoices):
        APPROVED = "approved", _("Approved")
        RETURNED = "returned", _("Returned")

    initiative = models.ForeignKey(Initiative, models.CASCADE, related_name="decisions", verbose_name=_("initiative"))
    meeting = models.ForeignKey(
        Meeting, models.PROTECT, null=True, blank=True, related_name="initiative_decisions", verbose_name=_("meeting")
    )
    procedure = models.ForeignKey(
        "proceedings.WrittenProcedure",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="initiative_decisions",
        verbose_name=_("written procedure"),
        help_text=_("The closed written procedure that decided, when no SOM did."),
    )
    agenda_item = models.ForeignKey(
        AgendaItem, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("agenda item")
    )
    outcome = models.CharField(_("decision"), max_length=10, choices=Outcome.choices)
    note = models.TextField(_("note"), blank=True, help_text=_("Conditions of the approval, or why it was returned."))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        ordering = ["initiative", "created_at", "pk"]
        verbose_name = _("SOM decision")
        verbose_name_plural = _("SOM decisions")
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "meeting"],
                name="initiativedecision_one_per_meeting",
                violation_error_message=_("This meeting has already decided on this proposal."),
            ),
            models.UniqueConstraint(
                fields=["initiative"],
                condition=Q(outcome="approved"),
                name="initiativedecision_approved_once",
                violation_error_message=_("This initiative has already been approved."),
            ),
            models.CheckConstraint(
                condition=Q(meeting__isnull=False) | Q(procedure__isnull=False),
                name="initiativedecision_at_a_meeting_or_by_procedure",
                violation_error_message=_("A decision is taken at a SOM or by a closed written procedure."),
            ),
            models.UniqueConstraint(
                fields=["initiative", "procedure"],
                condition=Q(procedure__isnull=False),
                name="initiativedecision_one_per_procedure",
                violation_error_message=_("This written procedure's outcome is already recorded."),
            ),
            models.CheckConstraint(
                condition=~Q(outcome="returned") | ~Q(note=""),
                name="initiativedecision_return_has_reason",
                violation_error_message=_("Say why the proposal is returned."),
            ),
        ]

    def __str__(self):
        return f"{self.initiative}: {self.get_outcome_display()} ({self.meeting or self.procedure})"


class ProgressUpdate(TimeStampedModel):
    initiative = models.ForeignKey(
        Initiative, models.CASCADE, related_name="progress_updates", verbose_name=_("initiative")
    )
    date = models.DateField(_("date"), validators=[within_years])
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("author")
    )
    text = models.TextField(_("text"))
    percent_complete = models.PositiveSmallIntegerField(_("percent complete"))
    reported_at = models.ForeignKey(
        Meeting,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reported orally at"),
        help_text=_("The SOM at which the country reported this progress, when the secretariat records it."),
    )
    documents = models.ManyToManyField(
        "documents.Document", blank=True, related_name="progress_updates", verbose_name=_("attached documents")
    )

    class Meta:
        ordering = ["initiative", "-date", "-pk"]
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")
        constraints = [
            models.CheckConstraint(
                condition=Q(percent_complete__gte=0, percent_complete__lte=100),
                name="progressupdate_percent_0_100",
                violation_error_message=_("Percent complete must be between 0 and 100."),
            ),
        ]

    def __str__(self):
        return f"{self.initiative}: {self.percent_complete}%"
