"""Move award evidence files stored before private media (under MEDIA_ROOT) to the private
storage. Safe to run again: it moves only what is still public."""

from django.core.management.base import BaseCommand

from awards.services.entries import evidence_files_privatise


class Command(BaseCommand):
    help = "Move award evidence files to the private storage."

    def handle(self, *args, **options):
        self.stdout.write(f"{evidence_files_privatise()} files moved.")
