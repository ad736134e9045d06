"""Find evidence files without a row and evidence rows without a file.

Exits 1 when it finds either (removed or not), so a cron job or monitoring notices. ``--delete-orphans`` removes
files that no row names (never a row: a row without its file is reported for a person to
decide). Files younger than ``--grace`` minutes are left alone: an upload may still be
committing.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from spbe.evaluation import evidence_store
from spbe.evaluation.models import Evidence


@dataclass
class Strays:
    orphan_files: list[str] = field(default_factory=list)  # files no row names
    recent_files: list[str] = field(default_factory=list)  # the same, but too young to judge
    missing_files: list[Evidence] = field(default_factory=list)  # rows whose file is gone

    @property
    def found(self) -> bool:
        return bool(self.orphan_files or self.missing_files)


def find_strays(*, grace_seconds: float) -> Strays:
    strays = Strays()
    # Files first: a file written after this listing cannot be taken for an orphan.
    files = evidence_store.stored_names()
    named: set[str] = {
        name
        for name in Evidence.objects.filter(kind=Evidence.Kind.FILE).values_list("stored_name", flat=True).iterator()
        if name
    }
    now = time.time()
    for name in files:
        if name in named:
            continue
        try:
            age = now - evidence_store.path_of(name).stat().st_mtime
        except (OSError, ValueError):
            continue  # removed meanwhile
        (strays.orphan_files if age >= grace_seconds else strays.recent_files).append(name)
    gone = sorted(name for name in named - set(files) if not _exists(name))
    strays.missing_files = list(
        Evidence.objects.filter(stored_name__in=gone).select_related("assessment__agency").order_by("stored_name")
    )
    return strays


def _exists(name: str) -> bool:
    try:
        return evidence_store.path_of(name).is_file()
    except ValueError:
        return False


class Command(BaseCommand):
    help = "Report evidence files without a database row and rows without a file (exit 1 if any)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--delete-orphans", action="store_true", help="remove files that no evidence row names (never rows)"
        )
        parser.add_argument(
            "--grace",
            type=float,
            default=60.0,
            metavar="MINUTES",
            help="leave files younger than this alone: their upload may still be committing (default 60)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["grace"] < 0:
            raise CommandError("--grace must be zero or more minutes")
        strays = find_strays(grace_seconds=options["grace"] * 60)
        for name in strays.orphan_files:
            if options["delete_orphans"]:
                evidence_store.remove(name)
                self.stdout.write(f"file without a row, removed: {name}")
            else:
                self.stdout.write(f"file without a row: {name}")
        for name in strays.recent_files:
            self.stdout.write(f"file without a row, younger than the grace period, left alone: {name}")
        for evidence in strays.missing_files:
            self.stdout.write(
                f"row without its file: evidence {evidence.pk} '{evidence.title}' of {evidence.assessment} "
                f"(expected {evidence.stored_name})"
            )
        summary = (
            f"{len(strays.orphan_files)} file(s) without a row"
            f"{' (removed)' if options['delete_orphans'] and strays.orphan_files else ''}, "
            f"{len(strays.missing_files)} row(s) without a file"
        )
        if strays.found:
            raise CommandError(f"evidence strays found: {summary}")
        self.stdout.write(f"evidence files and rows match: {summary}")
