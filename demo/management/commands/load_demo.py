from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from demo.loader import database_holds_data, load_demo


class Command(BaseCommand):
    help = (
        "Load the demo into an empty database: ACCSM 20–23 as the sources tell it, an illustrative future placed "
        "relative to today, the work plan, papers and demo logins. A database that holds data is left as it is; "
        "--reset deletes everything in it first."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Delete everything in the database (every record and user account) and load the demo again.",
        )
        parser.add_argument(
            "--no-input",
            "--noinput",
            action="store_false",
            dest="interactive",
            help="With --reset, do not ask for confirmation.",
        )

    def handle(self, *args, reset=False, interactive=True, **options):
        if reset:
            self.reset(interactive=interactive)
        elif database_holds_data():
            self.stdout.write(
                self.style.WARNING(
                    "The database already holds data: the demo was not loaded and nothing was changed.\n"
                    "To start again from the demo, deleting everything in the database: manage.py load_demo --reset"
                )
            )
            return
        logins = load_demo()
        self.stdout.write(self.style.SUCCESS("ACCSM demo data is loaded (ACCSM 20–24, Work Plan 2021–2025)."))
        self.stdout.write("Demo logins (password set when the account was first created):")
        for username, password, role, _created in logins:
            self.stdout.write(f"  {username:<12} {password:<26} {role}")

    def reset(self, *, interactive: bool) -> None:
        name = connection.settings_dict["NAME"]
        self.stderr.write(
            self.style.WARNING(
                f"WARNING: --reset deletes everything in the database {name}: every meeting, registration, "
                "document, work plan, reminder and user account, with every change made in the portal. "
                "Uploaded files stay on disk. Then it loads the demo again."
            )
        )
        if interactive and input("Type 'yes' to delete everything and load the demo: ").strip().lower() != "yes":
            raise CommandError("Reset cancelled: nothing was deleted.")
        call_command("flush", interactive=False, verbosity=0)
        self.stdout.write("The database is empty.")
