from django.urls import path

from spbe.reports import views

app_name = "reports"
urlpatterns = [
    path("assessments/<int:pk>/report.<slug:kind>", views.assessment_report, name="assessment_report"),
    path("overview/", views.overview, name="overview"),
    path("overview.xlsx", views.overview_xlsx, name="overview_xlsx"),
]
