"""Backups: back up, restore into a new database and media folder, and the restored site is the
same (rows per table, rendered pages, document bytes). Runs on the database of the test run,
SQLite or PostgreSQL; on PostgreSQL the restore goes into a scratch database made for the test
and dropped however it ends.

The content is committed (a transactional test), since pg_dump reads it from another session;
serialized rollback puts back what the migrations made once the test has flushed it.
"""

import json
import os
import subprocess
import sys
import tarfile
import uuid
from contextlib import closing
from io import BytesIO, StringIO
from pathlib import Path
from urllib.parse import quote

import pytest

from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection

from wagtail.documents import get_document_model
from wagtail.models import Collection

from sitewide.backups.databases import Database, row_counts
from tests.factories import (
    OrganisationFactory,
    SectionPageFactory,
    SourceFactory,
    StoryIndexPageFactory,
    VisionStatementPageFactory,
    make_home_page,
    narrative,
    source_link,
)
from tests.sitewide.site_snapshot import snapshot

RESTORED_SITE = Path(__file__).with_name("restored_site.py")
REPOSITORY = Path(__file__).resolve().parents[2]
CONTENT = b"%PDF-1.4 pretend figures \x00\x01\x02 for the round trip\n"


def database_url(settings_dict: dict, name: str) -> str:
    user = quote(settings_dict["USER"] or "", safe="")
    password = quote(settings_dict["PASSWORD"] or "", safe="")
    credentials = f"{user}:{password}@" if password else f"{user}@" if user else ""
    host = settings_dict["HOST"] or "localhost"
    return f"postgres://{credentials}{host}:{settings_dict['PORT'] or 5432}/{name}"


@pytest.fixture
def restore_target(tmp_path):
    """A new, empty database to restore into: a file for SQLite, a scratch PostgreSQL
    database (a unique name, dropped after the test whatever happened)."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    import psycopg

    settings_dict = connection.settings_dict
    name = f"sop_restore_{uuid.uuid4().hex[:12]}"
    admin = psycopg.connect(
        dbname="postgres",
        host=settings_dict["HOST"] or None,
        port=settings_dict["PORT"] or None,
        user=settings_dict["USER"] or None,
        password=settings_dict["PASSWORD"] or None,
        autocommit=True,
    )
    with closing(admin):
        admin.execute(f'CREATE DATABASE "{name}"')
        try:
            yield database_url(settings_dict, name)
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def site(media_on_disk):
    """A small site: pages citing a source and an organisation, and a released document."""
    home = make_home_page()
    organisation = OrganisationFactory(name="Care Inspectorate")
    source = SourceFactory(title="Inspection of residential care", organisations=[organisation])
    document = get_document_model().objects.create(
        title="Inspection figures",
        collection=Collection.objects.get(name="Published documents"),
        file=ContentFile(CONTENT, name="figures.pdf"),
    )
    story = StoryIndexPageFactory(parent=home)
    section = SectionPageFactory(parent=story)
    statement_page = VisionStatementPageFactory(
        parent=section,
        title="Staying together",
        body=[
            narrative(
                f"<p>Children stay with their families ({source_link(source)}); "
                f'<a linktype="document" id="{document.pk}">the figures</a>.</p>'
            )
        ],
    )
    for page in (story, section, statement_page):
        page.save_revision().publish()
    urls = [
        home.url,
        statement_page.url,
        source.public_url,
        organisation.public_url,
        "/library/",
        document.url,
    ]
    return {"urls": urls, "document": document}


def restored_snapshot(database_url: str, media_root: Path, urls: list[str]) -> dict:
    completed = subprocess.run(  # noqa: S603 (our own script, fixed arguments)
        [sys.executable, str(RESTORED_SITE), *urls],
        cwd=REPOSITORY,
        env={**os.environ, "DATABASE_URL": database_url, "MEDIA_ROOT": str(media_root)},
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    return json.loads(completed.stdout)


def back_up(output_dir: Path) -> Path:
    out = StringIO()
    call_command("backup", output_dir=output_dir, no_prune=True, stdout=out)
    archives = sorted(output_dir.glob("storyofprogress-*.tar.gz"))
    assert len(archives) == 1, out.getvalue()
    return archives[0]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_restored_backup_is_the_same_site(site, restore_target, tmp_path):
    before = snapshot(site["urls"])
    assert all(status == 200 for status, _ in before["pages"].values()), before["pages"]
    assert before["tables"]["wagtaildocs_document"] == 1

    archive = back_up(tmp_path / "backups")
    assert oct(archive.stat().st_mode & 0o777) == "0o600"  # password hashes are inside
    media = tmp_path / "restored-media"
    call_command(
        "restore", archive, database_url=restore_target, media_root=media, stdout=StringIO()
    )

    after = restored_snapshot(restore_target, media, site["urls"])
    assert after["tables"] == before["tables"]
    assert after["pages"] == before["pages"]
    assert (media / site["document"].file.name).read_bytes() == CONTENT

    # Never over what is there, unless told: the database, then the media folder.
    with pytest.raises(CommandError, match="is not empty"):
        call_command("restore", archive, database_url=restore_target, media_root=tmp_path / "new")
    empty_database = f"sqlite:///{tmp_path / 'empty.sqlite3'}"
    with pytest.raises(CommandError, match=f"media folder {media} is not empty"):
        call_command("restore", archive, database_url=empty_database, media_root=media)
    (media / site["document"].file.name).write_bytes(b"changed since")
    call_command(
        "restore",
        archive,
        database_url=restore_target,
        media_root=media,
        force=True,
        stdout=StringIO(),
    )
    assert row_counts(Database.from_url(restore_target)) == before["tables"]
    assert (media / site["document"].file.name).read_bytes() == CONTENT

    # An archive whose files do not match its manifest is refused before anything is written.
    tampered = tmp_path / "tampered.tar.gz"
    with tarfile.open(archive) as original, tarfile.open(tampered, "w:gz") as copy:
        for member in original:
            data = original.extractfile(member).read()
            if member.name.startswith("media/documents/"):
                data = data.replace(b"figures", b"FIGURES")
            member.size = len(data)
            copy.addfile(member, BytesIO(data))
    fresh = tmp_path / "fresh-media"
    with pytest.raises(CommandError, match="does not match its manifest: media/documents/"):
        call_command("restore", tampered, database_url=restore_target, media_root=fresh, force=True)
    assert not fresh.exists()
    assert row_counts(Database.from_url(restore_target)) == before["tables"]
