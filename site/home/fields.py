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


# --- A name in every content language --------------------------------------------------------------------
# Reference data (communes, quartiers, categories) keeps one name per content language in one JSON object keyed
# by language code, {"fr": "Ixelles", "nl": "Elsene"}: a language added to settings.WAGTAIL_CONTENT_LANGUAGES is
# one more key (typed in the admin), never a column nor code.


def content_languages() -> list[tuple[str, str]]:
    """(code, label) of the configured content languages, read at call time (settings may change in tests)."""
    from django.conf import settings

    return [
        (code, str(LANGUAGE_LABELS.get(code, name)))
        for code, name in getattr(settings, "WAGTAIL_CONTENT_LANGUAGES", settings.LANGUAGES)
    ]


def default_content_language() -> str:
    from django.conf import settings

    return settings.LANGUAGE_CODE.split("-")[0]


def name_in_language(names: dict | None, language: str | None = None) -> str:
    """The name in `language` (the active one by default), else in the default language, else any name."""
    from django.utils import translation

    names = names or {}
    language = (language or translation.get_language() or default_content_language()).split("-")[0]
    return (
        names.get(language)
        or names.get(default_content_language())
        or next((name for name in names.values() if name), "")
    )


def _check_language_keys(value, not_an_object_message) -> dict:
    """The configured content languages ({code: label}), once `value` is an object keyed by some of them."""
    if not isinstance(value, dict):
        raise forms.ValidationError(not_an_object_message, code="invalid")
    languages = dict(content_languages())
    unknown = sorted(code for code in value if code not in languages)
    if unknown:
        raise forms.ValidationError(
            _("Unknown language code(s): %(codes)s"), params={"codes": ", ".join(unknown)}, code="invalid"
        )
    return languages


def validate_names(value) -> None:
    """A name in every configured content language, and in no other."""
    languages = _check_language_keys(value, _("Give the names as an object keyed by language code."))
    missing = [label for code, label in languages.items() if not str(value.get(code) or "").strip()]
    if missing:
        raise forms.ValidationError(
            _("Give the name in every language: %(languages)s."),
            params={"languages": ", ".join(missing)},
            code="required",
        )


class NamesWidget(forms.Widget):
    """One text input per configured content language, labelled with the language's name (rendered in Python:
    the form renderer does not read the project's templates folder)."""

    def __init__(self, attrs=None, *, max_length=None):
        super().__init__(attrs)
        self.max_length = max_length

    def render(self, name, value, attrs=None, renderer=None):
        from django.forms.utils import flatatt
        from django.utils.html import format_html, format_html_join

        value = value if isinstance(value, dict) else {}
        final_attrs = self.build_attrs(self.attrs, attrs)
        base_id = final_attrs.pop("id", None) or f"id_{name}"
        if self.max_length:
            final_attrs["maxlength"] = self.max_length
        rows = format_html_join(
            "",
            '<p class="names-field__language"><label for="{}">{}</label> '
            '<input type="text" name="{}" id="{}" value="{}" lang="{}"{}></p>',
            (
                (
                    f"{base_id}_{code}",
                    label,
                    f"{name}_{code}",
                    f"{base_id}_{code}",
                    value.get(code, ""),
                    code,
                    flatatt(final_attrs),
                )
                for code, label in content_languages()
            ),
        )
        return format_html('<div class="names-field">{}</div>', rows)

    def value_from_datadict(self, data, files, name):
        return {code: data.get(f"{name}_{code}", "") for code, _label in content_languages()}

    def value_omitted_from_data(self, data, files, name):
        return not any(f"{name}_{code}" in data for code, _label in content_languages())

    def id_for_label(self, id_):
        code = next(iter(content_languages()), ("",))[0]
        return f"{id_}_{code}" if id_ else id_


class NamesFormField(forms.Field):
    widget = NamesWidget

    def __init__(self, *, max_length=None, **kwargs):
        self.max_length = max_length
        kwargs.setdefault("widget", NamesWidget(max_length=max_length))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return value if isinstance(value, dict) else {}

    def to_python(self, value):
        if not isinstance(value, dict):
            return {}
        return {code: str(text or "").strip() for code, text in value.items()}

    def validate(self, value):
        validate_names(value)
        if self.max_length:
            too_long = [code for code, text in value.items() if len(text) > self.max_length]
            if too_long:
                raise forms.ValidationError(
                    _("Names are at most %(max)d characters long."), params={"max": self.max_length}
                )

    def has_changed(self, initial, data):
        return self.to_python(initial) != self.to_python(data)


class NamesField(models.JSONField):
    """A name in every content language: {"fr": …, "nl": …}; see `name_in_language`."""

    form_field_class = NamesFormField

    def __init__(self, *args, max_length=None, **kwargs):
        self.name_max_length = max_length
        kwargs.setdefault("default", dict)
        kwargs.setdefault("validators", [validate_names])
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if kwargs.get("default") is dict:
            del kwargs["default"]
        kwargs.pop("validators", None)
        if self.name_max_length:
            kwargs["max_length"] = self.name_max_length
        return name, path, args, kwargs

    def formfield(self, **kwargs):
        return self.form_field_class(
            max_length=self.name_max_length,
            required=not self.blank,
            label=capfirst(self.verbose_name),
            help_text=self.help_text,
        )


# --- A text in some content languages ----------------------------------------------------------------------
# Texts that may be missing in a language, or altogether (a location's street, public transport, accessibility):
# the same JSON object keyed by language code as the names, but a language may be left empty; a page reads the
# text in its language, else the default language's (`name_in_language`). Empty values are not stored.


def validate_texts(value) -> None:
    """An object keyed by configured content languages; any of them may be missing or empty."""
    _check_language_keys(value, _("Give the texts as an object keyed by language code."))


def clean_texts(value: dict | None) -> dict:
    """The texts stripped, without the empty ones."""
    return {code: str(text).strip() for code, text in (value or {}).items() if str(text or "").strip()}


class TextsFormField(NamesFormField):
    def to_python(self, value):
        return clean_texts(value if isinstance(value, dict) else {})

    def validate(self, value):
        validate_texts(value)
        if self.required and not value:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        if self.max_length and any(len(text) > self.max_length for text in value.values()):
            raise forms.ValidationError(
                _("Texts are at most %(max)d characters long."), params={"max": self.max_length}
            )


class TextsField(NamesField):
    """A text in any of the content languages, each optional: {"fr": …, "nl": …} or {}; see `name_in_language`."""

    form_field_class = TextsFormField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("blank", True)
        kwargs.setdefault("validators", [validate_texts])
        super().__init__(*args, **kwargs)
