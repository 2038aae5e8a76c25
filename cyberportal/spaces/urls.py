from django.urls import path

from . import views

app_name = "spaces"

urlpatterns = [
    path("", views.space_list, name="list"),
    path("search/", views.search, name="search"),
    path("notifications/", views.notifications, name="notifications"),
    path("threads/<int:pk>/", views.thread_detail, name="thread"),
    path("threads/<int:pk>/label/", views.thread_label, name="thread_label"),
    path("documents/<int:pk>/", views.document_detail, name="document"),
    path("documents/<int:pk>/label/", views.document_label, name="document_label"),
    path("attachments/<int:pk>/download/", views.attachment_download, name="attachment_download"),
    path("versions/<int:pk>/download/", views.version_download, name="version_download"),
    path("<slug:slug>/", views.space_detail, name="detail"),
    path("<slug:slug>/join/", views.space_join, name="join"),
    path("<slug:slug>/leave/", views.space_leave, name="leave"),
    path("<slug:slug>/members/", views.space_member_add, name="member_add"),
    path("<slug:slug>/members/role/", views.space_member_role, name="member_role"),
    path("<slug:slug>/threads/new/", views.thread_new, name="thread_new"),
    path("<slug:slug>/documents/new/", views.document_new, name="document_new"),
]
