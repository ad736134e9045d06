"""The ``spbe`` command: thin wrappers over the scoring core.

Exit status 0 on success, 2 on input a user must fix (one line on stderr).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Sequence
from decimal import Decimal
from typing import NoReturn

from spbe.scoring import (
    Framework,
    GroupScore,
    ScoreResult,
    SpbeInputError,
    all_frameworks,
    current_year,
    framework_for_year,
    get_framework,
    read_levels_path,
    score,
)
from spbe.scoring.costs_file import read_costs_path
from spbe.scoring.errors import Problem
from spbe.scoring.messages import LANGUAGES
from spbe.scoring.numbers import format_number, parse_decimal_text
from spbe.scoring.planner import Plan, plan
from spbe.scoring.presentation import plan_as_dict, result_as_dict

EXIT_INPUT = 2

_TEXT = {
    "id": {
        "framework": "Kerangka",
        "index": "Indeks",
        "predicate": "Predikat",
        "provisional": "sementara",
        "code": "Kode",
        "group": "Domain / Aspek",
        "weight": "Bobot",
        "indicators": "Indikator",
        "years": "Tahun",
        "id": "ID",
        "title": "Judul",
        "yes": "ya",
        "no": "tidak",
        "target": "Target",
        "reachable": "tercapai",
        "unreachable": "TIDAK tercapai; ini indeks tertinggi yang bisa dicapai",
        "cost": "Biaya",
        "indicator": "Indikator",
        "from": "Dari",
        "to": "Ke",
        "nothing": "Target sudah tercapai; tidak ada langkah yang diperlukan.",
    },
    "en": {
        "framework": "Framework",
        "index": "Index",
        "predicate": "Predicate",
        "provisional": "provisional",
        "code": "Code",
        "group": "Domain / Aspect",
        "weight": "Weight",
        "indicators": "Indicators",
        "years": "Years",
        "id": "ID",
        "title": "Title",
        "yes": "yes",
        "no": "no",
        "target": "Target",
        "reachable": "reachable",
        "unreachable": "NOT reachable; this is the highest reachable index",
        "cost": "Cost",
        "indicator": "Indicator",
        "from": "From",
        "to": "To",
        "nothing": "The target is already met; no step is needed.",
    },
}


def _year(text: str) -> int:
    """A year in ASCII digits, as everywhere else (int() alone would take "٢٠٢٢")."""
    if not re.fullmatch(r"[0-9]{4}", text.strip()):
        raise argparse.ArgumentTypeError(f"tahun/year {text[:20]!r}: gunakan 4 angka / use 4 digits, e.g. 2024")
    return int(text)


class _Parser(argparse.ArgumentParser):
    """argparse that reports a usage error as one line and exit status 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_INPUT, f"{self.prog}: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    default_lang = os.environ.get("SPBE_LANG", "id")
    parser = _Parser(prog="spbe", description="SPBE Suite - indeks SPBE/Pemdi dari baris perintah.")
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=default_lang if default_lang in LANGUAGES else "id",
        help="bahasa pesan / message language (default: id, or SPBE_LANG)",
    )
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    commands.add_parser("frameworks", help="daftar kerangka evaluasi / list the evaluation frameworks")

    score_parser = commands.add_parser("score", help="hitung indeks dari berkas nilai / score a levels file")
    score_parser.add_argument("file", help="CSV (indicator,level; comma or semicolon) or .xlsx")
    choice = score_parser.add_mutually_exclusive_group()
    choice.add_argument("--framework", help="framework id, e.g. permenpanrb-59-2020")
    choice.add_argument("--year", type=_year, help="evaluation year; picks the framework in force (default: this year)")
    score_parser.add_argument("--json", action="store_true", help="print JSON instead of a table")

    plan_parser = commands.add_parser("plan", help="rencana termurah menuju target / cheapest plan to a target")
    plan_parser.add_argument("file", help="current levels: CSV or .xlsx, as for score")
    plan_choice = plan_parser.add_mutually_exclusive_group()
    plan_choice.add_argument("--framework", help="framework id, e.g. permenpanrb-59-2020")
    plan_choice.add_argument("--year", type=_year, help="evaluation year; picks the framework in force")
    plan_parser.add_argument("--target", required=True, help="target index, e.g. 3.50")
    plan_parser.add_argument("--costs", help="CSV: indicator,max_level,cost_2,cost_3,cost_4,cost_5")
    plan_parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    lang: str = args.lang
    try:
        if args.command == "frameworks":
            print(_frameworks_table(lang))
            return 0
        framework = _choose_framework(args.framework, args.year)
        levels = read_levels_path(args.file, framework)
        if args.command == "plan":
            limits = read_costs_path(args.costs, framework) if args.costs else {}
            result_plan = plan(framework, levels, _target(args.target), limits)
        else:
            result = score(framework, levels)
    except SpbeInputError as exc:
        print(f"spbe: {exc.message(lang)}", file=sys.stderr)
        return EXIT_INPUT
    if args.command == "plan":
        print(json.dumps(plan_as_dict(result_plan)) if args.json else _plan_table(result_plan, framework, lang))
        return 0
    if args.json:
        print(json.dumps(result_as_dict(result), ensure_ascii=False))
    else:
        print(_result_table(result, lang))
    return 0


def _target(text: str) -> Decimal:
    value = parse_decimal_text(text, decimal_comma=True)
    if value is None:
        shown = text if len(text) <= 24 else text[:20] + "..."
        raise SpbeInputError([Problem("target_not_a_number", {"target": shown})])
    return value


def _plan_table(result: Plan, framework: Framework, lang: str) -> str:
    text = _TEXT[lang]
    verdict = text["reachable"] if result.reachable else text["unreachable"]
    lines = [
        f"{text['framework']}: {framework.label(lang)} ({framework.id})",
        f"{text['target']}: {result.target} ({verdict})",
        f"{text['index']}: {result.index_before} -> {result.index_after}",
        f"{text['cost']}: {format_number(result.cost)}",
        "",
    ]
    if not result.steps:
        return "\n".join([*lines, text["nothing"]])
    rows = [(text["code"], text["indicator"], text["from"], text["to"], text["cost"])]
    for step in result.steps:
        indicator = framework.indicator(step.indicator)
        name = indicator.label(lang) if indicator else step.indicator
        rows.append(
            (step.indicator, name[:70], format_number(step.from_value), str(step.to_level), format_number(step.cost))
        )
    return "\n".join(lines) + "\n" + _table(rows, right_aligned={2, 3, 4})


def _choose_framework(framework_id: str | None, year: int | None) -> Framework:
    if framework_id:
        return get_framework(framework_id)
    return framework_for_year(year if year is not None else current_year())


def _frameworks_table(lang: str) -> str:
    text = _TEXT[lang]
    rows = [(text["id"], text["indicators"], text["years"], text["provisional"], text["title"])]
    for framework in all_frameworks():
        rows.append(
            (
                framework.id,
                str(len(framework.indicators)),
                framework.years_label,
                text["yes"] if framework.provisional else text["no"],
                framework.label(lang),
            )
        )
    return _table(rows, right_aligned={1})


def _result_table(result: ScoreResult, lang: str) -> str:
    text = _TEXT[lang]
    framework = result.framework
    provisional = f" [{text['provisional']}]" if framework.provisional else ""
    lines = [
        f"{text['framework']}: {framework.label(lang)} ({framework.id}){provisional}",
        f"{text['index']}: {result.index_rounded}",
        f"{text['predicate']}: {result.predicate.label(lang)}",
        "",
        "",
    ]
    rows = [(text["code"], text["group"], text["weight"], text["index"])]
    aspects = result.aspects
    groups: list[tuple[GroupScore | None, list[GroupScore]]] = [
        (domain, [a for a in aspects if a.domain_code == domain.code]) for domain in result.domains
    ]
    if not groups:
        groups = [(None, list(aspects))]
    for domain, domain_aspects in groups:
        if domain is not None:
            rows.append((domain.code, domain.label(lang), format_number(domain.weight), str(domain.index_rounded)))
        indent = "  " if domain is not None else ""
        for aspect in domain_aspects:
            rows.append(
                (indent + aspect.code, aspect.label(lang), format_number(aspect.weight), str(aspect.index_rounded))
            )
    return "\n".join(lines) + _table(rows, right_aligned={2, 3})


def _table(rows: Sequence[Sequence[str]], right_aligned: set[int]) -> str:
    widths = [max(len(row[col]) for row in rows) for col in range(len(rows[0]))]
    out = []
    for row in rows:
        cells = [
            cell.rjust(widths[col]) if col in right_aligned else cell.ljust(widths[col]) for col, cell in enumerate(row)
        ]
        out.append("  ".join(cells).rstrip())
    return "\n".join(out)


if __name__ == "__main__":
    raise SystemExit(main())
