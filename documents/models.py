from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from common.models import TimeStampedModel
from common.validators import within_years
from meetings.models import AgendaItem, Meeting, MemberState
from workplan.models import Initiative


class Document(TimeStampedModel):
    if TYPE_CHECKING:  # the columns modeltranslation adds (translation.py), for the type checker
        title_en: str
        title_vi: str | None

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
    # The newest version, kept by the services so lists and downloads need no per-row query.
    current_version = models.OneToOneField(
        "DocumentVersion",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("current version"),
        editable=False,
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

    @property
    def format_label(self) -> str:
        """PDF, DOCX, XLSX or PPTX: the stored file's extension, which the upload check made truthful."""
        return self.file.name.rpartition(".")[2].upper()


class DocumentStatusChange(models.Model):
    """Who moved a document from one status to another, when, and at which meeting (adoption of a report)."""

    document = models.ForeignKey(Document, models.CASCADE, related_name="status_changes", verbose_name=_("document"))
    old_status = models.CharField(_("from"), max_length=12, choices=Document.Status.choices, blank=True)
    new_status = models.CharField(_("to"), max_length=12, choices=Document.Status.choices)
    meeting = models.ForeignKey(
        Meeting,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="document_decisions",
        verbose_name=_("at meeting"),
        help_text=_("The meeting that adopted the document, for a report adopted by a meeting."),
    )
    note = models.TextField(_("note"), blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("changed by")
    )
    changed_at = models.DateTimeField(_("changed"), db_index=True)

    class Meta:
        ordering = ["document", "changed_at", "pk"]
        verbose_name = _("document status change")
        verbose_name_plural = _("document status changes")

    def __str__(self):
        return f"{self.document}: {self.old_status} → {self.new_status}"


class DeclarationStep(models.Model):
    """One step on a declaration's way from the first draft to its adoption by the Heads of Civil Service."""

    class Kind(models.TextChoices):
        DRAFTED = "drafted", _("Drafted")
        DISCUSSED = "discussed", _("Discussed")
        ENDORSED_BY_SOM = "endorsed_by_som", _("Endorsed by the SOM")
        ADOPTED_BY_HCS = "adopted_by_hcs", _("Adopted by the Heads of Civil Service")
        OTHER = "other", _("Milestone")

    # Steps that happen at a meeting and so name it.
    AT_MEETING = (Kind.DISCUSSED, Kind.ENDORSED_BY_SOM, Kind.ADOPTED_BY_HCS)

    document = models.ForeignKey(
        Document, models.CASCADE, related_name="declaration_steps", verbose_name=_("declaration")
    )
    kind = models.CharField(_("step"), max_length=20, choices=Kind.choices)
    date = models.DateField(_("date"), validators=[within_years])
    meeting = models.ForeignKey(
        Meeting,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="declaration_steps",
        verbose_name=_("meeting"),
    )
    procedure = models.ForeignKey(
        "proceedings.WrittenProcedure",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="declaration_steps",
        verbose_name=_("written procedure"),
        help_text=_("The closed written procedure that recorded this step, when no meeting did."),
    )
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        ordering = ["document", "date", "pk"]
        verbose_name = _("declaration step")
        verbose_name_plural = _("declaration steps")
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind__in=["discussed", "endorsed_by_som", "adopted_by_hcs"])
                | Q(meeting__isnull=False)
                | Q(procedure__isnull=False),
                name="declarationstep_meeting_for_meeting_steps",
                violation_error_message=_("Name the meeting at which this step happened."),
            ),
            models.UniqueConstraint(
                fields=["document", "procedure"],
                condition=Q(procedure__isnull=False),
                name="declarationstep_once_per_procedure",
                violation_error_message=_("This written procedure's outcome is already recorded."),
            ),
            models.UniqueConstraint(
                fields=["document", "kind", "meeting"],
                name="declarationstep_once_per_meeting",
                violation_error_message=_("This step is already recorded for this meeting."),
            ),
        ]

    def __str__(self):
        return f"{self.document}: {self.get_kind_display()}"
