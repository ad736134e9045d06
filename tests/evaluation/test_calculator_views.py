"""The calculator page: same engine and errors as the CLI, in the user's language."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from spbe.scoring import get_framework

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
URL = "/calculator/"


def text_of(html: bytes) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html.decode()))


def test_page_defaults_to_the_framework_in_force(client: Client) -> None:
    response = client.get(URL)
    assert response.status_code == 200
    assert b'value="permenpanrb-8-2026" selected' in response.content
    assert response["Content-Language"] == "id"
    assert "Kalkulator Indeks" in text_of(response.content)


def test_form_for_59_2020_offers_levels_with_criteria(client: Client) -> None:
    response = client.get(URL, {"framework": "permenpanrb-59-2020"})
    html = response.content.decode()
    assert html.count('<select id="level_') == 47
    assert "3 · Terdefinisi" in html
    assert "Syarat tiap level" in html


def test_filled_form_gives_index_predicate_and_domains(client: Client) -> None:
    levels = dict(line.split(",") for line in (EXAMPLES / "sukamaju-2022.csv").read_text().splitlines()[1:])
    data = {"framework": "permenpanrb-59-2020", **{f"level_{code}": value for code, value in levels.items()}}
    response = client.post(URL, data)
    assert response.status_code == 200
    page = text_of(response.content)
    assert 'data-testid="index">2,75<' in response.content.decode()
    assert "Baik" in page
    assert "D3 Manajemen SPBE 16,5 2,09" in page
    # the chosen levels stay selected
    assert '<option value="4" selected>' in response.content.decode()


def test_upload_semicolon_csv_with_decimal_commas(client: Client) -> None:
    upload = SimpleUploadedFile("pemdi.csv", (EXAMPLES / "sukamaju-2026-pemdi.csv").read_bytes(), "text/csv")
    response = client.post(URL, {"framework": "permenpanrb-8-2026", "levels_file": upload})
    assert response.status_code == 200
    assert 'data-testid="index">1,94<' in response.content.decode()
    assert 'data-testid="predicate">Cukup<' in response.content.decode()
    # the uploaded values fill the form for adjusting
    assert 'name="level_4" value="2.26"' in response.content.decode()


def test_upload_errors_name_the_rows_and_store_nothing(client: Client) -> None:
    rows = ["indicator,level"] + [f"{i.code},3" for i in get_framework("permenpanrb-59-2020").indicators]
    rows[4] = "4,x"
    rows[9] = "9,6"
    upload = SimpleUploadedFile("lke.csv", ("\n".join(rows) + "\n").encode(), "text/csv")
    response = client.post(URL, {"framework": "permenpanrb-59-2020", "levels_file": upload})
    assert response.status_code == 200  # the page again, with the problems listed
    page = text_of(response.content)
    assert "Nilai belum dapat dihitung" in page
    assert "baris 5: indikator 4: nilai x bukan angka" in page
    assert "baris 10: indikator 9: nilai 6 tidak diizinkan" in page
    assert 'data-testid="index"' not in response.content.decode()


def test_incomplete_form_lists_what_is_missing_in_english(client: Client) -> None:
    client.cookies["django_language"] = "en"
    data = {"framework": "permenpanrb-59-2020", **{f"level_{n}": "3" for n in range(1, 47)}}
    response = client.post(URL, data)
    assert response.status_code == 200  # the page again, with the problems listed
    assert "indicator 47: the value is empty" in text_of(response.content)
    assert response["Content-Language"] == "en"


def test_unknown_framework_is_explained(client: Client) -> None:
    response = client.post(URL, {"framework": "permenpanrb-1-1999"})
    assert response.status_code == 200  # the page again, with the problems listed
    assert "kerangka evaluasi tidak dikenal: permenpanrb-1-1999" in text_of(response.content)


def test_a_binary_file_is_refused_clearly(client: Client) -> None:
    upload = SimpleUploadedFile("foto.csv", b"\x89PNG\r\n\x1a\n\x00\x00binary", "text/csv")
    response = client.post(URL, {"framework": "permenpanrb-59-2020", "levels_file": upload})
    assert response.status_code == 200  # the page again, with the problems listed
    assert "baris 1: kepala kolom harus indicator dan level" in text_of(response.content)


def test_template_download_lists_every_indicator(client: Client) -> None:
    response = client.get("/calculator/template.csv", {"framework": "permenpanrb-5-2018"})
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="permenpanrb-5-2018-levels.csv"'
    lines = response.content.decode().splitlines()
    assert lines[0] == "indicator,level" and lines[-1] == "35.3," and len(lines) == 38


@pytest.mark.parametrize("framework_id", ["permenpanrb-5-2018", "permenpanrb-59-2020", "permenpanrb-8-2026"])
def test_template_filled_in_scores_on_the_page(client: Client, framework_id: str) -> None:
    template = client.get("/calculator/template.csv", {"framework": framework_id}).content.decode()
    filled = "".join(line + ("3" if line != "indicator,level" else "") + "\n" for line in template.splitlines())
    upload = SimpleUploadedFile("t.csv", filled.encode(), "text/csv")
    response = client.post(URL, {"framework": framework_id, "levels_file": upload})
    assert 'data-testid="index">3,00<' in response.content.decode()


def test_the_hostile_spreadsheet_is_refused_quickly_and_in_bounded_memory(client: Client) -> None:
    import tracemalloc

    from tests.hostile_files import declared_dimension_bomb

    upload = SimpleUploadedFile("lke.xlsx", declared_dimension_bomb(40_000), "application/octet-stream")
    tracemalloc.start()
    try:
        response = client.post(URL, {"framework": "permenpanrb-59-2020", "levels_file": upload})
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert response.status_code == 200
    assert "sebuah sheet memiliki lebih dari 5000 baris" in text_of(response.content)
    assert peak < 60_000_000


def test_half_a_million_bad_rows_give_a_short_page(client: Client) -> None:
    client.cookies["django_language"] = "en"
    upload = SimpleUploadedFile("bad.csv", b"indicator,level\n" + b"x\n" * 499_000, "text/csv")
    response = client.post(URL, {"framework": "permenpanrb-59-2020", "levels_file": upload})
    page = text_of(response.content)
    assert response.status_code == 200 and "... and 498,981 more rows" in page
    assert len(response.content) < 200_000


def test_an_empty_file_is_called_empty(client: Client) -> None:
    upload = SimpleUploadedFile("kosong.csv", b"", "text/csv")
    response = client.post(URL, {"framework": "permenpanrb-59-2020", "levels_file": upload})
    assert response.status_code == 200
    assert "berkas kosong (0 bita)" in text_of(response.content)


def test_full_width_digits_in_the_form_are_refused(client: Client) -> None:
    framework = get_framework("permenpanrb-8-2026")
    data = {"framework": framework.id, **{f"level_{i.code}": "2" for i in framework.indicators}}
    data["level_4"] = "１,５"
    response = client.post(URL, data)
    assert response.status_code == 200
    assert "indikator 4: nilai １,５ bukan angka" in text_of(response.content)
