from allauth.account import views as allauth_views
from django.urls import path

from cyberportal.core.access import public

from . import views

app_name = "accounts"

urlpatterns = [
    # The foundation's names, kept: the same allauth views as /accounts/login/ and /accounts/logout/.
    path("sign-in/", public(allauth_views.login), name="login"),
    path("sign-out/", public(allauth_views.logout), name="logout"),
    path("home/", views.home, name="home"),
    path("profile/", views.profile, name="profile"),
    path("sign-out-everywhere/", views.sign_out_everywhere, name="sign_out_everywhere"),
    path("vetting/", views.vetting_list, name="vetting_list"),
    path("vetting/<int:pk>/", views.vetting_detail, name="vetting_detail"),
    path("people/", views.people_list, name="people"),
    path("people/<int:pk>/deactivate/", views.person_deactivate, name="person_deactivate"),
    path("people/<int:pk>/role/", views.person_role, name="person_role"),
    path("invitations/", views.invitations, name="invitations"),
    path("invitation/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path("admin-sign-in/", views.admin_sign_in, name="admin_sign_in"),
]
