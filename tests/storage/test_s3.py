"""Uploads kept in an S3-compatible bucket (django-storages) are read back through the site:
a document through Wagtail's view, which still keeps an unreleased one from the public, and an
image's rendition at the URL the organisation page gives it, found again in the renditions
cache. The bucket is moto's S3 server on 127.0.0.1, in a process group of its own, with the
shipped bucket policy (`deploy/s3/bucket-policy.json`): readers may fetch images from the
bucket, never documents, which moto enforces as S3 does.

Marked `hosts` (starts a server): `make test` leaves it out, `make test-hosts` and .ci/run run it.
The storage comes from the settings' own `media_storage`, given the variables production reads.
"""

import io
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import suppress
from html import unescape
from pathlib import Path

import boto3
import pytest
from PIL import Image as PILImage

from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from storyofprogress.settings.base import media_storage
from tests.factories import OrganisationFactory
from tests.redis_servers import free_port
from tests.workflow.tree import make_member

pytestmark = [pytest.mark.hosts, pytest.mark.django_db]

BUCKET = "storyofprogress-media"  # the name in the shipped policy
POLICY = Path(django_settings.BASE_DIR) / "deploy" / "s3" / "bucket-policy.json"
CONTENT = b"Unreviewed figures: 42 children, not yet checked.\n"


@pytest.fixture(scope="module")
def s3_endpoint():
    """moto's S3 server on a free 127.0.0.1 port, stopped by process group however the tests
    end."""
    port = free_port()
    log = tempfile.NamedTemporaryFile(prefix="moto-", suffix=".log", delete=False)  # noqa: SIM115
    process = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        start_new_session=True,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    endpoint = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{endpoint}/moto-api/", timeout=2).close()  # noqa: S310
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"moto did not start:\n{Path(log.name).read_text()[-3000:]}")
                time.sleep(0.1)
        yield endpoint
    finally:
        with suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            with suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=15)
        log.close()
        Path(log.name).unlink(missing_ok=True)


@pytest.fixture
def bucket(s3_endpoint, settings, monkeypatch):
    """An empty bucket as the site's media storage, configured as production configures it;
    the renditions cache of its own, as production has."""
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "moto")  # boto3 reads them, as in production
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "moto")
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1")
    client.create_bucket(Bucket=BUCKET)
    policy = json.loads(POLICY.read_text())
    client.put_bucket_policy(Bucket=BUCKET, Policy=json.dumps(policy))
    settings.STORAGES = {
        **settings.STORAGES,
        "default": media_storage(
            {
                "AWS_STORAGE_BUCKET_NAME": BUCKET,
                "AWS_S3_ENDPOINT_URL": s3_endpoint,
                "AWS_S3_REGION_NAME": "us-east-1",
            }
        ),
    }
    settings.CACHES = {
        **settings.CACHES,
        "renditions": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "renditions",
        },
    }
    yield client
    for listed in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=listed["Key"])
    client.delete_bucket(Bucket=BUCKET)


def keys(client) -> set[str]:
    return {listed["Key"] for listed in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])}


def fetch_anonymously(url: str) -> tuple[int, bytes]:
    """GET a bucket URL with no credentials, as a reader's browser does."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (moto, 127.0.0.1)
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


def body_of(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


@pytest.fixture
def editor_client(client, db):
    client.force_login(make_member("editor", "Editors"))
    return client


@pytest.fixture
def reviewer_client(db):
    reviewer = Client()
    reviewer.force_login(make_member("reviewer", "Reviewers"))
    return reviewer


def test_a_document_in_the_bucket_is_served_by_the_view_once_released(
    bucket, editor_client, reviewer_client, django_capture_on_commit_callbacks
):
    response = editor_client.post(
        reverse("wagtaildocs:add"),
        {"title": "Figures", "file": SimpleUploadedFile("figures.txt", CONTENT), "tags": ""},
    )
    assert response.status_code == 302, response.content[:2000]
    document = get_document_model().objects.get(title="Figures")
    key = document.file.name
    assert keys(bucket) == {key} and key.startswith("documents/")
    grants = bucket.get_object_acl(Bucket=BUCKET, Key=key)["Grants"]
    assert [grant["Permission"] for grant in grants] == ["FULL_CONTROL"]  # the owner's only
    assert document.url.startswith("/documents/")  # the view, never the bucket's URL
    assert fetch_anonymously(document.file.url) == (403, b"")  # the bucket never serves it

    anonymous = Client()
    waiting = anonymous.get(document.url)
    assert waiting.status_code == 302  # to the login: nothing read from the bucket
    assert CONTENT not in body_of(waiting)
    assert body_of(reviewer_client.get(document.url)) == CONTENT  # read back from the bucket

    released = reviewer_client.post(
        reverse("wagtaildocs:edit", args=[document.pk]),
        {
            "title": document.title,
            "collection": Collection.objects.get(name="Published documents").pk,
            "tags": "",
        },
    )
    assert released.status_code == 302, released.content[:2000]
    served = anonymous.get(document.url)
    assert served.status_code == 200
    assert body_of(served) == CONTENT

    # Deleted: Wagtail's task removes the file once committed, given the storage's arguments.
    with django_capture_on_commit_callbacks(execute=True):
        deleted = reviewer_client.post(reverse("wagtaildocs:delete", args=[document.pk]))
    assert deleted.status_code == 302
    assert keys(bucket) == set()


def png(width: int, height: int) -> bytes:
    out = io.BytesIO()
    PILImage.new("RGB", (width, height), (200, 40, 40)).save(out, "PNG")
    return out.getvalue()


def test_an_image_in_the_bucket_is_shown_through_its_rendition_url(bucket, editor_client):
    response = editor_client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Partner logo",
            "description": "Partner logo",
            "file": SimpleUploadedFile("logo.png", png(480, 120), content_type="image/png"),
            "collection": Collection.get_first_root_node().pk,
            "tags": "",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    image = get_image_model().objects.get(title="Partner logo")
    assert keys(bucket) == {image.file.name}
    organisation = OrganisationFactory(name="Bucket Trust", logo=image)

    page = Client().get(organisation.public_url)
    assert page.status_code == 200
    src = unescape(re.search(r'<img[^>]*class="organisation-logo"[^>]*>', page.text)[0])
    url = re.search(r'src="([^"]+)"', src)[1]
    assert url.startswith(f"{bucket.meta.endpoint_url}/{BUCKET}/images/")
    status, body = fetch_anonymously(url)
    assert status == 200
    assert PILImage.open(io.BytesIO(body)).size == (240, 60)  # max-240x120 of 480x120
    assert len(keys(bucket)) == 2  # the original and the rendition

    # The next render finds the rendition in the renditions cache, not the database.
    with CaptureQueriesContext(connection) as queries:
        assert Client().get(organisation.public_url).status_code == 200
    assert not [query for query in queries if "wagtailimages_rendition" in query["sql"]]


def test_a_backup_says_that_media_in_a_bucket_are_not_in_the_archive(bucket, tmp_path):
    errors = io.StringIO()
    call_command("backup", output_dir=tmp_path, no_prune=True, stdout=io.StringIO(), stderr=errors)
    assert "kept in object storage" in errors.getvalue()
