"""Form widgets shared by the apps."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.text import capfirst, format_lazy
from wagtail.admin.widgets import AdminPageChooser
from wagtail.models import Page


class FastSelect(forms.Select):
    """A `<select>` rendered in Python rather than one template per option.

    Same markup as Django's Select for flat choices (no option groups); about 50 times faster for the
    directory's 145-quartier lists, which are on every search page."""

    def render(self, name, value, attrs=None, renderer=None):
        wanted = set(self.format_value(value))
        rows, chosen_once = [], False
        for key, label in self.choices:
            key = "" if key is None else str(key)
            chosen = key in wanted and (self.allow_multiple_selected or not chosen_once)
            chosen_once = chosen_once or chosen
            rows.append(
                f'<option value="{escape(key)}"{" selected" if chosen else ""}>{escape(label)}</option>'
            )
        final_attrs = self.build_attrs(self.attrs, attrs)
        return format_html(
            '<select name="{}"{}>{}</select>',
            name,
            flatatt(final_attrs),
            mark_safe("".join(rows)),  # noqa: S308 -- options built with escape() above
        )


def input_html(widget: dict) -> str:
    """The markup of Django's `django/forms/widgets/input.html` for a widget's context, built in Python."""
    value_attr = "" if widget["value"] is None else format_html(' value="{}"', widget["value"])
    return format_html(
        '<input type="{}" name="{}"{}{}>',
        widget["type"],
        widget["name"],
        value_attr,
        flatatt(widget["attrs"]),
    )


class FastInputMixin:
    """An `<input>` rendered in Python (the directory's filter form is on every search page: one template per
    field costs more than the rest of the form)."""

    def render(self, name, value, attrs=None, renderer=None):
        return input_html(self.get_context(name, value, attrs)["widget"])


class FastRadioSelect(forms.RadioSelect):
    """Radio buttons whose inputs are built in Python when a template lays them out itself (`{{ radio.tag }}`,
    as the "report a problem" form on every listing does)."""

    def _render(self, template_name, context, renderer=None):
        widget = context["widget"]
        if template_name == self.option_template_name and not widget.get("wrap_label"):
            return input_html(widget)
        return super()._render(template_name, context, renderer)


class FastCheckbox(FastInputMixin, forms.CheckboxInput):
    pass


class FastNumberInput(FastInputMixin, forms.NumberInput):
    pass


class PageChooser(AdminPageChooser):
    """Wagtail's page chooser, with its "Choose a page (<type>)" label in each user's admin language.

    Wagtail computes that label once, as a plain string, when the widget is made; the form class is built once
    per process, so the language of the first user to open a form stuck for everyone (a Dutch label for French
    editors). Here the label stays lazy. Registered for every page ForeignKey in home/wagtail_hooks.py."""

    def __init__(self, target_models=None, **kwargs):
        super().__init__(target_models=target_models, **kwargs)
        if len(self.target_models) == 1 and self.target_models[0] is not Page:
            name = capfirst(self.target_models[0]._meta.verbose_name)
            self.choose_one_text = format_lazy("{} ({})", AdminPageChooser.choose_one_text, name)
