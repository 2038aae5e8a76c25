from django.urls import path

from . import views

app_name = "directory"

urlpatterns = [
    path("", views.directory_index, name="index"),
    path("export.vcf", views.list_vcard, name="list_vcard"),
    path("export.csv", views.list_csv, name="list_csv"),
    path("export.pdf", views.list_pdf, name="list_pdf"),
    path("authorities/<int:pk>/", views.authority_detail, name="authority"),
    path("authorities/<int:pk>/vcard/", views.authority_vcard, name="authority_vcard"),
    path("contacts/<int:pk>/", views.contact_detail, name="contact"),
    path("contacts/<int:pk>/vcard/", views.contact_vcard, name="contact_vcard"),
    path("finder/", views.finder_view, name="finder"),
    path("finder/template/", views.finder_template, name="finder_template"),
    path("verify/<str:token>/", views.verify, name="verify"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("campaigns/new/", views.campaign_new, name="campaign_new"),
    path("corrections/", views.correction_list, name="corrections"),
    path("corrections/<int:pk>/", views.correction_detail, name="correction"),
]
