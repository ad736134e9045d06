"""Write audit events. Call inside the transaction of the change being recorded."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from spbe.audit.actions import AuditAction
from spbe.audit.models import AuditEvent


def audit_record(
    *,
    actor: Any,
    agency_id: int | None,
    subject_type: str,
    subject_id: int,
    action: str,
    target: str = "",
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEvent:
    """Record who changed what, with the values before and after.

    Refuses to run outside a transaction: an audit row committed apart from its
    change could describe something that never happened, or miss something that did.
    """
    if action not in AuditAction.values:
        raise ValueError(f"unknown audit action {action!r}: add it to spbe.audit.actions.AuditAction")
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        raise RuntimeError("audit_record must run inside the transaction of the change it records")
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        agency_id=agency_id,
        subject_type=subject_type,
        subject_id=subject_id,
        action=action,
        target=target,
        before=before,
        after=after,
    )
