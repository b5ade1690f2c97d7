"""`manage.py purge_pages`: purge every public URL from every page cache.

For changes made without Django's signals (SQL by hand, a restored database, `update_index`
after a bulk load), which no purge followed: otherwise they show after `PAGE_CACHE_SECONDS`.
"""

from django.core.management.base import BaseCommand

from caching.shown import Shown


class Command(BaseCommand):
    help = "Purge every public page, source, organisation and listing from the page caches."

    def handle(self, *args, **options):
        shown = Shown()
        shown.every_public_url()
        shown.purge()
        self.stdout.write(f"Purged {len(shown.urls)} URLs.")
