"""Entered in error, the prescriber on the order, and the site's plausible ranges (issue 16).

Revision ID: r0017
Revises: r0012
Every record a user can get wrong (measurement, lab result, checklist tick, vial, bench time,
a dose's status) keeps a mark "entered in error": who, when, why; NULL while it counts, so
rows stored before this revision all count, as they did. A tick or a vial serial is unique
only among the entries in force, so a wrong one can be followed by the right one.
Cycles record their prescriber; cycles planned before have "" (not recorded), never a guess.
Site settings keep their plausible ranges; NULL is the documented defaults.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "r0017"
down_revision = "r0016"
branch_labels = None
depends_on = None

_MARKED = ("measurements", "lab_results", "checklist_completions", "vial_uses", "bench_marks")
_IN_FORCE = sa.text("error_at IS NULL")


def _error_columns() -> list[sa.Column[object]]:
    return [
        sa.Column("error_reason", sa.Text(), nullable=True),
        sa.Column("error_by", sa.String(length=100), nullable=True),
        sa.Column("error_at", sa.String(length=32), nullable=True),
    ]


def upgrade() -> None:
    for table_name in _MARKED:
        with op.batch_alter_table(table_name) as table:
            for column in _error_columns():
                table.add_column(column)
    with op.batch_alter_table("dose_days") as table:
        table.add_column(sa.Column("error_status", sa.String(length=32), nullable=True))
        for column in _error_columns():
            table.add_column(column)
    with op.batch_alter_table("checklist_completions") as table:
        table.drop_constraint("uq_checklist_completions_dose_id_item_key", type_="unique")
    op.create_index(
        "uq_checklist_in_force",
        "checklist_completions",
        ["dose_id", "item_key"],
        unique=True,
        sqlite_where=_IN_FORCE,
        postgresql_where=_IN_FORCE,
    )
    with op.batch_alter_table("vial_uses") as table:
        table.drop_constraint("uq_vial_uses_serial", type_="unique")
    op.create_index(
        "uq_vial_serial_in_force",
        "vial_uses",
        ["serial"],
        unique=True,
        sqlite_where=_IN_FORCE,
        postgresql_where=_IN_FORCE,
    )
    with op.batch_alter_table("cycles") as table:
        table.add_column(
            sa.Column("prescriber_name", sa.String(length=100), server_default="", nullable=False)
        )
        table.add_column(
            sa.Column("prescriber_id", sa.String(length=40), server_default="", nullable=False)
        )
    with op.batch_alter_table("site_settings") as table:
        table.add_column(sa.Column("plausible_ranges", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("site_settings") as table:
        table.drop_column("plausible_ranges")
    with op.batch_alter_table("cycles") as table:
        table.drop_column("prescriber_id")
        table.drop_column("prescriber_name")
    op.drop_index("uq_vial_serial_in_force", table_name="vial_uses")
    with op.batch_alter_table("vial_uses") as table:
        table.create_unique_constraint("uq_vial_uses_serial", ["serial"])
    op.drop_index("uq_checklist_in_force", table_name="checklist_completions")
    with op.batch_alter_table("checklist_completions") as table:
        table.create_unique_constraint(
            "uq_checklist_completions_dose_id_item_key", ["dose_id", "item_key"]
        )
    for table_name in ("dose_days", *_MARKED):
        with op.batch_alter_table(table_name) as table:
            for name in ("error_at", "error_by", "error_reason"):
                table.drop_column(name)
    with op.batch_alter_table("dose_days") as table:
        table.drop_column("error_status")
