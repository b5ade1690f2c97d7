"""Everything a reader may find, with what each item is filed under, loaded once per change.

A search needs, for every match, whether a reader may see it (a live, public page; a live source,
organisation or indicator) and the facet values it counts under: a page's section, vision
statement, foundation, year and the organisations it cites (directly or through their sources); a
source's type, year and makers, and for sources and organisations the sections, statements and
foundations of the pages that cite them; an indicator's year (its last update), its source's
makers and the sections, statements and foundations of the public pages showing it. Working
that out in SQL for every search means joining pages and citations for every match, which costs
the database time in proportion to the number of matches.

These facts change only when content changes, so they are read once (a handful of queries) into
`Findable`, which is kept in this process until the content generation moves on
(`search.cache`). A search then costs one query, for the matches and their scores, and the rest is
set arithmetic on ids: which matches may be shown and pass the filters (set intersections), and
how many fall under each facet value (`Counter` over small integer keys), all in C loops.

Facet values are numbered (`Findable.key`), and each item holds the numbers it counts under. A
filter and a facet count are the same thing seen from two sides: choosing a facet value keeps the
items holding its key, so a count always matches the results behind its link.
"""

import datetime
import gc
import threading
from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import DateField, QuerySet
from django.db.models.functions import Coalesce, TruncDate

from wagtail.models import Page, ReferenceIndex

from citations.models import Citation
from evidence.models import Organisation, Source
from indicators.models import Indicator
from search import generation
from search.catalogue import Catalogue
from search.params import KINDS


@dataclass(slots=True)
class Item:
    """What a result shows and how it is ranked by date, without loading the object."""

    title: str
    date: datetime.date | None = None
    path: str = ""
    statement_id: int | None = None
    content_type_id: int | None = None


class ItemTable:
    """A kind's `Item`s in columns, by id: `table[pk]` is an `Item`.

    Every worker unpickles `Findable` once after each change, before its first search: 15,000
    `Item` objects took 19 ms of that (95 ms where the collector had a large heap to walk), a
    handful of lists of strings and numbers takes a few. Days are kept as ordinals (numbers).
    """

    __slots__ = ("rows", "titles", "days", "paths", "statement_ids", "content_type_ids")

    def __init__(self):
        self.rows: dict[int, int] = {}  # id: position in the columns
        self.titles: list[str] = []
        self.days: list[int | None] = []  # `date.toordinal()`
        self.paths: list[str] = []
        self.statement_ids: list[int | None] = []
        self.content_type_ids: list[int | None] = []

    def add(self, pk: int, item: Item) -> None:
        self.rows[pk] = len(self.titles)
        self.titles.append(item.title)
        self.days.append(item.date.toordinal() if item.date else None)
        self.paths.append(item.path)
        self.statement_ids.append(item.statement_id)
        self.content_type_ids.append(item.content_type_id)

    def __getitem__(self, pk: int) -> Item:
        row = self.rows[pk]
        day = self.days[row]
        return Item(
            self.titles[row],
            datetime.date.fromordinal(day) if day is not None else None,
            self.paths[row],
            self.statement_ids[row],
            self.content_type_ids[row],
        )

    def get(self, pk: int) -> Item | None:
        return self[pk] if pk in self.rows else None

    def day(self, pk: int) -> int | None:
        """The item's date as its ordinal (newer is larger), or None."""
        return self.days[self.rows[pk]]

    def __len__(self) -> int:
        return len(self.rows)

    def __contains__(self, pk: object) -> bool:
        return pk in self.rows


@dataclass
class Findable:
    """Per kind: the ids a reader may find, each one's facet keys, and what results show."""

    catalogue: Catalogue
    keys: dict[tuple[str, object], int] = field(default_factory=dict)
    labels: list[tuple[str, object]] = field(default_factory=list)
    ids: dict[str, set[int]] = field(default_factory=lambda: {kind: set() for kind in KINDS})
    facet_keys: dict[str, dict[int, tuple[int, ...]]] = field(
        default_factory=lambda: {kind: {} for kind in KINDS}
    )
    items: dict[str, ItemTable] = field(
        default_factory=lambda: {kind: ItemTable() for kind in KINDS}
    )
    #: Per kind, each item's lower-cased names (an organisation's short name too), one per line.
    named: dict[str, dict[int, str]] = field(default_factory=lambda: {kind: {} for kind in KINDS})
    organisations: dict[int, tuple[str, str]] = field(default_factory=dict)  # id: (slug, name)
    #: Per kind, each lower-cased name and the ids so called: built with the rest (in the task
    #: worker), since building it in each process cost the first search after a change 12 ms.
    called_by: dict[str, dict[str, tuple[int, ...]]] = field(default_factory=dict)
    _holding: dict[tuple[str, int], set[int]] = field(default_factory=dict)

    def key(self, facet: str, value) -> int:
        """The number of a facet value (the same one on every call)."""
        number = self.keys.get((facet, value))
        if number is None:
            number = self.keys[(facet, value)] = len(self.labels)
            self.labels.append((facet, value))
        return number

    def holding(self, kind: str, number: int) -> set[int]:
        """The ids of `kind` that count under facet key `number` (worked out when first asked)."""
        found = self._holding.get((kind, number))
        if found is None:
            found = {pk for pk, keys in self.facet_keys[kind].items() if number in keys}
            self._holding[(kind, number)] = found
        return found

    def allowed(self, kind: str, filters: list[tuple[str, object]]) -> set[int]:
        """The findable ids of `kind` holding every filter's key."""
        allowed = self.ids[kind]
        for facet, value in filters:
            number = self.keys.get((facet, value))
            allowed = allowed & self.holding(kind, number) if number is not None else set()
        return allowed

    def called(self, kind: str, query: str) -> set[int]:
        """The ids of `kind` one of whose names is `query` (lower-cased)."""
        return set(self.called_by[kind].get(query, ())) if query else set()

    def name(self, kind: str, pk: int, *names: str) -> None:
        self.named[kind][pk] = "\n".join(name.lower().replace("\n", " ") for name in names if name)

    def add(self, kind: str, pk: int, item: Item, keys: tuple[int, ...]) -> None:
        self.ids[kind].add(pk)
        self.items[kind].add(pk, item)
        self.facet_keys[kind][pk] = keys

    # Building ------------------------------------------------------------------------------
    @classmethod
    def build(cls, catalogue: Catalogue) -> "Findable":
        findable = cls(catalogue)
        collecting = gc.isenabled()
        gc.disable()  # tens of thousands of new objects, none garbage: no need to scan them
        try:
            findable._build()
        finally:
            if collecting:
                gc.enable()
        return findable

    def _build(self) -> None:
        key, catalogue = self.key, self.catalogue
        statement_keys = {
            pk: (key("vision", statement.number), key("foundation", statement.foundation))
            for pk, statement in catalogue.statements.items()
        }
        section_keys: dict[str, tuple[int, ...]] = {}

        def in_section(path: str) -> tuple[int, ...]:
            found = section_keys.get(path)
            if found is None:
                section = catalogue.section_for_path(path)
                found = section_keys[path] = (key("section", section.slug),) if section else ()
            return found

        # Who made each source, and where each source and organisation is cited (live versions).
        made_by: dict[int, list[int]] = defaultdict(list)
        for source_id, organisation_id in fetch(
            Source.organisations.through.objects.values_list("source_id", "organisation_id")
        ):
            made_by[source_id].append(key("organisation", organisation_id))
        source_cited: dict[int, set[int]] = defaultdict(set)
        organisation_cited: dict[int, set[int]] = defaultdict(set)
        page_organisations: dict[int, set[int]] = defaultdict(set)
        # Only what public pages cite: a restricted page's sources must not be filed under its
        # section or statement, nor count there (`Citation.objects.in_public`, the one rule).
        citations = Citation.objects.in_public().values_list(
            "page_id", "vision_statement_id", "source_id", "organisation_id"
        )
        # Paths read apart: joined to each citation they would be read (and decoded) 40,000 times.
        paths = dict(fetch(Page.objects.filter(depth__gt=2).values_list("pk", "path")))
        citing: dict[int, tuple[int, ...]] = {}  # page id: the keys its citations give
        for page_id, statement_id, source_id, organisation_id in fetch(citations):
            keys = citing.get(page_id)
            if keys is None:
                keys = statement_keys.get(statement_id, ()) + in_section(paths.get(page_id, ""))
                citing[page_id] = keys
            if source_id is not None:
                source_cited[source_id].update(keys)
                page_organisations[page_id].update(made_by.get(source_id, ()))
            if organisation_id is not None:
                organisation_cited[organisation_id].update(keys)
                page_organisations[page_id].add(key("organisation", organisation_id))

        self._add_pages(statement_keys, in_section, page_organisations)
        self._add_sources(source_cited, made_by)
        self._add_organisations(organisation_cited)
        self._add_indicators(statement_keys, in_section, made_by)
        for kind, named in self.named.items():
            called: dict[str, list[int]] = defaultdict(list)
            for pk, names in named.items():
                for name in names.split("\n"):
                    called[name].append(pk)
            self.called_by[kind] = {name: tuple(ids) for name, ids in called.items()}

    def _add_pages(self, statement_keys, in_section, page_organisations) -> None:
        kind_key, key = self.key("kind", "page"), self.key
        rows = (
            Page.objects.live()
            .filter(depth__gt=1)
            .filter(self.catalogue.public_q)
            .annotate(_date=PAGE_DATE)
            .values_list(
                "pk",
                "title",
                "path",
                "content_type_id",
                "_date",
                "visionstatementpage__vision_statement_id",
            )
        )
        for pk, title, path, content_type_id, date, statement_id in fetch(rows):
            keys = (kind_key, *statement_keys.get(statement_id, ()), *in_section(path))
            if date:
                keys += (key("year", date.year),)
            keys += tuple(page_organisations.get(pk, ()))
            self.add("page", pk, Item(title, date, path, statement_id, content_type_id), keys)
            self.name("page", pk, title)

    def _add_sources(self, cited: dict[int, set[int]], made_by: dict[int, list[int]]) -> None:
        kind_key, key = self.key("kind", "source"), self.key
        rows = Source.objects.live().values_list(
            "pk", "title", "resource_type", "year", "publication_date"
        )
        for pk, title, resource_type, year, published in fetch(rows):
            date = published or (datetime.date(year, 1, 1) if year else None)
            keys = {kind_key, key("type", resource_type), *cited.get(pk, ()), *made_by.get(pk, ())}
            if year:
                keys.add(key("year", year))
            self.add("source", pk, Item(title, date), tuple(keys))
            self.name("source", pk, title)

    def _add_organisations(self, cited: dict[int, set[int]]) -> None:
        kind_key, key = self.key("kind", "organisation"), self.key
        rows = Organisation.objects.live().values_list("pk", "slug", "name", "short_name")
        for pk, slug, name, short_name in fetch(rows):
            keys = (kind_key, key("organisation", pk), *cited.get(pk, ()))
            self.add("organisation", pk, Item(name), keys)
            self.organisations[pk] = (slug, name)
            self.name("organisation", pk, name, short_name)

    def _add_indicators(self, statement_keys, in_section, made_by) -> None:
        """Live indicators, filed under the public pages showing them (from Wagtail's reference
        index, which follows live content) and under their source's makers."""
        kind_key, key, pages = self.key("kind", "indicator"), self.key, self.items["page"]
        shown_on: dict[int, set[int]] = defaultdict(set)
        references = ReferenceIndex.objects.filter(
            to_content_type=ContentType.objects.get_for_model(Indicator),
            base_content_type=ContentType.objects.get_for_model(Page),
        ).values_list("to_object_id", "object_id")
        for indicator_id, page_id in fetch(references):
            page = pages.get(int(page_id))
            if page is not None:  # a public page
                shown_on[int(indicator_id)].update(
                    (*statement_keys.get(page.statement_id, ()), *in_section(page.path))
                )
        rows = Indicator.objects.live().values_list("pk", "name", "source_id", "last_updated")
        for pk, name, source_id, updated in fetch(rows):
            keys = {kind_key, *shown_on.get(pk, ()), *made_by.get(source_id, ())}
            if updated:
                keys.add(key("year", updated.year))
            self.add("indicator", pk, Item(name, updated), tuple(keys))
            self.name("indicator", pk, name)


def fetch(rows: QuerySet) -> list[tuple]:
    """The rows of a `values_list` queryset, in no particular order.

    On PostgreSQL, straight from the cursor: the values already have their Python types, and
    Django's per-row handling would triple the time taken to read the tens of thousands of rows
    this module reads.
    """
    if connection.vendor != "postgresql":
        return list(rows.order_by())
    try:
        sql, params = rows.order_by().query.sql_with_params()  # any order will do
    except EmptyResultSet:  # a filter that cannot match (`pk__in=[]`): Django asks nothing
        return []
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


#: The date a result is sorted by: a page's "last updated" (else its publication day, in UTC).
PAGE_DATE = Coalesce(
    "visionstatementpage__last_updated",
    TruncDate("last_published_at", tzinfo=datetime.UTC),
    output_field=DateField(),
)


_loaded: dict[str, object] = {}
_lock = threading.Lock()


def findable(catalogue: Catalogue) -> Findable:
    """The `Findable` of the current content generation: this process's, else the one kept in
    the shared cache (built once for all processes, by the task worker after a change:
    `prepare`), else built here and kept there for the others."""
    current = generation.generation()
    with _lock:
        if _loaded.get("generation") == current:
            return _loaded["findable"]
    built = generation.remembered("findable", lambda: Findable.build(catalogue))
    with _lock:
        _loaded.update(generation=current, findable=built)
    return built


def prepare() -> None:
    """Build the new generation's `Findable` once the search index has followed a change, so
    that no reader's search pays for it (`generation.index_followed`, in the task worker)."""
    findable(Catalogue.load())


def forget() -> None:
    """Drop this process's `Findable` (tests that change content without signals use this)."""
    with _lock:
        _loaded.clear()
