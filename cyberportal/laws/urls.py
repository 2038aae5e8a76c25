from django.urls import path

from . import views

app_name = "laws"

urlpatterns = [
    path("laws/", views.law_index, name="index"),
    path("laws/matrix/", views.matrix_view, name="matrix"),
    path("laws/compare/", views.compare, name="compare"),
    path("laws/import/", views.import_upload, name="import"),
    path("laws/import/<str:token>/", views.import_confirm, name="import_confirm"),
    path("laws/state/<str:code>/", views.state_laws, name="state"),
    path("laws/state/<str:code>/gaps/", views.gap_report_view, name="gaps"),
    path("laws/<int:pk>/", views.law_detail, name="law"),
    path("laws/akn/<path:work>/", views.law_by_work, name="law_by_work"),
    path("laws/<int:pk>/original/", views.law_original, name="law_original"),
    path("laws/<int:pk>/export.<str:fmt>", views.law_export, name="law_export"),
    path("laws/article/<slug:instrument>/<str:number>/", views.article_view, name="article"),
    path("search/", views.search, name="search"),
    path("search/saved/", views.saved_search_create, name="saved_search_create"),
    path("search/saved/<int:pk>/delete/", views.saved_search_delete, name="saved_search_delete"),
]
