"""The proof a worksheet carries of where it came from.

An exported worksheet holds, on its hidden ``spbe-meta`` sheet, a value signed with the
project's SECRET_KEY (``django.core.signing``) naming the assessment, this export (a random
id and its time) and the baseline it was exported from: the version of every exported
answer. Nobody without the key can write one, so a workbook is imported only into the
assessment it was exported from, and the conflict check compares against the versions
the application signed, not against a column anyone can edit.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from dataclasses import dataclass

from django.core import signing

SALT = "spbe.worksheet.identity"


@dataclass(frozen=True)
class WorksheetIdentity:
    assessment_id: int
    export_id: str
    exported_at: str
    baseline: Mapping[str, int]  # indicator code -> answer version when exported


def new_export_id() -> str:
    return secrets.token_hex(8)


def sign_identity(identity: WorksheetIdentity) -> str:
    payload = {
        "assessment": identity.assessment_id,
        "export": identity.export_id,
        "exported_at": identity.exported_at,
        "baseline": dict(identity.baseline),
    }
    return signing.dumps(payload, salt=SALT, compress=True)


def verify_identity(proof: object) -> WorksheetIdentity | None:
    """The identity a proof signs, or None for a missing, altered or foreign proof."""
    if not isinstance(proof, str) or not proof or len(proof) > 100_000:
        return None
    try:
        payload = signing.loads(proof, salt=SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not isinstance(payload, dict):
        return None
    assessment = payload.get("assessment")
    baseline = payload.get("baseline")
    if not isinstance(assessment, int) or not isinstance(baseline, dict):
        return None
    versions = {str(code): version for code, version in baseline.items() if isinstance(version, int)}
    return WorksheetIdentity(
        assessment_id=assessment,
        export_id=str(payload.get("export", "")),
        exported_at=str(payload.get("exported_at", "")),
        baseline=versions,
    )
