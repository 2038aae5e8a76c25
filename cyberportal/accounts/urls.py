from django.contrib.auth import views as auth_views
from django.urls import path

from cyberportal.core.access import public

app_name = "accounts"

urlpatterns = [
    path("sign-in/", public(auth_views.LoginView.as_view(template_name="accounts/login.html")), name="login"),
    path("sign-out/", public(auth_views.LogoutView.as_view()), name="logout"),
]
