"""Language-prefixed routes of the referral tools: /fr/orientation/… and /nl/doorverwijzing/…"""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "referrals"

urlpatterns = [
    path(_("referral/"), views.landing_view, name="landing"),
    path(_("referral/slip/"), views.slip_view, name="slip"),
    path(_("referral/notify/<int:pk>/"), views.warm_view, name="warm"),
]
