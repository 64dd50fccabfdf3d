from typing import Any

from django.core.management.base import BaseCommand
from django.utils import translation

from ejcms.org.roles import MATRIX, Role


def matrix_table() -> str:
    """The permission matrix as a Markdown table: one row per action, one column per role."""
    roles = list(Role)
    lines = [
        "| " + " | ".join(["", *(str(role.label) for role in roles)]) + " |",
        "|" + "---|" * (len(roles) + 1),
    ]
    for action, allowed in MATRIX.items():
        cells = ["✓" if role in allowed else "" for role in roles]
        lines.append("| " + " | ".join([str(action.label), *cells]) + " |")
    return "\n".join(lines)


class Command(BaseCommand):
    help = "Print the permission matrix (role × action) as a Markdown table."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--lang", default="en", choices=["en", "lo"])

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override(options["lang"]):
            self.stdout.write(matrix_table())
