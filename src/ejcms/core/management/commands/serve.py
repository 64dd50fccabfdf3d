import threading
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.crypto import get_random_string


def start_task_worker() -> threading.Thread:
    """The embedded server's background worker: a thread that runs queued tasks (document
    batches) so that a single `ejcms serve` needs no other process."""
    from django_tasks_db.management.commands.db_worker import Worker

    worker = Worker(
        queue_names=["default"],
        interval=1.0,
        batch=False,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=f"serve-{get_random_string(12)}",
        excluded_queue_names=[],
    )
    thread = threading.Thread(target=worker.run, name="ejcms-tasks", daemon=True)
    thread.start()
    return thread


class Command(BaseCommand):
    help = "Serve ejcms with waitress (the embedded server for an office or a demo)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--threads", type=int, default=8)
        parser.add_argument(
            "--no-worker",
            action="store_true",
            help="Do not run background tasks in this process (run `ejcms worker` instead).",
        )

    def handle(
        self, *args: Any, host: str, port: int, threads: int, no_worker: bool, **options: Any
    ) -> None:
        from waitress import serve

        from ejcms.config.wsgi import application

        if not no_worker:
            start_task_worker()
        self.stdout.write(f"ejcms is running on http://{host}:{port}/  (Ctrl+C stops it)")
        serve(application, host=host, port=port, threads=threads, ident="ejcms")
