"""Move the uploaded files between the local private folder and the bucket (ACCSM_S3_BUCKET), checksums compared."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from common import storage


class Command(BaseCommand):
    help = (
        "Copy every uploaded file from the local folder (PRIVATE_MEDIA_ROOT) into the bucket (ACCSM_S3_BUCKET), "
        "or back with --to-local, and compare each file's SHA-256 on both sides. Nothing is deleted: remove the "
        "source once the copy is verified and the settings point at the target."
    )

    def add_arguments(self, parser):
        parser.add_argument("--to-local", action="store_true", help="from the bucket into the local folder")

    def handle(self, *args, to_local=False, **options):
        if not settings.ACCSM_S3_BUCKET:
            raise CommandError("Set ACCSM_S3_BUCKET (and the ACCSM_S3_* and AWS_* settings) to name the bucket.")
        local, bucket = storage.local_and_bucket()
        source, target = (bucket, local) if to_local else (local, bucket)
        copied, differing = storage.move(source, target)
        if differing:
            raise CommandError(f"{len(differing)} file(s) differ after the copy: {', '.join(differing[:20])}")
        where = "the local folder" if to_local else f"the bucket {settings.ACCSM_S3_BUCKET}"
        self.stdout.write(f"{copied} file(s) copied into {where}; every file's checksum is the same on both sides.")
