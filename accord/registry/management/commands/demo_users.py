"""`accord demo-users`: create one demo account per role and print the logins."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from accord.registry.demo import create_demo_users
from accord.registry.models import State


class Command(BaseCommand):
    help = (
        "Create one demo user per role (secretariat, focal point, reviewer, analyst, organization contact) "
        "and print logins."
    )

    def add_arguments(self, parser):
        parser.add_argument("--password", default="accord-demo", help="Password for every demo account.")
        parser.add_argument(
            "--force", action="store_true", help="Allow creating demo accounts when DEBUG is off."
        )

    def handle(self, *args, password: str, force: bool, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                _("Demo accounts have known passwords: run with ACCORD_DEBUG=1 or pass --force.")
            )
        if not State.objects.filter(iso3="UZB").exists():
            raise CommandError(_("Load the reference data first: accord load-reference"))
        accounts = create_demo_users(password=password)
        self.stdout.write(_("Demo logins (password for all: {password}):").format(password=password))
        for account in accounts:
            where = f" ({account.bound_to})" if account.bound_to else ""
            self.stdout.write(f"  {account.username:<12} {account.role}{where}")
