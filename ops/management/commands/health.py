import json

from django.core.management.base import BaseCommand, CommandError

from ops.health import CHECKS, health_report


class Command(BaseCommand):
    help = "Print /healthz's report (of every part, or of those named) and exit 1 when one is down."

    def add_arguments(self, parser):
        parser.add_argument("parts", nargs="*", choices=sorted(CHECKS), metavar="part", help=", ".join(CHECKS))

    def handle(self, *args, parts, **options):
        healthy, report = health_report(parts)
        self.stdout.write(json.dumps(report))
        if not healthy:
            raise CommandError(
                "down: " + ", ".join(n for n, p in report.items() if n != "status" and p["status"] != "ok")
            )
