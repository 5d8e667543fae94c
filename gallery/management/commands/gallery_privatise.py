"""Put every stored gallery file where its item says: private unless the item is shown in an
album everyone may see. For files uploaded before private media existed; safe to run again (it
moves only what is in the wrong place) and without loss (copy, then delete)."""

from django.core.management.base import BaseCommand
from django.db import transaction

from gallery.selectors import albums_with_files
from gallery.services import album_files_sync


class Command(BaseCommand):
    help = "Move gallery files of items that are not public to the private storage (and back)."

    def handle(self, *args, **options):
        moved = 0
        for album in albums_with_files():
            with transaction.atomic():
                moved += album_files_sync(album=album)
        self.stdout.write(f"{moved} files moved.")
