"""Saves readers cannot see: an editor's draft or autosave (Wagtail writes only the new
revision's pointer and draft title to the row), a lock. One list for everything that follows
published content: the content generation, the search index, page purges and Wagtail's
reference index (`DraftSavesLeaveReferenceIndex`)."""

from django.conf import settings

#: Fields a save can touch without changing what readers see. A page's comments relation is
#: named in `update_fields` until django-modelcluster saves it apart from the row.
DRAFT_ONLY_FIELDS = frozenset(
    {
        "comments",
        getattr(settings, "WAGTAIL_COMMENTS_RELATION_NAME", "wagtail_admin_comments"),
        "draft_title",
        "has_unpublished_changes",
        "latest_revision",
        "latest_revision_created_at",
        "locked",
        "locked_at",
        "locked_by",
    }
)


def only_draft_fields(update_fields) -> bool:
    """Whether a save with these `update_fields` writes nothing readers see."""
    return bool(update_fields) and DRAFT_ONLY_FIELDS.issuperset(update_fields)


class DraftSavesLeaveReferenceIndex:
    """Wagtail's reference index records what the saved row references, and Wagtail queues a
    full re-read of an object's references after every save. A save of draft fields changes
    none of them, and with Wagtail 8's autosave an editor makes one every few seconds of
    editing: such a save queues nothing. Put before Wagtail's classes in a model's bases."""

    def save(self, *args, **kwargs):
        from wagtail.signal_handlers import (
            disable_reference_index_auto_update,
            reference_index_auto_update_disabled,
        )

        already_off = getattr(reference_index_auto_update_disabled, "value", False)
        if already_off or not only_draft_fields(kwargs.get("update_fields")):
            return super().save(*args, **kwargs)
        with disable_reference_index_auto_update():
            return super().save(*args, **kwargs)
