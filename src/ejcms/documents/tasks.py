"""Background work of the documents module (run by `ejcms worker` or `ejcms serve`)."""

from __future__ import annotations

from django_tasks import task

from ejcms.documents.services import batch_execute


@task()
def batch_run(batch_id: str) -> int:
    """Issue the documents of a batch; returns how many were issued."""
    batch = batch_execute(batch_id)
    return batch.documents.count()
