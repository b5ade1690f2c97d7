"""What serving a page asks of the page tree, answered in fewer queries than Wagtail's defaults,
with the same answers.

Wagtail finds a page by walking down from the site's root page, two queries a level (the child
by slug, then its specific row); its `before_serve_page` check of view restrictions then reads
the page's ancestors and their restrictions (two more), and the breadcrumbs and the link to the
Story of Progress would ask for the ancestors again. Here:

- A page whose children are all of one type (`subpage_types` names one) finds a child, already
  specific, in one query, with whatever that type's own page needs from the same row
  (`routing_queryset`). Anything else (another type, an unknown slug) goes to Wagtail's `route`,
  so a 404 is Wagtail's 404, which the redirects middleware answers as before.
- View restrictions are read in one query, by path, with Wagtail's rule for aliases; for a page
  found that way, in none: the query that found it also said whether anything on the way to it
  is restricted.
- The ancestors routing loaded (Wagtail keeps each page's parent on it, as treebeard's
  `get_parent` cache) are reused instead of read again (`ancestors`).

Only routing is touched, and only below the site's root page: sites, previews (which do not
route), restrictions (checked by Wagtail's own hook on the page found), redirects and serving
are Wagtail's.
"""

from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Coalesce

from wagtail.models import Page, PageViewRestriction

#: Where treebeard (and Wagtail's `route`) keep a page's parent once loaded.
PARENT_ATTRIBUTE = "_cached_parent_obj"


def restrictions_on(paths: list[str]):
    """The view restrictions Wagtail applies to the pages at `paths`: each page's own, or for
    an alias its original's (`Page.get_view_restrictions`)."""
    pages = Page.objects.filter(path__in=paths)
    return PageViewRestriction.objects.filter(
        Q(page__in=pages.filter(alias_of__isnull=True))
        | Q(page__in=pages.filter(alias_of__isnull=False).values("alias_of"))
    )


def path_and_above(page: Page) -> list[str]:
    """The paths of `page` and of each of its ancestors."""
    steplen = page.steplen
    return [page.path[:end] for end in range(steplen, len(page.path) + 1, steplen)]


class ServedPage:
    """Mixin for the site's page types (before `Page` in the bases)."""

    # Indexed by `search.indexing`, which skips saves of a draft: they change nothing indexed.
    search_auto_update = False

    @classmethod
    def routing_queryset(cls):
        """Where a parent looks for a page of this type when routing: a type whose own page
        needs more from the database (a related row, an annotation) adds it here."""
        return cls.objects.all()

    @classmethod
    def only_child_model(cls) -> type["ServedPage"] | None:
        """The one page type this type's children may have, if it is one of ours."""
        models = cls.allowed_subpage_models()
        if len(models) == 1 and issubclass(models[0], ServedPage):
            return models[0]
        return None

    def route(self, request, path_components):
        child_model = self.only_child_model()
        if path_components and child_model is not None:
            children = child_model.routing_queryset().child_of(self)
            remaining = path_components[1:]
            if not remaining:  # the page to serve: whether anything on the way restricts it
                children = self.annotate_restricted(children)
            child = children.filter(slug=path_components[0]).first()
            if child is not None:
                setattr(child, PARENT_ATTRIBUTE, self)  # as Wagtail's route does
                return child.route(request, remaining)
        return super().route(request, path_components)

    def annotate_restricted(self, children):
        """`children` with `view_restricted`: whether a view restriction applies to a child, on it
        (an alias: on its original) or on this page or above. Said only when no page above the
        child is an alias (whose original's restrictions would count instead), which the pages
        routing loaded tell; else `get_view_restrictions` asks the database as usual."""
        above = loaded_ancestors(self)
        if above is None or any(page.alias_of_id for page in [*above, self]):
            return children
        restrictions = PageViewRestriction.objects.filter(
            Q(page__path__in=path_and_above(self))  # the tree's root is never an alias
            | Q(page_id=Coalesce(OuterRef("alias_of_id"), OuterRef("pk")))
        )
        return children.annotate(view_restricted=Exists(restrictions))

    def get_view_restrictions(self):
        """Wagtail's answer in one query rather than two, and in none when routing found that
        nothing on the way to this page is restricted."""
        if getattr(self, "view_restricted", None) is False:
            return PageViewRestriction.objects.none()
        return restrictions_on(path_and_above(self))


def loaded_ancestors(page: Page) -> list[Page] | None:
    """`page`'s ancestors below the tree's root, top first, as routing loaded them; None unless
    all of them were (a preview, or a page found some other way)."""
    chain = []
    current = page
    while current.depth > 2:
        parent = getattr(current, PARENT_ATTRIBUTE, None)
        if parent is None:
            return None
        chain.append(parent)
        current = parent
    chain.reverse()
    return chain


def ancestors(page: Page) -> list[Page]:
    """`page`'s ancestors below the tree's root, top first: loaded by routing, else one query."""
    loaded = loaded_ancestors(page)
    if loaded is not None:
        return loaded
    return list(page.get_ancestors().filter(depth__gt=1))
