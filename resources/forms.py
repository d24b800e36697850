"""Public forms of the directory: the search filters (GET) and the "report a problem" form."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext_lazy as _

from home.fields import LANGUAGE_CHOICES
from home.widgets import FastCheckbox, FastNumberInput, FastRadioSelect, FastSelect

from .models import ProblemReport, sorted_by_name

BRUSSELS_BOUNDS = {"lat": (50.70, 51.00), "lon": (4.20, 4.55)}


def fold(text: str) -> str:
    """A place name as people type it: no accents, no case, no punctuation ("Saint-Gilles" = "saint gilles")."""
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode("ascii").casefold()
    return " ".join(re.findall(r"[a-z0-9]+", text))


@dataclass(frozen=True)
class Place:
    kind: str  # "commune" or "quartier"
    code: int | str  # a quartier's mdzone, a commune's NIS code
    name: str  # in the current language
    lat: float | None
    lon: float | None


class PlaceIndex:
    """Communes and quartiers found by their code or by their name in any content language, whatever the page's
    language (a type-ahead sends the name; older links and the area pages send the code)."""

    def __init__(self, *, communes, quartiers):
        self.communes = communes  # in the order they are shown (resources.views._reference_data)
        self.quartiers = quartiers

    def _places(self, kind):
        if kind == "commune":
            for c in self.communes:
                yield (
                    Place("commune", c.nis_code, c.name, c.centroid_lat, c.centroid_lon),
                    c.all_names(),
                )
        else:
            for q in self.quartiers:
                yield (
                    Place("quartier", q.mdzone, q.name, q.centroid_lat, q.centroid_lon),
                    q.all_names(),
                )

    def find(self, raw: str, *, kinds) -> Place | None:
        wanted = fold(raw)
        if not wanted:
            return None
        for kind in kinds:
            for place, names in self._places(kind):
                if wanted == str(place.code) or wanted in {fold(name) for name in names}:
                    return place
        return None


class SearchForm(forms.Form):
    """Every field is optional; invalid values are reported and ignored (never a 500)."""

    q = forms.CharField(label=_("What are you looking for?"), required=False, max_length=120)
    category = forms.ChoiceField(label=_("Kind of help"), required=False, widget=FastSelect)
    commune = forms.ChoiceField(label=_("Commune"), required=False, widget=FastSelect)
    quartier = forms.CharField(
        label=_("Commune or quartier"),
        required=False,
        max_length=120,
        widget=forms.TextInput(attrs={"list": "directory-places", "autocomplete": "off"}),
    )
    hotspot = forms.ChoiceField(label=_("Hotspot"), required=False, widget=FastSelect)
    language = forms.ChoiceField(
        label=_("Language spoken"),
        required=False,
        choices=[("", _("Any language")), *LANGUAGE_CHOICES],
        widget=FastSelect,
    )
    age = forms.IntegerField(
        label=_("Age"), required=False, min_value=0, max_value=120, widget=FastNumberInput
    )
    open_now = forms.BooleanField(label=_("Open now"), required=False, widget=FastCheckbox)
    free = forms.BooleanField(label=_("Free"), required=False, widget=FastCheckbox)
    anonymous = forms.BooleanField(label=_("Anonymous"), required=False, widget=FastCheckbox)
    no_appointment = forms.BooleanField(label=_("No appointment needed"), required=False, widget=FastCheckbox)
    near = forms.CharField(
        label=_("Near (commune or quartier)"),
        required=False,
        max_length=120,
        help_text=_("Sorts the results by distance from this place."),
        widget=forms.TextInput(attrs={"list": "directory-places", "autocomplete": "off"}),
    )
    lat = forms.FloatField(
        label=_("Latitude"),
        required=False,
        min_value=BRUSSELS_BOUNDS["lat"][0],
        max_value=BRUSSELS_BOUNDS["lat"][1],
    )
    lon = forms.FloatField(
        label=_("Longitude"),
        required=False,
        min_value=BRUSSELS_BOUNDS["lon"][0],
        max_value=BRUSSELS_BOUNDS["lon"][1],
    )

    def __init__(self, data, *, categories, communes, quartiers, hotspots):
        """The lists in the order they are shown (communes, quartiers and hotspots sorted by name)."""
        super().__init__(data)
        self.fields["category"].choices = [
            ("", _("All kinds of help")),
            *[(c.code, c.name) for c in categories],
        ]
        self.fields["commune"].choices = [("", _("All communes")), *[(c.nis_code, c.name) for c in communes]]
        self.display = {}  # a place sent by its code is shown by its name
        self.commune_from_place = None
        self.places = PlaceIndex(communes=communes, quartiers=quartiers)
        self.fields["hotspot"].choices = [("", _("All hotspots")), *[(h.slug, h.name) for h in hotspots]]

    def _place(self, field: str, kinds: tuple[str, ...]):
        """The place typed in `field` (None when empty), then shown by its name; a form error when unknown."""
        raw = self.cleaned_data.get(field, "")
        if not raw:
            return None
        place = self.places.find(raw, kinds=kinds)
        if place is None:
            raise forms.ValidationError(
                _("No commune or quartier of Brussels has this name."), code="unknown_place"
            )
        self.display[field] = place.name
        return place

    def clean_quartier(self):
        place = self._place("quartier", kinds=("quartier", "commune"))
        if place is None:
            return None
        if place.kind == "commune":  # the one place box also takes a commune
            self.commune_from_place = place.code
            return None
        return place.code

    def clean_near(self):
        return self._place("near", kinds=("commune", "quartier"))

    def clean(self):
        cleaned = super().clean()
        if self.commune_from_place:
            cleaned["commune"] = self.commune_from_place
        elif cleaned.get("commune") and not cleaned.get("quartier"):
            place = self.places.find(cleaned["commune"], kinds=("commune",))
            self.display["quartier"] = place.name if place else ""
        if (cleaned.get("lat") is None) != (cleaned.get("lon") is None):
            cleaned.pop("lat", None)
            cleaned.pop("lon", None)
        return cleaned

    def valid_filters(self) -> dict:
        """The values that were understood, even when other fields were not."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value not in (None, "", False)}


class ProblemReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("What is wrong?"), choices=ProblemReport.Reason.choices, widget=FastRadioSelect
    )
    comment = forms.CharField(
        label=_("Details (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Describe what is wrong with the listing. Do not write your name, your phone number, your e-mail "
            "address or anything about your health: phone numbers and e-mail addresses are removed, and "
            "reports are deleted after six months."
        ),
    )
    # Honeypot: hidden from people, filled in by robots.
    website = forms.CharField(label=_("Leave this field empty"), required=False)


class _NameSortedIterator(forms.models.ModelChoiceIterator):
    """The choices in the order of their names in the active language, accents handled (`sorted_by_name`), not
    in the database's order (a commune's code, or its bytes)."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in sorted_by_name(self.queryset):
            yield self.choice(obj)


class NameSortedModelChoiceField(forms.ModelChoiceField):
    iterator = _NameSortedIterator


def sort_choices_by_name(field: forms.ModelChoiceField) -> None:
    """Sorts a form's (multiple) model choice field in place (for fields Wagtail's overrides do not reach)."""
    field.iterator = _NameSortedIterator
    field.widget.choices = field.choices
