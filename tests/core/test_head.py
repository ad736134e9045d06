"""Every page that answers GET answers HEAD the same way (load balancers and link checkers use HEAD)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.converters import IntConverter

from spbe.organizations.models import User


def named_urls(patterns: list[URLPattern | URLResolver], namespace: str = "") -> Iterator[tuple[str, list[str]]]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin" or entry.app_name == "admin":
                continue  # Django's own admin, not ours
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from named_urls(entry.url_patterns, inner)
        elif entry.name:
            converters = getattr(entry.pattern, "converters", {})
            yield (
                f"{namespace}{entry.name}",
                [name for name, converter in converters.items() if isinstance(converter, IntConverter)]
                + [f"str:{name}" for name, converter in converters.items() if not isinstance(converter, IntConverter)],
            )


def sample_url(name: str, parameters: list[str]) -> str:
    kwargs: dict[str, object] = {}
    for parameter in parameters:
        if parameter.startswith("str:"):
            kwargs[parameter[4:]] = "x"
        else:
            kwargs[parameter] = 999_999
    return reverse(name, kwargs=kwargs)


URLS = sorted({sample_url(name, parameters) for name, parameters in named_urls(get_resolver().url_patterns)})


def test_the_walk_found_the_project_urls() -> None:
    assert "/" in URLS
    assert "/healthz" in URLS
    assert len(URLS) > 20


@pytest.mark.django_db
@pytest.mark.parametrize("as_superuser", [False, True], ids=["anonymous", "superuser"])
def test_head_answers_like_get_everywhere(client: Client, as_superuser: bool) -> None:
    if as_superuser:
        client.force_login(User.objects.create_superuser("root", password="pw-root-secret"))
    different = {}
    for url in URLS:
        got = client.get(url).status_code
        if got == 405:
            continue  # a POST-only URL
        head = client.head(url).status_code
        if head != got:
            different[url] = (got, head)
    assert different == {}


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/healthz"])
def test_head_of_home_and_health(client: Client, url: str) -> None:
    response = client.head(url)
    assert response.status_code == 200
    assert response.content == b""
