"""Where evidence files live: random names in a private folder, never under the static root."""

from __future__ import annotations

import secrets
from pathlib import Path

from django.conf import settings


def evidence_dir() -> Path:
    path = Path(settings.MEDIA_ROOT) / "evidence"
    path.mkdir(parents=True, exist_ok=True)
    return path


def store(data: bytes, extension: str) -> str:
    """Write the bytes under a new random name and return that name."""
    name = f"{secrets.token_hex(20)}{extension}"
    target = evidence_dir() / name
    with open(target, "xb") as handle:  # never overwrite
        handle.write(data)
    return name


def path_of(stored_name: str) -> Path:
    path = (evidence_dir() / stored_name).resolve()
    if path.parent != evidence_dir().resolve():
        raise ValueError("stored evidence names never leave the evidence folder")
    return path


def remove(stored_name: str) -> None:
    path_of(stored_name).unlink(missing_ok=True)
