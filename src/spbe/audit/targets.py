"""What inside a subject a change touched, stored as codes and shown in the reader's language.

A target is stored as ``kind:code,code`` (``indicator:1,11``) so that the history can name it
in Indonesian or English at reading time; it never stores words of one language.
"""

from __future__ import annotations

import re

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# kind -> how one item of that kind is named ("%(code)s" is replaced by its code)
KINDS: dict[str, Promise] = {
    "indicator": _("indicator %(code)s"),
}

_LEGACY = re.compile(r"^(?P<kind>[a-z]+) (?P<code>\S+)$")  # "indicator 18", written before targets were codes


def target_code(kind: str, *codes: str) -> str:
    """The stored form of a target: ``target_code("indicator", "1", "11") == "indicator:1,11"``."""
    if kind not in KINDS:
        raise ValueError(f"unknown audit target kind {kind!r}")
    if any("," in code or ":" in code for code in codes):
        raise ValueError("a target code cannot contain ',' or ':'")
    return f"{kind}:{','.join(codes)}" if codes else ""


def target_text(target: str) -> str:
    """The target named in the active language; text that is not a known code is shown as it is."""
    kind, sep, codes = target.partition(":")
    if sep and kind in KINDS:
        return ", ".join(str(KINDS[kind]) % {"code": code} for code in codes.split(",") if code)
    legacy = [_LEGACY.match(part.strip()) for part in target.split(",")]
    if target and all(m and m["kind"] in KINDS for m in legacy):
        return ", ".join(str(KINDS[m["kind"]]) % {"code": m["code"]} for m in legacy if m)
    return target
