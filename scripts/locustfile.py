"""The load test's simulated users (scripts/load-test.sh runs it): district staff of the demo
installation at work. Each logs in through the login form, then, with a pause of
LOAD_THINK seconds ("0.5,2.5" by default) between requests, in this proportion:

    dashboard 10 · case list, filtered and paged 14 · a case page opened from a list 14 ·
    the money tab 4 · deadlines 6 · name search in Lao 5 and in Latin letters 5 ·
    statistics 2 · a payment recorded through the form 3

Officers (three in each of the six demo district offices) and the registry clerks of those
offices (one user in five); heads and the DEJ, who log in in two steps, are left out, so the
server keeps EJCMS_TWO_FACTOR at its production default. A payment is recorded by an officer in
a case assigned to them (from their dashboard), by a clerk in any open case of the office.

The server runs as in production behind nginx, with EJCMS_HTTPS on: each request carries the
X-Forwarded-Proto header nginx adds and a Referer like a browser's, and the client (locust's
FastHttpUser, light on the CPU it shares with the server) sends its secure cookies on the
loopback connection, which stands for the proxy's TLS hop.

Any answer other than the expected one is a failure: a status of 400 or more, a connection
error, a redirect where a page was expected (to the login page: a session lost), a login
that does not lead to the dashboard, a form sent back with errors.
"""

from __future__ import annotations

import itertools
import os
import random
import re
from decimal import Decimal
from html.parser import HTMLParser
from http.cookiejar import DefaultCookiePolicy
from typing import Any

from locust import FastHttpUser, between, task

PASSWORD = os.environ.get("LOAD_PASSWORD", "")
DISTRICTS = ["0101", "0102", "0104", "0601", "1301", "1601"]
OFFICERS = [f"officer-{code}-{n}" for code in DISTRICTS for n in (1, 2, 3)]
CLERKS = [f"clerk-{code}" for code in DISTRICTS]
STATES = ["", "received", "voluntary", "ordered", "notified", "compulsory", "suspended", "closed"]
KINDS = ["", "", "civil", "criminal", "mediation"]
# Given and family names of the demo's parties (ejcms.cases.demo).
NAMES_LAO = ["ສົມສັກ", "ພົມມະຈັນ", "ມະນີວັນ", "ວົງສາ", "ແກ້ວມະນີ", "ສີຫາລາດ", "ດາວລາວ"]
NAMES_LATIN = ["Somsak", "Phommachanh", "Manivanh", "Vongsa", "Keomany", "Sihalath", "Daolao"]
NOTES = ["ຮັບເງິນສົດຈາກຜູ້ຖືກປະຕິບັດ", "ຊຳລະບາງສ່ວນ ຕາມການຕົກລົງ", "ໂອນຜ່ານທະນາຄານ"]

CASE_LINK = re.compile(r'href="(/cases/(?!new/)[0-9a-z]+/)"')
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
BALANCE = re.compile(r'<tr data-currency="([A-Z]+)">.*?data-outstanding="([0-9.]+)"', re.DOTALL)
ERRORS = re.compile(r'<div class="invalid-feedback d-block">([^<]*)</div>')

_accounts = itertools.count()


def _think() -> Any:
    low, high = (float(x) for x in os.environ.get("LOAD_THINK", "0.5,2.5").split(","))
    return between(low, high)


class FormFields(HTMLParser):
    """The values a browser would send from one form: its inputs, selected options, textareas."""

    def __init__(self, form_id: str) -> None:
        super().__init__()
        self.form_id = form_id
        self.inside = False
        self.fields: dict[str, str] = {}
        self._select: str | None = None
        self._first_option: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.inside = a.get("id") == self.form_id
        if not self.inside:
            return
        name = a.get("name", "")
        if tag == "input" and name:
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            if kind not in ("submit", "button", "file"):
                self.fields[name] = a.get("value", "on" if kind == "checkbox" else "")
        elif tag == "select":
            self._select, self._first_option = name, None
        elif tag == "option" and self._select:
            value = a.get("value", "")
            if self._first_option is None:
                self._first_option = value
                self.fields.setdefault(self._select, value)
            if "selected" in a:
                self.fields[self._select] = value
        elif tag == "textarea" and name:
            self._textarea = name
            self.fields[name] = ""

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self.fields[self._textarea] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def form_fields(page: str, form_id: str) -> dict[str, str]:
    parser = FormFields(form_id)
    parser.feed(page)
    return parser.fields


class Staff(FastHttpUser):
    wait_time = _think()
    default_headers = {"X-Forwarded-Proto": "https", "Accept-Language": "lo"}

    def on_start(self) -> None:
        number = next(_accounts)
        self.is_clerk = number % 5 == 4
        pool = CLERKS if self.is_clerk else OFFICERS
        self.username = pool[number % len(pool)]
        # Secure cookies go over the loopback connection too: it stands for nginx's TLS hop.
        self.client.cookiejar.set_policy(DefaultCookiePolicy(secure_protocols=("https", "http")))
        self.case_links: list[str] = []
        self.payable: list[str] = []
        self.login()

    def _referer(self, path: str) -> dict[str, str]:
        host = self.host.removeprefix("http://").removeprefix("https://").rstrip("/")
        return {"Referer": f"https://{host}{path}"}

    def page(self, path: str, name: str, **params: Any) -> str | None:
        """GET a page of a logged-in user: 200 and nothing else (a redirect to the login page
        would be a lost session)."""
        with self.client.get(
            path, name=name, params=params, allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != 200:
                where = response.headers.get("Location", "") if response.headers else ""
                response.failure(f"{self.username}: {response.status_code} {where}".strip())
                return None
            return response.text or ""

    def login(self) -> None:
        login = self.client.get("/login/", name="login form")
        token = CSRF.search(login.text or "")
        assert token, "no CSRF token on the login page"
        with self.client.post(
            "/login/",
            name="login",
            data={
                "csrfmiddlewaretoken": token.group(1),
                "username": self.username,
                "password": PASSWORD,
                "next": "",
            },
            headers=self._referer("/login/"),
            allow_redirects=False,
            catch_response=True,
        ) as response:
            # Officers and clerks give no second step: the dashboard follows the password.
            where = response.headers.get("Location") if response.headers else None
            if response.status_code != 302 or where != "/":
                response.failure(f"{self.username}: login answered {response.status_code} {where}")
                return
        self.page("/", "dashboard")

    @task(10)
    def dashboard(self) -> None:
        self.page("/", "dashboard")

    @task(14)
    def case_list(self) -> None:
        params: dict[str, str] = {}
        if state := random.choice(STATES):
            params["state"] = state
        if kind := random.choice(KINDS):
            params["kind"] = kind
        if random.random() < 0.15:
            params["overdue"] = "on"
        if random.random() < 0.6:
            params["page"] = str(random.randint(2, 6))
        page = self.page("/cases/", "case list (filtered, paged)", **params)
        if page:
            self.case_links = CASE_LINK.findall(page) or self.case_links

    @task(14)
    def case_page(self) -> None:
        if not self.case_links:
            self.case_list()
        if self.case_links:
            self.page(random.choice(self.case_links), "case page")

    @task(4)
    def money_tab(self) -> None:
        if self.case_links:
            self.page(random.choice(self.case_links) + "money/", "money tab")

    @task(6)
    def deadlines(self) -> None:
        self.page("/deadlines/", "deadlines")

    @task(5)
    def search_lao(self) -> None:
        self.page("/search/", "search (Lao)", q=random.choice(NAMES_LAO))

    @task(5)
    def search_latin(self) -> None:
        self.page("/search/", "search (Latin)", q=random.choice(NAMES_LATIN))

    @task(2)
    def statistics(self) -> None:
        self.page("/statistics/", "statistics")

    def _candidates(self) -> list[str]:
        """Cases this user may take money in: an officer's own (the dashboard lists them), a
        clerk's office's open cases."""
        if self.is_clerk:
            page = self.page("/cases/", "case list (filtered, paged)", state="compulsory")
        else:
            page = self.page("/", "dashboard")
        return CASE_LINK.findall(page or "")

    @task(3)
    def payment(self) -> None:
        if not self.payable:
            candidates = self._candidates()
            for case in random.sample(candidates, min(len(candidates), 4)):
                money = self.page(case + "money/", "money tab")
                if money and 'data-action="payment"' in money and BALANCE.search(money):
                    self.payable.append(case)
        if not self.payable:
            return
        case = random.choice(self.payable)
        money = self.page(case + "money/", "money tab")
        due = [(c, Decimal(v)) for c, v in BALANCE.findall(money or "") if Decimal(v) >= 1]
        if not money or not due or 'data-action="payment"' not in money:
            self.payable.remove(case)
            return
        currency, outstanding = random.choice(due)
        form_page = self.page(case + "money/payment/", "payment form")
        if not form_page:
            return
        data = form_fields(form_page, "action-form")
        # A small part of what is due: many payments a run never add up to an overpayment.
        amount = max(Decimal(1), (outstanding / 2000).quantize(Decimal(1)))
        data.update(amount=str(amount), currency=currency, note=random.choice(NOTES))
        with self.client.post(
            case + "money/payment/",
            name="payment (record)",
            data=data,
            headers=self._referer(case + "money/payment/"),
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                errors = "; ".join(ERRORS.findall(response.text or "")) or response.status_code
                response.failure(f"payment refused: {errors}")
                return
        self.page(case + "money/", "money tab")
