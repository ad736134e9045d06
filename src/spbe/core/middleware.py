"""Language choice: Bahasa Indonesia unless the person chose English.

Django's LocaleMiddleware follows the browser's Accept-Language header, so a
civil servant whose laptop came set to English would get English pages. Our
users expect Indonesian first; only an explicit choice (the language cookie
set by the switcher) changes it.
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation


def preferred_language(request: HttpRequest) -> str:
    """The language the person chose with the switcher, else the site's (Indonesian)."""
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    return chosen if chosen in {code for code, _ in settings.LANGUAGES} else settings.LANGUAGE_CODE


class PreferredLanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = preferred_language(request)
        request.LANGUAGE_CODE = language
        with translation.override(language):
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        response.headers.setdefault("Vary", "Cookie")
        return response
