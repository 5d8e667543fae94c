"""Move teachers' photos stored before private media existed into the private storage (a
teacher's page is never public). Safe to run again (it moves only what is still public) and
without loss (copy, then delete)."""

from django.core.management.base import BaseCommand

from teachers.selectors import profiles_with_public_photos
from teachers.services import profile_photos_privatise


class Command(BaseCommand):
    help = "Move teachers' photos to the private storage."

    def handle(self, *args, **options):
        moved = sum(profile_photos_privatise(profile=p) for p in profiles_with_public_photos())
        self.stdout.write(f"{moved} files moved.")
