"""Language-prefixed routes of the directory: /fr/aide/… and /nl/hulp/… (paths translated by gettext)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "resources"

urlpatterns = [
    path(_("help/"), views.search_view, name="search"),
    path(_("help/neighbourhoods/"), views.neighbourhoods_view, name="neighbourhoods"),
    path(_("help/commune/<str:nis_code>/"), views.commune_view, name="commune"),
    path(_("help/quartier/<int:mdzone>/"), views.quartier_view, name="quartier"),
    path(_("help/hotspot/<slug:slug>/"), views.hotspot_view, name="hotspot"),
    path(_("help/service/<int:pk>/"), views.service_view, name="service"),
]
