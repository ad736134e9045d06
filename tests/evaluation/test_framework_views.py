"""The framework browser."""

from __future__ import annotations

import re

from django.test import Client


def test_list_shows_each_framework_with_status(client: Client) -> None:
    html = client.get("/frameworks/").content.decode()
    for framework_id in ("permenpanrb-5-2018", "permenpanrb-59-2020", "permenpanrb-8-2026"):
        assert f"/frameworks/{framework_id}/" in html
    assert "sementara" in html


def test_59_2020_detail_shows_weights_and_all_criteria(client: Client) -> None:
    response = client.get("/frameworks/permenpanrb-59-2020/")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('id="indicator-') == 47
    assert len(re.findall(r"<dt>Level [1-5] · ", html)) == 47 * 5
    assert "Kebijakan Internal SPBE" in html and "bobot 45,5" in html and "bobot 2,75" in html
    assert "Memuaskan ≥ 4,20" in html


def test_english_detail(client: Client) -> None:
    client.cookies["django_language"] = "en"
    html = client.get("/frameworks/permenpanrb-59-2020/").content.decode()
    assert "SPBE Governance" in html and "weight 2.75" in html
    assert "Level 3 · Defined" in html


def test_pemdi_detail_is_flagged_provisional_and_has_no_domains(client: Client) -> None:
    html = client.get("/frameworks/permenpanrb-8-2026/").content.decode()
    assert "Sementara: sumber publik berbeda pendapat" in html
    assert '<h2><span class="code">D1' not in html
    assert html.count('id="indicator-') == 20


def test_unknown_framework_is_404(client: Client) -> None:
    assert client.get("/frameworks/nope/").status_code == 404
