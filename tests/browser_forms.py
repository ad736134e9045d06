"""Read the forms of a page as a browser does, to submit them unchanged.

What a browser sends for a form: every named, enabled control that belongs to it (inside it, or
outside it with ``form="its id"``); text inputs and hidden fields with their value attribute after the
browser's value sanitisation (an ``<input type=date>`` with a value that is not ISO yyyy-mm-dd becomes
empty, as Chromium does; likewise number, time, month, week, datetime-local); checkboxes and radios only
when checked; a select's selected options (a single select without one sends its first option); the text
of a textarea (one leading newline dropped); and the name/value of the button that submits it (the first
submit button, as pressing Enter does). File inputs with no file chosen send nothing.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

_NUMBER = re.compile(r"^-?(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d+)?$")
_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,3})?)?$")
_MONTH = re.compile(r"^\d{4,}-(0[1-9]|1[0-2])$")
_WEEK = re.compile(r"^\d{4,}-W(0[1-9]|[1-4]\d|5[0-3])$")


def _valid_date(text: str) -> bool:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return False
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def sanitised(input_type: str, value: str) -> str:
    """The value a browser keeps for an input of this type (HTML's value sanitisation algorithm)."""
    if input_type in {"text", "search", "tel", "password", "hidden", "url", "email"}:
        return value.replace("\r", "").replace("\n", "") if input_type != "hidden" else value
    if input_type == "date":
        return value if _valid_date(value) else ""
    if input_type == "number":
        return value if _NUMBER.match(value) else ""
    if input_type == "time":
        return value if _TIME.match(value) else ""
    if input_type == "month":
        return value if _MONTH.match(value) else ""
    if input_type == "week":
        return value if _WEEK.match(value) else ""
    if input_type == "datetime-local":
        date, _, time = value.partition("T")
        return value if _valid_date(date) and _TIME.match(time) else ""
    return value


@dataclass
class Control:
    tag: str
    attrs: dict[str, str]
    options: list[tuple[str, bool]] = field(default_factory=list)  # select: (value, selected)
    text: str = ""  # textarea

    @property
    def name(self) -> str:
        return self.attrs.get("name", "")

    @property
    def kind(self) -> str:
        if self.tag == "input":
            return self.attrs.get("type", "text").lower()
        if self.tag == "button":
            return self.attrs.get("type", "submit").lower()
        return self.tag


@dataclass
class Form:
    attrs: dict[str, str]
    index: int
    controls: list[Control] = field(default_factory=list)

    @property
    def method(self) -> str:
        return self.attrs.get("method", "get").lower()

    @property
    def action(self) -> str:
        return self.attrs.get("action", "")

    @property
    def command(self) -> str | None:
        return self.attrs.get("data-command")

    @property
    def has_file(self) -> bool:
        return any(c.kind == "file" for c in self.controls)

    def data(self) -> list[tuple[str, str]]:
        """The (name, value) pairs this form submits untouched, in document order."""
        pairs: list[tuple[str, str]] = []
        submitter = next((c for c in self.controls if c.kind == "submit" and "disabled" not in c.attrs), None)
        for control in self.controls:
            if not control.name or "disabled" in control.attrs:
                continue
            kind = control.kind
            if kind in {"submit", "image", "reset", "button"}:
                if control is submitter:
                    pairs.append((control.name, control.attrs.get("value", "")))
            elif kind in {"checkbox", "radio"}:
                if "checked" in control.attrs:
                    pairs.append((control.name, control.attrs.get("value", "on")))
            elif kind == "file":
                continue
            elif kind == "select":
                chosen = [value for value, selected in control.options if selected]
                if not chosen and "multiple" not in control.attrs and control.options:
                    chosen = [control.options[0][0]]
                pairs.extend((control.name, value) for value in chosen)
            elif kind == "textarea":
                text = control.text[1:] if control.text.startswith("\n") else control.text
                pairs.append((control.name, text.replace("\r\n", "\n")))
            else:
                pairs.append((control.name, sanitised(kind, control.attrs.get("value", ""))))
        return pairs


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self.by_id: dict[str, Form] = {}
        self.open_form: Form | None = None
        self.pending: list[Control] = []  # controls with form="id" seen before that form
        self.select: Control | None = None
        self.option: list[str] | None = None
        self.option_attrs: dict[str, str] = {}
        self.textarea: Control | None = None

    def _owner(self, attrs: dict[str, str]) -> Form | None:
        if "form" in attrs:
            return self.by_id.get(attrs["form"])
        return self.open_form

    def _add(self, control: Control) -> None:
        owner = self._owner(control.attrs)
        if owner is not None:
            owner.controls.append(control)
        elif "form" in control.attrs:
            self.pending.append(control)

    def handle_starttag(self, tag: str, raw: list[tuple[str, str | None]]) -> None:
        attrs = {k: (v if v is not None else "") for k, v in raw}
        if tag == "form":
            form = Form(attrs, len(self.forms))
            self.forms.append(form)
            if "id" in attrs:
                self.by_id[attrs["id"]] = form
            self.open_form = form
        elif tag in {"input", "button"}:
            self._add(Control(tag, attrs))
        elif tag == "select":
            self.select = Control(tag, attrs)
            self._add(self.select)
        elif tag == "option" and self.select is not None:
            self._close_option()
            self.option, self.option_attrs = [], attrs
        elif tag == "textarea":
            self.textarea = Control(tag, attrs)
            self._add(self.textarea)

    def _close_option(self) -> None:
        if self.option is not None and self.select is not None:
            value = self.option_attrs.get("value", " ".join("".join(self.option).split()))
            self.select.options.append((value, "selected" in self.option_attrs))
        self.option = None

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.open_form = None
        elif tag == "option":
            self._close_option()
        elif tag == "select":
            self._close_option()
            self.select = None
        elif tag == "textarea":
            self.textarea = None

    def handle_data(self, data: str) -> None:
        if self.textarea is not None:
            self.textarea.text += data
        elif self.option is not None:
            self.option.append(data)

    def close(self) -> None:
        super().close()
        for control in self.pending:  # form="id" pointing forward in the document
            owner = self.by_id.get(control.attrs["form"])
            if owner is not None:
                owner.controls.append(control)


def forms_of(html: str) -> list[Form]:
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return reader.forms
