"""The site's chrome as editors set it (Settings → Site settings): its name, its partners, where
"Leave this site quickly" goes, the footer text and the searches suggested when a search finds
nothing, one set per Wagtail `Site`."""

from django.conf import settings
from django.core.validators import URLValidator
from django.db import models
from django.utils.functional import cached_property

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Site

from evidence.forms import CleanTextAdminModelForm
from story import generation

DEFAULT_SITE_NAME = "Story of Progress"
DEFAULT_FOOTER_TEXT = "<p>It is informed by the Promise Collective.</p>"
# Where a request's settings are kept, so every template and helper reads them once.
REQUEST_CACHE_ATTRIBUTE = "_sitewide_site_settings"


def default_quick_exit_url() -> str:
    """The deployment's neutral site (`QUICK_EXIT_URL`), read when the settings are created."""
    return settings.QUICK_EXIT_URL


@register_setting(icon="site")
class SiteSettings(ClusterableModel, BaseSiteSetting):
    site_name = models.CharField(
        max_length=100,
        default=DEFAULT_SITE_NAME,
        help_text="Shown in the header, in every page's title and in citations of pages.",
    )
    quick_exit_url = models.URLField(
        "Quick exit URL",
        max_length=500,
        default=default_quick_exit_url,
        validators=[URLValidator(schemes=["https"], message="Enter an https:// address.")],
        help_text="Where “Leave this site quickly” goes: a neutral website (https only), "
        "such as a weather forecast.",
    )
    footer_text = RichTextField(
        features=settings.RICH_TEXT_PLAIN_FEATURES,
        blank=True,
        default=DEFAULT_FOOTER_TEXT,
        help_text="Shown in the footer of every page, after the sentence naming the partners.",
    )

    base_form_class = CleanTextAdminModelForm  # pasted control characters dropped

    panels = [
        FieldPanel("site_name"),
        InlinePanel(
            "partners",
            label="Partner",
            heading="Partners",
            help_text="The organisations that make the site, in the order to name them: in the "
            "footer, on the home page, as publishers of every page and in page citations. "
            "An organisation that is not published is left out.",
        ),
        FieldPanel("quick_exit_url"),
        FieldPanel("footer_text"),
        InlinePanel(
            "suggested_searches",
            label="Suggested search",
            heading="Suggested searches",
            help_text="Offered to readers, in this order, on the search page and when a search "
            "finds nothing. Choose searches that find something. Readers' own searches are "
            "never shown.",
        ),
    ]

    class Meta:
        verbose_name = "site settings"
        verbose_name_plural = "site settings"

    @classmethod
    def for_reader(cls, request) -> "SiteSettings":
        """The settings of the request's site, looked up once per request.

        Unlike `for_request`, a site nobody has configured yet gets the defaults without a row
        being written, so reading a page never writes to the database.
        """
        if request is None:
            return cls()
        cached = getattr(request, REQUEST_CACHE_ATTRIBUTE, None)
        if cached is None:
            site = Site.find_for_request(request)
            if site is None:
                cached = cls()
            else:  # the same for every page until the content changes (`sitewide.apps`)
                cached = generation.remembered(  # the default is the deployment's
                    "site-settings", lambda: cls.shown_for(site), site.pk, settings.QUICK_EXIT_URL
                )
            setattr(request, REQUEST_CACHE_ATTRIBUTE, cached)
        return cached

    @classmethod
    def shown_for(cls, site: Site) -> "SiteSettings":
        """`site`'s settings with what readers' pages show of them already read (partners,
        suggested searches), to be kept in the shared cache as one entry."""
        found = cls.objects.filter(site=site).first() or cls(site=site)
        found.live_partners  # noqa: B018 (read now, so the cached copy carries them)
        found.suggested_search_queries  # noqa: B018
        return found

    @cached_property
    def live_partners(self) -> list:
        """The published partner organisations, in order, with their logos (one query)."""
        if self.pk is None:
            return []
        rows = self.partners.filter(organisation__live=True).select_related("organisation__logo")
        return [row.organisation for row in rows]

    @cached_property
    def suggested_search_queries(self) -> list[str]:
        """The searches editors suggest, in order (one query, only on pages that show them)."""
        if self.pk is None:
            return []
        return list(self.suggested_searches.order_by("sort_order").values_list("query", flat=True))

    @property
    def partner_names(self) -> tuple[str, ...]:
        """The partners as they are usually named (COSLA, not its full name)."""
        return tuple(partner.short_name or partner.name for partner in self.live_partners)


class SiteSettingsPartner(Orderable):
    site_settings = ParentalKey(SiteSettings, on_delete=models.CASCADE, related_name="partners")
    organisation = models.ForeignKey(
        "evidence.Organisation", on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("organisation")]

    def __str__(self) -> str:
        return str(self.organisation)


class SiteSettingsSuggestedSearch(Orderable):
    """A search editors suggest to readers. Curated rather than counted from the query log, so
    anonymous traffic cannot plant a search in front of every reader and no reader's search is
    shown to another (issue 13)."""

    site_settings = ParentalKey(
        SiteSettings, on_delete=models.CASCADE, related_name="suggested_searches"
    )
    query = models.CharField(
        "search",
        max_length=100,
        help_text="The words to search for, as a reader would type them.",
    )

    panels = [FieldPanel("query")]

    def __str__(self) -> str:
        return self.query

    def clean(self) -> None:
        self.query = " ".join(self.query.split())
