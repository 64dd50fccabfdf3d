"""The permission table: every URL × every role × own office / other district / other province.

TABLE below says, for each URL of the project, the status a GET must answer for each user:
anonymous, and (cast of tests/conftest.py) the officer, head, clerk and auditor of Chanthabouly
(0101), the head of the capital's division (01), the DEJ supervisor, the NIJ trainer and the
national administrator (00). A URL about an object of an office is asked three times, for the
object of the user's own office (0101), of another district of the same province (0102) and of
another province (0601): its cell is "own/district/province", or one status for all three.

The expectations are the rules (the permission matrix org.roles.MATRIX and docs/security.md,
the office hierarchy of org.selectors, docs/*.md, the views' docstrings), not what the code
happens to answer: a cell where the code is believed wrong carries a "*"
and a reason in BUGS, and its case is an expected failure (strict: it fails once fixed, so
that the "*" is removed). test_every_url_has_a_row fails when a URL has no row.

Statuses: 200 the page; 302 a redirect (anonymous: to the login page); 403 refused with a
reason, for who may know the object exists; 404 for who may not; 405 a GET on a POST-only URL.

The second part POSTs to every state-changing URL of the own office's objects as staff of
another district and of another province, and checks that nothing was written (and, as a
control, that the same POST by who may does write). Then Django's admin site, URL by URL, and
the lists that answer 200 to many: what they list must be the user's scope.

The objects are built once for the module, in a transaction rolled back at its end; each test
runs in a savepoint of it.
"""

from __future__ import annotations

import base64
import csv
import io
import re
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from functools import cache
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.utils import timezone, translation

from ejcms.api.models import ApiClient
from ejcms.api.services import api_client_create
from ejcms.cases.choices import (
    DecisionKind,
    IdDocumentType,
    ObligationKind,
    Outcome,
    PartyRole,
)
from ejcms.cases.models import CaseParty, Complaint, EnforcementCase, Party
from ejcms.cases.services import case_transition, complaint_record
from ejcms.cases.workflow import TransitionInput
from ejcms.core.models import AuditRecord
from ejcms.documents.models import Attachment, DocumentBatch, DocumentTemplate, IssuedDocument
from ejcms.documents.services import attachment_upload, batch_start, document_issue
from ejcms.finance.models import LedgerEntry
from ejcms.finance.services import PaymentData, payment_record
from ejcms.guidelines.models import GuidelineVersion
from ejcms.guidelines.services import GuidelineData, guideline_save
from ejcms.measures.choices import AssetKind
from ejcms.measures.models import Asset, Measure
from ejcms.measures.services.assets import asset_record
from ejcms.measures.services.orders import freeze_order
from ejcms.org.models import Court, District, HolidayOverride, IntakeRoute, Office, Province
from ejcms.org.roles import Role
from ejcms.org.services import holiday_override_set, intake_route_set
from ejcms.org.two_factor import client_login
from ejcms.reports import periods
from ejcms.reports.legacy import COLUMNS
from ejcms.reports.legacy_services import legacy_check
from ejcms.reports.models import LegacyImport, Snapshot
from ejcms.reports.selectors import backlog_standard_days
from ejcms.reports.services import snapshot_take
from ejcms.training.models import (
    Campaign,
    Certificate,
    Event,
    Level,
    Module,
    Participant,
    Response,
    Session,
    SupervisorRating,
)
from ejcms.training.services import CampaignData, campaign_create
from ejcms.training.tot import certificate_issue, participant_add, record_results
from tests.conftest import STANDARD_PATH, Cast, party, register
from tests.measures.conftest import asset_data

# ---------------------------------------------------------------------------------- who, where

# Column of the table -> the cast member ("anon": not logged in).
USERS: dict[str, str] = {
    "anon": "anon",
    "officer": "officer",
    "head": "head",
    "clerk": "clerk",
    "auditor": "auditor_district",
    "headprov": "head_province",
    "dej": "dej",
    "trainer": "trainer",
    "admin": "admin",
}
SCOPES = ("own", "district", "province")
OFFICE_OF_SCOPE = {"own": "0101", "district": "0102", "province": "0601"}

# Placeholders of the paths that name an object of one office (filled per scope); the others
# ({event}, {court}, …) name one object for everyone.
SCOPED = (
    "office",
    "case",
    "link",
    "complaint",
    "asset",
    "measure",
    "entry",
    "document",
    "attachment",
    "batch",
    "legacy",
    "snapshot",
    "campaign",
    "certificate",
    "staffer",
    "apiclient",
)

# ---------------------------------------------------------------------------------- the URLs

# How to build each row's URL. A label is the URL name, with "[variant]" when one URL name has
# several rows (an action name, a query). {case} etc. are filled from the scope's objects.
PATHS: dict[str, str] = {
    # Login and the pages every request may need.
    "login": "/login/",
    "two_factor": "/login/two-factor/",
    "logout": "/logout/",
    "set_language": "/i18n/setlang/",
    "javascript-catalog": "/jsi18n/",
    "health": "/health/",
    # Organisation and reference data.
    "org:district_options": "/org/districts/?province=1",
    "org:village_options": "/org/villages/?district=1",
    "org:holidays": "/org/holidays/",
    "org:holiday_remove": "/org/holidays/{override}/remove/",
    "org:courts": "/org/courts/",
    "org:audit": "/org/audit/",
    "org:court_new": "/org/courts/new/",
    "org:court_edit": "/org/courts/{court}/",
    "org:intake_routes": "/org/intake-routes/",
    "org:intake_route_remove": "/org/intake-routes/{route}/remove/",
    # The accounts an administrator manages: the officer of each office.
    "org:staff": "/org/staff/",
    "org:staff_detail": "/org/staff/{staffer}/",
    "org:staff_disable": "/org/staff/{staffer}/disable/",
    "org:staff_enable": "/org/staff/{staffer}/enable/",
    "org:staff_two_factor_reset": "/org/staff/{staffer}/two-factor-reset/",
    # The law and the Guidelines.
    "guidelines:index": "/law/",
    "guidelines:article": "/law/enforcement/20/",
    "guidelines:guidelines": "/guidelines/",
    "guidelines:guideline_new": "/guidelines/new/",
    "guidelines:guideline": "/guidelines/{guideline}/",
    "guidelines:guideline_edit": "/guidelines/{guideline}/edit/",
    "guidelines:guideline_version": "/guidelines/{guideline}/v1/",
    # Cases.
    "cases:dashboard": "/",
    "cases:list": "/cases/",
    "cases:new": "/cases/new/",
    "cases:detail": "/cases/{case}/",
    "cases:step": "/cases/{case}/step/suspend/",
    "api:v1:cases": "/api/v1/cases/",
    "api:v1:case": "/api/v1/cases/{case}/",
    "api:v1:case_parties": "/api/v1/cases/{case}/parties/",
    "api:v1:case_obligations": "/api/v1/cases/{case}/obligations/",
    "api:v1:case_timeline": "/api/v1/cases/{case}/timeline/",
    "api:v1:case_deadlines": "/api/v1/cases/{case}/deadlines/",
    "api:v1:case_transition": "/api/v1/cases/{case}/transitions/suspend/",
    "api:v1:case_payments": "/api/v1/cases/{case}/payments/",
    "api:v1:case_assets": "/api/v1/cases/{case}/assets/",
    "api:v1:case_measures": "/api/v1/cases/{case}/measures/",
    "api:v1:case_documents": "/api/v1/cases/{case}/documents/",
    "api:v1:case_document_file": "/api/v1/cases/{case}/documents/{document}/file/",
    "api:v1:offices": "/api/v1/offices/",
    "api:v1:courts": "/api/v1/courts/",
    "api:v1:provinces": "/api/v1/provinces/",
    "api:v1:province_districts": "/api/v1/provinces/01/districts/",
    "api:v1:statistics": "/api/v1/statistics/",
    "api:v1:statistics[office]": "/api/v1/statistics/?unit=office-{office}",
    "api:v1:events": "/api/v1/events/",
    "api:v1:intake_decisions": "/api/v1/intake/decisions/",
    "api:v1:schema": "/api/v1/schema/",
    # The API's HTML pages (the normal login): the reference, the administrator's clients.
    "api:docs": "/api/docs/",
    "api:clients": "/api/clients/",
    "api:client_new": "/api/clients/new/",
    "api:client_revoke": "/api/clients/{apiclient}/revoke/",
    "cases:reassign": "/cases/{case}/reassign/",
    "cases:party_edit": "/cases/{case}/parties/{link}/",
    "cases:party_id_number": "/cases/{case}/parties/{link}/id-number/",
    "cases:party_export": "/cases/{case}/parties/{link}/export/",
    "cases:complaint_new": "/cases/{case}/complaints/",
    "cases:complaint_decide": "/cases/{case}/complaints/{complaint}/decide/",
    "cases:deadlines": "/deadlines/",
    "cases:deadlines[office]": "/deadlines/?scope=office&office={office}",
    "cases:office": "/office/",
    "cases:office[office]": "/office/?office={office}",
    # Assets, measures, valuation, sale.
    "measures:assets": "/cases/{case}/assets/",
    "measures:measures": "/cases/{case}/measures/",
    "measures:valuation": "/cases/{case}/valuation/",
    "measures:sale": "/cases/{case}/sale/",
    "measures:evidence": "/cases/{case}/assets/{asset}/evidence/",
    "measures:action": "/cases/{case}/do/asset_new/",
    "measures:action_on": "/cases/{case}/do/release/{measure}/",
    # Money.
    "finance:money": "/cases/{case}/money/",
    "finance:action[payment]": "/cases/{case}/money/payment/",
    "finance:action[cost]": "/cases/{case}/money/cost/",
    "finance:action_on": "/cases/{case}/money/reverse/{entry}/",
    "finance:cash_book": "/office/cash-book/",
    "finance:cash_book[office]": "/office/cash-book/?office={office}",
    # Documents.
    "documents:tab": "/cases/{case}/documents/",
    "documents:issue": "/cases/{case}/documents/issue/case_cover/",
    "documents:upload": "/cases/{case}/documents/upload/",
    "documents:detail": "/cases/{case}/documents/{document}/",
    "documents:pdf": "/cases/{case}/documents/{document}/pdf/",
    "documents:correct": "/cases/{case}/documents/{document}/correct/",
    "documents:attachment": "/cases/{case}/files/{attachment}/",
    "documents:register": "/office/documents/",
    "documents:batch": "/office/documents/batches/{batch}/",
    "documents:templates": "/documents/templates/",
    "documents:template": "/documents/templates/case_cover/",
    "documents:template_sample": "/documents/templates/case_cover/1/sample.pdf",
    # Search.
    "search:page": "/search/?q=ສີສະຫວາດ",
    # Statistics, baselines, the import of an earlier register.
    "reports:dashboard": "/statistics/",
    "reports:dashboard[office]": "/statistics/?unit=office-{office}",
    "reports:export": "/statistics/export/units.csv?unit=office-{office}",
    "reports:report_pdf": "/statistics/report.pdf?unit=office-{office}",
    "reports:snapshots": "/statistics/baselines/",
    "reports:snapshot": "/statistics/baselines/{snapshot}/",
    "reports:snapshot_withdraw": "/statistics/baselines/{snapshot}/withdraw/",
    "reports:import": "/statistics/import/",
    "reports:import_template": "/statistics/import/template/?format=csv",
    "reports:import_detail": "/statistics/import/{legacy}/",
    # Training needs assessment (a campaign is a province's: own and other district share
    # the capital's, the other province has its own) and Train-the-Trainer.
    "training:campaigns": "/training/",
    "training:campaign_new": "/training/new/",
    "training:campaign": "/training/{campaign}/",
    "training:questionnaire": "/training/{campaign}/answer/",
    "training:supervisor": "/training/{campaign}/staff/",
    "training:paper": "/training/{campaign}/paper/",
    "training:paper_template": "/training/{campaign}/paper/template.xlsx",
    "training:report": "/training/{campaign}/report.xlsx",
    "training:events": "/training/events/",
    "training:event_new": "/training/events/new/",
    "training:event": "/training/events/{event}/",
    "training:event_results": "/training/events/{event}/results/",
    "training:follow_ups": "/training/follow-ups/",
    # A certificate of an officer of the own office, of the other district, of the other
    # province.
    "training:certificate": "/training/certificates/{certificate}.pdf",
    "training:me": "/training/me/",
    "training:verify": "/verify/",
    # Django's admin site: for Django staff accounts only (none of the cast is staff); every
    # other admin URL is checked against the same rule in test_the_admin_site_is_for_staff_only.
    "admin:index": "/admin/",
    "admin:login": "/admin/login/",
}

# The table. One status applies to all three scopes of an office's object; "a/b/c" is own
# office / other district / other province. "*": the code answers otherwise (see BUGS).
TABLE = """
label                         anon  officer        head         clerk         auditor      headprov     dej  trainer  admin
login                         200   302            302          302           302          302          302  302      302
two_factor                    302   302            302          302           302          302          302  302      302
logout                        302   405            405          405           405          405          405  405      405
set_language                  302   302            302          302           302          302          302  302      302
javascript-catalog            200   200            200          200           200          200          200  200      200
health                        200   200            200          200           200          200          200  200      200
org:district_options          302   200            200          200           200          200          200  200      200
org:village_options           302   200            200          200           200          200          200  200      200
org:holidays                  302   403            403          403           403          403          403  403      200
org:holiday_remove            302   405            405          405           405          405          405  405      405
org:courts                    302   403            403          403           403          403          403  403      200
org:audit                     302   404            404          404           200          404          200  404      200
org:court_new                 302   403            403          403           403          403          403  403      200
org:court_edit                302   403            403          403           403          403          403  403      200
org:intake_routes             302   403            403          403           403          403          403  403      200
org:intake_route_remove       302   405            405          405           405          405          405  405      405
org:staff                     302   403            403          403           403          403          403  403      200
org:staff_detail              302   403            403          403           403          403          403  403      200
org:staff_disable             302   405            405          405           405          405          405  405      405
org:staff_enable              302   405            405          405           405          405          405  405      405
org:staff_two_factor_reset    302   405            405          405           405          405          405  405      405
guidelines:index              302   200            200          200           200          200          200  200      200
guidelines:article            302   200            200          200           200          200          200  200      200
guidelines:guidelines         302   200            200          200           200          200          200  200      200
guidelines:guideline_new      302   403            403          403           403          403          403  403      200
guidelines:guideline          302   200            200          200           200          200          200  200      200
guidelines:guideline_edit     302   403            403          403           403          403          403  403      200
guidelines:guideline_version  302   200            200          200           200          200          200  200      200
cases:dashboard               302   200            200          200           200          200          200  200      200
cases:list                    302   200            200          200           200          200          200  403      403
cases:new                     302   200            200          200           403          200          403  403      403
cases:detail                  302   200/404/404    200/404/404  200/404/404   200/404/404  200/200/404  200  404      404
api:v1:cases                  401            200            200            200            200            200            200            403            403
api:v1:case                   401            200/404/404    200/404/404    200/404/404    200/404/404    200/200/404    200            404            404
api:v1:case_parties           401            200/404/404    200/404/404    200/404/404    200/404/404    200/200/404    200            404            404
api:v1:case_obligations       401            200/404/404    200/404/404    200/404/404    200/404/404    200/200/404    200            404            404
api:v1:case_timeline          401            200/404/404    200/404/404    200/404/404    200/404/404    200/200/404    200            404            404
api:v1:case_deadlines         401            200/404/404    200/404/404    200/404/404    200/404/404    200/200/404    200            404            404
api:v1:case_transition        401            405            405            405            405            405            405            405            405
api:v1:case_payments          401            200/404/404    200/404/404    200/404/404    200/404/404    200/200/404    200            404            404
api:v1:case_assets            401            200/404/404    200/404/404    200/404/404    200/404/404    200/200/404    200            404            404
api:v1:case_measures          401            200/404/404    200/404/404    200/404/404    200/404/404    200/200/404    200            404            404
api:v1:case_documents         401            200/404/404    200/404/404    200/404/404    200/404/404    200/200/404    200            404            404
api:v1:case_document_file     401            200/404/404    200/404/404    200/404/404    200/404/404    200/200/404    200            404            404
api:v1:offices                401            200            200            200            200            200            200            200            200
api:v1:courts                 401            200            200            200            200            200            200            200            200
api:v1:provinces              401            200            200            200            200            200            200            200            200
api:v1:province_districts     401            200            200            200            200            200            200            200            200
api:v1:statistics             401            200            200            200            200            200            200            404            404
api:v1:statistics[office]     401            404/404/404    200/404/404    200/404/404    200/404/404    200/200/404    200            404            404
api:v1:events                 401            200            200            200            200            200            200            403            403
api:v1:intake_decisions       401            405            405            405            405            405            405            405            405
api:v1:schema                 200            200            200            200            200            200            200            200            200
api:docs                      302            200            200            200            200            200            200            200            200
api:clients                   302            403            403            403            403            403            403            403            200
api:client_new                302            403            403            403            403            403            403            403            200
api:client_revoke             302            403            403            403            403            403            403            403            200
cases:step                    302   403/404/404    200/404/404  403/404/404   403/404/404  403/403/404  403  404      404
cases:reassign                302   403/404/404    200/404/404  403/404/404   403/404/404  403/403/404  403  404      404
cases:party_edit              302   200/404/404    200/404/404  200/404/404   403/404/404  403/403/404  403  404      404
cases:party_id_number         302   200/404/404    200/404/404  200/404/404   200/404/404  200/200/404  200  404      404
cases:party_export            302   403/404/404    200/404/404  403/404/404   403/404/404  200/200/404  200  404      404
cases:complaint_new           302   200/404/404    200/404/404  200/404/404   403/404/404  403/403/404  403  404      404
cases:complaint_decide        302   403/404/404    200/404/404  403/404/404   403/404/404  200/200/404  403  404      404
cases:deadlines               302   200            200          200           200          200          200  403      403
cases:deadlines[office]       302   200/404/404    200/404/404  200/404/404   200/404/404  200/200/404  200  403      403
cases:office                  302   403           200          403          200          200          200  403      403
cases:office[office]          302   403/403/403   200/404/404  403/403/403  200/404/404  200/200/404  200  403      403
measures:assets               302   200/404/404    200/404/404  200/404/404   200/404/404  200/200/404  200  404      404
measures:measures             302   200/404/404    200/404/404  200/404/404   200/404/404  200/200/404  200  404      404
measures:valuation            302   200/404/404    200/404/404  200/404/404   200/404/404  200/200/404  200  404      404
measures:sale                 302   200/404/404    200/404/404  200/404/404   200/404/404  200/200/404  200  404      404
measures:evidence             302   200/404/404    200/404/404  200/404/404   200/404/404  200/200/404  200  404      404
measures:action               302   200/404/404    200/404/404  403/404/404   403/404/404  403/403/404  403  404      404
measures:action_on            302   200/404/404    200/404/404  403/404/404   403/404/404  403/403/404  403  404      404
finance:money                 302   200/404/404    200/404/404  200/404/404   200/404/404  200/200/404  200  404      404
finance:action[payment]       302   200/404/404    200/404/404  200/404/404   403/404/404  403/403/404  403  404      404
finance:action[cost]          302   200/404/404    200/404/404  403/404/404   403/404/404  403/403/404  403  404      404
finance:action_on             302   403/404/404    200/404/404  403/404/404   403/404/404  403/403/404  403  404      404
finance:cash_book             302   403            200          200           200          200          200  403      403
finance:cash_book[office]     302   403            200/404/404  200/404/404   200/404/404  200/200/404  200  403      403
documents:tab                 302   200/404/404    200/404/404  200/404/404   200/404/404  200/200/404  200  404      404
documents:issue               302   200/404/404    200/404/404  403/404/404   403/404/404  403/403/404  403  404      404
documents:upload              302   405            405          405           405          405          405  405      405
documents:detail              302   200/404/404    200/404/404  200/404/404   200/404/404  200/200/404  200  404      404
documents:pdf                 302   200/404/404    200/404/404  200/404/404   200/404/404  200/200/404  200  404      404
documents:correct             302   200/404/404    200/404/404  403/404/404   403/404/404  403/403/404  403  404      404
documents:attachment          302   200/404/404    200/404/404  200/404/404   200/404/404  200/200/404  200  404      404
documents:register            302   200            200          200           200          200          200  403     403
documents:batch               302   200/404/404    200/404/404  200/404/404   200/404/404  200/200/404  200  404      404
documents:templates           302   403            403          403           403          403          403  403      200
documents:template            302   403            403          403           403          403          403  403      200
documents:template_sample     302   403            403          403           403          403          403  403      200
search:page                   302   200            200          200           200          200          200  200      200
reports:dashboard             302   200            200          200           200          200          200  404      404
reports:dashboard[office]     302   404/404/404   200/404/404  200/404/404   200/404/404  200/200/404  200  404      404
reports:export                302   404/404/404   200/404/404  200/404/404   200/404/404  200/200/404  200  404      404
reports:report_pdf            302   404/404/404   200/404/404  200/404/404   200/404/404  200/200/404  200  404      404
reports:snapshots             302   200            200          200           200          200          200  404      404
reports:snapshot              302   404/404/404   200/404/404  200/404/404   200/404/404  200/200/404  200  404      404
reports:snapshot_withdraw     302   405            405          405           405          405          405  405      405
reports:import                302   200            200          200           200          200          200  403      403
reports:import_template       302   200            200          200           200          200          200  403      403
reports:import_detail         302   200/404/404    200/404/404  200/404/404   200/404/404  200/200/404  200  404      404
training:campaigns            302   200            200          200           200          200          200  200      200
training:campaign_new         302   403           403         403          403         200          200  200      200
training:campaign             302   200/200/404    200/200/404  200/200/404   404          200/200/404  200  200      200
training:questionnaire        302   200/200/404    403/403/404  403/403/404   404          403/403/404  403  403      403
training:supervisor           302   403/403/404    200/200/404  403/403/404   404          200/200/404  403  403      403
training:paper                302   403/403/404  200/200/404  200/200/404   404          200/200/404  200  200      200
training:paper_template       302   403/403/404  200/200/404  200/200/404   404          200/200/404  200  200      200
training:report               302   404            404          404           404          200/200/404  200  200      200
training:events               302   200            200          200           200          200          200  200      200
training:event_new            302   403            403          403           403          403          403  200      200
training:event                302   200            404          404           404          404          404  200      200
training:event_results        302   404            404          404           404          404          404  200      404
training:follow_ups           302   403            200          403           403          200          403  403      403
training:certificate          302   200/404/404    404          404           404          404          404  200      200
training:me                   302   200            200          200           200          200          200  200      200
training:verify               200   200            200          200           200          200          200  200      200
admin:index                   302   302            302          302           302          302          302  302      302
admin:login                   200   200            200          200           200          200          200  200      200
"""

# Where an anonymous request is sent (all others: the login page).
ANON_REDIRECTS = {"set_language": "/", "admin:index": "/admin/login/?next="}

# The cells marked "*": why the code's answer is believed wrong. Keyed by (label, column).
BUGS: dict[tuple[str, str], str] = {}


# ---------------------------------------------------------------------------------- the table


@dataclass(frozen=True)
class Cell:
    label: str
    user: str
    scope: str  # "own", "district", "province", or "-" for a URL that names no office's object
    status: int
    bug: str = ""


def is_scoped(label: str) -> bool:
    return any("{" + key + "}" in PATHS[label] for key in SCOPED)


def parse_table() -> dict[str, dict[str, list[tuple[int, bool]]]]:
    """label -> column -> [(status, starred)] (one entry, or one per scope)."""
    lines = [line for line in TABLE.strip().splitlines() if line.strip()]
    header = lines[0].split()
    assert header == ["label", *USERS], header
    rows: dict[str, dict[str, list[tuple[int, bool]]]] = {}
    for line in lines[1:]:
        label, *cells = line.split()
        assert len(cells) == len(USERS), f"{label}: {len(cells)} cells for {len(USERS)} users"
        assert label not in rows, f"{label}: two rows"
        rows[label] = {
            user: [(int(value.rstrip("*")), value.endswith("*")) for value in cell.split("/")]
            for user, cell in zip(USERS, cells, strict=True)
        }
    return rows


ROWS = parse_table()


def cells() -> Iterator[Cell]:
    for label, by_user in ROWS.items():
        scopes = SCOPES if is_scoped(label) else ("-",)
        for user, values in by_user.items():
            assert len(values) in (1, len(scopes)), f"{label} {user}: {values}"
            for index, scope in enumerate(scopes):
                status, starred = values[index if len(values) > 1 else 0]
                bug = BUGS.get((label, user), "") if starred else ""
                yield Cell(label, user, scope, status, bug)


CELLS = list(cells())


def finish(response: Any) -> None:
    """Read a file's response to its end, which closes the file. (Not response.close(): outside
    the test client that signals the end of a request, and Django then closes the database
    connection, the test's transaction with it, on PostgreSQL.)"""
    if response.streaming:
        b"".join(response.streaming_content)


def known_bug(reason: str) -> list[Any]:
    """The mark of a case where the code is believed wrong: it must fail on the assertion
    (not on an error), and once it passes the "*" must go."""
    return [pytest.mark.xfail(strict=True, raises=AssertionError, reason=reason)] if reason else []


def _param(cell: Cell) -> Any:
    return pytest.param(
        cell, id=f"{cell.label}|{cell.user}|{cell.scope}", marks=known_bug(cell.bug)
    )


# ---------------------------------------------------------------------------------- the data


class PermissionCast(Cast):
    """The cast of tests/conftest.py, with the head of the other province's district office
    (0601), who takes the steps of that office's case."""

    PLAN = {
        **Cast.PLAN,
        "head_0601": ("0601", Role.HEAD, "ທ່ານ ພອນສະຫວັນ ແກ້ວມະນີ", "Phonesavanh Keomany"),
    }


PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
# Each office's debtor has a name of his own and the same identity number: an access request
# from one office must find that person's record in its own scope only.
DEBTORS = {
    "own": "ທ່ານ ສີສະຫວາດ ພົມມະຈັນ",
    "district": "ທ່ານ ສີສະຫວາດ ວົງພະຈັນ",
    "province": "ທ່ານ ສີສະຫວາດ ຫຼວງລາດ",
}
NUMBERS = {"own": "125/ສປ", "district": "126/ສປ", "province": "127/ສປ"}


# The URL (and its keyword) that addresses each kind of object in a path: an id is written as
# that URL writes it, a number or an opaque token (docs/adr/0009-opaque-ids-in-urls.md).
ADDRESSED_BY: dict[str, tuple[str, str]] = {
    "case": ("cases:detail", "case_id"),
    "link": ("cases:party_edit", "link_id"),
    "complaint": ("cases:complaint_decide", "complaint_id"),
    "asset": ("measures:evidence", "asset_id"),
    "measure": ("measures:action_on", "obj_id"),
    "entry": ("finance:action_on", "obj_id"),
    "document": ("documents:detail", "document_id"),
    "attachment": ("documents:attachment", "attachment_id"),
    "batch": ("documents:batch", "batch_id"),
    "legacy": ("reports:import_detail", "import_id"),
    "snapshot": ("reports:snapshot", "pk"),
    "campaign": ("training:campaign", "campaign_id"),
    "certificate": ("training:certificate", "code"),
    "staffer": ("org:staff_detail", "user_id"),
    "apiclient": ("api:client_revoke", "client_id"),
    "event": ("training:event", "event_id"),
    "court": ("org:court_edit", "court_id"),
    "override": ("org:holiday_remove", "override_id"),
    "route": ("org:intake_route_remove", "route_id"),
    "guideline": ("guidelines:guideline", "code"),
}


def as_in_url(key: str, value: Any) -> str:
    """`value` (a record's id, a code) as the URL that addresses that kind of object writes it;
    the ids that URLs carry only in a query (?office=, ?p=) as they are."""
    if key not in ADDRESSED_BY:
        return str(value)
    name, keyword = ADDRESSED_BY[key]
    pattern = _patterns()[name][0]
    converters = getattr(pattern.pattern, "converters", {})
    return converters[keyword].to_url(value) if keyword in converters else str(value)


@dataclass
class World:
    """The objects of the three offices and the shared ones (their ids in `places` and
    `common`), and a logged-in client for each user."""

    cast: PermissionCast
    places: dict[str, dict[str, Any]] = field(default_factory=dict)
    common: dict[str, Any] = field(default_factory=dict)
    clients: dict[str, Client] = field(default_factory=dict)

    def refs(self, scope: str) -> dict[str, str]:
        """The placeholders of the paths, for the objects of `scope` ("-": the own office's),
        written as the URLs write them."""
        values = {**self.common, **self.places["own" if scope == "-" else scope]}
        written = {key: as_in_url(key, value) for key, value in values.items()}
        # An id carried in a query (?staff=) is a form value: the integer, as it is.
        return written | {f"{key}_raw": str(value) for key, value in values.items()}

    def url(self, label: str, scope: str) -> str:
        return PATHS[label].format(**self.refs(scope))

    def case_link(self, scope: str) -> str:
        """How a page links to the scope's case (its register number repeats elsewhere)."""
        return f'href="{reverse("cases:detail", args=[self.places[scope]["case"]])}"'

    def client(self, name: str) -> Client:
        if name not in self.clients:
            self.clients[name] = self.cast.client(name) if name != "anon" else Client()
        return self.clients[name]


def _take_steps(case: EnforcementCase, who: dict[str, User], until: str) -> EnforcementCase:
    """The standard path of tests/conftest.py, taken by the staff of the case's own office."""
    for name, on, role, extra in STANDARD_PATH:
        case = case_transition(
            actor=who[role], case=case, name=name, data=TransitionInput(on=on, **extra)
        )
        if name == until:
            return case
    raise AssertionError(until)


def _build_place(cast: PermissionCast, scope: str) -> dict[str, Any]:
    """A case under compulsory enforcement in the scope's office with one of everything a URL
    names: a debtor, a complaint, an asset with its evidence, a freezing order, a payment, an
    issued document, a scan, a batch of receipts, an import and a baseline."""
    officer, head, court_code = {
        "own": (cast.officer, cast.head, "01"),
        "district": (cast.outsider_district, cast.head_other_district, "01"),
        "province": (cast.outsider_province, cast.head_0601, "06"),
    }[scope]
    office = Office.objects.get(code=OFFICE_OF_SCOPE[scope])
    case = register(
        officer,
        number=NUMBERS[scope],
        court_code=court_code,
        parties=[
            party(PartyRole.CREDITOR, "ນາງ ແສງເດືອນ ວົງສາ"),
            party(
                PartyRole.DEBTOR,
                DEBTORS[scope],
                id_document_type=IdDocumentType.ID_CARD,
                id_document_number="01-0123456",
            ),
        ],
    )
    assert case.office == office
    assert case.assigned_officer == officer
    case = _take_steps(case, {"officer": officer, "head": head}, "start_compulsory")
    link = case.case_parties.get(role=PartyRole.DEBTOR)
    complaint = complaint_record(
        actor=head,
        case=case,
        filed_on=date(2025, 4, 28),
        complainant="debtor",
        against="order",
        summary="ຜູ້ຖືກປະຕິບັດຄຳຕັດສິນຂອງສານ ບໍ່ເຫັນດີນຳຄຳສັ່ງ",
    )
    asset = asset_record(
        actor=officer,
        case=case,
        data=asset_data(AssetKind.BANK_ACCOUNT, link.party),
        evidence=SimpleUploadedFile("ໃບແຈ້ງຍອດບັນຊີ.pdf", PDF, content_type="application/pdf"),
    )
    measure = freeze_order(actor=officer, asset=asset, on=date(2025, 4, 28))
    entry = payment_record(
        actor=officer,
        case=case,
        data=PaymentData(
            amount=Decimal("2500000"),
            currency="LAK",
            method="cash",
            on=date(2025, 5, 2),
            payer=link.party,
        ),
    )
    document = document_issue(actor=officer, case=case, kind="case_cover")
    attachment = attachment_upload(
        actor=officer,
        case=case,
        kind="decision",
        title="ຄຳຕັດສິນ ສະບັບສະແກນ",
        upload=SimpleUploadedFile("ຄຳຕັດສິນ.pdf", PDF, content_type="application/pdf"),
    )
    batch = batch_start(
        actor=head, kind="receipt", period_from=date(2025, 5, 1), period_to=date(2025, 5, 31)
    )
    legacy = legacy_check(
        actor=head, office=office, file_name="ທະບຽນເກົ່າ.csv", data=_earlier_register(scope)
    )
    snapshot = snapshot_take(
        actor=cast.dej,
        unit_key=f"office-{office.pk}",
        period=periods.parse("2025"),
        label="ເສັ້ນຖານ ປີ 2025",
        standard_days=backlog_standard_days(),
    )
    return {
        "office": office.pk,
        "case": case.pk,
        "link": link.pk,
        "complaint": complaint.pk,
        "asset": asset.pk,
        "measure": measure.pk,
        "entry": entry.pk,
        "document": document.pk,
        "attachment": attachment.pk,
        "batch": batch.pk,
        "legacy": legacy.pk,
        "snapshot": snapshot.pk,
        "staffer": officer.pk,
        "apiclient": api_client_create(
            actor=None,
            name="ລະບົບຄຸ້ມຄອງຄະດີ ຂອງສານ",
            office=office,
            role=Role.CLERK,
            actions=["cases.read"],
        ).client.pk,
        "officer": officer,
    }


def _earlier_register(scope: str) -> bytes:
    """An earlier register of one closed case, as an office types it into the template."""
    with translation.override("lo"):
        values = {
            "register_number": 7,
            "register_year": 2020,
            "received_on": "02/03/2020",
            "court": "ສານປະຊາຊົນນະຄອນຫຼວງວຽງຈັນ",
            "decision_number": {"own": "31/ສປ", "district": "32/ສປ", "province": "33/ສປ"}[scope],
            "decided_on": "2020-01-15",
            "final_on": "14/02/2020",
            "decision_kind": str(DecisionKind.CIVIL.label),
            "creditor_name_lo": "ນາງ ແສງເດືອນ ວົງສາ",
            "debtor_name_lo": "ທ່ານ ບຸນມາ ສີສຸວັນ",
            "obligation_kind": str(ObligationKind.PAY_MONEY.label),
            "amount": "15000000",
            "currency": "LAK",
            "status": "ປິດ",
            "closed_on": "20/11/2020",
            "outcome": str(Outcome.FULLY_ENFORCED.label),
            "amount_recovered": "15000000",
        }
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([column.lo for column in COLUMNS])
    writer.writerow([values.get(column.key, "") for column in COLUMNS])
    return out.getvalue().encode("utf-8-sig")


def _campaign(actor: User, province_code: str) -> Campaign:
    today = timezone.localdate()
    return campaign_create(
        actor=actor,
        data=CampaignData(
            title="ການປະເມີນຄວາມຕ້ອງການຝຶກອົບຮົມ ຂອງແຂວງ",
            scope="provincial",
            province=Province.objects.get(code=province_code),
            opens_on=today - timedelta(days=5),
            closes_on=today + timedelta(days=25),
            roles=[Role.OFFICER],
            questions=["ທ່ານຕ້ອງການຝຶກອົບຮົມຫົວຂໍ້ໃດຕື່ມ?"],
        ),
    )


def _certified_event(cast: PermissionCast, users: list[User]) -> tuple[Event, list[Certificate]]:
    """A training of district officers that ended months ago, the three officers certified.

    Made directly: a training of this level needs a trainer who holds a ToT certificate, and
    a ToT certificate would make its holder a training manager, which the table does not want.
    """
    starts = timezone.localdate() - timedelta(days=120)
    event = Event.objects.create(
        module=Module.objects.get(code="M03"),
        level=Level.DISTRICT,
        starts_on=starts,
        ends_on=starts + timedelta(days=2),
        place="ຫ້ອງປະຊຸມ ກົມບັງຄັບຄະດີ, ນະຄອນຫຼວງວຽງຈັນ",
        capacity=20,
        created_by=cast.trainer,
        modified_by=cast.trainer,
    )
    event.trainers.set([cast.trainer])
    for day in range(3):
        Session.objects.create(event=event, on=starts + timedelta(days=day))
    participants = [participant_add(actor=cast.trainer, event=event, user=u) for u in users]
    sessions = {s.pk for s in event.sessions.all()}
    record_results(
        actor=cast.trainer,
        event=event,
        present={p.pk: sessions for p in participants},
        scores={p.pk: (40, 75) for p in participants},
    )
    return event, [certificate_issue(actor=cast.trainer, participant=p) for p in participants]


def build_world() -> World:
    cast = PermissionCast()
    for name in ("officer", "head", "clerk", "auditor_district", "head_province", "dej"):
        getattr(cast, name)
    for name in ("trainer", "admin", "outsider_district", "head_other_district"):
        getattr(cast, name)
    for name in ("outsider_province", "head_0601", "head_other_province", "admin_province"):
        getattr(cast, name)
    world = World(cast)
    for scope in SCOPES:
        world.places[scope] = _build_place(cast, scope)
    cast.officer2  # noqa: B018 - another officer of 0101, to reassign to
    capital = _campaign(cast.head_province, "01")
    other = _campaign(cast.head_other_province, "06")
    world.places["own"]["campaign"] = world.places["district"]["campaign"] = capital.pk
    world.places["province"]["campaign"] = other.pk
    officers = [world.places[scope]["officer"] for scope in SCOPES]
    event, certificates = _certified_event(cast, officers)
    for scope, certificate in zip(SCOPES, certificates, strict=True):
        world.places[scope]["certificate"] = certificate.code
        world.places[scope]["participant"] = certificate.participant_id
    override = holiday_override_set(
        actor=cast.admin,
        day=date(2025, 12, 31),
        kind=HolidayOverride.Kind.DAY_OFF,
        province=None,
        name_lo="ວັນພັກ ທ້າຍປີ",
    )
    guideline = guideline_save(
        actor=cast.admin,
        data=GuidelineData(
            code="freeze-account",
            title_lo="ການອາຍັດບັນຊີເງິນຝາກ",
            body_lo="<p>ເຈົ້າໜ້າທີ່ ອອກຄຳສັ່ງອາຍັດ ພາຍໃນ 5 ວັນລັດຖະການ.</p>",
        ),
    )
    court = Court.objects.order_by("pk").first()
    assert court is not None
    world.common = {
        "event": event.pk,
        "court": court.pk,
        "override": override.pk,
        "route": intake_route_set(
            actor=cast.admin,
            district=District.objects.get(code="0102"),
            office=Office.objects.get(code="01"),
        ).pk,
        "guideline": guideline.section.code,
    }
    for name in [*USERS.values(), *OUTSIDERS.values()]:
        world.client(name)
    return world


@pytest.fixture(scope="module")
def world(django_db_setup: None, django_db_blocker: Any) -> Iterator[World]:
    """Built once for the module inside a transaction that is rolled back at its end; each
    test runs in a savepoint of it (pytest-django's db), so what a request writes is undone."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_world()
        transaction.set_rollback(True)


# ---------------------------------------------------------------------------------- the tests


@cache
def _patterns() -> dict[str, tuple[URLPattern, str]]:
    """Every URL pattern of the project, with its full route, by "namespace:name" (or by its
    route, when unnamed)."""
    found: dict[str, tuple[URLPattern, str]] = {}

    def walk(patterns: list[Any], namespace: str, prefix: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = namespace
                if pattern.namespace:
                    inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
                walk(pattern.url_patterns, inner, prefix + str(pattern.pattern))
            else:
                assert isinstance(pattern, URLPattern)
                route = prefix + str(pattern.pattern)
                name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
                found[name or route] = (pattern, route)

    walk(get_resolver().url_patterns, "", "")
    return found


def _pattern_names() -> dict[str, str]:
    """Every URL pattern of the project: "namespace:name" (or its route) -> its full route."""
    return {name: route for name, (_pattern, route) in _patterns().items()}


def _is_admin(name: str) -> bool:
    return name.startswith(("admin:", "admin/"))


def test_every_url_has_a_row() -> None:
    """A URL added without a row fails here; so does a row whose URL is gone. Django's admin
    site is covered as a whole by test_the_admin_site_is_for_staff_only."""
    names = {name for name in _pattern_names() if not _is_admin(name)}
    rows = {label.split("[", 1)[0] for label in ROWS if not _is_admin(label)}
    assert sorted(names - rows) == [], "URLs without a row in the permission table"
    assert sorted(rows - names) == [], "rows of the permission table for URLs that are gone"
    assert set(ROWS) == set(PATHS), "TABLE and PATHS must have the same labels"
    assert {"admin:index", "admin:login"} <= set(ROWS)


def test_the_table_is_well_formed() -> None:
    """Each "*" has its reason in BUGS, and each reason its "*"."""
    starred = {(c.label, c.user) for c in CELLS if c.bug}
    assert starred == set(BUGS)
    marked = set()
    for label, by_user in ROWS.items():
        for user, values in by_user.items():
            if any(star for _status, star in values):
                marked.add((label, user))
    assert marked == set(BUGS)


@pytest.mark.django_db
def test_each_row_reaches_its_url(world: World) -> None:
    """The path of each row resolves to the URL name the row is for, for each scope."""
    wrong = []
    for label in PATHS:
        for scope in SCOPES if is_scoped(label) else ("-",):
            path = world.url(label, scope).split("?", 1)[0]
            if resolve(path).view_name != label.split("[", 1)[0]:
                wrong.append((label, scope, path, resolve(path).view_name))
    assert wrong == []


@pytest.mark.django_db
@pytest.mark.parametrize("cell", [_param(cell) for cell in CELLS])
def test_get(world: World, cell: Cell) -> None:
    url = world.url(cell.label, cell.scope)
    response = world.client(USERS[cell.user]).get(url)
    finish(response)
    got = response.status_code
    where = f"GET {url} as {cell.user} ({cell.scope})"
    assert got == cell.status, f"{where}: expected {cell.status}, got {got}"
    if cell.user == "anon" and got == 302:
        login = ANON_REDIRECTS.get(cell.label, "/login/?next=")
        assert response["Location"].startswith(login), where


# ---------------------------------------------------------------------------------- writes

# Every URL that writes, POSTed with a valid body at the own office's (0101) object by staff of
# another district (0102: an officer, the head) and of another province (0601: an officer; 06:
# the division's head, the province's administrator). "-": that user may legitimately act on
# it (a campaign of the capital reaches 0102). The last column is who may: the same POST as that
# user must write something (test_post_writes_for_who_may), so the bodies are known to work.
# Not here: the URLs that create in the user's own office only (cases:new, documents:register,
# reports:import, training:campaign_new, training:event_new).
POST_TABLE = """
label                       o0102  h0102  o0601  h06  a06   may
cases:step                  404    404    404    404  404   head
cases:reassign              404    404    404    404  404   head
cases:party_edit            404    404    404    404  404   officer
cases:party_id_number       404    404    404    404  404   head_province
cases:party_export          404    404    404    404  404   head
cases:complaint_new         404    404    404    404  404   officer
cases:complaint_decide      404    404    404    404  404   head
measures:action             404    404    404    404  404   officer
measures:action_on          404    404    404    404  404   officer
finance:action[payment]     404    404    404    404  404   clerk
finance:action[cost]        404    404    404    404  404   officer
finance:action_on           404    404    404    404  404   head
documents:issue             404    404    404    404  404   officer
documents:correct           404    404    404    404  404   officer
documents:upload            404    404    404    404  404   officer
reports:snapshots           404    404    404    404  404   head
reports:snapshot_withdraw   404    404    404    404  404   head
reports:import_detail       404    404    404    404  404   head
api:v1:case_transition      404    404    404    404  404   head
api:v1:case_payments        404    404    404    404  404   clerk
org:holidays                403    403    403    403  400   admin
org:holiday_remove          403    403    403    403  403   admin
org:court_new               403    403    403    403  400  admin
org:court_edit              403    403    403    403  400  admin
org:intake_routes           403    403    403    403  400   admin
org:intake_route_remove     403    403    403    403  403   admin
api:v1:intake_decisions     403    403    403    403  403   -
org:staff_disable           403    403    403    403  404   admin
org:staff_enable            403    403    403    403  404   admin
org:staff_two_factor_reset  403    403    403    403  404   admin
api:client_revoke           403    403    403    403  404   admin
guidelines:guideline_new    403    403    403    403  403   admin
guidelines:guideline_edit   403    403    403    403  403   admin
documents:template          403    403    403    403  403   admin
training:questionnaire      -      403    404    404  404   officer
training:supervisor         403    404    404    404  404   head
training:paper              403    -      404    404  404   -
training:event              200    404    200    404  200   trainer
training:follow_ups         403    200    403    200  403   head
"""
OUTSIDERS = {
    "o0102": "outsider_district",
    "h0102": "head_other_district",
    "o0601": "outsider_province",
    "h06": "head_other_province",
    "a06": "admin_province",
}
POST_BUGS: dict[tuple[str, str], str] = {}


def _parse_posts() -> dict[str, tuple[dict[str, str], str]]:
    lines = [line for line in POST_TABLE.strip().splitlines() if line.strip()]
    assert lines[0].split() == ["label", *OUTSIDERS, "may"], lines[0]
    rows = {}
    for line in lines[1:]:
        label, *cells, may = line.split()
        rows[label] = (dict(zip(OUTSIDERS, cells, strict=True)), may)
    return rows


POSTS = _parse_posts()


def _dated(**values: Any) -> dict[str, Any]:
    return {"on": "2025-05-06", **values}


def _competency_ids(world: World) -> list[int]:
    campaign = Campaign.objects.get(pk=world.places["own"]["campaign"])
    return list(campaign.framework.competencies.values_list("pk", flat=True))


def _party_body(world: World) -> dict[str, Any]:
    from ejcms.cases.forms import PartyCorrectionForm

    link = CaseParty.objects.select_related("party").get(pk=world.places["own"]["link"])
    body = {}
    for key, value in PartyCorrectionForm.initial_for(link.party).items():
        body[key] = "" if value is None else getattr(value, "pk", value)
    body["name_lo"] = "ທ່ານ ສົມບັດ ປອມແປງ"
    return body


def _template_body(world: World) -> dict[str, Any]:
    template = DocumentTemplate.objects.filter(kind="case_cover").order_by("-revision").first()
    assert template is not None
    return {
        "source": template.source,
        "effective_from": timezone.localdate().isoformat(),
        "note": "ແກ້ໄຂ ຫົວເອກະສານ",
    }


def _court_body(world: World) -> dict[str, Any]:
    return {
        "name_lo": "ສານປະຊາຊົນ ເຂດ ທົດລອງ",
        "name_en": "",
        "level": Court.Level.PROVINCIAL,
        "province": Province.objects.get(code="01").pk,
        "is_active": "on",
    }


def _upload(world: World) -> dict[str, Any]:
    return {
        "kind": "decision",
        "title": "ຄຳຕັດສິນ ສະບັບສະແກນ",
        "file": SimpleUploadedFile("ຄຳຕັດສິນ.pdf", PDF, content_type="application/pdf"),
    }


def _intake_body(world: World) -> dict[str, Any]:
    """A court's decision for a debtor of 0101: only a client with intake.submit may send it."""
    return {
        "decision": {
            "court": Court.objects.order_by("pk").first().pk,  # type: ignore[union-attr]
            "number": "77/ສປ",
            "decided_on": "2025-01-10",
            "final_on": "2025-02-10",
            "kind": "civil",
            "operative_part": "ໃຫ້ ທ່ານ ຄຳມະນີ ຊຳລະເງິນ 5.000.000 ກີບ",
        },
        "parties": [
            {"role": "creditor", "kind": "person", "name_lo": "ນາງ ແສງດາວ ວົງສະຫວັນ"},
            {"role": "debtor", "kind": "person", "name_lo": "ທ່ານ ຄຳມະນີ", "district": "0101"},
        ],
        "obligations": [{"kind": "pay_money", "amount": "5000000", "currency": "LAK"}],
        "decision_pdf": base64.b64encode(PDF).decode(),
    }


def _own(world: World, key: str) -> Any:
    return world.places["own"][key]


# The body of each POST, and its URL where it is not the table's.
POST_BODIES: dict[str, Callable[[World], dict[str, Any]]] = {
    "cases:step": lambda w: _dated(ground="illness", note="ຜູ້ຖືກບັງຄັບ ປ່ວຍໜັກ"),
    "api:v1:case_transition": lambda w: _dated(ground="illness", note="ຜູ້ຖືກບັງຄັບ ປ່ວຍໜັກ"),
    "api:v1:case_payments": lambda w: _dated(amount="1000000", currency="LAK", method="cash"),
    "cases:reassign": lambda w: {"officer": w.cast.officer2.pk, "reason": "ແບ່ງເບົາພາລະວຽກ"},
    "cases:party_edit": _party_body,
    "cases:party_id_number": lambda w: {},
    "cases:party_export": lambda w: {},
    "cases:complaint_new": lambda w: {
        "filed_on": "2025-05-06",
        "complainant": "debtor",
        "against": "order",
        "summary": "ບໍ່ເຫັນດີນຳການອາຍັດບັນຊີ",
    },
    "cases:complaint_decide": lambda w: {
        "decided_on": "2025-05-07",
        "decision": "rejected",
        "note": "ຄຳສັ່ງຖືກຕ້ອງຕາມກົດໝາຍ",
    },
    "measures:action": lambda w: {
        "kind": AssetKind.MOVABLE,
        "owner": CaseParty.objects.get(pk=_own(w, "link")).party_id,
        "description": "ຕູ້ເຢັນ ຊຳຊຸງ 2 ປະຕູ",
        "declared_by": "creditor",
        "declared_on": "2025-04-28",
        "currency": "LAK",
    },
    "measures:action_on": lambda w: _dated(reason="ຜູ້ຖືກບັງຄັບ ວາງເງິນຄ້ຳປະກັນ"),
    "finance:action[payment]": lambda w: _dated(
        amount="1000000", currency="LAK", method="cash", idempotency_key=str(uuid.uuid4())
    ),
    "finance:action[cost]": lambda w: _dated(kind="advertising", amount="150000", currency="LAK"),
    "finance:action_on": lambda w: _dated(reason="ບັນທຶກຜິດ"),
    "documents:issue": lambda w: {"subject": "", "language": "lo", "note": ""},
    "documents:correct": lambda w: {"language": "lo", "note": "", "reason": "ແກ້ໄຂຄຳຜິດ"},
    "documents:upload": _upload,
    "reports:snapshots": lambda w: {"label": "ເສັ້ນຖານ ໃໝ່"},
    "reports:snapshot_withdraw": lambda w: {},
    "reports:import_detail": lambda w: {"accept_valid_rows": "1"},
    "org:holidays": lambda w: {
        "date": "2025-11-28",
        "kind": HolidayOverride.Kind.DAY_OFF,
        "province": Province.objects.get(code="01").pk,
        "name_lo": "ວັນພັກ ຂອງນະຄອນຫຼວງ",
    },
    "org:holiday_remove": lambda w: {},
    "org:court_new": _court_body,
    "org:court_edit": _court_body,
    "org:intake_routes": lambda w: {
        "district": District.objects.get(code="0101").pk,
        "office": Office.objects.get(code="01").pk,
        "note": "ຫ້ອງການເມືອງ ກຳລັງຍ້າຍບ່ອນເຮັດວຽກ",
    },
    "org:intake_route_remove": lambda w: {},
    "api:v1:intake_decisions": _intake_body,
    "org:staff_disable": lambda w: {"reason": "ອອກການ"},
    "org:staff_enable": lambda w: {},
    "org:staff_two_factor_reset": lambda w: {},
    "api:client_revoke": lambda w: {},
    "guidelines:guideline_new": lambda w: {
        "code": "seize-movables",
        "title_lo": "ການຢຶດຊັບສິນເຄື່ອນທີ່",
        "body_lo": "<p>ບັນທຶກລາຍການຊັບສິນ ທຸກລາຍການ.</p>",
    },
    "guidelines:guideline_edit": lambda w: {
        "code": w.common["guideline"],
        "title_lo": "ການອາຍັດບັນຊີເງິນຝາກ",
        "body_lo": "<p>ເຈົ້າໜ້າທີ່ ອອກຄຳສັ່ງອາຍັດ ພາຍໃນ 5 ວັນລັດຖະການ ນັບແຕ່ມື້ຮັບຄຳຮ້ອງ.</p>",
        "note": "ເພີ່ມ ມື້ເລີ່ມນັບ",
    },
    "documents:template": _template_body,
    "training:questionnaire": lambda w: (
        {"years_of_service": "5"} | {f"importance_{pk}": "5" for pk in _competency_ids(w)}
    ),
    "training:supervisor": lambda w: {f"performance_{pk}": "4" for pk in _competency_ids(w)},
    "training:paper": lambda w: {
        "file": SimpleUploadedFile("ແບບສອບຖາມ.xlsx", b"PK\x03\x04", content_type="application/zip")
    },
    "training:event": lambda w: {"action": "add", "user": w.cast.officer2.pk},
    "training:follow_ups": lambda w: {"on": timezone.localdate().isoformat(), "rating": "4"},
}
POST_PATHS: dict[str, str] = {
    "reports:snapshots": "/statistics/baselines/?unit=office-{office}&period=2025",
    "training:supervisor": "/training/{campaign}/staff/?staff={staffer_raw}",
    "training:follow_ups": "/training/follow-ups/?p={participant}",
}
# The GET that writes: opening an identity number is recorded in the audit log.
AUDITED_GETS = {"cases:party_id_number"}


def footprint() -> dict[str, Any]:
    """What a write would change: the audit log (every service writes to it), and the rows a
    URL of the table writes, with the fields it changes."""

    def rows(model: Any, *fields: str) -> list[Any]:
        return list(model.objects.order_by("pk").values_list("pk", *fields))

    return {
        "audit": AuditRecord.objects.count(),
        "cases": rows(EnforcementCase, "state", "state_since", "assigned_officer_id"),
        "parties": rows(Party, "name_lo", "id_document_number"),
        "complaints": rows(Complaint, "decided_on", "decision"),
        "assets": rows(Asset),
        "measures": rows(Measure, "status"),
        "entries": rows(LedgerEntry),
        "documents": rows(IssuedDocument),
        "attachments": rows(Attachment),
        "batches": rows(DocumentBatch),
        "templates": rows(DocumentTemplate),
        "snapshots": rows(Snapshot, "withdrawn_at"),
        "imports": rows(LegacyImport, "status"),
        "holidays": rows(HolidayOverride, "date", "kind", "province_id"),
        "courts": rows(Court, "name_lo", "is_active"),
        "intake_routes": rows(IntakeRoute, "district_id", "office_id", "note"),
        "accounts": rows(User, "is_active"),
        "api_clients": rows(ApiClient, "revoked_at"),
        "guidelines": rows(GuidelineVersion),
        "campaigns": rows(Campaign),
        "responses": rows(Response),
        "supervisor_ratings": rows(SupervisorRating),
        "participants": rows(Participant, "follow_up_on"),
    }


def _post(world: World, label: str, name: str) -> Any:
    url = POST_PATHS.get(label, PATHS[label]).format(**world.refs("own"))
    client = world.client(name)
    if label in AUDITED_GETS:
        return url, client.get(url)
    if label.startswith("api:"):  # the API reads JSON
        return url, client.post(url, POST_BODIES[label](world), content_type="application/json")
    return url, client.post(url, POST_BODIES[label](world))


def _post_params() -> Iterator[Any]:
    for label, (by_user, _may) in POSTS.items():
        for column, value in by_user.items():
            if value == "-":
                continue
            bug = POST_BUGS.get((label, column), "") if value.endswith("*") else ""
            yield pytest.param(
                label, column, int(value.rstrip("*")), id=f"{label}|{column}", marks=known_bug(bug)
            )


# POST-only URLs that write nothing of an office: logging out ends one's own session.
NOT_OFFICE_WRITES = {"logout"}


def test_every_write_has_a_post_row() -> None:
    """Each URL that only takes a POST (405 to a GET) has a row; each row a body; each starred
    cell a reason; each POST row is a row of TABLE."""
    post_only = {
        label
        for label, by_user in ROWS.items()
        if any(status == 405 for values in by_user.values() for status, _star in values)
    }
    assert sorted(post_only - set(POSTS) - NOT_OFFICE_WRITES) == []
    assert set(POSTS) == set(POST_BODIES)
    assert set(POSTS) <= set(PATHS)
    starred = {(label, c) for label, (cells, _m) in POSTS.items() for c, v in cells.items()}
    starred = {(label, c) for label, c in starred if POSTS[label][0][c].endswith("*")}
    assert starred == set(POST_BUGS)


@pytest.mark.django_db
@pytest.mark.parametrize(("label", "column", "expected"), list(_post_params()))
def test_post_from_another_office_writes_nothing(
    world: World, label: str, column: str, expected: int
) -> None:
    before = footprint()
    url, response = _post(world, label, OUTSIDERS[column])
    finish(response)
    where = f"POST {url} as {OUTSIDERS[column]}"
    assert response.status_code == expected, (
        f"{where}: expected {expected}, got {response.status_code}"
    )
    after = footprint()
    changed = sorted(key for key in before if before[key] != after[key])
    assert changed == [], f"{where} wrote to {changed}"


@pytest.mark.django_db
@pytest.mark.parametrize("label", [label for label, (_c, may) in POSTS.items() if may != "-"])
def test_post_writes_for_who_may(world: World, label: str) -> None:
    """The control of the test above: the same request by who may does write, so a refusal
    there is the permission check's, not a bad body's."""
    may = POSTS[label][1]
    if label == "org:staff_enable":
        User.objects.filter(pk=_own(world, "staffer")).update(is_active=False)
    before = footprint()
    url, response = _post(world, label, may)
    finish(response)
    assert response.status_code in (200, 201, 302), f"POST {url} as {may}: {response.status_code}"
    after = footprint()
    assert before != after, f"POST {url} as {may} wrote nothing"


# ---------------------------------------------------------------------------------- admin site


def _admin_path(name: str, route: str) -> str:
    """A concrete path for an admin URL pattern: its ids set to 1."""
    if name == "admin:app_list":
        return "/admin/org/"
    if route.endswith("(?P<url>.*)$"):
        return "/admin/no-such-page/"
    return "/" + re.sub(r"<(?:\w+:)?\w+>", "1", route)


@pytest.mark.django_db
def test_the_admin_site_is_for_staff_only(world: World) -> None:
    """Django's admin site, every one of its URLs: for Django staff accounts only. No role of
    ejcms makes an account staff (the cast has none), so every user is sent to the admin's
    login page (anonymous: to a login page), except the login page itself and the logout."""
    assert not User.objects.filter(is_staff=True).exists()
    admin_urls = {n: r for n, r in _pattern_names().items() if _is_admin(n)}
    assert len(admin_urls) > 50, admin_urls
    wrong = []
    for name, route in sorted(admin_urls.items()):
        path = _admin_path(name, route)
        for user in USERS.values():
            response = world.client(user).get(path)
            finish(response)
            location = response.get("Location", "")
            if name == "admin:login":
                ok = response.status_code == 200
            elif name == "admin:logout" and user != "anon":
                ok = response.status_code == 302 and location == "/admin/"
            elif user == "anon":
                # LoginRequiredMiddleware sends to ejcms's login page, the admin's index (which
                # Django leaves open) to the admin's.
                ok = response.status_code == 302 and location.startswith(
                    ("/login/?next=/admin/", "/admin/login/?next=/admin/")
                )
            else:
                ok = response.status_code == 302 and location.startswith("/admin/login/?next=")
            if not ok:
                wrong.append((name, path, user, response.status_code, location))
    assert wrong == [], "\n".join(map(str, wrong))


@pytest.mark.django_db
def test_a_django_staff_account_opens_the_admin_after_its_code(world: World) -> None:
    """What makes the difference is Django's staff flag (set by createsuperuser, never by a
    role), and such an account gives the second factor first (org.two_factor)."""
    superuser = User.objects.create_superuser("ejcms-root", password=None)
    unverified = Client()
    unverified.force_login(superuser)
    response = unverified.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/two-factor/")
    verified = Client()
    client_login(verified, superuser)
    assert verified.get("/admin/").status_code == 200
    assert verified.get("/admin/org/staffprofile/").status_code == 200


# ---------------------------------------------------------------------------------- lists


# Pages that list objects of several offices, and what each shows of each office's objects.
# The deadline board shows only the cases with a deadline running, so there the test only
# checks that nothing of another scope shows.
LISTS: dict[str, tuple[Callable[[World, str], str], bool]] = {
    "/cases/": (lambda w, scope: w.case_link(scope), True),
    "/deadlines/?scope=office": (lambda w, scope: w.case_link(scope), False),
    "/search/?q=ສີສະຫວາດ": (lambda w, scope: w.case_link(scope), True),
    "/office/documents/": (lambda w, scope: w.url("documents:tab", scope), True),
    "/statistics/baselines/": (
        lambda w, scope: w.url("reports:snapshot", scope),
        True,
    ),
    "/statistics/import/": (
        lambda w, scope: w.url("reports:import_detail", scope),
        True,
    ),
}
# Who sees which office's objects on a list: the office itself, its province, the DEJ.
SEES = {
    "officer": ("own",),
    "head": ("own",),
    "clerk": ("own",),
    "auditor": ("own",),
    "headprov": ("own", "district"),
    "dej": SCOPES,
    "trainer": (),
    "admin": (),
}


# An officer's statistics are his own cases: the office's baselines are not his to list.
LIST_EXCEPTIONS: dict[tuple[str, str], tuple[tuple[str, ...], str]] = {
    ("/statistics/baselines/", "officer"): ((), ""),
}


def _list_params() -> Iterator[Any]:
    for url in LISTS:
        for user in SEES:
            reason = LIST_EXCEPTIONS.get((url, user), ((), ""))[1]
            yield pytest.param(url, user, id=f"{url}|{user}", marks=known_bug(reason))


@pytest.mark.django_db
@pytest.mark.parametrize(("url", "user"), list(_list_params()))
def test_lists_show_only_what_the_user_may_see(world: World, url: str, user: str) -> None:
    """A list answers 200 to many; what it lists must still be the user's scope."""
    marker, must_show = LISTS[url]
    sees = LIST_EXCEPTIONS.get((url, user), (SEES[user], ""))[0]
    response = world.client(USERS[user]).get(url)
    if response.status_code != 200:
        return  # a refusal: the table says to whom
    text = response.content.decode()
    wrong = []
    for scope in SCOPES:
        shown = marker(world, scope) in text
        if shown and scope not in sees:
            wrong.append((scope, "shown"))
        if must_show and not shown and scope in sees:
            wrong.append((scope, "missing"))
    assert wrong == [], f"GET {url} as {user}"


@pytest.mark.django_db
def test_an_access_request_exports_only_the_records_of_the_scope(world: World) -> None:
    """The three debtors carry the same identity number; the head of 0101 exports only his
    office's record of that person, the province's head those of the capital's offices."""
    for user, scopes in (("head", ("own",)), ("head_province", ("own", "district"))):
        url = world.url("cases:party_export", "own")
        text = world.client(user).get(url).content.decode()
        for scope in SCOPES:
            shown = world.case_link(scope) in text
            assert shown == (scope in scopes), (user, scope)


# ---------------------------------------------------------------------------------- every name


def _named_urls(world: World) -> list[str]:
    """Every workflow step, measure action and money action, at the own office's case (an
    action on an object with the own case's objects: an id of another kind answers 404 all
    the same, so the sweep does not depend on it)."""
    from ejcms.cases.workflow import TRANSITIONS
    from ejcms.finance.actions import ACTIONS as MONEY
    from ejcms.measures.actions import ACTIONS as MEASURES

    refs = world.refs("own")
    case = refs["case"]
    urls = [f"/cases/{case}/step/{name}/" for name in TRANSITIONS]
    for prefix, actions, obj in (("do", MEASURES, "asset"), ("money", MONEY, "entry")):
        for name, action in actions.items():
            suffix = f"{refs[obj]}/" if action.lookup is not None else ""
            urls.append(f"/cases/{case}/{prefix}/{name}/{suffix}")
    return urls


@pytest.mark.django_db
@pytest.mark.parametrize("column", ["o0102", "h0102", "o0601", "h06"])
def test_every_step_and_action_refuses_another_office(world: World, column: str) -> None:
    """Not only the row's example: every step and action name, GET and POST, answers 404 to
    staff of another district and another province, and writes nothing."""
    client = world.client(OUTSIDERS[column])
    before = footprint()
    wrong = []
    for url in _named_urls(world):
        for method in (client.get, client.post):
            response = method(url)
            if response.status_code != 404:
                wrong.append((method.__name__, url, response.status_code))
    assert wrong == []
    assert footprint() == before
