from django.urls import path

from spbe.evaluation.views import assessments, bulk, calculator, evidence, frameworks, indicators, plans, worksheet
from spbe.evaluation.views import home as home_views

app_name = "evaluation"
urlpatterns = [
    path("frameworks/", frameworks.framework_list, name="framework_list"),
    path("frameworks/<slug:framework_id>/", frameworks.framework_detail, name="framework_detail"),
    path("calculator/", calculator.calculator, name="calculator"),
    path("calculator/template.csv", calculator.levels_template, name="levels_template"),
    path("assessments/", assessments.assessment_list, name="assessment_list"),
    path("agencies/<slug:slug>/assessments/new/", assessments.assessment_create, name="assessment_create"),
    path("assessments/<int:pk>/", assessments.dashboard, name="dashboard"),
    path("assessments/<int:pk>/do/<slug:action>/", assessments.transition, name="transition"),
    path("assessments/<int:pk>/review/", assessments.review_screen, name="review_screen"),
    path("assessments/<int:pk>/history/", assessments.history, name="history"),
    path("assessments/<int:pk>/indicators/", indicators.indicator_list, name="indicator_list"),
    path("assessments/<int:pk>/indicators/<str:code>/", indicators.indicator_detail, name="indicator"),
    path("assessments/<int:pk>/indicators/<str:code>/answer/", indicators.answer_save, name="answer_save"),
    path("assessments/<int:pk>/indicators/<str:code>/assign/", indicators.assign_save, name="assign_save"),
    path("assessments/<int:pk>/indicators/<str:code>/review/", indicators.review_save, name="review_save"),
    path("assessments/<int:pk>/indicators/<str:code>/stage/", indicators.stage_save, name="stage_save"),
    path("assessments/<int:pk>/indicators/<str:code>/evidence/", indicators.evidence_add, name="evidence_add"),
    path(
        "assessments/<int:pk>/indicators/<str:code>/evidence/<slug:action>/",
        indicators.evidence_link,
        name="evidence_link",
    ),
    path("assessments/<int:pk>/worksheet.xlsx", worksheet.worksheet_export, name="worksheet_export"),
    path("assessments/<int:pk>/worksheet/import/", worksheet.worksheet_import, name="worksheet_import"),
    path(
        "assessments/<int:pk>/worksheet/import/confirm/",
        worksheet.worksheet_import_confirm,
        name="worksheet_import_confirm",
    ),
    path("assessments/<int:pk>/plan/", plans.planner, name="planner"),
    path("assessments/<int:pk>/plan/adopt/", plans.plan_adopt, name="plan_adopt"),
    path("assessments/<int:pk>/actions/", plans.action_list, name="actions"),
    path("assessments/<int:pk>/actions/<int:action_id>/", plans.action_save, name="action_save"),
    path("evidence/<int:pk>/download/", evidence.evidence_download, name="evidence_download"),
    path("home/", home_views.my_work, name="my_work"),
    path("assessments/<int:pk>/board/", home_views.opd_board, name="opd_board"),
    path("assessments/<int:pk>/bulk/assign/", bulk.bulk_assign, name="bulk_assign"),
    path("assessments/<int:pk>/bulk/review/", bulk.bulk_review, name="bulk_review"),
    path("assessments/<int:pk>/bulk/stage/", bulk.stage_grid, name="stage_grid"),
]
