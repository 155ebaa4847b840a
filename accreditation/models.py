"""What a meeting's accreditation asks for, each participant's answers and the secretariat's decision, and the
letters (visa, travel approval) a focal point requests for its delegates."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from common.models import TimeStampedModel
from meetings.models import Meeting, Participant

# The badge's photo: portrait, 3 wide to 4 high, stored at this size.
PHOTO_RATIO = (3, 4)
PHOTO_SIZE = (600, 800)
MAX_QUESTIONS = 2


class AccreditationRequirements(TimeStampedModel):
    """What the secretariat asks for, for one meeting. Without a row a meeting asks for nothing."""

    meeting = models.OneToOneField(
        Meeting, models.CASCADE, related_name="accreditation_requirements", verbose_name=_("meeting")
    )
    photo = models.BooleanField(_("photo"), default=False)
    nationality = models.BooleanField(_("nationality"), default=False)
    passport = models.BooleanField(_("passport number and expiry date"), default=False)
    date_of_birth = models.BooleanField(_("date of birth"), default=False)

    class Meta:
        verbose_name = _("accreditation requirements")
        verbose_name_plural = _("accreditation requirements")

    def __str__(self):
        return f"{self.meeting}"

    @property
    def asks_anything(self) -> bool:
        return self.photo or self.nationality or self.passport or self.date_of_birth


class AccreditationQuestion(TimeStampedModel):
    """One of the meeting's own questions (at most MAX_QUESTIONS), in both languages."""

    if TYPE_CHECKING:
        text_en: str
        text_vi: str | None
        choices_en: str
        choices_vi: str | None

    class Kind(models.TextChoices):
        TEXT = "text", _("Text")
        CHOICE = "choice", _("Choice")
        YES_NO = "yes_no", _("Yes or no")

    meeting = models.ForeignKey(
        Meeting, models.CASCADE, related_name="accreditation_questions", verbose_name=_("meeting")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    text = models.CharField(_("question"), max_length=300)
    kind = models.CharField(_("kind of answer"), max_length=10, choices=Kind.choices, default=Kind.TEXT)
    choices = models.TextField(_("choices"), blank=True, help_text=_("For a choice: one choice per line."))
    required = models.BooleanField(_("required"), default=True)

    class Meta:
        ordering = ["meeting", "order", "pk"]
        verbose_name = _("accreditation question")
        verbose_name_plural = _("accreditation questions")

    def __str__(self):
        return self.text

    @property
    def key(self) -> str:
        """The answer's key in Accreditation.answers and the import file's column name."""
        return f"question_{self.pk}"

    def choice_list(self) -> list[str]:
        """The choices in the active language (English where a line is missing in it)."""
        english = [line.strip() for line in (self.choices_en or "").splitlines() if line.strip()]
        shown = [line.strip() for line in (self.choices or "").splitlines() if line.strip()]
        return [shown[i] if i < len(shown) else line for i, line in enumerate(english)]


class Accreditation(TimeStampedModel):
    """A participant's accreditation data and the secretariat's decision. Passport data is shown only to the
    secretariat and the participant's own country, and deleted after the meeting (services)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting the secretariat")
        ACCREDITED = "accredited", _("Accredited")
        RETURNED = "returned", _("Returned to the focal point")

    PASSPORT_FIELDS = ("passport_number", "passport_expiry", "date_of_birth")
    NOT_AUDITED = ("passport_number", "passport_expiry", "date_of_birth", "answers", "nationality", "photo")

    participant = models.OneToOneField(
        Participant, models.CASCADE, related_name="accreditation", verbose_name=_("participant")
    )
    photo = models.FileField(_("photo"), upload_to="accreditation-photos/%Y/", blank=True, max_length=200)
    nationality = models.CharField(_("nationality"), max_length=100, blank=True)
    passport_number = models.CharField(_("passport number"), max_length=40, blank=True)
    passport_expiry = models.DateField(_("passport expiry date"), null=True, blank=True)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PENDING)
    return_reason = models.TextField(_("reason for returning"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("decided by")
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    passport_data_deleted_at = models.DateTimeField(_("passport data deleted"), null=True, blank=True)

    class Meta:
        ordering = ["participant"]
        verbose_name = _("accreditation")
        verbose_name_plural = _("accreditations")
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="returned") | ~Q(return_reason=""),
                name="accreditation_returned_with_reason",
                violation_error_message=_("Say why the accreditation is returned."),
            ),
        ]

    def __str__(self):
        return f"{_('Accreditation')} #{self.pk}"  # never the person's name: it is kept in the audit trail


class LetterRequest(TimeStampedModel):
    """A focal point's request for a letter for one delegate; the secretariat issues or declines it."""

    class Purpose(models.TextChoices):
        VISA = "visa", _("Visa")
        TRAVEL_APPROVAL = "travel", _("Travel approval")

    class State(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        ISSUED = "issued", _("Issued")
        DECLINED = "declined", _("Declined")

    participant = models.ForeignKey(
        Participant, models.CASCADE, related_name="letter_requests", verbose_name=_("participant")
    )
    purpose = models.CharField(_("purpose"), max_length=10, choices=Purpose.choices)
    language = models.CharField(_("language of the letter"), max_length=8, choices=settings.LANGUAGES, default="en")
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.REQUESTED)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("decided by")
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    reference = models.CharField(_("reference"), max_length=40, unique=True, null=True, blank=True)
    verification_code = models.CharField(_("verification code"), max_length=40, unique=True, null=True, blank=True)
    issued_on = models.DateField(_("issued on"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("letter request")
        verbose_name_plural = _("letter requests")
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "purpose"],
                condition=Q(state="requested"),
                name="letterrequest_one_open_per_purpose",
                violation_error_message=_("A letter for this purpose is already requested for this person."),
            ),
            models.CheckConstraint(
                condition=~Q(state="issued") | (Q(reference__isnull=False) & Q(verification_code__isnull=False)),
                name="letterrequest_issued_has_reference",
            ),
            models.CheckConstraint(
                condition=~Q(state="declined") | ~Q(decline_reason=""),
                name="letterrequest_declined_with_reason",
                violation_error_message=_("Say why the letter is declined."),
            ),
        ]

    def __str__(self):
        return self.reference or f"{_('Letter request')} #{self.pk}"
