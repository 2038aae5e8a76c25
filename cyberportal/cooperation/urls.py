from django.urls import path

from . import views

app_name = "cooperation"

# The assistant's routes go above the state's, whose two-letter code they can never match.
urlpatterns = [
    path("", views.regional_view, name="index"),
    path("requests/", views.request_list, name="request_list"),
    path("requests/new/", views.request_new, name="request_new"),
    path("requests/<int:pk>/", views.request_edit, name="request_edit"),
    path("<str:code>/", views.state_view, name="state"),
]
