from django.urls import path

from . import views

app_name = "statistics"

urlpatterns = [
    path("", views.index, name="index"),
    path("statistics.csv", views.download_csv, name="download_csv"),
    path("statistics.xlsx", views.download_xlsx, name="download_xlsx"),
    path("returns/", views.return_list, name="returns"),
    path("returns/open/", views.return_pick, name="return_pick"),
    path("returns/<str:iso2>/<int:year>/", views.return_form, name="return"),
    path("returns/<str:iso2>/<int:year>/validate/", views.return_validate, name="return_validate"),
    path("returns/<str:iso2>/<int:year>/return/", views.return_send_back, name="return_send_back"),
    path("<str:iso2>/", views.state_detail, name="state"),
]
