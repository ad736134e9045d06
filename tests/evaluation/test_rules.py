"""The role-and-state rules, as a table: for each rule, each role and each assessment state, allowed or not.

Columns are the states draft, submitted, under review, final: "x" allowed, "." refused.
The indicator rules are asked about an indicator assigned to Diskominfo; the action rules about an
action Diskominfo is responsible for.
"""

from __future__ import annotations

import pytest

from spbe.evaluation import rules
from spbe.evaluation.errors import NotAllowed, WorkflowError
from spbe.organizations.access import Access
from spbe.organizations.models import Role

DISKOMINFO, BAPPEDA = 11, 12
STATES = ("draft", "submitted", "under_review", "final")


def access(*roles: str, units: tuple[int, ...] = (), superuser: bool = False) -> Access:
    return Access(agency_id=1, roles=frozenset(roles), unit_ids=frozenset(units), is_superuser=superuser)


ROLES = {
    "coordinator": access(Role.COORDINATOR),
    "operator": access(Role.UNIT_OPERATOR, units=(DISKOMINFO,)),
    "other_operator": access(Role.UNIT_OPERATOR, units=(BAPPEDA,)),
    "internal": access(Role.INTERNAL_ASSESSOR),
    "external": access(Role.EXTERNAL_ASSESSOR),
    "viewer": access(Role.VIEWER),
    "superuser": access(superuser=True),
    "nobody": access(),
    "internal_and_operator": access(Role.INTERNAL_ASSESSOR, Role.UNIT_OPERATOR, units=(BAPPEDA,)),
}


def row(*cells: str) -> dict[str, str]:
    return dict(zip(ROLES, cells, strict=True))


# fmt: off
TABLE: dict[str, dict[str, str]] = {
    #                      coordinator operator other_op internal external viewer superuser nobody int+op(Bappeda)
    "SEE_ASSESSMENT":      row("xxxx", "xxxx", "xxxx", "xxxx", "xxxx", "xxxx", "xxxx", "....", "xxxx"),
    "SEE_EVERY_INDICATOR": row("xxxx", "....", "....", "xxxx", "xxxx", "xxxx", "xxxx", "....", "xxxx"),
    "SEE_INDICATOR":       row("xxxx", "xxxx", "....", "xxxx", "xxxx", "xxxx", "xxxx", "....", "xxxx"),
    "ANSWER":              row("x...", "x...", "....", "....", "....", "....", "x...", "....", "...."),
    "ASSIGN":              row("xxx.", "....", "....", "....", "....", "....", "xxx.", "....", "...."),
    "REVIEW":              row("....", "....", "....", "x...", "....", "....", "....", "....", "x..."),
    "VERIFY":              row("....", "....", "....", "....", "..x.", "....", "....", "....", "...."),
    "START_ASSESSMENT":    row("xxxx", "....", "....", "....", "....", "....", "xxxx", "....", "...."),
    "IMPORT_WORKSHEET":    row("x...", "x...", "x...", "....", "....", "....", "x...", "....", "x..."),
    "SUBMIT":              row("x...", "....", "....", "....", "....", "....", "x...", "....", "...."),
    "WITHDRAW":            row(".x..", "....", "....", "....", "....", "....", ".x..", "....", "...."),
    "START_REVIEW":        row("....", "....", "....", "....", ".x..", "....", "....", "....", "...."),
    "FINALIZE":            row("....", "....", "....", "....", "..x.", "....", "....", "....", "...."),
    "ADOPT_PLAN":          row("xxxx", "....", "....", "....", "....", "....", "xxxx", "....", "...."),
    "EDIT_ACTION":         row("xxxx", "....", "....", "....", "....", "....", "xxxx", "....", "...."),
    "UPDATE_ACTION":       row("xxxx", "xxxx", "....", "....", "....", "....", "xxxx", "....", "...."),
}
# fmt: on
UNITS = frozenset({DISKOMINFO})


@pytest.mark.parametrize(("rule_name", "role"), [(rule, role) for rule in TABLE for role in ROLES])
def test_rule_table(rule_name: str, role: str) -> None:
    rule: rules.Rule = getattr(rules, rule_name)
    row = "".join("x" if rule.allows(ROLES[role], state, UNITS) else "." for state in STATES)
    assert row == TABLE[rule_name][role]


def test_every_rule_is_in_the_table() -> None:
    defined = {name for name, value in vars(rules).items() if isinstance(value, rules.Rule)}
    assert defined == set(TABLE)


@pytest.mark.parametrize("rule_name", sorted(TABLE))
def test_a_role_the_rule_allows_in_no_state_is_refused_for_its_role(rule_name: str) -> None:
    """The URL map answers 404 for a role refusal; a state refusal is explained by the service."""
    rule: rules.Rule = getattr(rules, rule_name)
    for role, row in TABLE[rule_name].items():
        for n, state in enumerate(STATES):
            refusal = rule.refusal(ROLES[role], state, UNITS)
            if row[n] == "x":
                assert refusal is None
            elif "x" in row:
                assert refusal is rules.Refusal.STATE, (rule_name, role, state)
            else:
                assert refusal is rules.Refusal.ROLE, (rule_name, role, state)
            assert rule.role_allows(ROLES[role], UNITS) is ("x" in row)


def test_enforce_raises_the_message_of_the_refusal() -> None:
    with pytest.raises(NotAllowed, match="role message"):
        rules.ANSWER.enforce(ROLES["viewer"], "draft", UNITS, role="role message", when="state message")
    with pytest.raises(WorkflowError, match="state message") as refused:
        rules.ANSWER.enforce(ROLES["operator"], "final", UNITS, role="role message", when="state message")
    assert not isinstance(refused.value, NotAllowed)
    rules.ANSWER.enforce(ROLES["operator"], "draft", UNITS, role="role message", when="state message")


def test_an_operator_answers_only_indicators_of_their_unit() -> None:
    assert rules.ANSWER.allows(ROLES["operator"], "draft", {DISKOMINFO, BAPPEDA})
    assert not rules.ANSWER.allows(ROLES["operator"], "draft", {BAPPEDA})
    assert not rules.ANSWER.allows(ROLES["operator"], "draft", set())


def test_an_action_without_a_unit_is_the_coordinators_alone() -> None:
    assert rules.action_units(None) == frozenset()
    assert not rules.UPDATE_ACTION.allows(ROLES["operator"], "final", rules.action_units(None))
    assert rules.UPDATE_ACTION.allows(ROLES["coordinator"], "final", rules.action_units(None))


@pytest.mark.parametrize(
    ("role", "state", "expected"),
    [
        ("coordinator", "draft", ["submit"]),
        ("coordinator", "submitted", ["withdraw"]),
        ("coordinator", "under_review", []),
        ("external", "submitted", ["start_review"]),
        ("external", "under_review", ["finalize"]),
        ("external", "final", []),
        ("viewer", "draft", []),
    ],
)
def test_transitions_open_now(role: str, state: str, expected: list[str]) -> None:
    assert rules.transitions_open(ROLES[role], state) == expected
