from django.urls import path

from . import views

app_name = "citizens"

urlpatterns = [
    path("", views.regional_view, name="index"),
    path("<str:code>/", views.state_view, name="state"),
]
