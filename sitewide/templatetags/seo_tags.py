from django import template

from sitewide.seo import Metadata, build_metadata

register = template.Library()


@register.simple_tag(takes_context=True)
def page_metadata(context) -> Metadata:
    """`{% page_metadata as meta %}`: the head metadata for the page being rendered."""
    return build_metadata(context)
