"""A Wagtail frontend-cache backend that records what it is asked to purge, beside the real
ones: the purge tests read what the purge layer was sent, as Varnish or a CDN would receive it."""

from wagtail.contrib.frontend_cache.backends.base import BaseBackend

#: Every URL purged since the last `forget()`, in order.
purged: list[str] = []


def forget() -> None:
    purged.clear()


class RecordingBackend(BaseBackend):
    def purge(self, url: str) -> None:
        purged.append(url)
