"""Registers the campaign snippets in the admin (the viewsets live in viewsets.py)."""

from wagtail.snippets.models import register_snippet

from .viewsets import CampaignSnippetsGroup

register_snippet(CampaignSnippetsGroup)
