from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from accsm_portal.models import TimeStampedModel
from meetings.models import Meeting, MemberState


class WorkPlan(TimeStampedModel):
    title = models.CharField(_("title"), max_length=200)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    previous = models.ForeignKey(
        "self", models.SET_NULL, null=True, blank=True, related_name="next_plans", verbose_name=_("previous plan")
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


class PriorityArea(TimeStampedModel):
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
    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
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
    planned_start = models.DateField(_("planned start"), null=True, blank=True)
    planned_end = models.DateField(_("planned end"), null=True, blank=True)
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
            ),
        ]

    def __str__(self):
        return self.title


class ProgressUpdate(TimeStampedModel):
    initiative = models.ForeignKey(
        Initiative, models.CASCADE, related_name="progress_updates", verbose_name=_("initiative")
    )
    date = models.DateField(_("date"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("author")
    )
    text = models.TextField(_("text"))
    percent_complete = models.PositiveSmallIntegerField(_("percent complete"))

    class Meta:
        ordering = ["initiative", "-date", "-pk"]
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")
        constraints = [
            models.CheckConstraint(condition=Q(percent_complete__lte=100), name="progressupdate_percent_0_100"),
        ]

    def __str__(self):
        return f"{self.initiative}: {self.percent_complete}%"
