from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from common.storage import StorageUnavailable
from ops.backup import BackupError, backup


class Command(BaseCommand):
    help = "Back up the database and the uploaded files into one archive (make backup)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dir", dest="directory", type=Path, help="Folder for the archive (default: settings.BACKUP_DIR)."
        )

    def handle(self, *args, directory=None, **options):
        try:
            archive = backup(directory=directory)
        except BackupError as error:
            raise CommandError(str(error)) from None
        except StorageUnavailable:
            raise CommandError(
                "the files could not be read from their store (the bucket is down?); no archive was written"
            ) from None
        self.stdout.write(str(archive))
