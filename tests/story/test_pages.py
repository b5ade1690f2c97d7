"""Every page type: allowed parents only, creatable in the admin, routable, renders, previews,
and editable."""

from django.contrib.auth import get_user_model
from django.core.cache import cache

from wagtail.models import Page, Site
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from home.models import HomePage
from story.models import SectionPage, StoryIndexPage, VisionStatementPage
from tests.factories import (
    HomePageFactory,
    SectionPageFactory,
    SourceFactory,
    StoryIndexPageFactory,
    VisionStatementFactory,
    VisionStatementPageFactory,
    narrative,
    part,
    source_link,
)


class PageTypeTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        root = Page.get_first_root_node()
        root.get_children().delete()
        cls.home = HomePageFactory(parent=root, slug="home")
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={"hostname": "localhost", "port": 80, "root_page": cls.home},
        )
        cls.story = StoryIndexPageFactory(parent=cls.home)
        cls.section = SectionPageFactory(parent=cls.story)
        cls.source = SourceFactory(title="How do we know we are doing good work?")
        cls.statement = VisionStatementFactory(number=1, short_name="Families")
        cls.vision_page = VisionStatementPageFactory(
            parent=cls.section,
            vision_statement=cls.statement,
            body=[part(), narrative(f"<p>Staff {source_link(cls.source)}.</p>")],
        )
        cls.user = get_user_model().objects.create_superuser("admin", "a@example.org", "pw")

    def setUp(self):
        # Site root paths are cached outside the database: a test that deletes the tree
        # rolls back its rows but not the cache.
        cache.clear()
        self.client.force_login(self.user)

    def test_parent_page_types(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertAllowedParentPageTypes(StoryIndexPage, {HomePage})
        self.assertAllowedParentPageTypes(SectionPage, {StoryIndexPage})
        self.assertAllowedParentPageTypes(VisionStatementPage, {SectionPage})

    def test_cannot_create_outside_allowed_parents(self):
        self.assertCanNotCreateAt(HomePage, VisionStatementPage)
        self.assertCanNotCreateAt(HomePage, SectionPage)
        self.assertCanNotCreateAt(StoryIndexPage, VisionStatementPage)
        self.assertCanNotCreateAt(SectionPage, SectionPage)
        self.assertCanNotCreateAt(VisionStatementPage, VisionStatementPage)

    def test_singletons_cannot_be_added_twice(self):
        assert not HomePage.can_create_at(Page.get_first_root_node())
        assert not StoryIndexPage.can_create_at(self.home)

    def vision_page_form_data(self):
        """StreamFields are built by JavaScript, so the edit form's HTML holds no body data."""
        return nested_form_data(
            {
                "title": self.vision_page.title,
                "slug": self.vision_page.slug,
                "vision_statement": self.statement.pk,
                "summary": "",
                "body": streamfield(
                    [("narrative", rich_text(f"<p>{source_link(self.source)}</p>"))]
                ),
            }
        )

    def test_routable_renderable_previewable_editable(self):
        for page in (self.home, self.story, self.section):
            with self.subTest(page=page.specific_class.__name__):
                self.assertPageIsRoutable(page)
                self.assertPageIsRenderable(page)
                self.assertPageIsPreviewable(page)
                self.assertPageIsEditable(page)

    def test_vision_statement_page_routable_renderable_previewable_editable(self):
        post_data = self.vision_page_form_data()
        self.assertPageIsRoutable(self.vision_page)
        self.assertPageIsRenderable(self.vision_page)
        self.assertPageIsPreviewable(self.vision_page, post_data=post_data)
        self.assertPageIsEditable(self.vision_page, post_data=post_data)

    def test_can_create_section_page(self):
        self.assertCanCreate(
            self.story,
            SectionPage,
            nested_form_data(
                {
                    "title": "Experiences",
                    "slug": "experiences",
                    "lens": "experiential",
                    "introduction": rich_text("<p>What people tell us.</p>"),
                    "what_is_this": rich_text("<p>Experiential data.</p>"),
                    "background": rich_text(""),
                }
            ),
        )

    def test_can_create_vision_statement_page_citing_a_source(self):
        statement = VisionStatementFactory(number=2, short_name="Carers")
        self.assertCanCreate(
            self.section,
            VisionStatementPage,
            nested_form_data(
                {
                    "title": "Supporting carers",
                    "slug": "supporting-carers",
                    "vision_statement": statement.pk,
                    "summary": "Carers",
                    "body": streamfield(
                        [
                            (
                                "part",
                                {
                                    "heading": "What is being tried",
                                    "evidence_strength": "emerging",
                                    "caveats": "",
                                },
                            ),
                            ("narrative", rich_text(f"<p>{source_link(self.source)}</p>")),
                        ]
                    ),
                }
            ),
        )
        created = VisionStatementPage.objects.get(slug="supporting-carers")
        assert f'linktype="source" id="{self.source.pk}"' in created.body.raw_data[1]["value"]

    def test_can_create_story_index_and_home_under_their_parents(self):
        self.home.get_children().delete()
        self.assertCanCreate(
            self.home,
            StoryIndexPage,
            nested_form_data(
                {"title": "Story of Progress", "slug": "story", "introduction": rich_text("")}
            ),
        )
        Page.get_first_root_node().get_children().delete()
        self.assertCanCreate(
            Page.get_first_root_node(),
            HomePage,
            nested_form_data(
                {
                    "title": "Home",
                    "slug": "home",
                    "introduction": rich_text("<p>Hello</p>"),
                    "partners_introduction": rich_text(""),
                    "partners": inline_formset([]),
                    "featured_pages": inline_formset([]),
                }
            ),
        )
