"""A message the secretariat writes once, in both languages, to chosen groups of people (the focal points
of chosen countries, the heads of delegation of a meeting, everyone registered for a meeting), and the
people it went to: each recipient's row stays in the record, with or without an email address."""

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from common.models import TimeStampedModel
from meetings.models import Meeting, MemberState, Participant


class Circular(TimeStampedModel):
    if TYPE_CHECKING:  # the columns modeltranslation adds (translation.py), for the type checker
        subject_en: str
        subject_vi: str | None
        body_en: str
        body_vi: str | None

    class Group(models.TextChoices):
        FOCAL_POINTS = "focal_points", _("Focal points of chosen countries")
        HEADS_OF_DELEGATION = "heads_of_delegation", _("Heads of delegation to a meeting")
        REGISTERED = "registered", _("Everyone registered for a meeting")

    # Groups that are a meeting's people.
    MEETING_GROUPS = (Group.HEADS_OF_DELEGATION, Group.REGISTERED)

    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"))
    group = models.CharField(_("to"), max_length=24, choices=Group.choices)
    meeting = models.ForeignKey(
        Meeting, models.PROTECT, null=True, blank=True, related_name="circulars", verbose_name=_("meeting")
    )
    member_states = models.ManyToManyField(
        MemberState, blank=True, related_name="circulars", verbose_name=_("countries")
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("sent by")
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("message to people")
        verbose_name_plural = _("messages to people")
        constraints = [
            models.CheckConstraint(condition=~Q(subject_en="") & ~Q(body_en=""), name="circular_has_english_text"),
            models.CheckConstraint(
                condition=Q(group="focal_points", meeting__isnull=True)
                | Q(group__in=["heads_of_delegation", "registered"], meeting__isnull=False),
                name="circular_meeting_groups_name_their_meeting",
            ),
        ]

    def __str__(self):
        return self.subject


class CircularRecipient(models.Model):
    """One person the message went to. Without an email address (`email` empty) nothing was sent: the row
    lists them for the secretariat to reach another way."""

    circular = models.ForeignKey(Circular, models.CASCADE, related_name="recipients", verbose_name=_("message"))
    name = models.CharField(_("name"), max_length=300)
    email = models.EmailField(_("email"), blank=True)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default="en")
    member_state = models.ForeignKey(
        MemberState, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("country")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("user")
    )
    participant = models.ForeignKey(
        Participant, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("participant")
    )
    outbox_email = models.ForeignKey(
        "outbox.OutboxEmail", models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("email")
    )

    class Meta:
        ordering = ["circular", "member_state__name", "name", "pk"]
        verbose_name = _("recipient")
        verbose_name_plural = _("recipients")
        constraints = [
            models.UniqueConstraint(
                fields=["circular", "email"], condition=~Q(email=""), name="circularrecipient_once_per_address"
            ),
        ]

    def __str__(self):
        return self.name
