from django.urls import path

from . import views

app_name = "cooperation"

# `requests/` (the request-drafting assistant) and the service providers are built later, in their
# own modules; their routes go above the state's, whose two-letter code they can never match.
urlpatterns = [
    path("", views.regional_view, name="index"),
    path("<str:code>/", views.state_view, name="state"),
]
