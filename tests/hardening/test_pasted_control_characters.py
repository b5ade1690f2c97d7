"""Control characters an editor pastes (U+0000 included, which PostgreSQL cannot store) are
dropped when the admin saves, for every kind of thing an editor edits: the text is saved
without them instead of the form refusing it or the save failing (`evidence.forms`).

Posted through the real admin, with Draftail's contentstate for rich text, on SQLite and on
PostgreSQL (`DATABASE_URL`)."""

import json
import re

import pytest

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from django.utils.html import strip_tags

from wagtail.contrib.settings.registry import registry as settings_registry
from wagtail.documents import get_document_model
from wagtail.documents.forms import get_document_form
from wagtail.images import get_image_model
from wagtail.images.forms import get_image_form
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Site
from wagtail.snippets.models import get_snippet_models
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from evidence.forms import SubmittedTextCleaningMixin, clean_submitted_value
from sitewide.models import SiteSettings
from tests.factories import (
    OrganisationFactory,
    SectionPageFactory,
    SourceFactory,
    StoryIndexPageFactory,
    VisionStatementPageFactory,
)
from tests.hardening.public_site import creatable_page_types

#: What Word, PDFs and terminals paste: NUL, SOH, backspace, vertical tab (Word's line break),
#: form feed, escape, DEL and NEL.
PASTED = "\x00\x01\x08\x0b\x0c\x1b\x7f\x85"


def pasted(text: str) -> str:
    """`text` with the control characters inside a word: "Edu…cation"."""
    return f"{text[:3]}{PASTED}{text[3:]}"


@pytest.fixture
def admin(db):
    user = get_user_model().objects.create_superuser("admin", "admin@example.org", "pw")
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def draftail(text: str) -> str:
    """A paragraph as Draftail posts it: contentstate JSON, with the text's control characters
    as JSON.stringify writes them (U+0000-U+001F escaped, DEL and NEL as they are)."""
    contentstate = json.loads(rich_text("<p>placeholder</p>"))
    contentstate["blocks"][0]["text"] = text
    return json.dumps(contentstate, ensure_ascii=False)


def plain(html: str) -> str:
    return strip_tags(html)


def saved(response) -> None:
    """The admin redirects after a save; a form shown again names its errors."""
    html = response.content.decode()
    errors = re.findall(r'(?s)class="error-message">(.*?)</', html)
    errors += re.findall(r'(?s)class="messages.*?</ul>', html)
    assert response.status_code == 302, [" ".join(e.split()) for e in errors] or html[-3000:]


def test_every_admin_form_drops_control_characters():
    """A new page type, snippet, setting or form base that forgets the mixin fails here."""
    models = [*creatable_page_types(), *get_snippet_models(), *settings_registry]
    forms = {
        model: model.get_edit_handler().get_form_class()
        for model in models
        if hasattr(model, "get_edit_handler")
    }
    forms |= {
        model: model.snippet_viewset.get_edit_handler().get_form_class()
        for model in get_snippet_models()
    }
    forms[get_image_model()] = get_image_form(get_image_model())
    forms[get_document_model()] = get_document_form(get_document_model())
    unsafe = [
        model for model, form in forms.items() if not issubclass(form, SubmittedTextCleaningMixin)
    ]
    assert not unsafe


def test_contentstate_escapes_are_cleaned_too():
    assert clean_submitted_value('{"blocks": [{"text": "a\\u0000b\\u000bc\\u0009"}]}') == (
        '{"blocks": [{"text": "abc\\t"}]}'
    )
    assert clean_submitted_value("a\x00b\tc\r\nd") == "ab\tc\r\nd"
    assert clean_submitted_value("[not json \\u0000") == "[not json \\u0000"


def test_a_page_keeps_its_title_and_body_less_the_control_characters(admin, home_page):
    section = SectionPageFactory(parent=StoryIndexPageFactory(parent=home_page))
    page = VisionStatementPageFactory(parent=section, title="Education", slug="education")
    data = nested_form_data(
        {
            "title": pasted("Education"),
            "slug": "education",
            "vision_statement": page.vision_statement.pk,
            "summary": pasted("A summary"),
            "body": streamfield([("narrative", draftail(pasted("Pasted words")))]),
            "comments": inline_formset([]),
        }
    )
    saved(admin.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data))
    page.refresh_from_db()
    draft = page.get_latest_revision_as_object()
    assert draft.title == "Education"
    assert draft.summary == "A summary"
    assert [plain(block.value.source) for block in draft.body] == ["Pasted words"]


def test_a_source_and_an_organisation_keep_their_text(admin):
    source = SourceFactory(title="Hearing children")
    url = reverse(source.snippet_viewset.get_url_name("edit"), args=[source.pk])
    data = {
        "title": pasted("Hearing children"),
        "resource_type": source.resource_type,
        "slug": source.slug,
        "year": 2024,
        "summary": pasted("What it found"),
    }
    saved(admin.post(url, data))
    source.refresh_from_db()
    draft = source.get_latest_revision_as_object()
    assert (draft.title, draft.summary) == ("Hearing children", "What it found")

    organisation = OrganisationFactory(name="Care Inspectorate")
    url = reverse(organisation.snippet_viewset.get_url_name("edit"), args=[organisation.pk])
    data = {
        "name": pasted("Care Inspectorate"),
        "short_name": pasted("CI"),
        "kind": organisation.kind,
        "slug": organisation.slug,
        "description": draftail(pasted("Inspects care")),
        "website": "",
    }
    saved(admin.post(url, data))
    organisation.refresh_from_db()
    draft = organisation.get_latest_revision_as_object()
    assert (draft.name, draft.short_name) == ("Care Inspectorate", "CI")
    assert plain(draft.description) == "Inspects care"


def test_site_settings_keep_their_text(admin, home_page):
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    url = reverse("wagtailsettings:edit", args=["sitewide", "sitesettings", site_settings.site_id])
    data = nested_form_data(
        {
            "site_name": pasted("Story of Progress"),
            "quick_exit_url": "https://example.org/",
            "footer_text": draftail(pasted("Footer words")),
            "partners": inline_formset([]),
            "suggested_searches": inline_formset([]),
        }
    )
    saved(admin.post(url, data))
    site_settings.refresh_from_db()
    assert site_settings.site_name == "Story of Progress"
    assert plain(site_settings.footer_text) == "Footer words"


def test_image_and_document_titles_keep_their_text(admin):
    image = get_image_model().objects.create(title="Logo", file=get_test_image_file())
    data = {
        "title": pasted("Logo"),
        "description": pasted("The COSLA logo"),
        "collection": image.collection_id,
        "tags": "",
    }
    saved(admin.post(reverse("wagtailimages:edit", args=[image.pk]), data))
    image.refresh_from_db()
    assert (image.title, image.description) == ("Logo", "The COSLA logo")

    document = get_document_model().objects.create(
        title="Report", file=ContentFile(b"A report.", name="report.txt")
    )
    data = {"title": pasted("Annual report"), "collection": document.collection_id, "tags": ""}
    saved(admin.post(reverse("wagtaildocs:edit", args=[document.pk]), data))
    document.refresh_from_db()
    assert document.title == "Annual report"
