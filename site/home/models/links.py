"""The optional links of the shell's models to an image or a page."""

from django.db import models


def optional_link(to: str, verbose_name, **kwargs) -> models.ForeignKey:
    """An optional one-way link to another row (an image, a page): emptied when that row is deleted, with no
    reverse accessor on it."""
    return models.ForeignKey(
        to,
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        **kwargs,
    )
