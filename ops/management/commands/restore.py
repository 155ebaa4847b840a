from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from common.storage import StorageUnavailable
from ops.backup import BackupError, read_manifest, restore


class Command(BaseCommand):
    help = "Replace the database and the uploaded files with a backup archive (make restore FILE=...)."

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)
        parser.add_argument("--noinput", "--no-input", action="store_false", dest="interactive")

    def handle(self, *args, archive, interactive=True, **options):
        try:
            manifest = read_manifest(archive)
        except (BackupError, OSError, KeyError, ValueError) as error:
            raise CommandError(f"not a usable backup archive: {error}") from None
        if interactive:
            self.stdout.write(
                f"This replaces ALL data and uploaded files with the backup of {manifest['created_at']}.\n"
                "Stop the web server and the worker first. Type 'yes' to continue: "
            )
            if input().strip().lower() != "yes":
                raise CommandError("restore cancelled")
        try:
            restore(archive=archive)
        except BackupError as error:
            raise CommandError(str(error)) from None
        except StorageUnavailable:
            raise CommandError(
                "the database is restored, but the files could not be written to the bucket (is it down?): run "
                "the restore again once it answers (files already there are kept, the rest are put back)"
            ) from None
        total = sum(manifest["row_counts"].values())
        self.stdout.write(self.style.SUCCESS(f"restored {archive} ({total} rows, counts match the backup)"))
