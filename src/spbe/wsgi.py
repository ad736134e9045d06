"""WSGI entry point (gunicorn spbe.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "spbe.settings.prod")
application = get_wsgi_application()
