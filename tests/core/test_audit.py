from __future__ import annotations

import itertools

import pytest
from django.core.management import CommandError, call_command

from ejcms.core.audit import audit_verify
from ejcms.core.models import AuditRecord


@pytest.mark.django_db
def test_every_service_call_chains_onto_the_previous_record(make_case):
    make_case()
    make_case(number="126/ສປ")
    checked, broken = audit_verify()
    assert broken is None
    assert checked == AuditRecord.objects.count() >= 2
    records = list(AuditRecord.objects.order_by("sequence"))
    for before, after in itertools.pairwise(records):
        assert after.previous_hash == before.hash


@pytest.mark.django_db
def test_a_changed_record_is_found_and_named(make_case):
    make_case()
    make_case(number="126/ສປ")
    victim = AuditRecord.objects.filter(action="case.register").order_by("sequence").first()
    AuditRecord.objects.filter(pk=victim.pk).update(payload={"register": "999/2025"})
    _checked, broken = audit_verify()
    assert broken is not None
    assert broken.pk == victim.pk
    with pytest.raises(CommandError, match=f"record {victim.sequence}"):
        call_command("verify_audit")
