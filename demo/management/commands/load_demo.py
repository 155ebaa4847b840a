from django.core.management.base import BaseCommand

from demo.loader import load_demo


class Command(BaseCommand):
    help = "Load the real ACCSM 20–23 history from the seeds, the Work Plan 2021–2025 and demo logins. Idempotent."

    def handle(self, *args, **options):
        logins = load_demo()
        self.stdout.write(self.style.SUCCESS("ACCSM demo data is loaded (ACCSM 20–23, Work Plan 2021–2025)."))
        self.stdout.write("Demo logins (password set when the account was first created):")
        for username, password, role, _created in logins:
            self.stdout.write(f"  {username:<12} {password:<26} {role}")
