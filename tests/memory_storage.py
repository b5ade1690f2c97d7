"""Uploads kept in memory for the tests, behaving like the object storage production may use.

Django's `InMemoryStorage` answers `path()` with a place under MEDIA_ROOT where nothing is, so
Wagtail's document view would try to send that file from disk and answer 404 (or, worse, serve
a stale file a development run left there). Without a public `path()`, Wagtail streams the
document from the storage, as it does from S3.
"""

import os

from django.core.files.storage import InMemoryStorage


class InMemoryStorageWithoutPaths(InMemoryStorage):
    def path(self, name):
        raise NotImplementedError("Files kept in memory have no path on disk.")

    def _relative_path(self, name):
        """Where the file sits in memory: the parent's own use of `path()`."""
        return os.path.relpath(InMemoryStorage.path(self, name), self.location)
