"""`python manage.py backup`: the database and the media in one archive, old archives pruned.

`deploy/backup` runs this; `deploy/backup.timer` runs that nightly (README "Backups")."""

import os
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections

from sitewide.backups import archive, retention
from sitewide.backups.databases import BackupError


class Command(BaseCommand):
    help = "Back up the database and MEDIA_ROOT into one timestamped archive, then prune."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output-dir",
            type=Path,
            default=Path(os.environ.get("BACKUP_DIR", settings.BASE_DIR / "backups")),
            help="where archives are kept (default: $BACKUP_DIR, else ./backups)",
        )
        parser.add_argument("--keep-daily", type=int, default=14, metavar="N")
        parser.add_argument("--keep-weekly", type=int, default=8, metavar="N")
        parser.add_argument("--no-prune", action="store_true", help="delete no old archive")

    def handle(self, *args, output_dir, keep_daily, keep_weekly, no_prune, **options):
        if keep_daily < 0 or keep_weekly < 0:
            raise CommandError("--keep-daily and --keep-weekly cannot be negative.")
        try:
            path, manifest = archive.create(
                connections[DEFAULT_DB_ALIAS],
                Path(settings.MEDIA_ROOT),
                output_dir,
                datetime.now(UTC),
            )
        except (BackupError, OSError) as error:
            raise CommandError(f"Backup failed: {error}") from error
        rows = sum(manifest["tables"].values())
        self.stdout.write(
            f"{path}\n  {len(manifest['tables'])} tables, {rows} rows; "
            f"{len(manifest['media'])} media files"
        )
        if not isinstance(default_storage, FileSystemStorage):
            self.stderr.write(
                "  Uploaded media are kept in object storage (AWS_STORAGE_BUCKET_NAME), not in "
                "MEDIA_ROOT, so this archive holds none: keep the bucket versioned and copied "
                'elsewhere (README "Media on object storage").'
            )
        if not no_prune:
            for old in retention.prune(output_dir, keep_daily=keep_daily, keep_weekly=keep_weekly):
                self.stdout.write(f"  pruned {old.name}")
