"""Demo of the referral tools: two demo services accept warm referrals (addresses on the .example domain, so
the console e-mail backend shows the notice and nothing leaves the machine). Idempotent; runs after the
directory's demo (app order)."""

from __future__ import annotations

from resources.models import Service

WARM_REFERRAL_EMAILS = {
    "SV02": "accueil@modusvivendi.example",
    "SV22": "accueil@missionlocale-saintgilles.example",
}


def load(*, stdout, style):
    changed = 0
    for external_id, email in WARM_REFERRAL_EMAILS.items():
        keys = Service.objects.filter(external_id=external_id).values("translation_key")
        # referral_email is a synchronised field: set it on the source and its translations alike.
        changed += (
            Service.objects.filter(translation_key__in=keys)
            .exclude(referral_email=email)
            .update(referral_email=email)
        )
    stdout.write(
        style.SUCCESS(
            f"Referrals: {len(WARM_REFERRAL_EMAILS)} demo services accept warm referrals ({changed} rows updated)"
        )
    )
