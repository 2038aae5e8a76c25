from django.urls import path

from . import views

app_name = "events"

urlpatterns = [
    path("", views.event_list, name="index"),
    path("feed.ics", views.event_feed, name="feed"),
    path("reach/", views.reach, name="reach"),
    path("reach.csv", views.reach_csv, name="reach_csv"),
    path("materials/<int:pk>/", views.material_download, name="material"),
    path("<str:slug>/", views.event_detail, name="detail"),
]
