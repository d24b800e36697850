"""The campaigns the evaluation tracks (codes, page paths and utm_campaign values: strings only)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .fields import code_validator


class TrackedCampaign(models.Model):
    """A campaign as the evaluation sees it: a code, the paths of its pages and its utm_campaign value.

    Kept here (strings only) so the evaluation works on its own; `selectors.tracked_campaigns()` is the one
    place that may later read the campaign pages instead.
    """

    code = models.CharField(_("campaign code"), max_length=64, unique=True, validators=[code_validator])
    name = models.CharField(_("name"), max_length=200)
    path_prefixes = models.TextField(
        _("page path prefixes"),
        blank=True,
        help_text=_("One path per line, e.g. /fr/campagnes/ete/ and /nl/campagnes/zomer/."),
    )
    utm_campaign = models.CharField(
        _("utm_campaign value"),
        max_length=100,
        blank=True,
        help_text=_("Leave empty to use the campaign code."),
    )
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("tracked campaign")
        verbose_name_plural = _("tracked campaigns")
        ordering = ["code"]

    def __str__(self):
        return f"{self.name} ({self.code})"

    def clean(self):
        errors = {}
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("The end date is before the start date.")
        if any(not prefix.startswith("/") for prefix in self.prefixes):
            errors["path_prefixes"] = _("Each path must start with a slash.")
        if errors:
            raise ValidationError(errors)

    @property
    def prefixes(self) -> list[str]:
        return [line.strip() for line in (self.path_prefixes or "").splitlines() if line.strip()]

    @property
    def utm_value(self) -> str:
        return self.utm_campaign or self.code
