"""Errors the evaluation workflow raises for a user to read (already translated)."""

from __future__ import annotations

from collections.abc import Sequence


class WorkflowError(Exception):
    """A request that cannot be carried out now; ``messages`` say what to fix."""

    def __init__(self, *messages: str) -> None:
        self.messages: Sequence[str] = messages
        super().__init__("; ".join(str(m) for m in messages))

    @property
    def message(self) -> str:
        return "; ".join(str(m) for m in self.messages)


class NotAllowed(WorkflowError):
    """The user's role does not permit this action."""


class Conflict(WorkflowError):
    """Someone changed the item since the user loaded it."""
