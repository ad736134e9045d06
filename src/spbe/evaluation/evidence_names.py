"""Display names of uploaded files: no paths, no control characters, a sane length."""

from __future__ import annotations

import re
import unicodedata

from django.utils.translation import gettext

MAX_NAME_LENGTH = 200
_EXTENSION_RE = re.compile(r"\.([A-Za-z0-9]{1,10})$")
_UNSAFE_NAME_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})


def split_name(name: str) -> tuple[str, str | None]:
    """A safe display name and its lower-case extension (``None`` when it has none)."""
    text = unicodedata.normalize("NFC", str(name))
    text = "".join(c for c in text if unicodedata.category(c) not in _UNSAFE_NAME_CATEGORIES)
    text = text.replace("\\", "/").rsplit("/", 1)[-1]
    text = " ".join(text.split()).rstrip(" .")
    match = _EXTENSION_RE.search(text)
    extension = None
    if match and not match.group(1).isdigit():
        extension = "." + match.group(1).lower()
        stem = text[: match.start()].rstrip(" .")
        if not stem:
            text = gettext("evidence-file") + text[match.start() :]
    if not text:
        text = gettext("evidence-file")
    return text, extension


def trim_name(text: str) -> str:
    if len(text) <= MAX_NAME_LENGTH:
        return text
    match = _EXTENSION_RE.search(text)
    suffix = match.group(0) if match else ""
    return text[: MAX_NAME_LENGTH - len(suffix)].rstrip(" .") + suffix
