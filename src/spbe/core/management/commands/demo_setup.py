"""Prepare the demo: demo accounts, then print where to go and how to log in.

Safe to run any number of times: accounts are created or reset, never duplicated.
"""

from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import translation

DEMO_USERS = [
    # (username, password, is_superuser, description)
    ("admin", "sukamaju-admin", True, "administrator (Django admin)"),
]


class Command(BaseCommand):
    help = "Create or reset the demo accounts and print the demo URL and logins."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--url", default="http://127.0.0.1:8000/", help="where the demo is served")
        parser.add_argument("--force", action="store_true", help="allow outside DEBUG (never in production)")

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not options["force"]:
            raise CommandError("demo_setup only runs with DEBUG on (dev settings); it sets known passwords.")
        user_model = get_user_model()
        with transaction.atomic():
            for username, password, is_superuser, _ in DEMO_USERS:
                user, _ = user_model.objects.get_or_create(username=username)
                user.is_staff = is_superuser
                user.is_superuser = is_superuser
                user.set_password(password)
                user.save()
        from spbe.demo_data import build_demo, demo_logins

        created = build_demo()
        url = options["url"]
        lines = [
            "",
            "SPBE Suite demo is ready.",
            f"  Open:        {url}",
            f"  Calculator:  {url}calculator/  (sample files in examples/)",
            f"  Frameworks:  {url}frameworks/",
            f"  Admin:       {url}admin/",
            "  Logins:",
        ]
        lines += [f"    {u} / {p}  - {d}" for u, p, _, d in DEMO_USERS]
        with translation.override("en"):
            lines += [f"    {u} / {p}  - {d}" for u, p, d in demo_logins()]
        lines += [
            "  Kabupaten Sukamaju: 2021 final 2,28 (Cukup) -> 2022 final 2,75 (Baik), plan to 3,50 adopted"
            " -> 2023 final 3,01 -> 2024 final 3,22 -> 2025 final 3,42 (59/2020, all Baik);",
            "    2026 Indeks Pemdi (8/2026) self-assessment in progress, carried over from 2025"
            ' (some answers "from last year" still to confirm)' + ("" if created else " (already there, kept)"),
            "  Kota Cahayapura: 2026 Pemdi assessment under external review, document stage part-way"
            " (log in as asesor.eksternal)",
        ]
        lines.append("")
        self.stdout.write("\n".join(lines))
