"""Find (and delete) stored files that no row names: papers, Notes Verbales and photos left behind by a rolled-back
upload or a delete the store refused. Beat runs the same sweep every six hours (documents.tasks)."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from common import storage


class Command(BaseCommand):
    help = (
        "List the stored files (local folder or bucket) that no paper, Note Verbale or photo names and that are "
        "older than --hours (6); --delete removes them."
    )

    def add_arguments(self, parser):
        parser.add_argument("--hours", type=float, default=6.0, help="only files older than this (default 6)")
        parser.add_argument("--delete", action="store_true", help="delete them (default: only list them)")

    def handle(self, *args, hours=6.0, delete=False, **options):
        if hours < 0:
            raise CommandError("--hours cannot be negative.")
        try:
            found = storage.sweep_orphans(older_than=dt.timedelta(hours=hours), delete=delete)
        except storage.UNREACHABLE as error:
            raise CommandError(f"the file store cannot be read just now: {error}") from None
        for name in found:
            self.stdout.write(name)
        verb = "deleted" if delete else "found (run again with --delete to remove them)"
        self.stdout.write(f"{len(found)} orphan file(s) {verb}.")
