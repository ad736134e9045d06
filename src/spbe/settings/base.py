"""Settings shared by every environment; everything site-specific comes from env vars.

DATABASE_URL  selects the database (postgres://... for PostgreSQL); default: SQLite under var/.
SPBE_VAR_DIR  where the SQLite file and uploaded files live (default: ./var).
SPBE_SQLITE_TIMEOUT  seconds a SQLite write waits for another one before "database busy" (default: 20).
SPBE_EVIDENCE_POLICY  "warn" (default) or "block": approving or submitting indicators without evidence.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

PACKAGE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("SPBE_VAR_DIR", Path.cwd() / "var")).resolve()

DEBUG = False
SECRET_KEY = os.environ.get("SPBE_SECRET_KEY", "")
ALLOWED_HOSTS = [h.strip() for h in os.environ.get("SPBE_ALLOWED_HOSTS", "").split(",") if h.strip()]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "spbe.core",
    "spbe.accounts",
    "spbe.organizations",
    "spbe.audit",
    "spbe.notifications",
    "spbe.evaluation",
    "spbe.reports",
]

AUTH_USER_MODEL = "organizations.User"

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "csp.middleware.CSPMiddleware",
    # Before anything that reads the body (only the header middleware above come first, so the
    # 413 page carries their headers): refuse an oversized body from its declared length.
    "spbe.core.body_limits.RequestBodyLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "spbe.core.middleware.PreferredLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "spbe.accounts.idle.IdleTimeoutMiddleware",
    "spbe.accounts.two_factor.TwoFactorMiddleware",
    "spbe.accounts.denied.DeniedAccessLogMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "spbe.permissions.UrlGuardMiddleware",  # every URL name has a guard in spbe/permissions.py
    "spbe.core.busy.DatabaseBusyMiddleware",
    "axes.middleware.AxesMiddleware",  # last: turns a lockout into the lockout page
]

ROOT_URLCONF = "spbe.urls"
WSGI_APPLICATION = "spbe.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'spbe.sqlite3'}",
        conn_max_age=int(os.environ.get("SPBE_DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Readers never wait for the writer (WAL); a writer takes the lock when its transaction
    # starts and waits its turn instead of failing at once (see spbe.core.busy).
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL",
        "transaction_mode": "IMMEDIATE",
        "timeout": float(os.environ.get("SPBE_SQLITE_TIMEOUT", "20")),
        **DATABASES["default"].get("OPTIONS", {}),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Lockout, password hashing and rules, second factor, idle timeout, e-mail, security log.
from spbe.settings.accounts import *  # noqa: E402, F403

# Notifications: the outbox and its worker (django-tasks with the database backend; `manage.py db_worker`).
from spbe.settings.notifications import *  # noqa: E402, F403

# Bahasa Indonesia first, English second.
LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
# Store UTC; show the agency's zone. WIB is the default display zone.
USE_TZ = True
TIME_ZONE = "Asia/Jakarta"

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_ROOT = VAR_DIR / "media"

DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "evaluation:my_work"
LOGOUT_REDIRECT_URL = "home"

# Evidence uploads: the largest file accepted, in bytes (default 20 MB).
SPBE_EVIDENCE_MAX_BYTES = int(os.environ.get("SPBE_EVIDENCE_MAX_BYTES", str(20 * 1024 * 1024)))
# Approving or submitting indicators without evidence: "warn" asks the person to confirm, "block" refuses.
SPBE_EVIDENCE_POLICY = os.environ.get("SPBE_EVIDENCE_POLICY", "warn").strip().lower()
# Uploads bigger than this go to a temporary file instead of memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Content-Security-Policy (django-csp 4): everything from our own origin, no inline script or
# style, no eval. Templates keep their scripts in core/spbe.js and their styles in core/spbe.css.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
# Permissions-Policy (django-permissions-policy): no page needs a device or payment API.
PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in (
        "accelerometer",
        "bluetooth",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "hid",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "serial",
        "usb",
    )
}
