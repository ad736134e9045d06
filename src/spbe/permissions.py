"""Every URL name of the project and the guard that lets a request reach it, in one map.

``UrlGuardMiddleware`` looks up the resolved URL name of every request before its view runs:

- a name missing from the map is refused (404, and an error in the log): nothing is reachable
  until someone decides here who may reach it, and ``tests/test_url_map.py`` fails;
- a non-public URL sends an anonymous visitor to the login page;
- an object the user may not see, or a write their role may never make, is a 404.

Adding a view means adding one line below: ``"app:url_name": <guard>``. The guards are in
``spbe.guards``; the role-and-state rules they ask are in ``spbe.evaluation.rules``.
Decision record: docs/adr/0014-every-url-guarded-by-one-map.md.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse

from spbe.evaluation import rules
from spbe.guards import (
    Guard,
    OnAction,
    OnAgency,
    OnAgencyPeople,
    OnAssessment,
    OnEvidence,
    OnIndicator,
    OnTransition,
    Public,
    SignedIn,
    request_user,
)

logger = logging.getLogger("spbe.security")

PUBLIC = Public()
SIGNED_IN = SignedIn()
SEES_ASSESSMENT = OnAssessment(rules.SEE_ASSESSMENT)
SEES_EVERY_INDICATOR = OnAssessment(rules.SEE_EVERY_INDICATOR)

URL_RULES: dict[str, Guard] = {
    # project shell (spbe/urls.py)
    "home": PUBLIC,
    "health": PUBLIC,
    "set_language": PUBLIC,
    "login": PUBLIC,
    "logout": PUBLIC,
    # public reference pages and the calculator
    # account pages: resetting a forgotten password works signed out; the rest is one's own account
    "accounts:password_reset": PUBLIC,
    "accounts:password_reset_done": PUBLIC,
    "accounts:password_reset_confirm": PUBLIC,
    "accounts:password_reset_complete": PUBLIC,
    "accounts:security": SIGNED_IN,
    "accounts:password_change": SIGNED_IN,
    "accounts:password_change_done": SIGNED_IN,
    "accounts:otp_setup": SIGNED_IN,
    "accounts:otp_verify": SIGNED_IN,
    "accounts:otp_remove": SIGNED_IN,
    "accounts:profile": SIGNED_IN,  # one's own name and e-mail address
    # the header's link to the people page: public for the same reason as the unread badge below;
    # it names only the agencies the signed-in user coordinates
    "accounts:people_link": PUBLIC,
    # the invitation link works signed out; its signed token is the key (spbe.organizations.invitations)
    "accounts:invitation": PUBLIC,
    "evaluation:framework_list": PUBLIC,
    "evaluation:framework_detail": PUBLIC,
    "evaluation:calculator": PUBLIC,
    "evaluation:levels_template": PUBLIC,
    # assessments
    "evaluation:assessment_list": SIGNED_IN,
    "evaluation:assessment_create": OnAgency(rules.START_ASSESSMENT),
    "evaluation:dashboard": SEES_ASSESSMENT,
    "evaluation:transition": OnTransition(),
    "evaluation:review_screen": SEES_EVERY_INDICATOR,
    "evaluation:history": SEES_EVERY_INDICATOR,
    # indicators
    "evaluation:indicator_list": SEES_ASSESSMENT,
    "evaluation:indicator": OnIndicator(rules.SEE_INDICATOR),
    "evaluation:answer_save": OnIndicator(rules.ANSWER),
    "evaluation:answer_confirm": OnIndicator(rules.ANSWER),
    "evaluation:assign_save": OnIndicator(rules.ASSIGN),
    "evaluation:review_save": OnIndicator(rules.REVIEW),
    "evaluation:stage_save": OnIndicator(rules.VERIFY),
    "evaluation:evidence_add": OnIndicator(rules.ANSWER),
    "evaluation:evidence_link": OnIndicator(rules.ANSWER),
    "evaluation:evidence_download": OnEvidence(),
    # worksheet (LKE)
    "evaluation:worksheet_export": SEES_ASSESSMENT,
    "evaluation:worksheet_import": OnAssessment(rules.IMPORT_WORKSHEET),
    "evaluation:worksheet_import_confirm": OnAssessment(rules.IMPORT_WORKSHEET),
    # planning and actions
    "evaluation:planner": SEES_EVERY_INDICATOR,
    "evaluation:plan_adopt": OnAssessment(rules.ADOPT_PLAN),
    # the estimated Pemdi index of a 59/2020 assessment (beside the planner) and the crosswalk itself
    "evaluation:pemdi_estimate": SEES_EVERY_INDICATOR,
    "evaluation:crosswalk": PUBLIC,
    "evaluation:actions": SEES_ASSESSMENT,
    "evaluation:action_save": OnAction(rules.UPDATE_ACTION),
    # reports
    "reports:assessment_report": SEES_EVERY_INDICATOR,
    "reports:overview": SIGNED_IN,
    "reports:overview_xlsx": SIGNED_IN,
    # the personal home (scoped by its selectors) and the coordinator's progress board per OPD
    "evaluation:my_work": SIGNED_IN,
    "evaluation:opd_board": OnAssessment(rules.ASSIGN),  # the one who assigns follows the units' progress
    # notifications: each user's own list and settings (the views read only the user's rows)
    "notifications:list": SIGNED_IN,
    "notifications:mark_read": SIGNED_IN,
    "notifications:preferences": SIGNED_IN,
    # the header's unread count: public so that a page left open after logout gets an empty badge,
    # not the login page swapped into its header; it shows a count only to the signed-in user
    "notifications:unread_badge": PUBLIC,
    # bulk work: the same rules as the single actions
    "evaluation:bulk_assign": OnAssessment(rules.ASSIGN),
    "evaluation:bulk_review": OnAssessment(rules.REVIEW),
    "evaluation:stage_grid": OnAssessment(rules.VERIFY),
    # people management: members of the agency reach the views, which let through only who manages
    # its people (Access.manages_people: its coordinators, superusers) and answer 403 to other members
    "people:list": OnAgencyPeople(),
    "people:invite": OnAgencyPeople(),
    "people:person": OnAgencyPeople(),
    "people:role_save": OnAgencyPeople(),
    "people:role_remove": OnAgencyPeople(),
    "people:set_active": OnAgencyPeople(),
    "people:resend": OnAgencyPeople(),
}

# Whole namespaces whose views guard themselves. Only the Django admin: its URL names are generated
# per registered model, and every one of its views checks staff status and model permissions.
NAMESPACE_RULES: dict[str, Guard] = {
    "admin": Public("the Django admin (it checks staff status and model permissions itself)"),
}


def guard_for(view_name: str) -> Guard | None:
    """The guard of a resolved URL name ("evaluation:dashboard"), or None when it has none."""
    if view_name in URL_RULES:
        return URL_RULES[view_name]
    namespace, _sep, _name = view_name.partition(":")
    return NAMESPACE_RULES.get(namespace) if _sep else None


class UrlGuardMiddleware:
    """Refuse every request the map does not allow, before its view runs. Place after authentication."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Callable[..., Any], view_args: list[Any], view_kwargs: dict[str, Any]
    ) -> HttpResponse | None:
        match = request.resolver_match
        view_name = match.view_name if match else ""
        guard = guard_for(view_name)
        if guard is None:
            logger.error("url.unguarded", extra={"url_name": view_name})
            raise Http404(f"The URL name {view_name!r} has no entry in spbe.permissions.URL_RULES.")
        if guard.public:
            return None
        user = request_user(request)
        if user is None:
            return redirect_to_login(request.get_full_path())
        if not guard.allows(user, view_kwargs):
            logger.info("url.denied", extra={"url_name": view_name, "user_id": user.pk})
            raise Http404
        return None
