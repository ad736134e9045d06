"""Security headers: a CSP without inline code or eval, Permissions-Policy, and a clean deploy check."""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

import spbe

PACKAGE = Path(spbe.__file__).parent
# Rendered by WeasyPrint into a PDF, never served as a web page (reports/views.py sends pdf or xlsx only).
NOT_SERVED = {PACKAGE / "reports" / "templates" / "reports" / "assessment_report.html"}
INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I), "inline <script>"),
    (re.compile(r"<style\b", re.I), "<style> block"),
    (re.compile(r"\sstyle\s*=", re.I), "style= attribute"),
    (re.compile(r"\son[a-z]+\s*=", re.I), "on...= event handler"),
    (re.compile(r"javascript:", re.I), "javascript: URL"),
]


def served_templates() -> list[Path]:
    return sorted(p for p in PACKAGE.glob("*/templates/**/*.html") if p not in NOT_SERVED)


def test_served_templates_hold_no_inline_script_or_style() -> None:
    found = [
        f"{path.relative_to(PACKAGE)}: {what}"
        for path in served_templates()
        for pattern, what in INLINE
        if pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert served_templates(), "no template found"
    assert found == []


def test_the_pdf_template_is_not_served_as_html() -> None:
    views = (PACKAGE / "reports" / "views.py").read_text(encoding="utf-8")
    assert "report_html" not in views
    assert "assessment_report.html" not in views


@pytest.mark.parametrize("url", ["/", "/calculator/", "/accounts/login/", "/no-such-page/"])
def test_every_page_sends_a_strict_csp(client: Client, url: str) -> None:
    policy = client.get(url).headers["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy


def test_device_and_payment_apis_are_off(client: Client) -> None:
    policy = client.get("/").headers["Permissions-Policy"]
    features = dict(part.strip().split("=", 1) for part in policy.split(","))
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert features[feature] == "()", feature


def test_production_settings_pass_the_deploy_check(tmp_path: Path) -> None:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "SPBE_", "DATABASE_URL"))}
    env |= {
        "DJANGO_SETTINGS_MODULE": "spbe.settings.prod",
        "SPBE_SECRET_KEY": secrets.token_urlsafe(50),
        "SPBE_ALLOWED_HOSTS": "example.go.id",
        "SPBE_VAR_DIR": str(tmp_path),
    }
    manage = Path(__file__).resolve().parents[2] / "manage.py"
    done = subprocess.run(
        [sys.executable, str(manage), "check", "--deploy", "--fail-level", "DEBUG"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "System check identified no issues (0 silenced)." in done.stdout
