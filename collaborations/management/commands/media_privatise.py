"""Put every stored diary photo where its page says: private unless its post is public in a
collaboration everyone may see. For files uploaded before private media existed; safe to run
again (it moves only what is in the wrong place) and without loss (copy, then delete)."""

from django.core.management.base import BaseCommand
from django.db import transaction

from collaborations.selectors.collaborations import collaborations_with_diary_photos
from collaborations.services.diary import diary_files_sync


class Command(BaseCommand):
    help = "Move diary photos of pages that are not public to the private storage (and back)."

    def handle(self, *args, **options):
        moved = 0
        for collaboration in collaborations_with_diary_photos():
            with transaction.atomic():
                moved += diary_files_sync(collaboration=collaboration)
        self.stdout.write(f"{moved} files moved.")
