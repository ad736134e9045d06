from django.urls import path

from spbe.evaluation.views import calculator, frameworks

app_name = "evaluation"
urlpatterns = [
    path("frameworks/", frameworks.framework_list, name="framework_list"),
    path("frameworks/<slug:framework_id>/", frameworks.framework_detail, name="framework_detail"),
    path("calculator/", calculator.calculator, name="calculator"),
    path("calculator/template.csv", calculator.levels_template, name="levels_template"),
]
