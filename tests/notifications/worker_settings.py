"""Settings for the worker-process test: a file SQLite database and e-mail written to files."""

import os

from spbe.settings.test import *  # noqa: F403

DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": os.environ["SPBE_WORKER_TEST_DB"]}}
EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = os.environ["SPBE_WORKER_TEST_MAIL"]
if os.environ.get("SPBE_WORKER_TEST_MAIL_DOWN"):
    EMAIL_BACKEND = "tests.notifications.helpers.DownBackend"
