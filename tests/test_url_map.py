"""Walk every URL pattern of the project: each has a guard in spbe.permissions, anonymous visitors
go to the login page (or get the page, where the map says public), and people of another agency
get 404 for every object of this agency.

Every path parameter gets a real id from a furnished regency; a new parameter name needs a sample
in ``samples()`` (the walk says so), a new URL name needs an entry in ``spbe.permissions.URL_RULES``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.http import HttpResponse
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, path, reverse
from tests.conftest import Furnished, Regency, furnish

from spbe.evaluation.models import Assessment, AssessmentState
from spbe.guards import SignedIn
from spbe.permissions import NAMESPACE_RULES, URL_RULES, guard_for
from spbe.urls import urlpatterns as project_urlpatterns

pytestmark = pytest.mark.django_db
LOGIN = "/accounts/login/"


@dataclass(frozen=True)
class Pattern:
    view_name: str  # what the middleware looks up: "namespace:name", or the view's path when unnamed
    named: bool
    route: str  # the full route, for unnamed patterns and messages
    params: tuple[str, ...]


def walk(patterns: list[Any] | None = None, namespaces: tuple[str, ...] = (), prefix: str = "") -> Iterator[Pattern]:
    """Every URL pattern of the project, through every include, with its full name."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            inner = (*namespaces, entry.namespace) if entry.namespace else namespaces
            yield from walk(entry.url_patterns, inner, prefix + str(entry.pattern))
        else:
            assert isinstance(entry, URLPattern)
            name = entry.name or entry.lookup_str
            regex = entry.pattern.regex
            yield Pattern(
                ":".join((*namespaces, name)), bool(entry.name), prefix + str(entry.pattern), tuple(regex.groupindex)
            )


def missing_guards() -> list[str]:
    return sorted({p.view_name for p in walk() if guard_for(p.view_name) is None})


def samples(place: Furnished) -> dict[str, object]:
    regency = place.regency
    return {
        "pk": place.assessment.pk,
        "code": place.code,
        "action_id": place.action.pk,
        "slug": regency.agency.slug,
        "framework_id": "permenpanrb-59-2020",
        "kind": "pdf",
        "action": "start_review",
        # the Django admin
        "app_label": "organizations",
        "object_id": regency.coordinator.pk,
        "id": regency.coordinator.pk,
        "content_type_id": 1,
        "url": "no-such-page/",
        # people management: a person of the agency
        "user_id": regency.operator.pk,
        # password reset links
        "uidb64": "MQ",
        "token": "set-password",
    }


# A parameter whose sample depends on the URL.
OVERRIDES: dict[str, dict[str, str]] = {
    "evaluation:evidence_download": {"pk": "evidence"},
    "evaluation:evidence_link": {"action": "detach"},
}


def url_of(pattern: Pattern, place: Furnished) -> str:
    values = samples(place)
    kwargs: dict[str, object] = {}
    for param in pattern.params:
        if OVERRIDES.get(pattern.view_name, {}).get(param) == "evidence":
            kwargs[param] = place.evidence_file.pk
        elif param in OVERRIDES.get(pattern.view_name, {}):
            kwargs[param] = OVERRIDES[pattern.view_name][param]
        else:
            assert param in values, f"no sample value for <{param}> of {pattern.view_name}: add one to samples()"
            kwargs[param] = values[param]
    if pattern.named:
        return reverse(pattern.view_name, kwargs=kwargs)
    route = "/" + pattern.route
    for param, value in kwargs.items():  # unnamed route patterns: put the values in by hand
        route = re.sub(r"<(?:\w+:)?" + param + ">", str(value), route)
        route = re.sub(r"\(\?P<" + param + r">[^)]*\)", str(value), route)
    return route.replace("^", "").replace("$", "")


@pytest.fixture
def place(regency: Regency, assessment: Assessment, private_media: Path) -> Furnished:
    # under review, so that every role of the agency, the external assessor too, sees it
    return furnish(regency, assessment, AssessmentState.UNDER_REVIEW)


def is_login_redirect(response: HttpResponse, login: str = LOGIN) -> bool:
    return response.status_code == 302 and response["Location"].startswith(login + "?next=")


def guarded_urls(place: Furnished) -> list[tuple[Pattern, str]]:
    return [(p, url_of(p, place)) for p in walk()]


def test_every_url_pattern_has_a_guard() -> None:
    assert missing_guards() == [], "add these URL names to spbe.permissions.URL_RULES"


def test_the_map_names_only_urls_that_exist() -> None:
    names = {p.view_name for p in walk()}
    assert sorted(set(URL_RULES) - names) == []
    assert all(any(name.startswith(ns + ":") for name in names) for ns in NAMESPACE_RULES)


def test_anonymous_visitors_go_to_the_login_page(client: Client, place: Furnished) -> None:
    wrong = []
    for pattern, url in guarded_urls(place):
        guard = guard_for(pattern.view_name)
        assert guard is not None, f"{pattern.view_name} has no entry in spbe.permissions.URL_RULES"
        for method in (client.get, client.post):
            response = method(url)
            if pattern.view_name.startswith("admin:"):  # the admin sends everyone to its own login
                ok = pattern.view_name == "admin:login" or response.status_code != 200
            elif guard.public:
                ok = response.status_code < 500 and not is_login_redirect(response)
            else:
                ok = is_login_redirect(response)
            if not ok:
                wrong.append(f"{method.__name__.upper()} {url} ({pattern.view_name}): {response.status_code}")
    assert wrong == []


@pytest.mark.parametrize("who", ["outsider", "stranger"])
def test_people_of_another_agency_get_404_for_every_object(client: Client, place: Furnished, who: str) -> None:
    """The coordinator of another agency, and an external assessor assigned to another agency only."""
    client.force_login(getattr(place.regency, who))
    wrong = []
    for pattern, url in guarded_urls(place):
        guard = guard_for(pattern.view_name)
        assert guard is not None, f"{pattern.view_name} has no entry in spbe.permissions.URL_RULES"
        if guard.public:
            continue
        for method in (client.get, client.post):
            response = method(url)
            if isinstance(guard, SignedIn):  # lists scoped to the user, one's own account: nothing of this agency
                ok = response.status_code in (200, 302, 405) and b"Kabupaten Uji" not in response.content
            else:
                ok = response.status_code == 404
            if not ok:
                wrong.append(f"{method.__name__.upper()} {url} ({pattern.view_name}): {response.status_code}")
    assert wrong == []


def test_every_guarded_url_opens_for_someone_of_the_agency(client: Client, place: Furnished) -> None:
    """The samples are real: each URL that is 404 for an outsider answers a role of the agency."""
    regency = place.regency
    members = [regency.coordinator, regency.operator, regency.internal, regency.external]
    closed = []
    for pattern, url in guarded_urls(place):
        guard = guard_for(pattern.view_name)
        if guard is None or guard.public:
            continue
        statuses = []
        for user in members:
            client.force_login(user)
            statuses.append(client.get(url).status_code)
            if statuses[-1] != 404:
                break
        if 404 in statuses and len(set(statuses)) == 1:
            closed.append(f"{url} ({pattern.view_name})")
    assert closed == []


# A view added without an entry in the map: unreachable for everyone, and the walk names it.


def _unguarded(request: object) -> HttpResponse:
    return HttpResponse("secret")


urlpatterns = [*project_urlpatterns, path("unguarded/", _unguarded, name="unguarded")]


@pytest.mark.urls(__name__)
def test_a_view_missing_from_the_map_is_refused_and_named(client: Client, regency: Regency) -> None:
    assert missing_guards() == ["unguarded"]
    assert client.get("/unguarded/").status_code == 404
    regency.coordinator.is_superuser = True
    regency.coordinator.save()
    client.force_login(regency.coordinator)
    assert client.get("/unguarded/").status_code == 404
    assert client.get("/").status_code == 200
