"""Run as a script by the backup round trip: prints, as JSON, `site_snapshot.snapshot()` of the
URLs given as arguments, from the database DATABASE_URL names and the files in MEDIA_ROOT."""

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "storyofprogress.settings.test")

import django  # noqa: E402

django.setup()

from django.test import override_settings  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from tests.sitewide.site_snapshot import snapshot  # noqa: E402

if __name__ == "__main__":
    setup_test_environment()
    with override_settings(
        MEDIA_ROOT=os.environ["MEDIA_ROOT"],
        STORAGES={
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
    ):
        print(json.dumps(snapshot(sys.argv[1:])))  # noqa: T201
