"""The Story of Progress: an index, a section page per lens, and vision statement pages.

A vision statement itself is a snippet, so the same statement can head a page in each section
and be listed wherever it appears.
"""

from django import forms
from django.conf import settings
from django.core.exceptions import BadRequest
from django.db import models
from django.utils.functional import cached_property
from django.utils.text import Truncator, slugify

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import AbstractGroupApprovalTask, Page
from wagtail.search import index

from evidence.draft_saves import DraftSavesLeaveReferenceIndex
from evidence.forms import CleanTextAdminModelForm, CleanTextPageForm
from evidence.page_evidence import PageEvidence
from evidence.public_pages import public_pages_q
from evidence.references import names_cited, references_in
from story import generation, review_notices
from story.blocks import (
    EVIDENCE_STRENGTH_DESCRIPTIONS,
    EvidenceStrength,
    VisionStatementBodyBlock,
)
from story.forms import VisionStatementPageForm
from story.review_guard import latest_content, pending_evidence
from story.serving import ServedPage
from story.versions import VersionedPage


class Foundation(models.TextChoices):
    """The five foundations of Plan 24-30."""

    VOICE = "voice", "Voice"
    FAMILY = "family", "Family"
    CARE = "care", "Care"
    PEOPLE = "people", "People"
    SCAFFOLDING = "scaffolding", "Scaffolding"


class VisionStatement(index.Indexed, models.Model):
    number = models.PositiveSmallIntegerField(unique=True)
    short_name = models.CharField(max_length=100, help_text="For example 'Education'.")
    full_wording = models.TextField()
    foundation = models.CharField(max_length=20, choices=Foundation.choices)

    panels = [
        FieldRowPanel([FieldPanel("number"), FieldPanel("foundation")]),
        FieldPanel("short_name"),
        FieldPanel("full_wording"),
    ]
    base_form_class = CleanTextAdminModelForm  # pasted control characters dropped

    search_fields = [
        index.SearchField("short_name", boost=5),
        index.AutocompleteField("short_name"),
        index.SearchField("full_wording", boost=3),
        index.FilterField("number"),
        index.FilterField("foundation"),
    ]

    class Meta:
        ordering = ["number"]

    def __str__(self) -> str:
        return f"{self.number}. {self.short_name}"


class StoryIndexPage(DraftSavesLeaveReferenceIndex, VersionedPage, ServedPage, Page):
    """The Story of Progress's front page: its template lists every vision statement through
    each lens (`story.lenses`)."""

    introduction = RichTextField(features=settings.RICH_TEXT_PLAIN_FEATURES, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    base_form_class = CleanTextPageForm  # pasted control characters dropped
    search_fields = [*Page.search_fields, index.SearchField("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["story.SectionPage"]
    max_count = 1


class ArticleMetadataMixin:
    """Section and vision statement pages are articles the partners publish, with the sources
    they cite; `sitewide.seo` asks each page for its metadata."""

    def date_modified(self):
        return self.last_published_at

    def get_metadata(self, describer, **json_ld):
        canonical = self.get_full_url(describer.request) or ""
        evidence = describer.page_evidence
        metadata = describer.page(
            self,
            **{
                "@type": "Article",
                "headline": Truncator(self.seo_title or self.title).chars(110),
                "mainEntityOfPage": canonical,
                "datePublished": self.first_published_at,
                "dateModified": self.date_modified(),
                "publisher": describer.publishers(),
                "citation": [
                    cited.source.schema_org_reference(describer.root_url)
                    for cited in evidence.cited_sources
                ]
                if evidence is not None
                else [],
                **json_ld,
            },
        )
        metadata.og_type = "article"
        return metadata


class SectionPage(
    DraftSavesLeaveReferenceIndex, VersionedPage, ArticleMetadataMixin, ServedPage, Page
):
    """One lens on progress: national data, organisational progress, or experience."""

    class Lens(models.TextChoices):
        QUANTITATIVE = "quantitative", "National data (the Promise Progress Framework)"
        ORGANISATIONAL = "organisational", "Organisational learning"
        EXPERIENTIAL = "experiential", "Experience"

    lens = models.CharField(max_length=20, choices=Lens.choices)
    introduction = RichTextField(features=settings.RICH_TEXT_INTRO_FEATURES, blank=True)
    what_is_this = RichTextField(
        "What is this?", features=settings.RICH_TEXT_NARRATIVE_FEATURES, blank=True
    )
    background = RichTextField(features=settings.RICH_TEXT_NARRATIVE_FEATURES, blank=True)

    base_form_class = CleanTextPageForm  # pasted control characters dropped
    content_panels = [
        *Page.content_panels,
        FieldPanel("lens"),
        FieldPanel("introduction"),
        FieldPanel("what_is_this"),
        FieldPanel("background"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("introduction", boost=2),
        index.SearchField("what_is_this"),
        index.SearchField("background"),
        index.SearchField("cited_evidence_names"),
        index.FilterField("lens"),
    ]

    parent_page_types = ["story.StoryIndexPage"]
    subpage_types = ["story.VisionStatementPage"]

    def cited_evidence_names(self) -> str:
        return names_cited(references_in(self))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["page_evidence"] = PageEvidence.collect(
            references_in(self), preview=getattr(request, "is_preview", False)
        )
        context["vision_statement_pages"] = (
            VisionStatementPage.objects.child_of(self)
            .filter(public_pages_q())
            .select_related("vision_statement")
            .order_by("vision_statement__number")
        )
        return context


class VisionStatementPage(
    DraftSavesLeaveReferenceIndex, VersionedPage, ArticleMetadataMixin, ServedPage, Page
):
    vision_statement = models.ForeignKey(
        VisionStatement, on_delete=models.PROTECT, related_name="pages"
    )
    summary = models.TextField(blank=True, help_text="One or two sentences for listings.")
    body = StreamField(VisionStatementBodyBlock(), blank=True)
    last_updated = models.DateField(
        null=True, blank=True, help_text="When the content was last reviewed for accuracy."
    )
    next_update_expected = models.DateField(null=True, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("vision_statement"),
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("last_updated"), FieldPanel("next_update_expected")])],
            heading="Updates",
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
        index.SearchField("cited_evidence_names"),
        index.RelatedFields(
            "vision_statement",
            [
                index.SearchField("short_name", boost=4),
                index.SearchField("full_wording", boost=3),
            ],
        ),
        index.FilterField("vision_statement"),
    ]

    parent_page_types = ["story.SectionPage"]
    subpage_types: list[str] = []
    base_form_class = VisionStatementPageForm  # one page per vision statement per section

    @classmethod
    def routing_queryset(cls):
        """With its vision statement, which the page shows."""
        return super().routing_queryset().select_related("vision_statement")

    @cached_property
    def parts(self) -> list[dict]:
        """The body grouped into parts: each `part` block and the blocks that follow it."""
        parts: list[dict] = []
        current = None
        for block in self.body:
            if block.block_type == "part":
                current = {
                    "heading": block.value["heading"],
                    "anchor": f"part-{slugify(block.value['heading']) or block.id}",
                    "strength": block.value["evidence_strength"],
                    "strength_label": EvidenceStrength(block.value["evidence_strength"]).label,
                    "strength_description": EVIDENCE_STRENGTH_DESCRIPTIONS.get(
                        block.value["evidence_strength"], ""
                    ),
                    "caveats": block.value["caveats"],
                    "blocks": [],
                }
                parts.append(current)
            else:
                if current is None:
                    current = {"heading": "", "anchor": "", "blocks": []}
                    parts.append(current)
                current["blocks"].append(block)
        return parts

    def cited_evidence_names(self) -> str:
        return names_cited(references_in(self))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        preview = getattr(request, "is_preview", False)
        if preview or getattr(request, "page_versions", None):  # a draft or an old version
            evidence = PageEvidence.collect(references_in(self), preview=preview)
        else:  # the live page: the same for every reader until the content changes
            evidence = generation.remembered(
                "page-evidence",
                lambda: PageEvidence.collect(references_in(self)),
                self.pk,
                shared_in_process=True,
            ).for_a_render()
        context["page_evidence"] = evidence
        return context

    @property
    def updated_on(self):
        return self.last_updated or (self.last_published_at and self.last_published_at.date())

    def date_modified(self):
        return self.last_updated or self.last_published_at

    def get_metadata(self, describer, **json_ld):
        statement = self.vision_statement if self.vision_statement_id else None
        about = (
            {
                "@type": "Thing",
                "name": f"Vision statement {statement.number}: {statement.short_name}",
                "description": statement.full_wording,
            }
            if statement
            else None
        )
        return super().get_metadata(describer, about=about, **json_ld)


class RemovedPage(models.Model):
    """The public path of a page that was deleted, so it and its versions answer 410 Gone
    (`story.gone`)."""

    path = models.CharField(max_length=1024, unique=True)
    removed_at = models.DateTimeField(auto_now_add=True)

    wagtail_reference_index_ignore = True

    def __str__(self) -> str:
        return self.path


class RequestChangesForm(forms.Form):
    comment = forms.CharField(
        label="What needs to change",
        widget=forms.Textarea({"rows": 3}),
        help_text="The editor sees this comment in the editor and in the notification email.",
        error_messages={"required": "Tell the editor what to change before requesting changes."},
    )


class ApprovalCommentForm(forms.Form):
    comment = forms.CharField(label="Comment", widget=forms.Textarea({"rows": 3}), required=False)


class ReviewTask(AbstractGroupApprovalTask):
    """Wagtail's group approval, except that requesting changes needs a comment, and that
    approval waits for the evidence the draft cites.

    An editor told only "rejected" cannot act on it. The comment is checked in the modal form
    and again in `on_action`, because the edit views pass the modal's data straight to
    `on_action` without revalidating it.

    Approving the last task publishes the latest revision, so approval is refused while that
    revision cites a source or organisation that is not live (`story.review_guard`). Every
    approve (the editor's action menu, the dashboard, the snippet editor) ends here; the
    refusal returns the edit URL, where the reviewer is told which evidence is pending
    (`story.wagtail_hooks`).
    """

    def get_form_for_action(self, action):
        return RequestChangesForm if action == "reject" else ApprovalCommentForm

    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name == "reject" and not str(kwargs.get("comment") or "").strip():
            raise BadRequest("Requesting changes needs a comment for the editor.")
        if action_name == "approve":
            obj = task_state.workflow_state.content_object
            if pending_evidence(latest_content(obj)):
                return review_notices.edit_url(obj, user, refused=True)
        return super().on_action(task_state, user, action_name, **kwargs)

    @classmethod
    def get_description(cls):
        return "Members of the chosen groups approve, or request changes with a comment"

    class Meta:
        verbose_name = "Review task"
        verbose_name_plural = "Review tasks"
