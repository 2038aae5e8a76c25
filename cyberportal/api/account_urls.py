"""The API tokens page, under each interface language (/<lang>/accounts/tokens/)."""

from django.urls import path

from . import views

urlpatterns = [
    path("accounts/tokens/", views.tokens, name="api_tokens"),
    path("accounts/tokens/<int:pk>/revoke/", views.token_revoke, name="api_token_revoke"),
]
