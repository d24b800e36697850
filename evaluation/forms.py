from __future__ import annotations

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .reports import MAX_REPORT_DAYS, Period, default_baseline
from .selectors import campaign, hotspot


class PeriodFormMixin:
    def _check_period(self, start_field, end_field, cleaned):
        start, end = cleaned.get(start_field), cleaned.get(end_field)
        if start and end:
            if end < start:
                self.add_error(end_field, _("The end date is before the start date."))
            elif (end - start).days + 1 > MAX_REPORT_DAYS:
                self.add_error(end_field, _("The period is too long: choose at most two years."))
        elif start or end:
            self.add_error(
                end_field if start else start_field, _("Give both dates of the period, or neither.")
            )


class CampaignReportForm(PeriodFormMixin, forms.Form):
    campaign = forms.CharField(label=_("Campaign code"), max_length=64)
    start = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    baseline_start = forms.DateField(
        label=_("Baseline from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    baseline_end = forms.DateField(
        label=_("Baseline to"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean_campaign(self):
        code = self.cleaned_data["campaign"].strip()
        target = campaign(code)
        if target is None:
            raise forms.ValidationError(_("Unknown campaign code: %(code)s."), params={"code": code})
        self.target = target
        return code

    def clean(self):
        cleaned = super().clean()
        self._check_period("start", "end", cleaned)
        self._check_period("baseline_start", "baseline_end", cleaned)
        return cleaned

    def periods(self) -> tuple[Period, Period]:
        data = self.cleaned_data
        if data.get("start") and data.get("end"):
            period = Period(data["start"], data["end"])
        elif self.target.starts_on and self.target.ends_on:
            period = Period(self.target.starts_on, self.target.ends_on)
        else:
            end = timezone.localdate() - timedelta(days=1)
            period = Period(end - timedelta(days=29), end)
        if data.get("baseline_start") and data.get("baseline_end"):
            baseline = Period(data["baseline_start"], data["baseline_end"])
        else:
            baseline = default_baseline(period)
        return period, baseline


class HotspotSheetForm(PeriodFormMixin, forms.Form):
    end = forms.DateField(label=_("Up to"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    windows = forms.IntegerField(label=_("Six-month windows"), min_value=1, max_value=6, required=False)


def hotspot_or_none(slug):
    return hotspot(slug)


class RegionalOverviewForm(forms.Form):
    end = forms.DateField(label=_("Up to"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    months = forms.IntegerField(label=_("Months"), min_value=1, max_value=12, required=False)


class HotspotStatusForm(forms.ModelForm):
    """A status change of a hotspot: its slug chosen from the list, the date (not in the future), a reason."""

    class Meta:
        from .models import HotspotStatusChange

        model = HotspotStatusChange
        fields = ["hotspot_slug", "date", "status", "reason"]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}),
            "reason": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from .selectors import hotspots

        self.fields["hotspot_slug"] = forms.ChoiceField(
            label=_("Hotspot"), choices=[("", "—")] + [(h.slug, h.name) for h in hotspots()]
        )

    def clean_date(self):
        day = self.cleaned_data["date"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("The date of a status change cannot be in the future."))
        return day


class SocialImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_("UTF-8 CSV with a header row. See the documentation for the columns."),
    )
