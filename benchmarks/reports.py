"""Report benchmark: the full report of the demo regency's 47-indicator assessment, as PDF and XLSX."""

from __future__ import annotations

import os
import statistics
import tempfile
import time


def _pages(pdf: bytes) -> int:
    """Pages as poppler's pdfinfo counts them (WeasyPrint compresses its page objects)."""
    import re
    import subprocess

    done = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=False)
    match = re.search(rb"Pages:\s+(\d+)", done.stdout)
    return int(match.group(1)) if match else 0


def run(rounds: int = 5) -> list[dict[str, str]]:
    with tempfile.TemporaryDirectory() as folder:
        os.environ["SPBE_VAR_DIR"] = folder
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "spbe.settings.dev")
        os.environ.pop("DATABASE_URL", None)
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        from spbe.demo_data import build_demo

        build_demo()
        from spbe.evaluation.models import Assessment
        from spbe.reports.build import report_data_for
        from spbe.reports.pdf import render_pdf
        from spbe.reports.xlsx import render_xlsx

        assessment = Assessment.objects.get(agency__slug="kabupaten-sukamaju", year=2022)
        render_pdf(report_data_for(assessment, "id"))  # warm fonts and templates once, as a server would
        pdf_times, xlsx_times, pages = [], [], 0
        for _ in range(rounds):
            start = time.perf_counter()
            pdf = render_pdf(report_data_for(assessment, "id"))
            pdf_times.append(time.perf_counter() - start)
            start = time.perf_counter()
            render_xlsx(report_data_for(assessment, "id"))
            xlsx_times.append(time.perf_counter() - start)
            pages = _pages(pdf)
    pdf_median = statistics.median(pdf_times)
    return [
        {
            "name": f"Full assessment report PDF, 47 indicators (demo Kabupaten Sukamaju 2022, {pages} pages), "
            "data gathering included",
            "figure": f"median {pdf_median:.2f} s (min {min(pdf_times):.2f}, max {max(pdf_times):.2f}; {rounds} runs)",
            "goal": "under 3 s",
            "met": "yes" if pdf_median < 3 else "NO",
        },
        {
            "name": "Same report as an Excel workbook (native charts)",
            "figure": f"median {statistics.median(xlsx_times) * 1000:.0f} ms",
            "goal": "(comparison)",
            "met": "-",
        },
    ]
