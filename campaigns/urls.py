"""Language-prefixed routes of the campaigns app (/fr/prevention/…, /nl/prevention/…)."""

from django.urls import path

from . import views

app_name = "campaigns"

urlpatterns = [
    path("prevention/search/", views.search, name="search"),
    path("prevention/autocomplete/", views.autocomplete, name="autocomplete"),
    path("prevention/mix/", views.mix_checker, name="mix"),
    path("prevention/quiz/<int:pk>/", views.quiz, name="quiz"),
    path("prevention/self-check/<int:pk>/", views.self_check, name="self_check"),
]
