"""Local development and `make demo`: debug on, SQLite by default."""

from spbe.settings.base import *  # noqa: F403
from spbe.settings.base import ALLOWED_HOSTS, SECRET_KEY

DEBUG = True
SECRET_KEY = SECRET_KEY or "dev-only-not-secret-6b1f0c2e"
ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost", "[::1]"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# Static files come from the apps directly here; WhiteNoise serves collected files in production.
MIDDLEWARE = [m for m in MIDDLEWARE if m != "whitenoise.middleware.WhiteNoiseMiddleware"]  # noqa: F405

VAR_DIR.mkdir(parents=True, exist_ok=True)  # noqa: F405 - the SQLite file and uploads live here
