"""Wagtail messages whose shipped French or Dutch translation says something else than the English: listed here so
that `makemessages` keeps them in the project's catalogues (which take precedence over Wagtail's), with the right
translation in locale/{fr,nl}/LC_MESSAGES/django.po. Tested in tests/home/test_wagtail_corrections.py."""

from django.utils.translation import gettext_noop

CORRECTED = [
    # Wagtail 8.0 fr: "… a été planifié(e) pour la publication" (scheduled for publication) — an editor submitting
    # health content to its review read that it would go live.
    gettext_noop("%(model_name)s '%(object)s' has been submitted for moderation."),
]
