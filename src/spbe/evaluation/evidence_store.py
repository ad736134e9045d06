"""Where evidence files live: random names in a private folder, never under the static root.

A file and its database row live and die together (ADR 0019):

- ``remove_unless_committed``, called inside the transaction that creates the row, removes the
  file again if that transaction, or any transaction around it, rolls back instead of committing.
- ``remove_after_commit`` removes a file once the deletion of its row has committed, and only
  if no row still names it; a rolled-back deletion keeps the file.

Django runs code after a commit (``on_commit``) but has no hook for a rollback; it only drops
the callbacks of the work that was rolled back. So ``remove_unless_committed`` registers a
small marker as an on-commit callback: a commit calls it, a rollback drops it, and dropping it
uncalled removes the file (``weakref.finalize``; CPython frees the marker at once, with the
callback list).
"""

from __future__ import annotations

import secrets
import weakref
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.db import transaction


def evidence_dir() -> Path:
    path = Path(settings.MEDIA_ROOT) / "evidence"
    path.mkdir(parents=True, exist_ok=True)
    return path


def store(data: bytes, extension: str) -> str:
    """Write the bytes under a new random name and return that name.

    Then call ``remove_unless_committed`` inside the transaction that records the file.
    """
    name = f"{secrets.token_hex(20)}{extension}"
    target = evidence_dir() / name
    with open(target, "xb") as handle:  # never overwrite
        handle.write(data)
    return name


def remove_unless_committed(stored_name: str) -> None:
    """Keep the file only if the current transaction commits, and every transaction around it."""
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        raise RuntimeError("remove_unless_committed must run inside the transaction that records the file")
    transaction.on_commit(_kept_on_commit(path_of(stored_name)))


def _kept_on_commit(path: Path) -> Callable[[], None]:
    """The on-commit callback for a new file: if it is dropped without being called, remove the file."""
    outcome = {"committed": False}  # the finalizer reads the outcome here, never the callback itself

    def committed() -> None:
        outcome["committed"] = True

    weakref.finalize(committed, _remove_unless_committed, path, outcome)
    return committed


def _remove_unless_committed(path: Path, outcome: dict[str, bool]) -> None:
    if outcome["committed"]:
        return
    # Django stops running on-commit callbacks when one of them raises; the transaction did
    # commit then, and its row exists. It flags that state until the next commit.
    try:
        running_commit_hooks = bool(transaction.get_connection().run_commit_hooks_on_set_autocommit_on)
    except Exception:  # at interpreter exit, for instance: nothing committed that we know of
        running_commit_hooks = False
    if running_commit_hooks:
        return
    path.unlink(missing_ok=True)  # the path as written: settings may have changed since


def remove_after_commit(stored_name: str, *, still_used: Callable[[str], bool]) -> None:
    """Remove the file once the current transaction commits, unless ``still_used`` says a row names it."""

    def remove_if_unused() -> None:
        if not still_used(stored_name):
            remove(stored_name)

    transaction.on_commit(remove_if_unused, robust=True)


def stored_names() -> list[str]:
    """The names of every file in the evidence folder (for the consistency check)."""
    return sorted(entry.name for entry in evidence_dir().iterdir() if entry.is_file())


def path_of(stored_name: str) -> Path:
    path = (evidence_dir() / stored_name).resolve()
    if path.parent != evidence_dir().resolve():
        raise ValueError("stored evidence names never leave the evidence folder")
    return path


def remove(stored_name: str) -> None:
    path_of(stored_name).unlink(missing_ok=True)
