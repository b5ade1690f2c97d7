"""Backups: which archives are kept, and bad input answered with a clear message.

No database is needed: retention works on file names, and every bad input here is refused
before a database is opened."""

import tarfile
from datetime import UTC, datetime, timedelta
from io import BytesIO, StringIO

import pytest

from django.core.management import CommandError, call_command

from sitewide.backups.archive import archive_name
from sitewide.backups.retention import prune, to_prune

NOW = datetime(2026, 11, 26, 2, 30, tzinfo=UTC)  # a Thursday


def archives(tmp_path, moments) -> dict:
    paths = {}
    for moment in moments:
        path = tmp_path / archive_name(moment)
        path.write_bytes(b"")
        paths[moment] = path
    return paths


def test_keeps_the_newest_of_each_recent_day_and_week(tmp_path):
    # Nightly for 60 days, plus a second archive (taken by hand) on the newest day.
    moments = [NOW - timedelta(days=days) for days in range(60)] + [NOW + timedelta(hours=3)]
    paths = archives(tmp_path, moments)
    (tmp_path / "notes.txt").write_text("not an archive")
    (tmp_path / "storyofprogress-garbage.tar.gz").write_bytes(b"")

    pruned = prune(tmp_path, keep_daily=14, keep_weekly=8)

    kept = {moment for moment, path in paths.items() if path.exists()}
    daily = {NOW + timedelta(hours=3)} | {NOW - timedelta(days=days) for days in range(1, 14)}
    # The newest of each ISO week: Thursday this week, then the Sundays before it.
    weekly = {NOW + timedelta(hours=3)} | {
        NOW - timedelta(days=4 + 7 * weeks) for weeks in range(7)
    }
    assert kept == daily | weekly
    assert len(pruned) == len(moments) - len(kept)
    assert pruned == sorted(pruned)  # oldest first
    assert (tmp_path / "notes.txt").exists()  # other files are never touched
    assert (tmp_path / "storyofprogress-garbage.tar.gz").exists()


def test_the_newest_archive_is_always_kept(tmp_path):
    paths = archives(tmp_path, [NOW, NOW - timedelta(days=1)])
    assert to_prune(list(paths.values()), keep_daily=0, keep_weekly=0) == [
        paths[NOW - timedelta(days=1)]
    ]
    assert to_prune([], keep_daily=0, keep_weekly=0) == []


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["missing.tar.gz"], "No backup archive at"),
        (["not-an-archive.tar.gz"], "is not a readable backup archive"),
        (["empty.tar.gz"], "has no readable manifest"),
        (["incomplete.tar.gz"], "is incomplete"),
        (["other-format.tar.gz"], "is not a backup in format 1"),
        (["missing.tar.gz", "--database-url", "mysql://x@y/z"], "not django.db.backends.mysql"),
        (["missing.tar.gz", "--database-url", "nonsense"], "Not a database URL"),
    ],
)
def test_restore_answers_bad_input_with_a_message(tmp_path, monkeypatch, arguments, message):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "not-an-archive.tar.gz").write_bytes(b"\x1f\x8b not really gzip")
    tarfile.open(tmp_path / "empty.tar.gz", "w:gz").close()
    for name, manifest in (("incomplete", b'{"format": 1}'), ("other-format", b"[1]")):
        with tarfile.open(tmp_path / f"{name}.tar.gz", "w:gz") as tar:
            info = tarfile.TarInfo("manifest.json")
            info.size = len(manifest)
            tar.addfile(info, BytesIO(manifest))
    if "--database-url" not in arguments:
        arguments = [*arguments, "--database-url", f"sqlite:///{tmp_path / 'new.sqlite3'}"]
    arguments = [*arguments, "--media-root", str(tmp_path / "media")]
    with pytest.raises(CommandError, match=message):
        call_command("restore", *arguments, stdout=StringIO())
    assert not (tmp_path / "new.sqlite3").exists()
    assert not (tmp_path / "media").exists()


def test_backup_refuses_a_negative_retention(tmp_path):
    with pytest.raises(CommandError, match="cannot be negative"):
        call_command("backup", "--output-dir", str(tmp_path), "--keep-daily", "-1")
    assert not any(tmp_path.iterdir())
