from django.urls import path

from . import views

app_name = "recommendations"

urlpatterns = [
    path("", views.meeting_list, name="index"),
    path("timeline/", views.timeline_view, name="timeline"),
    path("themes/<slug:code>/", views.theme_detail, name="theme"),
    path("import/", views.import_upload, name="import"),
    path("import/<str:token>/", views.import_preview, name="import_preview"),
    path("reports/", views.my_reports, name="my_reports"),
    path("reports/<int:pk>/accept/", views.report_accept, name="report_accept"),
    path("reports/<int:pk>/return/", views.report_return, name="report_return"),
    path("<slug:slug>/", views.meeting_detail, name="meeting"),
    path("<slug:slug>/progress/", views.progress_report, name="progress"),
    path("<slug:slug>/progress.pdf", views.progress_report_pdf, name="progress_pdf"),
    path("<slug:slug>/<int:number>/", views.recommendation_detail, name="detail"),
    path("<slug:slug>/<int:number>/report/", views.report_edit, name="report"),
]
