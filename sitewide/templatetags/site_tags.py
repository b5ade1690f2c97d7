from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def quick_exit_url() -> str:
    """Where "Leave this site quickly" goes: a neutral site unless configured otherwise."""
    return settings.QUICK_EXIT_URL
