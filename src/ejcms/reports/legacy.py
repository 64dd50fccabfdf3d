"""Historic cases from an office's earlier paper or Excel register, for the statistics baseline:
the template and reading a filled-in file.

The office fills in the template (one row a case; .xlsx or CSV), uploads it, and reads the report
row by row (`legacy_rows`); nothing is written to the cases until the report is clean, or until
the user chooses to import only the valid rows (`legacy_services`).

The column headings are fixed texts in Lao and in English, not translations: a filled-in template
must still be read after the interface's wording changes. The values of the closed lists may be
written as their code, or as their label in Lao or English.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any
from zipfile import BadZipFile

from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from ejcms.cases.choices import DecisionKind, ObligationKind, Outcome
from ejcms.core.errors import ApplicationError
from ejcms.core.text import search_key
from ejcms.core.uploads import MAX_UPLOAD_BYTES
from ejcms.org.models import Court

# A file of 20.000 rows of Lao is about 6 MB as CSV (UTF-8 takes 3 bytes a Lao letter), 1.5 MB
# as .xlsx: the limit is the one of every upload (core.uploads).
MAX_BYTES = MAX_UPLOAD_BYTES
MAX_ROWS = 20_000
# Rows before the first data row in which the column headings are looked for.
HEADER_SEARCH_ROWS = 10
# A sheet formatted far below its data ends after this many empty rows in a row.
MAX_BLANK_RUN = 1000


# ---------------------------------------------------------------- the columns


@dataclass(frozen=True)
class Column:
    key: str
    lo: str
    en: str
    help_lo: str
    help_en: str
    # Optional columns may be left out of the file altogether; the others must have a heading.
    optional: bool = False
    aliases: tuple[str, ...] = ()


COLUMNS: list[Column] = [
    Column(
        "register_number",
        "ເລກທີລົງທະບຽນ",
        "Register number",
        "ເລກທີຂອງຄະດີ ໃນປຶ້ມບັນທຶກຂອງຫ້ອງການ (ຕົວເລກ).",
        "The case's number in the office's register (a whole number).",
    ),
    Column(
        "register_year",
        "ປີລົງທະບຽນ",
        "Register year",
        "ປີຂອງເລກທີລົງທະບຽນ, ຕົວຢ່າງ 2019.",
        "The year of the register number, e.g. 2019.",
    ),
    Column(
        "received_on",
        "ວັນທີໄດ້ຮັບ",
        "Date received",
        "ວັນທີທີ່ຫ້ອງການໄດ້ຮັບຄຳຕັດສິນຂອງສານ: ວວ/ດດ/ປປປປ ຫຼື ປປປປ-ດດ-ວວ.",
        "The date the office received the decision: dd/mm/yyyy or yyyy-mm-dd.",
        aliases=("received on", "date of receipt"),
    ),
    Column(
        "court",
        "ສານ",
        "Court",
        "ຊື່ສານ ຫຼື ລະຫັດສານ ຕາມແຜ່ນ “ສານ”.",
        "The court's name, or its code, as on the Courts sheet.",
    ),
    Column(
        "decision_number",
        "ເລກທີຄຳຕັດສິນ",
        "Decision number",
        "ເລກທີຄຳຕັດສິນຂອງສານ, ຕົວຢ່າງ 45/ສປ.",
        "The number of the court decision, e.g. 45/ສປ.",
    ),
    Column(
        "decided_on",
        "ວັນທີຄຳຕັດສິນ",
        "Decision date",
        "ວັນທີຂອງຄຳຕັດສິນ.",
        "The date of the decision.",
        aliases=("date of the decision",),
    ),
    Column(
        "final_on",
        "ວັນທີໃຊ້ໄດ້ຢ່າງເດັດຂາດ",
        "Date final",
        "ວັນທີທີ່ຄຳຕັດສິນໃຊ້ໄດ້ຢ່າງເດັດຂາດ.",
        "The date the decision became final.",
        aliases=("date it became final",),
    ),
    Column(
        "decision_kind",
        "ປະເພດຄຳຕັດສິນ",
        "Decision kind",
        "ປະເພດຂອງຄຳຕັດສິນ: ຊື່ ຫຼື ລະຫັດ ຕາມລາຍການ.",
        "The kind of decision: its name or code, from the list.",
        aliases=("kind of decision",),
    ),
    Column(
        "creditor_name_lo",
        "ຊື່ເຈົ້າໜີ້ (ພາສາລາວ)",
        "Creditor name (Lao)",
        "ຊື່ ແລະ ນາມສະກຸນ ຂອງເຈົ້າໜີ້ ເປັນພາສາລາວ. ປະໄວ້ຫວ່າງໄດ້ ເມື່ອພັນທະແມ່ນຄ່າປັບໃໝ, ເງິນຮິບ ຫຼື ຄ່າທຳນຽມສານ.",
        "The judgment creditor's name in Lao. May be empty when the obligation is a fine, "
        "confiscation or court fees (they go to the state).",
    ),
    Column(
        "creditor_name_latin",
        "ຊື່ເຈົ້າໜີ້ (ອັກສອນລາແຕັງ)",
        "Creditor name (Latin)",
        "ຊື່ເຈົ້າໜີ້ ເປັນອັກສອນລາແຕັງ (ບໍ່ບັງຄັບ).",
        "The creditor's name in Latin script (optional).",
        optional=True,
        aliases=("creditor name (latin, optional)",),
    ),
    Column(
        "debtor_name_lo",
        "ຊື່ຜູ້ຖືກປະຕິບັດຄຳຕັດສິນຂອງສານ (ພາສາລາວ)",
        "Debtor name (Lao)",
        "ຊື່ ແລະ ນາມສະກຸນ ຂອງຜູ້ຖືກປະຕິບັດຄຳຕັດສິນຂອງສານ ເປັນພາສາລາວ.",
        "The name of the person subject to enforcement, in Lao.",
    ),
    Column(
        "debtor_name_latin",
        "ຊື່ຜູ້ຖືກປະຕິບັດຄຳຕັດສິນຂອງສານ (ອັກສອນລາແຕັງ)",
        "Debtor name (Latin)",
        "ຊື່ຜູ້ຖືກປະຕິບັດຄຳຕັດສິນຂອງສານ ເປັນອັກສອນລາແຕັງ (ບໍ່ບັງຄັບ).",
        "The debtor's name in Latin script (optional).",
        optional=True,
        aliases=("debtor name (latin, optional)",),
    ),
    Column(
        "obligation_kind",
        "ປະເພດພັນທະ",
        "Obligation kind",
        "ສິ່ງທີ່ຄຳຕັດສິນບັງຄັບໃຫ້ປະຕິບັດ: ຊື່ ຫຼື ລະຫັດ ຕາມລາຍການ.",
        "What the decision requires: its name or code, from the list.",
        aliases=("obligation",),
    ),
    Column(
        "amount",
        "ຈຳນວນເງິນ",
        "Amount",
        "ຈຳນວນເງິນທີ່ຕ້ອງຊຳລະ ເປັນຕົວເລກ, ສຳລັບພັນທະທີ່ເປັນເງິນ; ປະໄວ້ຫວ່າງ ສຳລັບພັນທະອື່ນ.",
        "The amount due, in digits, for obligations to pay money; empty for the others.",
        aliases=("amount due",),
    ),
    Column(
        "currency",
        "ສະກຸນເງິນ",
        "Currency",
        "ສະກຸນເງິນຂອງຈຳນວນເງິນ.",
        "The currency of the amount.",
    ),
    Column(
        "status",
        "ສະຖານະ",
        "Status",
        "ຄະດີຍັງເປີດຢູ່ ຫຼື ປິດແລ້ວ.",
        "Whether the case is still open or closed.",
    ),
    Column(
        "closed_on",
        "ວັນທີປິດ",
        "Date closed",
        "ວັນທີປິດການປະຕິບັດຄຳຕັດສິນຂອງສານ; ສະເພາະຄະດີທີ່ປິດແລ້ວ.",
        "The date enforcement was closed; only for closed cases.",
        aliases=("closed on",),
    ),
    Column(
        "outcome",
        "ຜົນຂອງການປະຕິບັດ",
        "Outcome",
        "ຜົນຂອງການປະຕິບັດຄຳຕັດສິນ: ຊື່ ຫຼື ລະຫັດ ຕາມລາຍການ; ສະເພາະຄະດີທີ່ປິດແລ້ວ.",
        "How enforcement ended: its name or code, from the list; only for closed cases.",
    ),
    Column(
        "amount_recovered",
        "ຈຳນວນເງິນທີ່ໄດ້ຮັບຊຳລະ",
        "Amount recovered",
        "ຈຳນວນເງິນທີ່ໄດ້ຮັບຊຳລະແລ້ວ, ໃນສະກຸນເງິນດຽວກັນ (ບໍ່ບັງຄັບ).",
        "The amount recovered, in the same currency (optional).",
        optional=True,
        aliases=("amount recovered (optional)", "recovered"),
    ),
]
COLUMN = {column.key: column for column in COLUMNS}
DATE_COLUMNS = ("received_on", "decided_on", "final_on", "closed_on")

# The closed lists that are not choices of a model: (code, Lao, English, other spellings).
CURRENCIES = [
    ("LAK", "ກີບ", "kip", ("ເງິນກີບ",)),
    ("USD", "ໂດລາສະຫະລັດ", "US dollars", ("ໂດລາ", "dollar", "dollars", "us dollar")),
    ("THB", "ບາດ", "baht", ("ເງິນບາດ",)),
]
STATUSES = [
    ("open", "ເປີດ", "open", ("ຍັງເປີດ", "ຍັງບໍ່ປິດ", "ກຳລັງປະຕິບັດ", "ongoing", "pending")),
    ("closed", "ປິດ", "closed", ("ປິດແລ້ວ",)),
]
CHOICES: dict[str, Any] = {
    "decision_kind": DecisionKind,
    "obligation_kind": ObligationKind,
    "outcome": Outcome,
}


def fold(text: str) -> str:
    """How headings and list values are compared: either spelling, any case, tidy spaces."""
    return " ".join(search_key(text).split()).strip(" .:*")


def allowed_values(key: str) -> list[tuple[str, str, str]]:
    """(code, Lao, English) of each value a list column accepts."""
    if key == "currency":
        return [(code, lo, en) for code, lo, en, _other in CURRENCIES]
    if key == "status":
        return [(code, lo, en) for code, lo, en, _other in STATUSES]
    values = []
    for choice in CHOICES[key]:
        with translation.override("lo"):
            lo = str(choice.label)
        with translation.override("en"):
            en = str(choice.label)
        values.append((str(choice.value), lo, en))
    return values


def value_index(key: str) -> dict[str, str]:
    index: dict[str, str] = {}
    extra: list[tuple[str, tuple[str, ...]]] = []
    if key == "currency":
        extra = [(code, other) for code, _lo, _en, other in CURRENCIES]
    elif key == "status":
        extra = [(code, other) for code, _lo, _en, other in STATUSES]
    for code, lo, en in allowed_values(key):
        for text in (code, lo, en):
            index[fold(text)] = code
    for code, others in extra:
        for text in others:
            index[fold(text)] = code
    return index


def _header_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for column in COLUMNS:
        for text in (column.key, column.lo, column.en, *column.aliases):
            index[fold(text)] = column.key
    return index


# ---------------------------------------------------------------- the template

EXAMPLE: dict[str, Any] = {
    "register_number": 12,
    "register_year": 2019,
    "received_on": date(2019, 3, 4),
    "court": "ສານປະຊາຊົນນະຄອນຫຼວງວຽງຈັນ",
    "decision_number": "45/ສປ",
    "decided_on": date(2019, 1, 10),
    "final_on": date(2019, 2, 14),
    "decision_kind": DecisionKind.CIVIL,
    "creditor_name_lo": "ນາງ ແສງເດືອນ ວົງສາ",
    "creditor_name_latin": "Sengdeuane Vongsa",
    "debtor_name_lo": "ທ່ານ ສີສະຫວາດ ພົມມະຈັນ",
    "debtor_name_latin": "Sisavath Phommachanh",
    "obligation_kind": ObligationKind.PAY_MONEY,
    "amount": 15_000_000,
    "currency": "LAK",
    "status": "closed",
    "closed_on": date(2019, 11, 20),
    "outcome": Outcome.FULLY_ENFORCED,
    "amount_recovered": 15_000_000,
}


def _example_cells(as_text: bool) -> list[Any]:
    """The example row as an office would type it: Lao labels, real dates (or dd/mm/yyyy)."""
    cells: list[Any] = []
    for column in COLUMNS:
        value = EXAMPLE[column.key]
        if column.key in CHOICES or column.key == "status":
            lao = {code: lo for code, lo, _en in allowed_values(column.key)}
            value = lao[str(value)]
        elif isinstance(value, date) and as_text:
            value = value.strftime("%d/%m/%Y")
        cells.append(value)
    return cells


def template_xlsx() -> bytes:
    """The template: headings in Lao with English under them, one example row, a sheet that
    explains every column, and the list of courts with their codes."""
    book = Workbook()
    sheet = book.active
    sheet.title = "ຄະດີ (Cases)"
    sheet.append([c.lo for c in COLUMNS])
    sheet.append([c.en for c in COLUMNS])
    sheet.append(_example_cells(as_text=False))
    heading = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDE7F0")
    for index, column in enumerate(COLUMNS, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = max(14, min(40, len(column.lo) + 6))
        for row in (1, 2):
            cell = sheet.cell(row=row, column=index)
            cell.font = heading if row == 1 else Font(italic=True)
            cell.fill = fill
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        if column.key in DATE_COLUMNS:
            sheet.cell(row=3, column=index).number_format = "DD/MM/YYYY"
        elif column.key in ("amount", "amount_recovered"):
            sheet.cell(row=3, column=index).number_format = "#,##0"
    sheet.freeze_panes = "A3"

    notes = book.create_sheet("ຄຳອະທິບາຍ (Explanations)")
    notes.append(
        [
            "ຖັນ",
            "Column",
            "ບັງຄັບ / Required",
            "ຄຳອະທິບາຍ",
            "Explanation",
            "ຄ່າທີ່ໃຊ້ໄດ້",
            "Allowed values",
        ]
    )
    for column in COLUMNS:
        required = "ບໍ່ບັງຄັບ / optional" if column.optional else "ບັງຄັບ / required"
        if column.key in ("creditor_name_lo", "amount", "currency", "closed_on", "outcome"):
            required = "ບາງກໍລະນີ / depends"
        allowed_lo = allowed_en = ""
        if column.key in CHOICES or column.key in ("currency", "status"):
            values = allowed_values(column.key)
            allowed_lo = "\n".join(f"{lo} ({code})" for code, lo, _en in values)
            allowed_en = "\n".join(f"{en} ({code})" for code, _lo, en in values)
        elif column.key in DATE_COLUMNS:
            allowed_lo, allowed_en = "31/03/2025, 2025-03-31", "31/03/2025, 2025-03-31"
        elif column.key == "court":
            allowed_lo, allowed_en = "ເບິ່ງແຜ່ນ “ສານ”", "See the Courts sheet"
        notes.append(
            [
                column.lo,
                column.en,
                required,
                column.help_lo,
                column.help_en,
                allowed_lo,
                allowed_en,
            ]
        )
    notes.append([])
    notes.append(
        [
            "ໝາຍເຫດ",
            "Note",
            "",
            "ໜຶ່ງແຖວ ແມ່ນໜຶ່ງຄະດີ. ລຶບແຖວຕົວຢ່າງອອກ ກ່ອນນຳເຂົ້າ. ໄຟລ໌ CSV ຕ້ອງບັນທຶກເປັນ CSV UTF-8.",
            "One row is one case. Delete the example row before importing. "
            "A CSV file must be saved as CSV UTF-8.",
        ]
    )
    for letter, width in zip("ABCDEFG", (30, 24, 18, 50, 50, 40, 40), strict=True):
        notes.column_dimensions[letter].width = width
    for row in notes.iter_rows():
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for cell in notes[1]:
        cell.font = heading
        cell.fill = fill

    courts = book.create_sheet("ສານ (Courts)")
    courts.append(["ລະຫັດ / Code", "ຊື່ສານ", "Court", "ຍັງໃຊ້ຢູ່ / Active"])
    for court in Court.objects.order_by("-is_active", "level", "name_lo"):
        courts.append([court.pk, court.name_lo, court.name_en, "✓" if court.is_active else ""])
    for letter, width in zip("ABCD", (14, 50, 50, 16), strict=True):
        courts.column_dimensions[letter].width = width
    for cell in courts[1]:
        cell.font = heading
        cell.fill = fill
    courts.freeze_panes = "A2"

    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def template_csv() -> bytes:
    """The same columns as CSV, in UTF-8 with a byte order mark so that Excel shows Lao."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([c.lo for c in COLUMNS])
    writer.writerow([c.en for c in COLUMNS])
    writer.writerow(_example_cells(as_text=True))
    return out.getvalue().encode("utf-8-sig")


# ---------------------------------------------------------------- reading a file


@dataclass
class ParsedFile:
    """The data rows of a file: (row number as the spreadsheet shows it, values by column)."""

    rows: list[tuple[int, dict[str, Any]]]


def _file_error(message: str) -> ApplicationError:
    return ApplicationError({"file": message})


def _xlsx_rows(data: bytes) -> Iterator[tuple[Any, ...]]:
    if not data.startswith(b"PK\x03\x04"):
        raise _file_error(_("This file is not an Excel workbook, although its name ends in .xlsx."))
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = book.worksheets[0]
        yield from sheet.iter_rows(values_only=True)
    except (InvalidFileException, BadZipFile, OSError, KeyError, ValueError, IndexError) as exc:
        raise _file_error(
            _("This file is not an Excel workbook, although its name ends in .xlsx.")
        ) from exc


def _csv_rows(data: bytes) -> Iterator[tuple[Any, ...]]:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        # Excel's "Unicode text": UTF-16, separated by tabs.
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise _file_error(
                _("This file is not a CSV text file, although its name ends in .csv.")
            ) from exc
    else:
        if data.startswith((b"PK\x03\x04", b"MZ", b"%PDF", b"\xd0\xcf\x11\xe0")) or b"\0" in data:
            raise _file_error(
                _("This file is not a CSV text file, although its name ends in .csv.")
            )
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise _file_error(
                _(
                    "The CSV file is not in UTF-8, so its Lao cannot be read. "
                    "In Excel, save it as “CSV UTF-8”."
                )
            ) from exc
    first_line = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first_line.count)
    try:
        yield from (tuple(row) for row in csv.reader(io.StringIO(text), delimiter=delimiter))
    except csv.Error as exc:  # e.g. a cell longer than the csv module reads
        raise _file_error(
            _("This file is not a CSV text file, although its name ends in .csv.")
        ) from exc


def _blank(values: Iterable[Any]) -> bool:
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in values)


def _header_map(values: tuple[Any, ...], index: dict[str, str]) -> dict[int, str]:
    """Which column each heading cell names; a cell may hold the Lao and English together
    ("ເລກທີລົງທະບຽນ / Register number", or on two lines)."""
    found: dict[int, str] = {}
    for position, value in enumerate(values):
        if value is None:
            continue
        text = str(value)
        candidates = [text, *re.split(r"\n|/|\|", text)]
        for candidate in candidates:
            key = index.get(fold(candidate))
            if key is not None and key not in found.values():
                found[position] = key
                break
    return found


def parse(file_name: str, data: bytes) -> ParsedFile:
    """Read the rows of an .xlsx or .csv file, or raise ApplicationError on "file"."""
    name = (file_name or "").lower().strip()
    if len(data) > MAX_BYTES:
        raise _file_error(
            _("The file is larger than %(size)s MB: split it into several files.")
            % {"size": MAX_BYTES // (1024 * 1024)}
        )
    if name.endswith(".xls"):
        raise _file_error(
            _(
                "Old Excel files (.xls) cannot be read: in Excel, save the file as "
                "“Excel Workbook (.xlsx)” or “CSV UTF-8”."
            )
        )
    if name.endswith(".xlsx"):
        reader = _xlsx_rows
    elif name.endswith(".csv"):
        reader = _csv_rows
    else:
        raise _file_error(_("Only .xlsx and .csv files can be imported."))
    if not data.strip():
        raise _file_error(_("The file is empty."))

    index = _header_index()
    mapping: dict[int, str] = {}
    rows: list[tuple[int, dict[str, Any]]] = []
    blank_run = 0
    for number, values in enumerate(reader(data), start=1):
        if not rows:
            # The headings: the first row naming several columns (a title may stand above it),
            # and a second such row under it (the English under the Lao), which may name
            # columns the first did not.
            found = _header_map(values, index)
            if len(found) >= 5:
                for position, key in found.items():
                    if key not in mapping.values() and position not in mapping:
                        mapping[position] = key
                continue
            if not mapping:
                if number >= HEADER_SEARCH_ROWS:
                    break
                continue
        if _blank(values):
            blank_run += 1
            if blank_run >= MAX_BLANK_RUN:
                break
            continue
        blank_run = 0
        if len(rows) >= MAX_ROWS:
            raise _file_error(
                _("The file has more than %(count)s rows: split it into several files.")
                % {"count": MAX_ROWS}
            )
        rows.append(
            (number, {key: values[pos] for pos, key in mapping.items() if pos < len(values)})
        )
    if not mapping:
        raise _file_error(
            _(
                "The column headings of the template were not found in the first rows of the "
                "first sheet. Download the template and copy the data into it."
            )
        )
    missing = [c for c in COLUMNS if not c.optional and c.key not in mapping.values()]
    if missing:
        raise _file_error(
            _("Columns missing: %(columns)s. Download the template and copy the data into it.")
            % {"columns": ", ".join(f"{c.lo} ({c.en})" for c in missing)}
        )
    if not rows:
        raise _file_error(_("The file has no rows of cases under the headings."))
    return ParsedFile(rows=rows)
