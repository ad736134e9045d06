"""Production: every secret and host from the environment; refuses to start without them."""

import os

from django.core.exceptions import ImproperlyConfigured

# Sign-in: a second factor for superusers, staff and coordinators unless SPBE_OTP_REQUIRED=0;
# the session ends with the browser (and after SPBE_IDLE_TIMEOUT_MINUTES idle, as everywhere).
from spbe.settings.accounts import env_flag
from spbe.settings.base import *  # noqa: F403
from spbe.settings.base import ALLOWED_HOSTS, SECRET_KEY

SPBE_OTP_REQUIRED = env_flag("SPBE_OTP_REQUIRED", "1")
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

if not SECRET_KEY:
    raise ImproperlyConfigured("Set SPBE_SECRET_KEY for production.")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("Set SPBE_ALLOWED_HOSTS (comma separated) for production.")

DEBUG = False
SECURE_SSL_REDIRECT = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = 31_536_000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# Consent to the browsers' preload list; only matters once the domain is submitted (ADR 0012).
SECURE_HSTS_PRELOAD = os.environ.get("SPBE_HSTS_PRELOAD", "1") != "0"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
