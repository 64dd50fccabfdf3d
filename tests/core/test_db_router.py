"""The read replica: the statistics read through the "replica" connection, everything else and
every write through "default".

The test settings give a second alias, "replica", mirroring the test database (a connection of
its own to the same database, as a streaming replica is a copy of the primary); these tests
install the router, as EJCMS_DATABASE_REPLICA_URL does. The data is committed
(transaction=True) so that the second connection sees it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.db import connections
from django.test.utils import CaptureQueriesContext

from ejcms.cases.models import EnforcementCase
from ejcms.cases.services import case_transition
from ejcms.cases.workflow import TransitionInput
from ejcms.core.db_router import REPLICA, ReplicaRouter, use_replica
from ejcms.org.models import Office
from tests.api.conftest import ALL, TokenClient
from tests.conftest import Cast, register
from tests.settings_probe import settings_value

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", "replica"])

ROUTER = "ejcms.core.db_router.ReplicaRouter"
Q1 = {"period": "2025-Q1", "standard": "365"}


@pytest.fixture
def routed(settings: Any) -> None:
    settings.DATABASE_ROUTERS = [ROUTER]


@pytest.fixture
def caseload(committed_cast: Cast, routed: None) -> Cast:
    register(committed_cast.clerk, number="701/ສປ")
    register(committed_cast.clerk, number="702/ສປ", received_on=date(2025, 2, 20))
    return committed_cast


def _sql(captured: CaptureQueriesContext) -> list[str]:
    return [query["sql"] for query in captured.captured_queries]


def _aggregates_of_cases(statements: list[str]) -> list[str]:
    return [
        sql
        for sql in statements
        if "cases_enforcementcase" in sql and ("COUNT(" in sql or "SUM(" in sql)
    ]


def test_the_statistics_page_computes_its_figures_on_the_replica(caseload: Cast) -> None:
    client = caseload.client("head")
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections[REPLICA]) as replica,
    ):
        page = client.get("/statistics/", Q1)
    assert page.status_code == 200
    assert _aggregates_of_cases(_sql(replica)), "the case counts were not read on the replica"
    assert not _aggregates_of_cases(_sql(primary)), "the case counts were read on the primary"
    # The login and the session are read from the primary, before the statistics begin.
    assert any("django_session" in sql for sql in _sql(primary))
    assert not any("django_session" in sql for sql in _sql(replica))
    # And the replica's figures are those of the committed cases: two received in Q1.
    assert page.context["ind"].total.incoming == 2


def test_the_exports_and_the_api_read_the_replica(caseload: Cast) -> None:
    client = caseload.client("head")
    from ejcms.api.services import api_client_create

    api = TokenClient(
        api_client_create(
            actor=None,
            name="ລະບົບສະຖິຕິ ກະຊວງຍຸຕິທຳ",
            office=Office.objects.get(code="0101"),
            role="head",
            actions=ALL,
        )
    )
    for call in (
        lambda: client.get("/statistics/export/units.csv", Q1),
        lambda: api.get("/api/v1/statistics/", {"period": "2025-Q1"}),
    ):
        with (
            CaptureQueriesContext(connections["default"]) as primary,
            CaptureQueriesContext(connections[REPLICA]) as replica,
        ):
            response = call()
        assert response.status_code == 200
        assert _aggregates_of_cases(_sql(replica))
        assert not _aggregates_of_cases(_sql(primary))


def test_writes_inside_the_block_go_to_the_primary(caseload: Cast) -> None:
    case = EnforcementCase.objects.get(decision__number="701/ສປ")
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections[REPLICA]) as replica,
        use_replica(),
    ):
        case_transition(
            actor=caseload.officer,
            case=case,
            name="call_parties",
            data=TransitionInput(on=date(2025, 3, 5)),
        )
    written = [sql for sql in _sql(primary) if sql.startswith(("INSERT", "UPDATE"))]
    assert any("core_auditrecord" in sql for sql in written)
    assert any("cases_enforcementcase" in sql for sql in written)
    # The reads of the transition's transaction stay with its writes on the primary.
    assert _sql(replica) == []


def test_reads_outside_the_block_stay_on_the_primary(caseload: Cast) -> None:
    with CaptureQueriesContext(connections[REPLICA]) as replica:
        assert EnforcementCase.objects.count() == 2
    assert _sql(replica) == []
    with use_replica(), CaptureQueriesContext(connections[REPLICA]) as replica:
        assert EnforcementCase.objects.count() == 2
    assert len(_sql(replica)) == 1


@pytest.mark.filterwarnings("ignore:Overriding setting DATABASES")
def test_without_a_replica_the_block_changes_nothing(settings: Any, routed: None) -> None:
    settings.DATABASES = {"default": settings.DATABASES["default"]}
    with use_replica():
        assert ReplicaRouter().db_for_read(EnforcementCase) is None


def test_migrations_run_on_the_primary_only() -> None:
    router = ReplicaRouter()
    assert router.allow_migrate("default", "cases") is True
    assert router.allow_migrate(REPLICA, "cases") is False
    assert router.db_for_write(EnforcementCase) == "default"


def _settings(**env: str) -> str:
    return settings_value(
        "sorted(s.DATABASES), s.DATABASE_ROUTERS, s.DATABASES.get('replica', {}).get('HOST')", **env
    )


@pytest.mark.django_db(databases=[])
def test_the_replica_and_its_router_come_with_the_setting(tmp_path: Any) -> None:
    base = {"EJCMS_VAR_DIR": str(tmp_path)}
    assert _settings(**base) == "['default'] [] None"
    assert (
        _settings(**base, EJCMS_DATABASE_REPLICA_URL="postgres://ejcms@10.0.0.12:5432/ejcms")
        == f"['default', 'replica'] ['{ROUTER}'] 10.0.0.12"
    )
