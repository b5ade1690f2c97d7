"""One archive holds the database and the uploaded media together, with a manifest.

`storyofprogress-<UTC time>.tar.gz` contains:

- `database.pgdump` (pg_dump's custom format) or `database.sqlite3` (a consistent copy);
- `media/...`: every file under MEDIA_ROOT (documents, original images, renditions);
- `manifest.json`, written last: what the database held (rows per table), and the size and
  SHA-256 of the database file and of every media file.

The database is copied first, then the media, so every file a row names is in the archive
unless it was deleted in the seconds between. An archive is written under a `.partial` name and
renamed when complete, so a crash never leaves something that looks like a backup.

A restore checks the target before writing anything (an empty database, an empty or missing
media folder, unless forced), unpacks into a staging folder beside the media folder, checks
every checksum against the manifest, loads the database, moves the media into place, and
finally compares the rows per table of the restored database with the manifest.
"""

import hashlib
import json
import os
import shutil
import tarfile
import tempfile
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

from sitewide.backups import databases
from sitewide.backups.databases import BackupError, Database

FORMAT = 1
PREFIX = "storyofprogress-"
SUFFIX = ".tar.gz"
TIME_FORMAT = "%Y%m%dT%H%M%SZ"
MANIFEST = "manifest.json"
CHUNK = 1024 * 1024


def archive_name(moment: datetime) -> str:
    return f"{PREFIX}{moment.astimezone(UTC).strftime(TIME_FORMAT)}{SUFFIX}"


def archive_time(path: Path) -> datetime | None:
    """When an archive was taken, from its name; None for any other file."""
    name = path.name
    if not (name.startswith(PREFIX) and name.endswith(SUFFIX)):
        return None
    try:
        stamp = name[len(PREFIX) : -len(SUFFIX)]
        return datetime.strptime(stamp, TIME_FORMAT).replace(tzinfo=UTC)
    except ValueError:
        return None


class HashingReader:
    """Reads a file into the tar while hashing it, so each file is read once."""

    def __init__(self, file):
        self.file = file
        self.hash = hashlib.sha256()

    def read(self, size=-1):
        data = self.file.read(size)
        self.hash.update(data)
        return data


def add_file(tar: tarfile.TarFile, path: Path, arcname: str) -> dict:
    with path.open("rb") as file:
        info = tar.gettarinfo(arcname=arcname, fileobj=file)
        info.uid = info.gid = 0
        info.uname = info.gname = ""
        reader = HashingReader(file)
        tar.addfile(info, reader)
    return {"sha256": reader.hash.hexdigest(), "bytes": info.size}


def media_files(media_root: Path) -> list[Path]:
    """Regular files under MEDIA_ROOT, in a stable order; symbolic links are not followed."""
    if not media_root.is_dir():
        return []
    found = []
    for folder, subfolders, files in os.walk(media_root):
        subfolders.sort()
        found.extend(
            Path(folder) / name for name in sorted(files) if (Path(folder) / name).is_file()
        )
    return [path for path in found if not path.is_symlink()]


def create(connection, media_root: Path, output_dir: Path, moment: datetime) -> tuple[Path, dict]:
    """Write one archive of the database behind `connection` and of `media_root`."""
    output_dir.mkdir(parents=True, exist_ok=True)
    target = output_dir / archive_name(moment)
    partial = target.with_name(target.name + ".partial")
    with tempfile.TemporaryDirectory(dir=output_dir, prefix=".backup-") as work:
        database_file, tables, facts = databases.dump(connection, Path(work))
        manifest = {
            "format": FORMAT,
            "created": moment.astimezone(UTC).isoformat(),
            "database": {"vendor": connection.vendor, "file": database_file.name, **facts},
            "tables": tables,
            "media": {},
        }
        old_umask = os.umask(0o077)  # password hashes and unreleased documents are inside
        try:
            with tarfile.open(partial, "w:gz") as tar:
                manifest["database"].update(add_file(tar, database_file, database_file.name))
                for path in media_files(media_root):
                    relative = path.relative_to(media_root).as_posix()
                    manifest["media"][relative] = add_file(tar, path, f"media/{relative}")
                manifest_file = Path(work) / MANIFEST
                manifest_file.write_text(json.dumps(manifest, indent=1, sort_keys=True))
                add_file(tar, manifest_file, MANIFEST)
            partial.rename(target)
        finally:
            os.umask(old_umask)
            partial.unlink(missing_ok=True)
    return target, manifest


def safe_member_path(name: str) -> PurePosixPath:
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or not path.parts:
        raise BackupError(f"The archive holds an unsafe path: {name!r}.")
    return path


def expected_hashes(manifest: dict) -> dict[str, str]:
    """The SHA-256 of every file the manifest lists, by name in the archive."""
    if not isinstance(manifest["tables"], dict) or not manifest["database"]["vendor"]:
        raise TypeError("no row counts or no database vendor")
    expected = {f"media/{name}": entry["sha256"] for name, entry in manifest["media"].items()}
    expected[manifest["database"]["file"]] = manifest["database"]["sha256"]
    return expected


def unpack(archive: Path, staging: Path) -> dict:
    """Unpack `archive` into `staging`, checking every file against the manifest."""
    hashes = {}
    try:
        with tarfile.open(archive, "r:gz") as tar:
            for member in tar:
                path = safe_member_path(member.name)
                if not member.isfile():
                    raise BackupError(f"The archive holds something not a file: {member.name!r}.")
                destination = staging.joinpath(*path.parts)
                destination.parent.mkdir(parents=True, exist_ok=True)
                digest = hashlib.sha256()
                with tar.extractfile(member) as source, destination.open("wb") as out:
                    while chunk := source.read(CHUNK):
                        digest.update(chunk)
                        out.write(chunk)
                hashes[str(path)] = digest.hexdigest()
    except (tarfile.TarError, EOFError, OSError) as error:
        raise BackupError(f"{archive} is not a readable backup archive ({error}).") from error
    try:
        manifest = json.loads((staging / MANIFEST).read_text())
    except (OSError, ValueError) as error:
        raise BackupError(f"{archive} has no readable manifest: not one of our backups.") from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{archive} is not a backup in format {FORMAT}.")
    try:
        expected = expected_hashes(manifest)
    except (AttributeError, KeyError, TypeError) as error:
        raise BackupError(f"The manifest of {archive} is incomplete ({error!r}).") from error
    hashes.pop(MANIFEST, None)
    if hashes != expected:
        wrong = sorted(
            name
            for name in expected.keys() | hashes.keys()
            if hashes.get(name) != expected.get(name)
        )
        raise BackupError(f"The archive does not match its manifest: {', '.join(wrong[:10])}.")
    return manifest


def check_media_target(media_root: Path, force: bool) -> None:
    if media_root.exists() and not media_root.is_dir():
        raise BackupError(f"{media_root} is not a folder.")
    if media_root.is_dir() and any(media_root.iterdir()) and not force:
        raise BackupError(
            f"The media folder {media_root} is not empty: restore into a new folder, or give "
            "--force to write the archive's files over it."
        )


def move_media(staged: Path, media_root: Path) -> None:
    if not staged.is_dir():
        media_root.mkdir(parents=True, exist_ok=True)
        return
    if not media_root.exists() or not any(media_root.iterdir()):
        if media_root.exists():
            media_root.rmdir()
        staged.rename(media_root)
        return
    shutil.copytree(staged, media_root, dirs_exist_ok=True)


def restore(archive: Path, target: Database, media_root: Path, *, force: bool = False) -> dict:
    """Restore `archive` into the `target` database and `media_root`; returns its manifest."""
    if not archive.is_file():
        raise BackupError(f"No backup archive at {archive}.")
    databases.check_target(target, force=force)
    check_media_target(media_root, force)
    media_root.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=media_root.parent, prefix=".restore-") as work:
        staging = Path(work)
        manifest = unpack(archive, staging)
        database = manifest["database"]
        databases.restore(staging / database["file"], database, target, force=force)
        move_media(staging / "media", media_root)
    restored = databases.row_counts(target)
    if restored != manifest["tables"]:
        differ = sorted(
            name
            for name in restored.keys() | manifest["tables"].keys()
            if restored.get(name) != manifest["tables"].get(name)
        )
        raise BackupError(f"The restored database differs from the backup in: {', '.join(differ)}.")
    return manifest
