"""The kinds of guard a URL can have. ``spbe.permissions`` gives every URL name one of them.

A guard decides, before the view runs, whether a request may reach the view at all:

- ``public`` guards let everyone through (the view itself may still refuse, like the admin does);
- every other guard sends an anonymous visitor to the login page;
- ``allows`` sees the signed-in user and the URL's arguments and says False for an object the user
  may not see, or for a write their role may never make: the middleware answers 404, so nobody
  learns what exists. The assessment's state is not checked here but by the rule in the view and
  the service, which tell the user why ("the assessment is final") instead of "not found".

Guards load their object through the same selectors the views use (``assessments_visible_to``,
``answers_visible_to``, ``evidence_for_download``) and ask the rules of ``spbe.evaluation.rules``;
views keep scoping every query themselves, so a guard is a second lock, never the only one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest

from spbe.evaluation import rules
from spbe.evaluation.models import Action, Answer, Assessment
from spbe.evaluation.selectors import assessments_visible_to, evidence_for_download
from spbe.organizations.access import Access, access_for
from spbe.organizations.models import Membership, User
from spbe.organizations.selectors import agencies_visible_to

Kwargs = dict[str, Any]


class Guard:
    public = False

    def describe(self) -> str:
        raise NotImplementedError

    def allows(self, user: User, kwargs: Kwargs) -> bool:
        raise NotImplementedError

    def __str__(self) -> str:
        return self.describe()


@dataclass(frozen=True)
class Public(Guard):
    """Anyone, signed in or not."""

    public = True
    reason: str = "public"

    def describe(self) -> str:
        return self.reason

    def allows(self, user: User, kwargs: Kwargs) -> bool:
        return True


@dataclass(frozen=True)
class SignedIn(Guard):
    """Any signed-in user; the view shows only what the selectors scope to them."""

    def describe(self) -> str:
        return "signed in (the view scopes what is shown)"

    def allows(self, user: User, kwargs: Kwargs) -> bool:
        return True


def _assessment(user: User, kwargs: Kwargs) -> tuple[Assessment, Access] | None:
    assessment = assessments_visible_to(user).filter(pk=kwargs["pk"]).first()
    if assessment is None:
        return None
    return assessment, access_for(user, assessment.agency_id)


@dataclass(frozen=True)
class OnAgency(Guard):
    """An agency the user belongs to (``slug``), and a role the rule allows there."""

    rule: rules.Rule

    def describe(self) -> str:
        return f"agency member who may {self.rule.name}"

    def allows(self, user: User, kwargs: Kwargs) -> bool:
        agency = agencies_visible_to(user).filter(slug=kwargs["slug"]).first()
        return agency is not None and self.rule.role_allows(access_for(user, agency))


@dataclass(frozen=True)
class OnAssessment(Guard):
    """An assessment the user sees (``pk``), and a role the rule allows on it."""

    rule: rules.Rule

    def describe(self) -> str:
        return f"assessment: may {self.rule.name}"

    def allows(self, user: User, kwargs: Kwargs) -> bool:
        found = _assessment(user, kwargs)
        return found is not None and self.rule.role_allows(found[1])


@dataclass(frozen=True)
class OnTransition(Guard):
    """A known state change (``action``) of an assessment the user sees, by a role its rule allows."""

    def describe(self) -> str:
        return "assessment: may make this transition (" + ", ".join(rules.TRANSITIONS) + ")"

    def allows(self, user: User, kwargs: Kwargs) -> bool:
        rule = rules.TRANSITIONS.get(kwargs["action"])
        found = _assessment(user, kwargs) if rule else None
        return rule is not None and found is not None and rule.role_allows(found[1])


@dataclass(frozen=True)
class OnIndicator(Guard):
    """An indicator (``code``) the user sees in an assessment they see, and a role the rule allows
    on it, given the units the indicator is assigned to."""

    rule: rules.Rule

    def describe(self) -> str:
        return f"indicator: may {self.rule.name}"

    def allows(self, user: User, kwargs: Kwargs) -> bool:
        found = _assessment(user, kwargs)
        if found is None:
            return False
        assessment, access = found
        answer = Answer.objects.filter(assessment=assessment, code=kwargs["code"]).first()
        if answer is None:
            return False
        units = set(answer.units.values_list("id", flat=True))
        return rules.SEE_INDICATOR.role_allows(access, units) and self.rule.role_allows(access, units)


@dataclass(frozen=True)
class OnAction(Guard):
    """An action (``action_id``) of the current plan of an assessment the user sees, and a role the
    rule allows on it, given the action's responsible unit."""

    rule: rules.Rule

    def describe(self) -> str:
        return f"action: may {self.rule.name}"

    def allows(self, user: User, kwargs: Kwargs) -> bool:
        found = _assessment(user, kwargs)
        if found is None:
            return False
        action = (
            Action.objects.filter(pk=kwargs["action_id"], plan__assessment=found[0], plan__is_current=True)
            .only("unit_id")
            .first()
        )
        return action is not None and self.rule.role_allows(found[1], rules.action_units(action.unit_id))


@dataclass(frozen=True)
class OnEvidence(Guard):
    """An evidence item (``pk``) on an indicator the user sees."""

    def describe(self) -> str:
        return "evidence: on an indicator the user sees"

    def allows(self, user: User, kwargs: Kwargs) -> bool:
        return evidence_for_download(user, kwargs["pk"]) is not None


@dataclass(frozen=True)
class OnAgencyPeople(Guard):
    """A member of the agency (``slug``) and, when the URL names one, a person holding a role there
    (``user_id``). Members who do not manage its people (``Access.manages_people``) get 403 from the
    view: they know the agency; everyone else gets 404."""

    def describe(self) -> str:
        return "agency member (the view lets only who manages its people through)"

    def allows(self, user: User, kwargs: Kwargs) -> bool:
        agency = agencies_visible_to(user).filter(slug=kwargs["slug"]).first()
        if agency is None or not access_for(user, agency).can_view:
            return False
        if "user_id" in kwargs:
            return Membership.objects.filter(agency=agency, user_id=kwargs["user_id"]).exists()
        return True


def request_user(request: HttpRequest) -> User | None:
    user = request.user
    return user if isinstance(user, User) and user.is_authenticated and user.is_active else None
