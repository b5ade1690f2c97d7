"""Which archives to keep: the newest of each of the last N days and of the last M weeks.

Days and ISO weeks are counted in UTC, over the days and weeks that have an archive, so a
server that was off for a week still keeps N daily archives. The newest archive is always kept.
"""

from datetime import datetime
from pathlib import Path

from sitewide.backups.archive import archive_time


def to_prune(paths: list[Path], *, keep_daily: int, keep_weekly: int) -> list[Path]:
    """The archives among `paths` that the policy no longer keeps, oldest first."""
    dated = sorted(
        ((moment, path) for path in paths if (moment := archive_time(path)) is not None),
        reverse=True,
    )
    keep: set[Path] = {dated[0][1]} if dated else set()
    for period, limit in ((day, keep_daily), (week, keep_weekly)):
        seen: list = []
        for moment, path in dated:
            key = period(moment)
            if key not in seen:
                if len(seen) >= limit:
                    break
                seen.append(key)
                keep.add(path)
    return [path for _, path in reversed(dated) if path not in keep]


def day(moment: datetime):
    return moment.date()


def week(moment: datetime):
    return moment.isocalendar()[:2]


def prune(directory: Path, *, keep_daily: int, keep_weekly: int) -> list[Path]:
    """Delete the archives in `directory` the policy no longer keeps; returns them."""
    doomed = to_prune(list(directory.iterdir()), keep_daily=keep_daily, keep_weekly=keep_weekly)
    for path in doomed:
        path.unlink()
    return doomed
