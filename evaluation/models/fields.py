"""Validators and field builders shared by the evaluation models."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

code_validator = RegexValidator(
    r"^[a-z0-9][a-z0-9_-]{0,63}$",
    _("Use lower-case letters, digits, hyphens and underscores only."),
)


def person_field(verbose_name, *, editable: bool = True) -> models.ForeignKey:
    """The person who started or recorded something: optional, kept as empty when the account is deleted, and never
    followed back from the user (no reverse accessor)."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=editable,
    )
