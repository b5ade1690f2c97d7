"""The evidence audit: read-only admin lists reviewers use to check evidence before approving.

Built with wagtail-modeladmin on the tables `citations.index` keeps in step with page
content. "All citations" lists every inline citation in live and draft pages, where it stands
in the page's own words and the words it links; the reports list citations of evidence that
is not live, pages with learning but no cited source, sources no live page cites, sources with
neither URL, DOI nor document, source links the daily check found broken or moved
(`link_health.py`), and organisations with no sources. Every list is filterable by
section, vision statement, organisation and resource type (where that means something for its
rows), has a CSV download safe in spreadsheets, and costs a fixed number of queries however
many rows it shows (`base.py` for what they share, `reports.py` for the lists).
"""

from wagtail_modeladmin.options import ModelAdminGroup

from citations.audit.link_health import SourceLinkAdmin
from citations.audit.reports import (
    CitationAdmin,
    LearningWithoutSourcesAdmin,
    NotLiveCitationAdmin,
    OrganisationWithoutSourcesAdmin,
    SourceWithoutLinkAdmin,
    UncitedSourceAdmin,
)


class EvidenceAuditGroup(ModelAdminGroup):
    menu_label = "Evidence audit"
    menu_icon = "tasks"
    menu_order = 205
    items = (
        CitationAdmin,
        NotLiveCitationAdmin,
        LearningWithoutSourcesAdmin,
        UncitedSourceAdmin,
        SourceWithoutLinkAdmin,
        SourceLinkAdmin,
        OrganisationWithoutSourcesAdmin,
    )
