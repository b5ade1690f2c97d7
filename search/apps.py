from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"

    def ready(self):
        from wagtail.signals import published, unpublished

        from search import findable, generation
        from search.indexing import reindex_citing_pages

        published.connect(reindex_citing_pages, dispatch_uid="search_reindex_citing_pages")
        unpublished.connect(reindex_citing_pages, dispatch_uid="search_reindex_citing_pages")
        # Computed searches are kept until what they were computed from changes.
        generation.connect_signals()
        # Readers' first search after a change finds `Findable` built (by the task worker).
        if findable.prepare not in generation.AFTER_INDEX_FOLLOWED:
            generation.AFTER_INDEX_FOLLOWED.append(findable.prepare)
