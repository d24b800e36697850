"""How the admin shows values: yes/no, empty values and choice labels in the admin language, never a raw
True/False/None (tests/security/test_admin_language.py crawls every screen in FR and NL).

- Listings: boolean fields use Wagtail's BooleanColumn (a tick or a cross), built with `yes_no_column` so that
  the header is the field's translated verbose name; its cell template is overridden in
  templates/wagtailadmin/tables/boolean_cell.html so that the screen-reader text says "Yes"/"No" in the admin
  language instead of Wagtail's raw "True"/"False"/"None". Choice fields already show their labels (Wagtail uses
  get_FOO_display); an empty cell stays empty.
- Inspect views: `ReadableInspectMixin` shows "Yes"/"No" for booleans and an em dash for empty values.
"""

from __future__ import annotations

from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import BooleanColumn

EMPTY = "—"


def yes_no_column(model, field_name: str, **kwargs) -> BooleanColumn:
    """A tick/cross column for a boolean model field, headed by its verbose name."""
    field = model._meta.get_field(field_name)
    kwargs.setdefault("label", capfirst(field.verbose_name))
    kwargs.setdefault("sort_key", field_name)
    return BooleanColumn(field_name, **kwargs)


def readable(value):
    """A value as a person reads it: Yes/No for booleans, an em dash for nothing."""
    if value is None or value == "":
        return EMPTY
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    return value


class ReadableInspectMixin:
    """For Wagtail's generic InspectView: booleans and empty values in words, in the admin language."""

    def get_field_display_value(self, field_name, field):
        return readable(super().get_field_display_value(field_name, field))
