"""Format every live source's APA reference no process has formatted yet, and share it.

Run once a deployment starts with an empty Redis (a new one, or after Redis lost its data):
otherwise the first page or export to show each reference formats it while its reader waits
(about 10 ms a reference: 45 s for a library export of 5,000 sources). Safe to run at any time;
references already shared are read, not formatted again.
"""

import time

from django.core.management.base import BaseCommand

from evidence.bibliography import reference_key
from evidence.models import Source, citations_of
from evidence.shared_references import SharedReferences


class Command(BaseCommand):
    help = __doc__.splitlines()[0]

    def handle(self, *args, **options):
        started = time.perf_counter()
        rows = list(Source.objects.live().rows().values())
        keys = {
            reference_key(row.citation_record())
            for row in rows
            if not row.citation_override.strip()
        }
        shared_before = len(SharedReferences().get_many(list(keys)))
        citations_of(rows)
        self.stdout.write(
            f"{len(rows)} live sources: {len(keys) - shared_before} references formatted, "
            f"{shared_before} already shared, in {time.perf_counter() - started:.1f} s."
        )
