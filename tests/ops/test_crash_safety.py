"""Crash safety: the server killed with SIGKILL, as a power cut or `kill -9` kills it, in the
middle of a bulk import of historic cases and in the middle of a payment. After a restart the
database is consistent, nothing half-done is left, the audit chain is intact, and doing the act
again completes it exactly once.

Real processes and a real SIGKILL: a throwaway installation in a temporary folder (SQLite, or a
PostgreSQL database of its own when the suite runs on PostgreSQL), served by `ejcms serve` and
driven through its HTML forms with a login and the CSRF token, as a browser does. The moment of
death is either chosen exactly, by a crash point (ejcms.core.faults, EJCMS_CRASH_AT), or found
from outside by watching the database until the import's transaction is under way."""

from __future__ import annotations

import csv
import hashlib
import http.client
import io
import json
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from http.cookiejar import CookieJar
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import psycopg
import pytest

from ejcms.reports.legacy import COLUMNS
from tests.conftest import PASSWORD

OFFICE = "0101"
HEAD = "head-0101"
COURT = "ສານປະຊາຊົນນະຄອນຫຼວງວຽງຈັນ"
# The historic register whose import is killed: big enough that importing it takes seconds.
IMPORT_YEAR, IMPORT_ROWS = 2018, 2000
# Three open cases of an earlier register, imported when the installation is made: the cases
# the payments are recorded in (15,000,000 kip due in each).
PAYMENT_YEAR, PAYMENT_CASES, DUE = 2016, 3, 15_000_000
# Rows a request may leave behind without being part of the act: the login's session and the
# login records of django-axes.
NOT_COUNTED = ("django_session", "axes_accessattempt", "axes_accesslog", "axes_accessfailurelog")
SECONDS = 60  # the longest any one step may take before the test gives up
EJCMS = (sys.executable, "-m", "ejcms.cli")  # the `ejcms` command of this environment


# ---------------------------------------------------------------- the files


def register_file(year: int, rows: int, *, open_only: bool = False) -> bytes:
    """An office's earlier register as the CSV template has it: Lao headings, then the cases,
    half of them closed (fully enforced), half still open."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([column.lo for column in COLUMNS])
    for number in range(1, rows + 1):
        closed = not open_only and number % 2 == 0
        values: dict[str, Any] = {
            "register_number": number,
            "register_year": year,
            "received_on": f"02/03/{year}",
            "court": COURT,
            "decision_number": f"{number}/{year}/ສປ",
            "decided_on": f"{year}-01-15",
            "final_on": f"14/02/{year}",
            "decision_kind": "civil",
            "creditor_name_lo": "ນາງ ແສງເດືອນ ວົງສາ",
            "creditor_name_latin": "Sengdeuane Vongsa",
            "debtor_name_lo": f"ທ່ານ ສີສະຫວາດ ພົມມະຈັນ {number}",
            "debtor_name_latin": f"Sisavath Phommachanh {number}",
            "obligation_kind": "pay_money",
            "amount": DUE,
            "currency": "LAK",
            "status": "ປິດ" if closed else "ເປີດ",
            "closed_on": f"20/11/{year}" if closed else "",
            "outcome": "fully_enforced" if closed else "",
            "amount_recovered": DUE if closed else "",
        }
        writer.writerow([values.get(column.key, "") for column in COLUMNS])
    return out.getvalue().encode("utf-8-sig")


# ---------------------------------------------------------------- the installation's database


def _regexp(pattern: str, value: Any) -> bool:
    # As Django gives SQLite: the CHECK constraints of the ledger use REGEXP, and
    # PRAGMA integrity_check evaluates them.
    return value is not None and re.search(pattern, str(value)) is not None


class Database:
    """The installation's database, read by the test directly: the test process's own Django is
    connected to the suite's database, which the server cannot see."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.sqlite = url.startswith("sqlite:///")
        # SQLite: the file. PostgreSQL: the database's name (the URL is psycopg's conninfo).
        self.name = url.removeprefix("sqlite:///") if self.sqlite else url.rsplit("/", 1)[1]
        self._pg: psycopg.Connection[Any] | None = None

    # PostgreSQL: a database of its own, made and dropped by the test.
    def _server(self) -> psycopg.Connection[Any]:
        return psycopg.connect(self.url.rsplit("/", 1)[0] + "/postgres", autocommit=True)

    def create(self) -> None:
        if not self.sqlite:
            with self._server() as server:
                server.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
                server.execute(f'CREATE DATABASE "{self.name}"')

    def drop(self) -> None:
        if self._pg is not None:
            self._pg.close()
        if not self.sqlite:
            with self._server() as server:
                server.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')

    def rows(self, sql: str, *params: Any) -> list[tuple[Any, ...]]:
        if self.sqlite:
            # A connection per query: every read sees what is committed now.
            connection = sqlite3.connect(self.name, timeout=SECONDS)
            connection.create_function("REGEXP", 2, _regexp, deterministic=True)
            try:
                return connection.execute(sql.replace("%s", "?"), params).fetchall()
            finally:
                connection.close()
        if self._pg is None:
            self._pg = psycopg.connect(self.url, autocommit=True)
        return self._pg.execute(sql, params).fetchall()

    def value(self, sql: str, *params: Any) -> Any:
        found = self.rows(sql, *params)
        return found[0][0] if found else None

    def problems(self) -> list[str]:
        """What is wrong with the database as a whole: a damaged file, a row that points to no
        row. Empty when it is consistent."""
        if self.sqlite:
            found = [r[0] for r in self.rows("PRAGMA integrity_check") if r[0] != "ok"]
            found += [f"foreign key: {r}" for r in self.rows("PRAGMA foreign_key_check")]
            return found
        # PostgreSQL enforces them at each commit; checked anyway, every foreign key.
        found = []
        keys = self.rows(
            """SELECT c.conrelid::regclass::text, a.attname, c.confrelid::regclass::text,
                      f.attname
               FROM pg_constraint c
               JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
               JOIN pg_attribute f ON f.attrelid = c.confrelid AND f.attnum = c.confkey[1]
               WHERE c.contype = 'f' AND cardinality(c.conkey) = 1"""
        )
        assert len(keys) > 50, "the foreign keys of the schema were not found"
        for table, column, target, target_column in keys:
            orphans = self.value(
                f'SELECT count(*) FROM {table} t WHERE t."{column}" IS NOT NULL AND NOT EXISTS '
                f'(SELECT 1 FROM {target} p WHERE p."{target_column}" = t."{column}")'
            )
            if orphans:
                found.append(f"{table}.{column}: {orphans} rows point to no {target}")
        return found

    def counts(self) -> dict[str, int]:
        """Rows in every table (but the login's), to show that a killed act left nothing."""
        if self.sqlite:
            tables = self.rows(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        else:
            tables = self.rows("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        return {
            table: self.value(f'SELECT count(*) FROM "{table}"')
            for (table,) in tables
            if table not in NOT_COUNTED
        }

    def state(self) -> dict[str, Any]:
        """What a killed act must leave as it was: the rows of every table, and the register
        and receipt counters of every office."""
        return {
            "rows": self.counts(),
            "counters": [
                self.rows(f"SELECT office_id, year, last_number FROM {table} ORDER BY 1, 2")
                for table in ("cases_registercounter", "finance_receiptcounter")
            ],
        }

    def import_under_way(self) -> bool:
        """Whether a transaction of the import is writing now, seen from outside.

        PostgreSQL: another session holds the lock that inserting cases takes, and keeps it
        until it commits; so the import has written its first cases and not committed.
        SQLite: another connection holds the write lock (the server takes it when a transaction
        begins); the caller waits until it is held for a while, which only the import does."""
        if not self.sqlite:
            return bool(
                self.value(
                    """SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
                       WHERE l.database = (SELECT oid FROM pg_database
                                           WHERE datname = current_database())
                         AND c.relname = 'cases_enforcementcase'
                         AND l.mode = 'RowExclusiveLock' AND l.granted
                         AND l.pid <> pg_backend_pid()"""
                )
            )
        probe = sqlite3.connect(self.name, timeout=0, isolation_level=None)
        try:
            probe.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            if "locked" in str(error) or "busy" in str(error):
                return True
            raise
        else:
            probe.execute("ROLLBACK")
            return False
        finally:
            probe.close()

    def id_key(self, key: uuid.UUID) -> Any:
        """An idempotency key as the database stores it (SQLite: 32 hex digits)."""
        return key.hex if self.sqlite else key


# ---------------------------------------------------------------- processes


@dataclass
class Installation:
    root: Path
    db: Database

    def env(self, **extra: str) -> dict[str, str]:
        # Nothing of the suite's own configuration leaks into the installation.
        env = {
            name: value
            for name, value in os.environ.items()
            if not name.startswith("EJCMS_")
            and name not in ("DJANGO_ALLOW_ASYNC_UNSAFE", "DJANGO_SETTINGS_MODULE")
        }
        # A development installation, as `ejcms serve` runs out of the box (DEBUG on: the pages
        # need no collected static files, which `ejcms setup` would spend seconds compressing).
        env.update(EJCMS_VAR_DIR=str(self.root), EJCMS_ENV="development", **extra)
        if not self.db.sqlite:
            env["EJCMS_DATABASE_URL"] = self.db.url
        return env

    def ejcms(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(
            [*EJCMS, *args],
            env=self.env(),
            cwd=self.root,
            capture_output=True,
            text=True,
            timeout=SECONDS * 2,
        )
        if check:
            assert done.returncode == 0, f"ejcms {' '.join(args)}:\n{done.stdout}\n{done.stderr}"
        return done

    def verify_audit(self) -> None:
        done = self.ejcms("verify-audit")
        assert "audit chain intact" in done.stdout


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """`ejcms serve` in a process of its own, optionally told where to crash."""

    def __init__(self, installation: Installation, crash_at: str = "") -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = installation.root / f"server-{self.port}.log"
        extra = {"EJCMS_CRASH_AT": crash_at} if crash_at else {}
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                [*EJCMS, "serve", "--host", "127.0.0.1", "--port", str(self.port), "--no-worker"],
                env=installation.env(**extra),
                cwd=installation.root,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + SECONDS
        while True:
            assert self.process.poll() is None, f"the server did not start:\n{self.output()}"
            try:
                with urllib.request.urlopen(f"{self.base}/login/", timeout=5) as answer:
                    if answer.status == 200:
                        return
            except OSError:
                pass
            assert time.monotonic() < deadline, f"the server did not answer:\n{self.output()}"
            time.sleep(0.1)

    def output(self) -> str:
        return self.log.read_text(errors="replace")[-4000:]

    def kill(self) -> None:
        os.kill(self.process.pid, signal.SIGKILL)
        self.assert_killed()

    def assert_killed(self) -> None:
        """The process is gone, and SIGKILL is what ended it (not an error, not an exit)."""
        code = self.process.wait(timeout=SECONDS)
        assert code == -signal.SIGKILL, f"ended with {code}, not SIGKILL:\n{self.output()}"

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


@dataclass
class Answer:
    status: int
    location: str
    text: str


class _Form(HTMLParser):
    """The fields of the forms of a page, with the values they are shown with."""

    def __init__(self) -> None:
        super().__init__()
        self.values: dict[str, str] = {}
        self._select = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "input" and a.get("name") and a.get("type") not in ("checkbox", "radio"):
            self.values.setdefault(a["name"], a.get("value", ""))
        elif tag == "select":
            self._select = a.get("name", "")
            self.values.setdefault(self._select, "")
        elif tag == "option" and self._select and "selected" in a:
            self.values[self._select] = a.get("value", "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = ""


def form_values(page: str) -> dict[str, str]:
    parser = _Form()
    parser.feed(page)
    return parser.values


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


class Browser:
    """What a browser does with the forms: cookies (the session survives the server's
    restart, being in the database), the CSRF token, no redirects followed."""

    def __init__(self) -> None:
        self.base = ""
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(CookieJar()), _NoRedirect()
        )

    def to(self, server: Any) -> Any:
        """Talk to this server from now on (the cookies are kept); returns it."""
        self.base = server.base
        return server

    def _open(self, request: urllib.request.Request) -> Answer:
        try:
            with self.opener.open(request, timeout=SECONDS * 2) as answer:
                return Answer(answer.status, "", answer.read().decode())
        except urllib.error.HTTPError as answer:
            return Answer(answer.code, answer.headers.get("Location", ""), answer.read().decode())

    def get(self, path: str) -> Answer:
        return self._open(urllib.request.Request(self.base + path))

    def post(
        self, path: str, fields: dict[str, str], file: tuple[str, bytes] | None = None
    ) -> Answer:
        if file is None:
            body = urlencode(fields).encode()
            kind = "application/x-www-form-urlencoded"
        else:
            boundary = uuid.uuid4().hex
            head = f'--{boundary}\r\nContent-Disposition: form-data; name="%s"\r\n\r\n'
            parts = [(head % name + f"{value}\r\n").encode() for name, value in fields.items()]
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
                f'filename="{file[0]}"\r\nContent-Type: text/csv\r\n\r\n'.encode()
                + file[1]
                + f"\r\n--{boundary}--\r\n".encode()
            )
            body = b"".join(parts)
            kind = f"multipart/form-data; boundary={boundary}"
        request = urllib.request.Request(
            self.base + path, data=body, method="POST", headers={"Content-Type": kind}
        )
        return self._open(request)

    def post_cut_off(self, path: str, fields: dict[str, str]) -> BaseException:
        """POST while the server dies: the connection breaks, no answer comes."""
        try:
            answer = self.post(path, fields)
        except (OSError, http.client.HTTPException) as broken:
            return broken
        raise AssertionError(f"the server answered {answer.status} instead of dying")

    def form(self, path: str) -> dict[str, str]:
        page = self.get(path)
        assert page.status == 200, (path, page.status, page.text[-2000:])
        return form_values(page.text)

    def login(self, username: str) -> None:
        token = self.form("/login/")["csrfmiddlewaretoken"]
        answer = self.post(
            "/login/",
            {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token},
        )
        assert answer.status == 302, answer.text[-2000:]


# ---------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def installation(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Installation]:
    """One throwaway installation for the module: the schema, the reference data, a head of
    office, and the cases the payments are made in (imported by `ejcms import-cases`)."""
    root = tmp_path_factory.mktemp("crash")
    suite_url = os.environ.get("EJCMS_DATABASE_URL", "")
    if suite_url.startswith(("postgres://", "postgresql://")):
        url = suite_url.rsplit("/", 1)[0] + f"/ejcms_crash_{os.getpid()}"
    else:
        url = f"sqlite:///{root / 'ejcms.sqlite3'}"
    db = Database(url)
    db.create()
    found = Installation(root, db)
    try:
        payments = root / "payments.csv"
        payments.write_bytes(register_file(PAYMENT_YEAR, PAYMENT_CASES, open_only=True))
        # `ejcms setup` without the static files and document templates, which these tests do
        # not use, and in one process rather than five: the same commands.
        script = (
            "import django, sys; django.setup()\n"
            "from django.core.management import call_command as run\n"
            "run('migrate', interactive=False, verbosity=0)\n"
            "run('load_reference')\n"
            "run('load_law')\n"
            f"run('staff_add', username='{HEAD}', office='{OFFICE}', role='head',"
            f" name_lo='ທ່ານ ບຸນມີ ວົງສາ', password={PASSWORD!r})\n"
            f"run('import_cases', sys.argv[1], '--office', '{OFFICE}', '--user', '{HEAD}')\n"
        )
        done = subprocess.run(
            [sys.executable, "-c", script, str(payments)],
            env={**found.env(), "DJANGO_SETTINGS_MODULE": "ejcms.config.settings"},
            cwd=root,
            capture_output=True,
            text=True,
            timeout=SECONDS * 3,
        )
        assert done.returncode == 0, done.stdout + done.stderr
        assert f"{PAYMENT_CASES} cases imported, 0 rows already imported" in done.stdout
        yield found
    finally:
        db.drop()


@pytest.fixture
def start(installation: Installation) -> Iterator[Any]:
    """Starts servers; any still running at the end of the test is stopped."""
    servers: list[Server] = []

    def run(crash_at: str = "") -> Server:
        servers.append(Server(installation, crash_at))
        return servers[-1]

    yield run
    for server in servers:
        server.stop()


# ---------------------------------------------------------------- the import


def office_id(db: Database) -> int:
    return int(db.value("SELECT id FROM org_office WHERE code = %s", OFFICE))


def imported_cases(db: Database) -> list[int]:
    return [
        r[0]
        for r in db.rows(
            "SELECT register_number FROM cases_enforcementcase "
            "WHERE office_id = %s AND register_year = %s ORDER BY register_number",
            office_id(db),
            IMPORT_YEAR,
        )
    ]


def batch_state(db: Database, batch: int) -> tuple[str, int, int]:
    status, imported, data = db.rows(
        "SELECT status, imported_rows, data FROM reports_legacyimport WHERE id = %s", batch
    )[0]
    rows = json.loads(data) if isinstance(data, str) else data
    return status, imported, len(rows)


def assert_nothing_imported(installation: Installation, batch: int, before: dict[str, Any]) -> None:
    db = installation.db
    assert db.problems() == []
    assert imported_cases(db) == []
    # Nothing of it anywhere: no decision, party, obligation, ledger entry, timeline event,
    # search entry or audit record; the register counters did not move.
    assert db.state() == before
    # The batch still waits, with all its rows, to be imported.
    assert batch_state(db, batch) == ("checked", 0, IMPORT_ROWS)
    installation.verify_audit()


def test_an_import_killed_midway_leaves_nothing_and_then_imports_exactly_its_rows(
    installation: Installation, start: Any
) -> None:
    db = installation.db
    data = register_file(IMPORT_YEAR, IMPORT_ROWS)
    browser = Browser()
    # A server that is to die just after the import's first rows are written (a crash point)
    server = browser.to(start("legacy_import.decisions_written"))
    browser.login(HEAD)
    # given the file uploaded and checked
    token = browser.form("/statistics/import/")["csrfmiddlewaretoken"]
    checked = browser.post(
        "/statistics/import/",
        {"csrfmiddlewaretoken": token},
        file=("ທະບຽນເກົ່າ-2018.csv", data),
    )
    assert checked.status == 302, checked.text[-2000:]
    page = checked.location
    batch = db.value(
        "SELECT id FROM reports_legacyimport WHERE sha256 = %s", hashlib.sha256(data).hexdigest()
    )
    assert batch_state(db, batch) == ("checked", 0, IMPORT_ROWS)
    confirm = browser.form(page)
    assert "accept_valid_rows" not in confirm  # every row is valid
    before = db.state()

    # when the import is asked for, and the server dies just after the first rows are written
    browser.post_cut_off(page, confirm)
    server.assert_killed()
    # then nothing of the file is kept
    assert_nothing_imported(installation, batch, before)

    # when it is killed from outside while the import runs
    server = browser.to(start())
    cut: list[BaseException] = []
    post = threading.Thread(target=lambda: cut.append(browser.post_cut_off(page, confirm)))
    post.start()
    try:
        busy_since = None
        deadline = time.monotonic() + SECONDS
        while True:
            assert server.process.poll() is None, server.output()
            assert post.is_alive(), f"the import ended before it could be killed: {cut}"
            assert time.monotonic() < deadline, "the import never started"
            if db.import_under_way():
                busy_since = busy_since or time.monotonic()
                # PostgreSQL names the import's lock; SQLite's write lock held this long is
                # the import's (any other write of a request takes milliseconds).
                if not db.sqlite or time.monotonic() - busy_since > 0.3:
                    break
            else:
                busy_since = None
            time.sleep(0.02)
        server.kill()
    finally:
        post.join(SECONDS)
    assert len(cut) == 1  # the connection broke: no answer was ever given
    # then again nothing of the file is kept
    assert_nothing_imported(installation, batch, before)

    # when the server is started again and the import is asked for again
    server = browser.to(start())
    done = browser.post(page, confirm)
    # then it imports every row of the file, once
    assert done.status == 302, done.text[-2000:]
    assert imported_cases(db) == list(range(1, IMPORT_ROWS + 1))
    assert batch_state(db, batch) == ("imported", IMPORT_ROWS, 0)
    assert (
        db.value(
            "SELECT last_number FROM cases_registercounter WHERE office_id = %s AND year = %s",
            office_id(db),
            IMPORT_YEAR,
        )
        == IMPORT_ROWS
    )
    after = db.counts()
    assert after["core_auditrecord"] == before["rows"]["core_auditrecord"] + 1
    assert db.problems() == []
    installation.verify_audit()

    # and asking again, or checking and importing the same file again, adds nothing
    again = browser.post(page, confirm)
    assert again.status == 302
    token = browser.form("/statistics/import/")["csrfmiddlewaretoken"]
    second = browser.post(
        "/statistics/import/",
        {"csrfmiddlewaretoken": token},
        file=("ທະບຽນເກົ່າ-2018.csv", data),
    )
    assert second.status == 302
    assert browser.post(second.location, browser.form(second.location)).status == 302
    assert imported_cases(db) == list(range(1, IMPORT_ROWS + 1))
    latest = db.rows(
        "SELECT status, imported_rows, skipped_rows FROM reports_legacyimport "
        "ORDER BY id DESC LIMIT 1"
    )[0]
    assert latest == ("imported", 0, IMPORT_ROWS)
    for table in ("cases_decision", "cases_party", "finance_ledgerentry", "search_searchentry"):
        assert db.counts()[table] == after[table], table


# ---------------------------------------------------------------- payments


@dataclass
class PaymentCase:
    id: int
    path: str  # the payment form's address


def payment_case(installation: Installation, browser: Browser, number: int) -> PaymentCase:
    """One of the open cases imported with the installation, found as a user finds it."""
    db = installation.db
    case_id = db.value(
        "SELECT id FROM cases_enforcementcase WHERE office_id = %s AND register_year = %s "
        "AND register_number = %s",
        office_id(db),
        PAYMENT_YEAR,
        number,
    )
    # By its register number (123/2016), among the cases received that year.
    query = {
        "q": f"{number}/{PAYMENT_YEAR}",
        "received_from": f"01/01/{PAYMENT_YEAR}",
        "received_to": f"31/12/{PAYMENT_YEAR}",
    }
    listing = browser.get("/cases/?" + urlencode(query))
    refs = set(re.findall(r'href="/cases/([0-9a-z]{13})/"', listing.text))
    assert len(refs) == 1, refs
    return PaymentCase(case_id, f"/cases/{refs.pop()}/money/payment/")


def payment_fields(browser: Browser, case: PaymentCase) -> dict[str, str]:
    fields = browser.form(case.path)
    uuid.UUID(fields["idempotency_key"])  # the form carries a key of its own
    fields.update(amount="2500000", currency="LAK", method="cash", note="ຊຳລະເທື່ອທຳອິດ")
    return fields


def ledger(db: Database, case: PaymentCase) -> list[tuple[Any, ...]]:
    return db.rows(
        "SELECT kind, amount, receipt_number, idempotency_key FROM finance_ledgerentry "
        "WHERE case_id = %s ORDER BY id",
        case.id,
    )


def receipts_taken(db: Database) -> int:
    """The office's receipt counter: the last number given."""
    return int(
        db.value(
            "SELECT coalesce(max(last_number), 0) FROM finance_receiptcounter WHERE office_id = %s",
            office_id(db),
        )
    )


def payments_of(db: Database, key: uuid.UUID) -> list[tuple[Any, ...]]:
    return db.rows(
        "SELECT id, amount, receipt_number, receipt_year FROM finance_ledgerentry "
        "WHERE idempotency_key = %s",
        db.id_key(key),
    )


def payment_audits(db: Database, entry: int) -> int:
    return int(
        db.value(
            "SELECT count(*) FROM core_auditrecord WHERE action = 'finance.payment' "
            "AND object_id = %s",
            str(entry),
        )
    )


def paying(
    installation: Installation, start: Any, crash_at: str, number: int
) -> tuple[Browser, Any, PaymentCase, dict[str, str], uuid.UUID]:
    """A head of office logged in on a server that dies at `crash_at`, with the payment form of
    the `number`-th case filled in (its idempotency key too)."""
    browser = Browser()
    server = browser.to(start(crash_at))
    browser.login(HEAD)
    case = payment_case(installation, browser, number)
    fields = payment_fields(browser, case)
    return browser, server, case, fields, uuid.UUID(fields["idempotency_key"])


def test_a_payment_killed_after_its_ledger_entry_leaves_nothing_and_is_then_recorded_once(
    installation: Installation, start: Any
) -> None:
    db = installation.db
    browser, server, case, fields, key = paying(installation, start, "payment.ledger_written", 1)
    before, state, receipt = ledger(db, case), db.state(), receipts_taken(db)
    assert [(kind, int(amount)) for kind, amount, *_ in before] == [("principal", DUE)]

    # when the server dies between the ledger entry and its audit record
    browser.post_cut_off(case.path, fields)
    server.assert_killed()

    # then the entry, its receipt number, its timeline event and its audit record are all gone:
    # the balance is as it was and the next receipt number is the one this payment would have had
    assert db.problems() == []
    assert ledger(db, case) == before
    assert payments_of(db, key) == []
    assert receipts_taken(db) == receipt
    assert db.state() == state
    installation.verify_audit()

    # when the server is back and the same form is sent again (the browser's "resend")
    server = browser.to(start())
    answer = browser.post(case.path, fields)

    # then the payment is recorded once, with the next number: no gap in the receipts
    assert answer.status == 302, answer.text[-2000:]
    [(entry, amount, number, year)] = payments_of(db, key)
    assert (int(amount), number) == (2_500_000, receipt + 1)
    assert receipts_taken(db) == receipt + 1
    assert payment_audits(db, entry) == 1
    # and once more is still once
    assert browser.post(case.path, fields).status == 302
    assert payments_of(db, key) == [(entry, amount, number, year)]
    assert receipts_taken(db) == receipt + 1
    assert db.problems() == []
    installation.verify_audit()


def test_a_payment_killed_after_it_was_kept_is_kept_once_and_not_recorded_again(
    installation: Installation, start: Any
) -> None:
    db = installation.db
    browser, server, case, fields, key = paying(installation, start, "payment.committed", 2)
    receipt = receipts_taken(db)

    # when the server dies after the payment is committed, before it answers
    browser.post_cut_off(case.path, fields)
    server.assert_killed()

    # then the payment is kept, complete: its receipt number and its audit record
    assert db.problems() == []
    [(entry, amount, number, year)] = payments_of(db, key)
    assert (int(amount), number) == (2_500_000, receipt + 1)
    assert payment_audits(db, entry) == 1
    installation.verify_audit()

    # when the user, who saw no answer, sends the same form again after the restart
    server = browser.to(start())
    answer = browser.post(case.path, fields)

    # then they are told it is recorded, and it is recorded once
    assert answer.status == 302, answer.text[-2000:]
    told = re.findall(r'role="status">([^<]*)<', browser.get(answer.location).text)
    assert any(f"{number}/{year}" in message for message in told), told
    assert payments_of(db, key) == [(entry, amount, number, year)]
    assert receipts_taken(db) == receipt + 1
    assert payment_audits(db, entry) == 1
    assert db.problems() == []
