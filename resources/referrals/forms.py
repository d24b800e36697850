"""The warm-referral form: minimal fields, explicit consent in the person's language, a honeypot."""

from __future__ import annotations

import re

from django import forms
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from home.fields import LANGUAGE_CHOICES

PHONE = re.compile(r"\+?[0-9 ./()-]{6,24}")


class WarmReferralForm(forms.Form):
    class Contact(models.TextChoices):
        PHONE = "phone", _("By phone")
        EMAIL = "email", _("By e-mail")
        COME_BY = "come_by", _("They will come by")

    name = forms.CharField(
        label=_("First name or nickname"),
        max_length=40,
        help_text=_("Only what the service needs to greet them. No family name."),
    )
    language = forms.ChoiceField(label=_("Preferred language"), choices=LANGUAGE_CHOICES)
    contact = forms.ChoiceField(
        label=_("How can the service reach them?"), choices=Contact.choices, widget=forms.RadioSelect
    )
    phone = forms.CharField(label=_("Phone number"), max_length=24, required=False)
    email = forms.EmailField(label=_("E-mail address"), max_length=120, required=False)
    consent = forms.BooleanField(
        required=True, error_messages={"required": _("The person's consent is required to send the notice.")}
    )
    website = forms.CharField(label=_("Leave this field empty"), required=False)  # honeypot

    def __init__(self, *args, slip_language: str, **kwargs):
        super().__init__(*args, **kwargs)
        # The person reads and ticks the consent: its text is in their language, the rest in the worker's.
        with translation.override(slip_language):
            self.fields["consent"].label = str(
                _(
                    "I agree that my first name or nickname, my language and how to reach me are sent once by "
                    "e-mail to this service so that it expects me. The website does not keep them."
                )
            )
        self.consent_language = slip_language
        self.fields["language"].initial = slip_language

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(_("Give a first name or a nickname."))
        return name

    def clean(self):
        data = super().clean()
        contact = data.get("contact")
        if contact == self.Contact.PHONE:
            phone = (data.get("phone") or "").strip()
            if not PHONE.fullmatch(phone) or sum(ch.isdigit() for ch in phone) < 6:
                self.add_error("phone", _("Give a phone number (digits, spaces and + only)."))
            data["email"] = ""
        elif contact == self.Contact.EMAIL:
            if not data.get("email") and "email" not in self.errors:
                self.add_error("email", _("Give an e-mail address."))
            data["phone"] = ""
        else:
            data["phone"] = data["email"] = ""
        return data
