"""`manage.py check_source_links`: checks every live source's URL and DOI and records the
outcome beside the source (README "Source link health"). Run daily by
deploy/check-source-links.timer (or deploy/crontab)."""

import re

from django.core.management.base import BaseCommand, CommandError

from evidence.link_health import addresses_of, check_all, record
from evidence.models import Source, SourceLink


def positive(kind, name: str, limit: float):
    """An argparse type: a number above 0 and at most `limit`, in ASCII digits (Python's own
    `int` and `float` also read "٣" and "1_0"), with a message that says what is wrong."""

    def parse(text: str):
        if not re.fullmatch(r"[0-9]+" if kind is int else r"[0-9]+(\.[0-9]+)?|\.[0-9]+", text):
            raise CommandError(f"--{name} must be a number, not {text!r}.")
        value = kind(text)
        if not 0 < value <= limit:
            raise CommandError(f"--{name} must be above 0 and at most {limit:g}, not {text}.")
        return value

    return parse


class Command(BaseCommand):
    help = "Check every live source's URL and DOI, and record whether each still works."

    def add_arguments(self, parser):
        parser.add_argument(
            "--timeout",
            type=positive(float, "timeout", 120),
            default=10.0,
            help="Seconds to wait for each answer (default 10).",
        )
        parser.add_argument(
            "--concurrency",
            type=positive(int, "concurrency", 32),
            default=8,
            help="Requests in flight at once, overall (default 8).",
        )
        parser.add_argument(
            "--per-host",
            type=positive(int, "per-host", 8),
            default=2,
            help="Requests in flight at once to any one host (default 2).",
        )
        parser.add_argument(
            "--source",
            type=positive(int, "source", 2**31 - 1),
            action="append",
            dest="source_ids",
            metavar="ID",
            help="Check only this source (repeat for more).",
        )

    def handle(self, *args, timeout, concurrency, per_host, source_ids, **options):
        sources = Source.objects.live().only("pk", "url", "doi")
        if source_ids:
            sources = sources.filter(pk__in=source_ids)
            missing = set(source_ids) - {source.pk for source in sources}
            if missing:
                listed = ", ".join(str(pk) for pk in sorted(missing))
                raise CommandError(f"No live source has the id {listed}.")
        sources = list(sources)
        addresses = addresses_of(sources)
        self.stdout.write(
            f"Checking {len(addresses)} addresses of {len(sources)} live sources "
            f"({concurrency} at a time, {per_host} per host, {timeout:g} s each)."
        )
        results = check_all(addresses, timeout=timeout, concurrency=concurrency, per_host=per_host)
        record(results, [source.pk for source in sources])
        if not source_ids:  # a source unpublished since the last run keeps no stale status
            SourceLink.objects.exclude(source__live=True).delete()
        counts = dict.fromkeys(SourceLink.Status, 0)
        for outcome in results.values():
            counts[outcome.status] += 1
        self.stdout.write(
            f"{counts[SourceLink.Status.WORKING]} working, "
            f"{counts[SourceLink.Status.REDIRECTED]} moved (working, through a redirect), "
            f"{counts[SourceLink.Status.BROKEN]} broken."
        )
        for address, outcome in sorted(results.items(), key=lambda item: item[0].url):
            if outcome.status == SourceLink.Status.BROKEN:
                self.stdout.write(f"Broken: {address.url} ({outcome.problem})")
