from django.conf import settings
from django.core.management.base import BaseCommand

from demo.loading import load_demo


class Command(BaseCommand):
    help = "Load the demo projects, partners and meetings of the October 2018 newsletter."

    def handle(self, *args, **options):
        password = settings.DEMO_PASSWORD
        summary = load_demo(password=password)
        self.stdout.write(
            f"Demo data ready: {summary.created} rows created, {summary.updated} updated."
        )
        self.stdout.write(f"Logins (password {password!r} unless it was changed):")
        for login, name, organisation in summary.logins:
            self.stdout.write(f"  {login:<12} {name} ({organisation})")
