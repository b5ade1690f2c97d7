from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"

    def ready(self):
        from wagtail.signals import published, unpublished

        from search import findable, generation, prepared_matches
        from search.indexing import connect_signals, reindex_citing_pages

        connect_signals()  # index updates after saves, but not after a draft's
        published.connect(reindex_citing_pages, dispatch_uid="search_reindex_citing_pages")
        unpublished.connect(reindex_citing_pages, dispatch_uid="search_reindex_citing_pages")
        # Computed searches are kept until what they were computed from changes (the content
        # generation, `story.generation`), promotions included; once the index has followed.
        from wagtail.contrib.search_promotions.models import SearchPromotion

        generation.watch(SearchPromotion)
        if generation.follow_index not in generation.AFTER_COMMIT:
            generation.AFTER_COMMIT.append(generation.follow_index)
        # Readers' first search after a change finds `Findable` built (by the task worker).
        if findable.prepare not in generation.AFTER_INDEX_FOLLOWED:
            generation.AFTER_INDEX_FOLLOWED.append(findable.prepare)
        # ... and the broadest words' matches ranked (`search.prepared_matches`).
        if prepared_matches.prepare not in generation.AFTER_INDEX_FOLLOWED:
            generation.AFTER_INDEX_FOLLOWED.append(prepared_matches.prepare)
