from django.core.management.base import BaseCommand

from demo.common import DEMO_TOTP_SECRET
from demo.seed import DEMO_PASSWORD, seed_all


class Command(BaseCommand):
    help = "Load the demo network (countries, demo users). Safe to run again."

    def handle(self, *args, **options):
        logins = seed_all()
        self.stdout.write(self.style.SUCCESS("Demo data is loaded."))
        self.stdout.write(f"Demo logins (password: {DEMO_PASSWORD}):")
        for login in logins:
            self.stdout.write(f"  {login.role:<8} {login.email}")
        self.stdout.write(
            "Staff and judges sign in with a second factor: add the secret "
            f"{DEMO_TOTP_SECRET} to an authenticator app, or run `python manage.py demo_totp`."
        )
