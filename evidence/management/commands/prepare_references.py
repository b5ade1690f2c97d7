"""Format every live source's APA reference no process has formatted yet, and share it.

Run once a deployment starts with an empty Redis (a new one, or after Redis lost its data):
otherwise the first page or export to show each reference formats it while its reader waits
(about 10 ms a reference: 45 s for a library export of 5,000 sources). Safe to run at any time;
references already shared are read, not formatted again.
"""

import time

from django.core.management.base import BaseCommand

from evidence.bibliography import reference_key
from evidence.models import Source
from evidence.shared_references import SharedReferences, share_references_of


class Command(BaseCommand):
    help = __doc__.splitlines()[0]

    def handle(self, *args, **options):
        started = time.perf_counter()
        records = [
            row.citation_record()
            for row in Source.objects.live().rows().values()
            if not row.citation_override.strip()
        ]
        keys = {reference_key(record) for record in records}
        shared_before = len(SharedReferences().get_many(list(keys)))
        sources = share_references_of(Source.objects.all())
        self.stdout.write(
            f"{sources} live sources: {len(keys) - shared_before} references formatted, "
            f"{shared_before} already shared, in {time.perf_counter() - started:.1f} s."
        )
