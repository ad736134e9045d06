"""Bilingual message catalogue for errors raised by the pure core.

The core does not import Django, so it cannot use Django's translation machinery.
Each message has an Indonesian text (the default) and an English one; callers
choose the language (the web layer passes the active Django language, the CLI
its ``--lang`` option).
"""

from __future__ import annotations

from collections.abc import Mapping

DEFAULT_LANGUAGE = "id"
LANGUAGES = ("id", "en")

CATALOGUE: Mapping[str, Mapping[str, str]] = {
    # --- levels (scoring input) -------------------------------------------
    "missing_indicators": {
        "id": "indikator belum diberi nilai: {codes}",
        "en": "indicators without a value: {codes}",
    },
    "unknown_indicators": {
        "id": "kode indikator tidak dikenal dalam {framework}: {codes}",
        "en": "indicator codes unknown in {framework}: {codes}",
    },
    "value_not_allowed": {
        "id": "indikator {code}: nilai {value} tidak diizinkan; {rule}",
        "en": "indicator {code}: value {value} is not allowed; {rule}",
    },
    "rule_integers": {
        "id": "gunakan bilangan bulat {minimum} sampai {maximum}",
        "en": "use a whole number from {minimum} to {maximum}",
    },
    "rule_exact": {
        "id": (
            "gunakan angka {minimum} sampai {maximum}, boleh desimal (mis. 1,265) "
            "atau pecahan (mis. 7/6); nilai di bawah {minimum} tidak diizinkan"
        ),
        "en": (
            "use a number from {minimum} to {maximum}, a decimal (e.g. 1.265) or a fraction (e.g. 7/6); "
            "a value below {minimum} is not allowed"
        ),
    },
    "zero_denominator": {
        "id": "indikator {code}: pecahan {value} membagi dengan nol; tulis pecahan dengan penyebut bukan nol, mis. 7/6",
        "en": (
            "indicator {code}: the fraction {value} divides by zero; "
            "write a fraction whose denominator is not 0, e.g. 7/6"
        ),
    },
    "framework_title": {"id": "{title}", "en": "{title_en}"},
    "rule_decimals": {
        "id": "gunakan angka {minimum} sampai {maximum} dengan paling banyak {decimals} angka desimal",
        "en": "use a number from {minimum} to {maximum} with at most {decimals} decimal places",
    },
    # --- levels files ---------------------------------------------------------
    "row": {"id": "baris {row}: {message}", "en": "row {row}: {message}"},
    "file_missing": {
        "id": "berkas tidak ditemukan: {path}",
        "en": "file not found: {path}",
    },
    "file_unreadable": {
        "id": "berkas tidak dapat dibaca: {path} ({reason})",
        "en": "cannot read the file: {path} ({reason})",
    },
    "file_empty": {
        "id": "berkas kosong; baris pertama harus berisi kepala kolom indicator,level",
        "en": "the file is empty; its first row must be the header indicator,level",
    },
    "file_not_xlsx": {
        "id": "berkas bukan lembar kerja .xlsx yang sah; simpan ulang sebagai .xlsx atau .csv",
        "en": "the file is not a valid .xlsx workbook; save it again as .xlsx or .csv",
    },
    "file_too_large": {
        "id": "berkas terlalu besar: batasnya {limit} bita; bagi isinya atau hapus baris yang tidak perlu",
        "en": "the file is too large: the limit is {limit} bytes; split it or remove rows that are not needed",
    },
    "bad_header": {
        "id": "kepala kolom harus indicator dan level, ditemukan: {found}",
        "en": "the header must be indicator and level, found: {found}",
    },
    "too_many_columns": {
        "id": (
            "ada {count} kolom, seharusnya 2 (indicator, level); "
            "untuk koma desimal pisahkan kolom dengan titik koma (;)"
        ),
        "en": (
            "{count} columns found, expected 2 (indicator, level); "
            "to use a decimal comma, separate columns with a semicolon (;)"
        ),
    },
    "empty_indicator": {
        "id": "kode indikator kosong",
        "en": "the indicator code is empty",
    },
    "empty_value": {
        "id": "indikator {code}: nilai kosong",
        "en": "indicator {code}: the value is empty",
    },
    "not_a_number": {
        "id": "indikator {code}: nilai {value} bukan angka",
        "en": "indicator {code}: value {value} is not a number",
    },
    "unknown_indicator_row": {
        "id": "kode indikator {code} tidak dikenal dalam {framework}",
        "en": "indicator code {code} is unknown in {framework}",
    },
    "duplicate_indicator": {
        "id": "indikator {code} sudah diisi di baris {first_row}",
        "en": "indicator {code} was already given in row {first_row}",
    },
    "more_rows": {"id": "... dan {count} baris lainnya", "en": "... and {count} more rows"},
    "more_problems": {"id": "... dan {count} masalah lainnya", "en": "... and {count} more problems"},
    "upload_empty": {
        "id": "berkas kosong (0 bita); pilih berkas yang berisi data",
        "en": "the file is empty (0 bytes); choose a file that holds the data",
    },
    "csv_malformed": {
        "id": "berkas tidak dapat dibaca: CSV rusak di baris {row} (misalnya sel yang terlalu panjang); "
        "simpan ulang sebagai .csv atau .xlsx",
        "en": "the file cannot be read: the CSV is damaged at row {row} (for example an over-long cell); "
        "save it again as .csv or .xlsx",
    },
    "number_too_long": {
        "id": "indikator {code}: angka {value} terlalu panjang; paling banyak {digits} angka sebelum koma",
        "en": "indicator {code}: the number {value} is too long; at most {digits} digits before the decimal point",
    },
    # --- spreadsheets (limits) ----------------------------------------------------
    "xlsx_unpacked_too_large": {
        "id": "buku kerja terlalu besar setelah diekstrak (lebih dari {limit}); hapus sheet atau gambar "
        "yang tidak perlu",
        "en": "the workbook is too large once unpacked (more than {limit}); remove sheets or images "
        "that are not needed",
    },
    "xlsx_too_many_parts": {
        "id": "buku kerja berisi lebih dari {limit} bagian; simpan hanya sheet yang diperlukan",
        "en": "the workbook holds more than {limit} parts; keep only the sheets that are needed",
    },
    "xlsx_too_many_rows": {
        "id": "sebuah sheet memiliki lebih dari {limit} baris; hapus baris kosong atau yang tidak perlu",
        "en": "a sheet has more than {limit} rows; delete empty or unneeded rows",
    },
    "xlsx_too_many_columns": {
        "id": "sebuah sheet memiliki lebih dari {limit} kolom; hapus kolom yang tidak perlu",
        "en": "a sheet has more than {limit} columns; delete the columns that are not needed",
    },
    "xlsx_too_many_cells": {
        "id": "buku kerja berisi lebih dari {limit} sel; simpan hanya data yang diperlukan",
        "en": "the workbook holds more than {limit} cells; keep only the data that is needed",
    },
    "xlsx_too_complex": {
        "id": "buku kerja terlalu rumit (lebih dari {limit} elemen); simpan ulang hanya data yang diperlukan",
        "en": "the workbook is too complex (more than {limit} elements); save only the data that is needed",
    },
    "xlsx_no_worksheet": {
        "id": "buku kerja tidak berisi sheet data (hanya grafik); simpan ulang sebagai .xlsx atau .csv",
        "en": "the workbook holds no data sheet (only charts); save it again as .xlsx or .csv",
    },
    "xlsx_sheet_missing": {
        "id": "buku kerja tidak memiliki sheet bernama {sheet}",
        "en": "the workbook has no sheet named {sheet}",
    },
    "xlsx_not_a_worksheet": {
        "id": "sheet {sheet} adalah grafik, bukan sheet data",
        "en": "the sheet {sheet} is a chart, not a data sheet",
    },
    # --- planning ---------------------------------------------------------------
    "target_not_a_number": {
        "id": "target {target} bukan angka; contoh: 3.50 atau 3,50",
        "en": "target {target} is not a number; for example 3.50",
    },
    "target_not_allowed": {
        "id": "target {target} tidak sah; gunakan angka {minimum} sampai {maximum} dengan paling banyak 2 desimal",
        "en": "target {target} is not valid; use a number from {minimum} to {maximum} with at most 2 decimals",
    },
    "max_level_not_allowed": {
        "id": "indikator {code}: level maksimum {max_level} harus antara level saat ini ({current}) dan {maximum}",
        "en": "indicator {code}: the highest level {max_level} must lie between the current level ({current}) "
        "and {maximum}",
    },
    "cost_too_large": {
        "id": "indikator {code}: biaya menuju level {level} melebihi batas {maximum} per langkah",
        "en": "indicator {code}: the cost of the step into level {level} exceeds the limit of {maximum} per step",
    },
    "file_malformed": {
        "id": "berkas tidak dapat dibaca ({reason}); simpan ulang sebagai .csv atau .xlsx",
        "en": "the file cannot be read ({reason}); save it again as .csv or .xlsx",
    },
    "negative_cost": {
        "id": "indikator {code}: biaya menuju level {level} tidak boleh negatif",
        "en": "indicator {code}: the cost of the step into level {level} cannot be negative",
    },
    "bad_costs_header": {
        "id": "kepala kolom harus {expected}, ditemukan: {found}",
        "en": "the header must be {expected}, found: {found}",
    },
    "costs_file_empty": {
        "id": "berkas biaya kosong; baris pertama harus {expected}",
        "en": "the costs file is empty; its first row must be {expected}",
    },
    "bad_max_level": {
        "id": "indikator {code}: level maksimum {value} harus bilangan bulat",
        "en": "indicator {code}: the highest level {value} must be a whole number",
    },
    "bad_cost": {
        "id": "indikator {code}: biaya menuju level {level} ({value}) harus angka tidak negatif, "
        "paling banyak 2 desimal",
        "en": "indicator {code}: the cost of the step into level {level} ({value}) must be a non-negative number "
        "with at most 2 decimals",
    },
    # --- frameworks -------------------------------------------------------------
    "unknown_framework": {
        "id": "kerangka evaluasi tidak dikenal: {framework}; yang tersedia: {known}",
        "en": "unknown evaluation framework: {framework}; available: {known}",
    },
    "no_framework_for_year": {
        "id": "tidak ada kerangka evaluasi yang berlaku pada tahun {year}; yang tersedia: {known}",
        "en": "no evaluation framework applies to the year {year}; available: {known}",
    },
    "framework_invalid": {
        "id": "data kerangka {framework} tidak sah: {detail}",
        "en": "framework data {framework} is invalid: {detail}",
    },
    "weights_do_not_add_up": {
        "id": "bobot {parts} pada {group} berjumlah {actual}, seharusnya {expected}",
        "en": "the {parts} weights of {group} add up to {actual}, expected {expected}",
    },
}


def render(key: str, params: Mapping[str, object], lang: str = DEFAULT_LANGUAGE) -> str:
    """Return the message ``key`` in ``lang`` (falling back to Indonesian)."""
    texts = CATALOGUE[key]
    template = texts.get(lang) or texts[DEFAULT_LANGUAGE]
    return template.format(**params)
