"""Pages deleted from the site answer 410 Gone, with their versions, instead of 404.

A version's URL is given out to be cited (`story.versions`): when its page is deleted, a reader
following the citation should learn that the page was removed, not that the address is wrong.
The public path of every live page that is deleted is kept (`RemovedPage`), and a 404 for that
path or anything under it becomes a 410 page saying so. A page later published at the same
path is served as usual: only requests that would be 404s are looked up (one indexed query).
"""

from django.db.models.signals import pre_delete
from django.dispatch import receiver
from django.template.response import TemplateResponse

from wagtail.models import Page

from story.models import RemovedPage


@receiver(pre_delete, sender=Page)
def remember_removed_page(sender, instance, **kwargs):
    """Every page ever published that is deleted, descendants included (Django sends this for
    each page's `Page` row). Wagtail unpublishes a page before deleting it, so whether it was
    ever public is told by its first publication. Only `Page` is listened to: a receiver for
    every model would stop Django from deleting related rows in bulk."""
    if instance.first_published_at is None:
        return
    url_parts = instance.get_url_parts()
    if url_parts is None:
        return  # not in a site: it had no public URL
    _site_id, _root_url, path = url_parts
    RemovedPage.objects.get_or_create(path=path)


class RemovedPageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404 or request.method not in ("GET", "HEAD"):
            return response
        path = request.path
        if "\x00" in path:
            return response  # no page was ever published there (and PostgreSQL refuses NUL)
        prefixes = [path[: index + 1] for index, char in enumerate(path) if char == "/"]
        if not RemovedPage.objects.filter(path__in=prefixes).exists():
            return response
        gone = TemplateResponse(request, "410.html", {}, status=410)
        gone.render()
        return gone
