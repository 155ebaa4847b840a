from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accsm_portal.models import TimeStampedModel
from meetings.models import AgendaItem, Meeting, MemberState
from workplan.models import Initiative


class Document(TimeStampedModel):
    class Kind(models.TextChoices):
        AGENDA = "agenda", _("Agenda")
        CONCEPT_NOTE = "concept_note", _("Concept note")
        REPORT = "report", _("Report")
        COUNTRY_REPORT = "country_report", _("Country report")
        MINUTES = "minutes", _("Minutes")
        DECLARATION = "declaration", _("Declaration")
        STATEMENT = "statement", _("Statement")
        PRESENTATION = "presentation", _("Presentation")
        WORK_PLAN = "work_plan", _("Work plan")
        OTHER = "other", _("Other")

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Public")
        MEMBER_STATES = "member_states", _("Member states")
        SECRETARIAT = "secretariat", _("Secretariat only")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        CIRCULATED = "circulated", _("Circulated")
        ADOPTED = "adopted", _("Adopted")
        SUPERSEDED = "superseded", _("Superseded")

    class Language(models.TextChoices):
        EN = "en", _("English")
        VI = "vi", _("Vietnamese")
        OTHER = "other", _("Other")

    title = models.CharField(_("title"), max_length=400)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER, db_index=True)
    language = models.CharField(_("language"), max_length=8, choices=Language.choices, default=Language.EN)
    meeting = models.ForeignKey(
        Meeting, models.CASCADE, null=True, blank=True, related_name="documents", verbose_name=_("meeting")
    )
    agenda_item = models.ForeignKey(
        AgendaItem, models.SET_NULL, null=True, blank=True, related_name="documents", verbose_name=_("agenda item")
    )
    initiative = models.ForeignKey(
        Initiative, models.CASCADE, null=True, blank=True, related_name="documents", verbose_name=_("initiative")
    )
    member_state = models.ForeignKey(
        MemberState,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("country"),
        help_text=_("The country whose paper this is (country reports)."),
    )
    visibility = models.CharField(
        _("visibility"), max_length=15, choices=Visibility.choices, default=Visibility.SECRETARIAT, db_index=True
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT, db_index=True)
    status_changed_at = models.DateTimeField(_("status changed"), null=True, blank=True)
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("status changed by"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("created by")
    )

    class Meta:
        ordering = ["-updated_at", "pk"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        constraints = [
            models.CheckConstraint(
                condition=Q(agenda_item__isnull=True) | Q(meeting__isnull=False),
                name="document_agenda_item_needs_meeting",
            ),
        ]

    def __str__(self):
        return self.title


class DocumentVersion(models.Model):
    document = models.ForeignKey(Document, models.CASCADE, related_name="versions", verbose_name=_("document"))
    number = models.PositiveIntegerField(_("version"))
    file = models.FileField(_("file"), upload_to="documents/%Y/%m/")
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=120)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    checksum = models.CharField(_("SHA-256 checksum"), max_length=64)
    text = models.TextField(_("extracted text"), blank=True, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        ordering = ["document", "-number"]
        verbose_name = _("document version")
        verbose_name_plural = _("document versions")
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="documentversion_number_unique"),
            models.CheckConstraint(condition=Q(number__gte=1), name="documentversion_number_positive"),
            models.CheckConstraint(condition=Q(size__gt=0), name="documentversion_not_empty"),
        ]

    def __str__(self):
        return f"{self.document} v{self.number}"
