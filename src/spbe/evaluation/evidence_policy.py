"""The evidence policy: approving or submitting indicators that have no evidence.

``settings.SPBE_EVIDENCE_POLICY`` is ``"warn"`` (the default: the person sees which indicators have no
evidence and must confirm; the audit record says it was done without evidence) or ``"block"`` (refused
until evidence is attached). Written once here; the review, bulk review and submit services ask it, and
their pages show what it found before the person decides (ADR 0026).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext as _

from spbe.evaluation.errors import WorkflowError
from spbe.evaluation.models import Answer

WARN = "warn"
BLOCK = "block"
POLICIES = (WARN, BLOCK)


def evidence_policy() -> str:
    policy = getattr(settings, "SPBE_EVIDENCE_POLICY", WARN)
    if policy not in POLICIES:
        raise ImproperlyConfigured(f"SPBE_EVIDENCE_POLICY must be one of {POLICIES}, not {policy!r}")
    return str(policy)


def blocks() -> bool:
    return evidence_policy() == BLOCK


def without_evidence(answers: Iterable[Answer]) -> list[str]:
    """The codes of the answers that have no evidence item (uses prefetched evidence when there is)."""
    return [answer.code for answer in answers if not answer.evidence.all()]


class EvidenceMissing(WorkflowError):
    """Indicators without evidence: to be confirmed (``warn``) or refused (``block``)."""

    def __init__(self, codes: list[str], *, blocked: bool, submitting: bool = False) -> None:
        self.codes = codes
        self.blocked = blocked
        listed = {"codes": ", ".join(codes)}
        if blocked:
            text = (
                _("Evidence is required before submitting; indicators without evidence: %(codes)s")
                if submitting
                else _("Evidence is required before approval; indicators without evidence: %(codes)s")
            )
        else:
            text = (
                _("Indicators without evidence: %(codes)s. Confirm that you submit without their evidence.")
                if submitting
                else _("Indicators without evidence: %(codes)s. Confirm that you approve without evidence.")
            )
        super().__init__(text % listed)


def check_evidence(missing: list[str], *, confirmed: bool, submitting: bool = False) -> list[str]:
    """Apply the policy to ``missing`` (codes without evidence): refuse, ask, or let through.

    Returns the codes let through without evidence (empty when nothing was missing), for the audit record.
    """
    if not missing:
        return []
    if blocks():
        raise EvidenceMissing(missing, blocked=True, submitting=submitting)
    if not confirmed:
        raise EvidenceMissing(missing, blocked=False, submitting=submitting)
    return missing
