from django.urls import path

from . import views_admin

app_name = "scheduling_admin"

urlpatterns = [
    path("", views_admin.calendar_view, name="calendar"),
    path("export.csv", views_admin.export_csv, name="export"),
    path("import/", views_admin.import_view, name="import"),
    path("metrics/import/", views_admin.import_metrics_view, name="import_metrics"),
    path("feed/", views_admin.feed_view, name="feed"),
    path("deliverable/<int:pk>/move/", views_admin.move_view, name="move"),
    path("variant/<int:pk>/", views_admin.variant_view, name="variant"),
    path("variant/<int:pk>/<str:action>/", views_admin.variant_action, name="variant_action"),
    path("poster/<int:pk>/", views_admin.poster_view, name="poster"),
    path("influencer/<int:pk>/rotate-feed/", views_admin.rotate_influencer_feed, name="rotate_feed"),
]
