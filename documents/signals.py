"""Files follow their rows: however a document version is deleted (the service, the admin, a meeting
deleted with its papers), its file is deleted once that deletion is committed."""

from django.db.models.signals import post_delete
from django.dispatch import receiver

from .models import DocumentVersion


@receiver(post_delete, sender=DocumentVersion, dispatch_uid="documents_delete_version_file")
def delete_version_file(sender, instance: DocumentVersion, **kwargs):
    from .services import delete_file_on_commit

    delete_file_on_commit(instance.file.name)
