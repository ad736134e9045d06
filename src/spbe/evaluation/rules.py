"""What a role may do to an assessment in its current state: every rule that combines the two, once.

A ``Rule`` names *who* may act (a question to the user's ``Access`` about the object's assigned
units) and the assessment *states* in which the act is open. Everyone asks the same rule:

- the URL map (``spbe.permissions``) asks ``who`` before the view runs, and answers 404 to a role
  that may never do this (the state is left out there, so a coordinator on a final assessment is
  told why instead of getting "not found");
- views ask ``allows`` to decide which forms and buttons to show;
- services ask ``enforce`` before every write, inside their transaction, with the message for a
  role refusal (``NotAllowed``) and for a state refusal (``WorkflowError``).

The rules live in the evaluation app and not in ``organizations.access`` because they need the
assessment states, and organizations must not import evaluation. Role-only questions ("is a
coordinator", "sees every indicator") stay in ``Access``. The table test in
``tests/evaluation/test_rules.py`` is the specification of every rule.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from spbe.evaluation.errors import NotAllowed, WorkflowError
from spbe.evaluation.models import Answer, AssessmentState
from spbe.organizations.access import Access

Who = Callable[[Access, frozenset[int]], bool]

DRAFT = AssessmentState.DRAFT
SUBMITTED = AssessmentState.SUBMITTED
UNDER_REVIEW = AssessmentState.UNDER_REVIEW
FINAL = AssessmentState.FINAL
ANY_STATE = frozenset(AssessmentState.values)


class Refusal(enum.Enum):
    ROLE = "role"  # the user's role may never do this to this object
    STATE = "state"  # the role may, but not while the assessment is in this state


@dataclass(frozen=True)
class Rule:
    name: str
    who: Who
    states: frozenset[str]

    def refusal(self, access: Access, state: str, units: Iterable[int] = ()) -> Refusal | None:
        """Why the user may not do this now, or None when they may. The role is asked first."""
        if not self.who(access, frozenset(units)):
            return Refusal.ROLE
        if state not in self.states:
            return Refusal.STATE
        return None

    def allows(self, access: Access, state: str, units: Iterable[int] = ()) -> bool:
        return self.refusal(access, state, units) is None

    def role_allows(self, access: Access, units: Iterable[int] = ()) -> bool:
        """Whether the role could ever do this, in some state (what the URL map checks)."""
        return self.who(access, frozenset(units))

    def enforce(self, access: Access, state: str, units: Iterable[int] = (), *, role: str, when: str) -> None:
        """Raise ``NotAllowed(role)`` or ``WorkflowError(when)``, the message of the refusal."""
        refusal = self.refusal(access, state, units)
        if refusal is Refusal.ROLE:
            raise NotAllowed(role)
        if refusal is Refusal.STATE:
            raise WorkflowError(when)


def _states(*states: str) -> frozenset[str]:
    return frozenset(states)


def _coordinator(access: Access, units: frozenset[int]) -> bool:
    return access.is_coordinator


def _internal_assessor(access: Access, units: frozenset[int]) -> bool:
    return access.is_internal_assessor


def _external_assessor(access: Access, units: frozenset[int]) -> bool:
    return access.is_external_assessor


# Reading (role only: which assessments a user sees at all is the selectors' query).
SEE_ASSESSMENT = Rule("see the assessment", lambda access, units: access.can_view, ANY_STATE)
SEE_EVERY_INDICATOR = Rule("see every indicator", lambda access, units: access.sees_every_indicator, ANY_STATE)
SEE_INDICATOR = Rule("see this indicator", lambda access, units: access.can_see_indicator(units), ANY_STATE)

# An indicator (``units``: the units it is assigned to).
ANSWER = Rule("answer", lambda access, units: access.can_answer(units), _states(DRAFT))  # level, text, evidence
ASSIGN = Rule("assign", _coordinator, _states(DRAFT, SUBMITTED, UNDER_REVIEW))
REVIEW = Rule("review", _internal_assessor, _states(DRAFT))
VERIFY = Rule("verify", _external_assessor, _states(UNDER_REVIEW))

# The assessment as a whole.
START_ASSESSMENT = Rule("start an assessment", _coordinator, ANY_STATE)
IMPORT_WORKSHEET = Rule(
    "import the worksheet", lambda access, units: access.is_coordinator or bool(access.unit_ids), _states(DRAFT)
)
SUBMIT = Rule("submit", _coordinator, _states(DRAFT))
WITHDRAW = Rule("withdraw", _coordinator, _states(SUBMITTED))
START_REVIEW = Rule("start the review", _external_assessor, _states(SUBMITTED))
FINALIZE = Rule("finalise", _external_assessor, _states(UNDER_REVIEW))
TRANSITIONS: dict[str, Rule] = {
    "submit": SUBMIT,
    "withdraw": WITHDRAW,
    "start_review": START_REVIEW,
    "finalize": FINALIZE,
}

# The action plan (``units``: the action's responsible unit). Plans are tracked in every state.
ADOPT_PLAN = Rule("adopt a plan", _coordinator, ANY_STATE)
EDIT_ACTION = Rule("edit an action", _coordinator, ANY_STATE)  # its unit and due date
UPDATE_ACTION = Rule(  # its status and note
    "update an action", lambda access, units: access.is_coordinator or access.operates_for(units), ANY_STATE
)


def action_units(unit_id: int | None) -> frozenset[int]:
    """The ``units`` of an action for the action rules: its responsible unit, if it has one."""
    return frozenset({unit_id}) if unit_id else frozenset()


def needs_confirmation(answer: Answer) -> bool:
    """A carried-over answer waits for its operator's confirmation: not approvable, not submittable yet."""
    return bool(answer.from_last_year)


def transitions_open(access: Access, state: str) -> list[str]:
    """The state changes the user may make now, in workflow order."""
    return [name for name, rule in TRANSITIONS.items() if rule.allows(access, state)]
