from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = _("Documents")

    def ready(self):
        from auditlog.registry import auditlog

        from common.locking import register_lock_ranks

        from . import jobs, models, signals  # noqa: F401  (signals: files follow their rows; jobs: the zip's job)

        for model in (models.Document, models.DocumentVersion):
            auditlog.register(model)

        register_lock_ranks({models.Document: 90})  # CONTRIBUTING.md, "Row locks"

        # Deleted papers, and papers that leave a reader's view, as tombstones in the change log.
        from meetings.models import MeetingChange
        from meetings.sync import track

        from .selectors import document_readers

        track(
            models.Document,
            object_type=MeetingChange.ObjectType.DOCUMENT,
            meeting_id=lambda document: document.meeting_id,
            readers=document_readers,
            describe=lambda document: {"title": document.title},
            narrowing_fields=frozenset({"visibility", "member_state", "meeting"}),
            related=("meeting",),
        )
