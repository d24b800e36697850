"""Forms of the scheduling screens (admin and the influencer's signed page)."""

import datetime as dt

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .calendar import VIEWS
from .models import ApprovalRecord, Influencer, MetricSnapshot, Platform, ReviewStep, Status

BLANK = [("", "—")]


class CalendarFilterForm(forms.Form):
    view = forms.ChoiceField(
        label=_("View"),
        required=False,
        choices=[
            ("month", _("Month")),
            ("week", _("Week")),
            ("day", _("Day")),
            ("lanes", _("Influencer lanes")),
            ("list", _("List")),
        ],
    )
    date = forms.DateField(
        label=_("Date"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    influencer = forms.ModelChoiceField(
        label=_("Influencer"), required=False, queryset=Influencer.objects.none()
    )
    platform = forms.ChoiceField(label=_("Platform"), required=False, choices=BLANK + list(Platform.choices))
    language = forms.ChoiceField(
        label=_("Language"), required=False, choices=BLANK + list(settings.LANGUAGES)
    )
    status = forms.ChoiceField(label=_("Status"), required=False, choices=BLANK + list(Status.choices))
    campaign = forms.ChoiceField(label=_("Campaign"), required=False, choices=BLANK)

    def __init__(self, *args, influencers=None, campaigns=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["influencer"].queryset = (
            influencers if influencers is not None else Influencer.objects.all()
        )
        self.fields["campaign"].choices = BLANK + [(c, c) for c in campaigns]

    def clean_view(self):
        return self.cleaned_data.get("view") if self.cleaned_data.get("view") in VIEWS else "month"


class MoveForm(forms.Form):
    date = forms.DateField(
        label=_("New day"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )


class ReviewForm(forms.Form):
    step = forms.ChoiceField(label=_("Step"), choices=ReviewStep.choices)
    decision = forms.ChoiceField(label=_("Decision"), choices=ApprovalRecord.Decision.choices)
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    share_with_influencer = forms.BooleanField(label=_("Show the comment to the influencer"), required=False)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("CSV file"))
    dry_run = forms.BooleanField(label=_("Dry run (check only, write nothing)"), required=False, initial=True)


class MetricForm(forms.ModelForm):
    class Meta:
        model = MetricSnapshot
        fields = [*MetricSnapshot.REPORTED_FIELDS, "link_clicks"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def clean_date(self):
        value = self.cleaned_data["date"]
        if value > dt.date.today() + dt.timedelta(days=1):
            raise forms.ValidationError(_("Metrics cannot be dated in the future."))
        return value


class DraftForm(forms.Form):
    caption = forms.CharField(label=_("Caption"), widget=forms.Textarea(attrs={"rows": 5}), max_length=5000)
    hashtags = forms.CharField(label=_("Hashtags"), required=False, max_length=300)


class ProofForm(forms.Form):
    live_url = forms.URLField(label=_("Link to the live post"), assume_scheme="https")
    proof = forms.ImageField(label=_("Screenshot (proof)"), required=False)

    def clean_proof(self):
        proof = self.cleaned_data.get("proof")
        if proof and proof.size > 5 * 1024 * 1024:
            raise forms.ValidationError(_("The screenshot is larger than 5 MB."))
        return proof


class InfluencerChoiceForm(forms.Form):
    influencer = forms.ModelChoiceField(label=_("Influencer"), queryset=Influencer.objects.all())
