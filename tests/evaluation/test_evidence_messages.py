"""Evidence checks: messages in the user's language, and only EvidenceRejected for bad input."""

from __future__ import annotations

import ast
import hashlib
import re

import pytest
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.evaluation.evidence_samples import (
    CSV,
    MODULE_PATH,
    NAMES_MODULE_PATH,
    check,
    make_docx,
    make_image,
    make_odf,
    make_ole,
    make_pdf,
    make_pptx,
    make_rotated_jpeg,
    make_xlsm,
    make_xlsx,
    outcome,
    rejected,
)

from spbe.evaluation import evidence_files
from spbe.evaluation.evidence_files import (
    EvidenceRejected,
)

pytestmark = pytest.mark.usefixtures("english")


# --------------------------------------------------------------------------- language


def catalogue() -> dict[str, str]:
    """Every message of the modules with its Indonesian translation from the shipped catalogue."""
    with translation.override("id"):
        return {msgid: translation.gettext(msgid) for msgid in msgids_in_module()}


def msgids_in_module() -> set[str]:
    found: set[str] = set()
    trees = [ast.parse(path.read_text(encoding="utf-8")) for path in (MODULE_PATH, NAMES_MODULE_PATH)]
    for node in (node for tree in trees for node in ast.walk(tree)):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in {"gettext", "gettext_noop", "gettext_lazy", "ngettext", "pgettext"}
        ):
            first = node.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                found.add(first.value)
    return found


def placeholders(text: str) -> list[str]:
    return sorted(re.findall(r"%\((\w+)\)s", text))


def test_every_message_has_an_indonesian_translation() -> None:
    ids = msgids_in_module()
    assert len(ids) > 30
    untranslated = sorted(msgid for msgid, indonesian in catalogue().items() if indonesian == msgid)
    assert untranslated == ["PDF"]  # the same word in both languages
    # The pieces translated at run time (gettext(kind.description)) are marked with gettext_noop.
    dynamic = {kind.description for kind in evidence_files._KINDS.values()}
    dynamic |= set(evidence_files._FAMILY_NOUNS.values())
    assert dynamic <= ids


def test_translations_keep_the_placeholders() -> None:
    for english, indonesian in catalogue().items():
        assert indonesian.strip(), english
        assert placeholders(english) == placeholders(indonesian), english
        assert "%" not in re.sub(r"%\(\w+\)s", "", indonesian), english


def test_messages_go_through_gettext_when_raised(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(evidence_files, "gettext", lambda text: f"<{text}>")
    error = rejected("laporan.pdf", make_image("PNG"))
    assert error.message == (
        "<The file is named %(extension)s but its content is %(actual)s; upload the real %(expected)s "
        "or rename it.>".replace("%(extension)s", ".pdf")
        .replace("%(actual)s", "<a PNG image>")
        .replace("%(expected)s", "<PDF>")
    )


def test_messages_are_indonesian_by_default() -> None:
    english = "The file is empty; choose the right file and upload it again."
    with translation.override("id"):
        message = rejected("kosong.pdf", b"").message
    assert message == catalogue()[english] != english


def test_sizes_follow_the_active_language_number_format() -> None:
    with translation.override("id"):
        message = rejected("besar.pdf", bytes(3400), max_bytes=2048).message
    assert "3,4 KB" in message
    assert "2 KB" in message


# --------------------------------------------------------------------------- never anything else


SAMPLES = [
    make_pdf(),
    make_image("PNG"),
    make_image("JPEG"),
    make_image("WEBP"),
    make_rotated_jpeg(),
    make_xlsx(),
    make_docx(),
    make_docx(rels_first=True),
    make_pptx(),
    make_xlsm(),
    make_odf("text"),
    make_ole("WordDocument"),
    make_ole("Contents"),
    CSV,
]
NAMES = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["x.pdf", "x.png", "x.jpg", "x.docx", "x.xlsx", "x.doc", "x.ppt", "x.odt", "x.csv", "x"]),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=NAMES, data=st.binary(max_size=4096))
def test_arbitrary_bytes_only_ever_raise_evidence_rejected(name: str, data: bytes) -> None:
    result = outcome(name, data)
    if isinstance(result, EvidenceRejected):
        assert result.message and result.code
    else:
        assert result.original_name and len(result.original_name) <= 200


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    name=NAMES,
    sample=st.sampled_from(SAMPLES),
    cut=st.integers(min_value=1, max_value=100_000),
    flips=st.lists(st.tuples(st.integers(min_value=0), st.integers(min_value=0, max_value=255)), max_size=8),
)
def test_damaged_real_files_only_ever_raise_evidence_rejected(
    name: str, sample: bytes, cut: int, flips: list[tuple[int, int]]
) -> None:
    data = bytearray(sample[: max(1, len(sample) - cut % len(sample))])
    for position, value in flips:
        data[position % len(data)] = value
    result = outcome(name, bytes(data))
    if isinstance(result, EvidenceRejected):
        assert result.message and result.code
    else:
        assert result.sha256 == hashlib.sha256(result.data).hexdigest()


def test_indonesian_catalogue_composes_whole_sentences() -> None:
    """The translated pieces read as one Indonesian sentence."""
    with translation.override("id"):
        mismatch = rejected("laporan.pdf", make_image("PNG")).message
        too_large = rejected("besar.pdf", bytes(3400), max_bytes=2048).message
        unnamed = check("", make_pdf()).original_name
    assert mismatch == (
        "Nama berkas berakhiran .pdf, tetapi isinya gambar PNG; unggah PDF yang sebenarnya atau ganti nama berkasnya."
    )
    assert too_large == "Ukuran berkas 3,4 KB; batas maksimumnya 2 KB."
    assert unnamed == "bukti-dukung.pdf"
