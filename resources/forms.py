"""Public forms of the directory: the search filters (GET) and the "report a problem" form."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from home.fields import LANGUAGE_CHOICES
from home.widgets import FastSelect

from .models import ProblemReport, sorted_by_name

BRUSSELS_BOUNDS = {"lat": (50.70, 51.00), "lon": (4.20, 4.55)}


class SearchForm(forms.Form):
    """Every field is optional; invalid values are reported and ignored (never a 500)."""

    q = forms.CharField(label=_("What are you looking for?"), required=False, max_length=120)
    category = forms.ChoiceField(label=_("Kind of help"), required=False, widget=FastSelect)
    commune = forms.ChoiceField(label=_("Commune"), required=False, widget=FastSelect)
    quartier = forms.TypedChoiceField(
        label=_("Quartier"), required=False, coerce=int, empty_value=None, widget=FastSelect
    )
    hotspot = forms.ChoiceField(label=_("Hotspot"), required=False, widget=FastSelect)
    language = forms.ChoiceField(
        label=_("Language spoken"),
        required=False,
        choices=[("", _("Any language")), *LANGUAGE_CHOICES],
        widget=FastSelect,
    )
    age = forms.IntegerField(label=_("Age"), required=False, min_value=0, max_value=120)
    open_now = forms.BooleanField(label=_("Open now"), required=False)
    free = forms.BooleanField(label=_("Free"), required=False)
    anonymous = forms.BooleanField(label=_("Anonymous"), required=False)
    no_appointment = forms.BooleanField(label=_("No appointment needed"), required=False)
    near = forms.TypedChoiceField(
        label=_("Near (quartier)"),
        required=False,
        coerce=int,
        empty_value=None,
        help_text=_("Sorts the results by distance from this quartier."),
        widget=FastSelect,
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
        super().__init__(data)
        self.fields["category"].choices = [
            ("", _("All kinds of help")),
            *[(c.code, c.name) for c in categories],
        ]
        communes, hotspots = sorted_by_name(communes), sorted_by_name(hotspots)
        self.fields["commune"].choices = [("", _("All communes")), *[(c.nis_code, c.name) for c in communes]]
        quartier_choices = [(q.mdzone, q.name) for q in sorted_by_name(quartiers)]
        self.fields["quartier"].choices = [("", _("All quartiers")), *quartier_choices]
        self.fields["near"].choices = [("", _("Anywhere")), *quartier_choices]
        self.fields["hotspot"].choices = [("", _("All hotspots")), *[(h.slug, h.name) for h in hotspots]]

    def clean(self):
        cleaned = super().clean()
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
        label=_("What is wrong?"), choices=ProblemReport.Reason.choices, widget=forms.RadioSelect
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
