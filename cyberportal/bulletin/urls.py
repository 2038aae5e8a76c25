from django.urls import path

from . import feeds, views

app_name = "bulletin"

urlpatterns = [
    path("", views.archive, name="archive"),
    path("feed/", feeds.IssuesFeed(), name="feed"),
    path("subscribe/", views.subscribe, name="subscribe"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("compose/", views.compose, name="compose"),
    path("<int:number>/", views.issue_detail, name="issue"),
]
