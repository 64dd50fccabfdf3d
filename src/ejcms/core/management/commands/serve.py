import os
import threading
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.crypto import get_random_string

# Each gunicorn worker holds a whole copy of the application (about 100 MB once warm): beyond
# this many, a large machine runs out of memory before it runs out of CPU. More threads per
# worker, or more machines behind the proxy, serve more.
MAX_DEFAULT_WORKERS = 12
DEFAULT_THREADS = 8
DEFAULT_PRODUCTION_THREADS = 4


def cpu_count() -> int:
    """The CPUs this process may run on (a container's or a cgroup's share, not the host's)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def default_workers(cpus: int | None = None) -> int:
    """gunicorn's rule of thumb, 2 × CPUs + 1, capped at MAX_DEFAULT_WORKERS."""
    return min(2 * (cpus or cpu_count()) + 1, MAX_DEFAULT_WORKERS)


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


def gunicorn_options(*, host: str, port: int, workers: int, threads: int) -> dict[str, Any]:
    """The production server's settings (gunicorn's names)."""
    bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"

    def pre_fork(server: Any, worker: Any) -> None:
        # The application is loaded once in the master (preload) and the workers are forked
        # from it: a database connection opened there must not be shared by the children.
        from django.db import connections

        connections.close_all()

    return {
        "bind": [bind],
        "workers": workers,
        "worker_class": "gthread",
        "threads": threads,
        # Load Django once, in the master: workers start at once and share its memory pages.
        "preload_app": True,
        # A worker silent this long is killed and replaced; on SIGTERM (systemd, a deploy),
        # requests under way get this long to finish.
        "timeout": 60,
        "graceful_timeout": 30,
        # Behind nginx, which keeps its own connections to the browsers.
        "keepalive": 5,
        # Each worker is replaced after about this many requests, so that memory a long-lived
        # process gathers is given back; the jitter keeps them from all restarting together.
        "max_requests": 1000,
        "max_requests_jitter": 100,
        # ejcms logs each request itself (with its request id): no second access log.
        "accesslog": None,
        "errorlog": "-",
        "loglevel": "info",
        "proc_name": "ejcms",
        "pre_fork": pre_fork,
        # gunicorn 24+ opens a control socket at one path per user ($HOME/.gunicorn): two
        # servers of one account would take each other's. ejcms does not use it.
        "control_socket_disable": True,
    }


def serve_production(options: dict[str, Any]) -> None:
    """Run gunicorn in this process (the master) with the ejcms WSGI application."""
    from gunicorn.app.base import BaseApplication

    class ProductionServer(BaseApplication):
        def load_config(self) -> None:
            for key, value in options.items():
                if key in self.cfg.settings:  # settings of a later gunicorn than the one here
                    self.cfg.set(key, value)

        def load(self) -> Any:
            from ejcms.config.wsgi import application

            return application

    ProductionServer().run()


class Command(BaseCommand):
    help = (
        "Serve ejcms: with waitress and a background worker thread (the embedded server for an "
        "office or a demo), or with --production, gunicorn with several worker processes."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument(
            "--threads",
            type=int,
            default=None,
            help=f"Threads per process (default {DEFAULT_THREADS}; "
            f"{DEFAULT_PRODUCTION_THREADS} per worker with --production).",
        )
        parser.add_argument(
            "--no-worker",
            action="store_true",
            help="Do not run background tasks in this process (run `ejcms worker` instead).",
        )
        parser.add_argument(
            "--production",
            action="store_true",
            help="Serve with gunicorn (worker processes, no background tasks: run `ejcms "
            "worker` beside it). Needs EJCMS_ENV=production.",
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=None,
            help="With --production: worker processes (default 2 × CPUs + 1, at most "
            f"{MAX_DEFAULT_WORKERS}).",
        )

    def handle(
        self,
        *args: Any,
        host: str,
        port: int,
        threads: int | None,
        no_worker: bool,
        production: bool,
        workers: int | None,
        **options: Any,
    ) -> None:
        if threads is not None and threads < 1:
            raise CommandError("--threads must be at least 1.")
        if production:
            self._production(host=host, port=port, workers=workers, threads=threads)
            return
        if workers is not None:
            raise CommandError("--workers needs --production (the embedded server is one process).")

        from waitress import serve

        from ejcms.config.wsgi import application

        if not no_worker:
            start_task_worker()
        self.stdout.write(f"ejcms is running on http://{host}:{port}/  (Ctrl+C stops it)")
        serve(application, host=host, port=port, threads=threads or DEFAULT_THREADS, ident="ejcms")

    def _production(
        self, *, host: str, port: int, workers: int | None, threads: int | None
    ) -> None:
        # A production server with development settings would run with the published
        # development key, DEBUG on and no two-step login: refuse rather than warn, since a
        # warning scrolls by unseen under systemd.
        if not settings.PRODUCTION:
            raise CommandError(
                "--production needs EJCMS_ENV=production (with EJCMS_SECRET_KEY and "
                "EJCMS_ALLOWED_HOSTS; see docs/deployment.md). For a demo or one office, "
                "run `ejcms serve` without --production."
            )
        if workers is not None and workers < 1:
            raise CommandError("--workers must be at least 1.")
        workers = workers or default_workers()
        threads = threads or DEFAULT_PRODUCTION_THREADS
        self.stdout.write(
            f"ejcms (production) is running on http://{host}:{port}/ with {workers} worker "
            f"processes of {threads} threads (SIGTERM or Ctrl+C stops it). Background work "
            "(batches of documents) is not run here: run `ejcms worker` beside it."
        )
        self.stdout.flush()
        serve_production(gunicorn_options(host=host, port=port, workers=workers, threads=threads))
