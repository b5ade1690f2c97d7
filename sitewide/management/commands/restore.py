"""`python manage.py restore ARCHIVE`: a backup into a new database and media folder.

The target is DATABASE_URL and MEDIA_ROOT (or --database-url and --media-root). It must be
empty: a restore never overwrites data unless --force is given. `deploy/restore` runs this."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS

from sitewide.backups.archive import restore
from sitewide.backups.databases import BackupError, Database


class Command(BaseCommand):
    help = "Restore a backup archive into an empty database and media folder."

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)
        parser.add_argument(
            "--database-url", help="the database to fill (default: the one DATABASE_URL names)"
        )
        parser.add_argument(
            "--media-root", type=Path, help="the folder to fill (default: MEDIA_ROOT)"
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="replace what the database and the media folder hold",
        )

    def handle(self, *args, archive, database_url, media_root, force, **options):
        media_root = media_root or Path(settings.MEDIA_ROOT)
        try:
            if database_url:
                target = Database.from_url(database_url)
            else:
                target = Database.from_settings(settings.DATABASES[DEFAULT_DB_ALIAS])
            manifest = restore(archive, target, media_root, force=force)
        except (BackupError, OSError) as error:
            raise CommandError(f"Restore failed: {error}") from error
        rows = sum(manifest["tables"].values())
        self.stdout.write(
            f"Restored the backup of {manifest['created']} into the {target} and {media_root}:\n"
            f"  {len(manifest['tables'])} tables, {rows} rows (the same as the backup); "
            f"{len(manifest['media'])} media files, checksums verified"
        )
