from django.urls import path

from . import views

app_name = "states"

urlpatterns = [
    path("states/", views.state_list, name="list"),
    path("states/<str:code>/", views.state_profile, name="profile"),
    path("instruments/", views.instrument_list, name="instruments"),
    path("instruments/<slug:slug>/", views.instrument_detail, name="instrument"),
]
