"""Old slugs of sources and organisations keep working: a 301 to where the evidence is now.

A slug is free to change (rich text stores ids), but the web links to public URLs. Each time a
published source or organisation is saved with a new slug, the old one is recorded
(`FormerSlug`); a URL with an unknown slug then looks there before answering 404. Every app
answers for its own URLs: `evidence.views` for the public pages, `library.views` for the
citation downloads, both through `current_for`. Our own table rather than Wagtail's Redirect
rows because those store paths: `evidence` would have to write `library`'s URLs (a higher app),
renames would chain hops, and a deleted source would leave redirects to nothing, where here its
former slugs go with it and any number of renames is one hop. A live object that takes a slug
wins over the history, since the history is read only when nothing live has the slug.
"""

from django.db.models.signals import pre_save

from evidence.models import EvidenceSnippet, FormerSlug, Organisation, Source


def current_for(model: type[EvidenceSnippet], slug: str) -> EvidenceSnippet | None:
    """The live object that was public under `slug` most recently, if any."""
    field = "source" if model is Source else "organisation"
    former = (
        FormerSlug.objects.filter(slug=slug, **{f"{field}__live": True})
        .select_related(field)
        .first()
    )
    return getattr(former, field) if former else None


def record_former_slug(sender, instance: EvidenceSnippet, raw: bool = False, **kwargs) -> None:
    if raw or instance.pk is None:
        return
    update_fields = kwargs.get("update_fields")
    if update_fields is not None and "slug" not in update_fields:
        return
    old = sender.objects.filter(pk=instance.pk).values("slug", "last_published_at").first()
    if old is None or old["slug"] == instance.slug:
        return
    field = "source" if sender is Source else "organisation"
    FormerSlug.objects.filter(**{field: instance, "slug": instance.slug}).delete()
    if old["last_published_at"] is not None:  # only a slug readers could have seen
        FormerSlug.objects.get_or_create(**{field: instance, "slug": old["slug"]})


def connect_signals() -> None:
    for model in (Source, Organisation):
        pre_save.connect(record_former_slug, sender=model, dispatch_uid=f"former_slug_{model}")
