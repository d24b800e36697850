"""Model fields shared by the apps."""

from django import forms
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

# ISO 639-1 codes of the languages most spoken in Brussels' support services, in the order shown to editors.
LANGUAGE_CHOICES = [
    ("fr", _("French")),
    ("nl", _("Dutch")),
    ("en", _("English")),
    ("ar", _("Arabic")),
    ("tr", _("Turkish")),
    ("es", _("Spanish")),
    ("pt", _("Portuguese")),
    ("it", _("Italian")),
    ("pl", _("Polish")),
    ("ro", _("Romanian")),
    ("de", _("German")),
    ("ru", _("Russian")),
    ("uk", _("Ukrainian")),
    ("ber", _("Berber")),
    ("ln", _("Lingala")),
    ("sgn", _("Sign language")),
]
LANGUAGE_LABELS = dict(LANGUAGE_CHOICES)


class LanguageListFormField(forms.TypedMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def prepare_value(self, value):
        return value or []


class LanguageListField(models.JSONField):
    """A list of ISO 639 language codes, edited as checkboxes."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        return LanguageListFormField(
            choices=LANGUAGE_CHOICES,
            required=not self.blank,
            label=capfirst(self.verbose_name),  # lazy: .capitalize() fixed the first request's language
            help_text=self.help_text,
        )

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        unknown = [code for code in value or [] if code not in LANGUAGE_LABELS]
        if unknown:
            raise forms.ValidationError(
                _("Unknown language code(s): %(codes)s"), params={"codes": ", ".join(unknown)}
            )


def language_names(codes) -> list[str]:
    return [str(LANGUAGE_LABELS.get(code, code)) for code in codes or []]
