"""Workstation details: premedication given, a cycle's reduction level, course clinical facts.

Revision ID: r0003
Revises: r0002
Adds nullable (or defaulted) columns only, so rows written before this revision stay valid:
a checklist tick without premedication details, a cycle planned at full dose, a course with
no VOD, low-count date, CrCl or dialysis recorded. Column types are plain SQL types.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "r0003"
down_revision = "r0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("checklist_completions") as table:
        table.add_column(sa.Column("premed_drug", sa.String(length=100), nullable=True))
        table.add_column(sa.Column("premed_dose", sa.String(length=40), nullable=True))
        table.add_column(sa.Column("premed_route", sa.String(length=20), nullable=True))
        table.add_column(sa.Column("premed_given_at", sa.String(length=32), nullable=True))
        table.add_column(sa.Column("infusion_start", sa.String(length=32), nullable=True))
    with op.batch_alter_table("cycles") as table:
        # 0 is full dose: every cycle planned before this revision was saved without a level.
        table.add_column(
            sa.Column("reduction_level", sa.Integer(), nullable=False, server_default="0")
        )
    with op.batch_alter_table("courses") as table:
        table.add_column(sa.Column("vod_diagnosed_on", sa.Date(), nullable=True))
        table.add_column(sa.Column("vod_diagnosed_by", sa.String(length=100), nullable=True))
        table.add_column(sa.Column("low_counts_since", sa.Date(), nullable=True))
        table.add_column(sa.Column("crcl_ml_per_min", sa.Integer(), nullable=True))
        table.add_column(sa.Column("on_dialysis", sa.Boolean(), nullable=True))
        table.add_column(sa.Column("facts_recorded_by", sa.String(length=100), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("courses") as table:
        for name in (
            "facts_recorded_by",
            "on_dialysis",
            "crcl_ml_per_min",
            "low_counts_since",
            "vod_diagnosed_by",
            "vod_diagnosed_on",
        ):
            table.drop_column(name)
    with op.batch_alter_table("cycles") as table:
        table.drop_column("reduction_level")
    with op.batch_alter_table("checklist_completions") as table:
        for name in (
            "infusion_start",
            "premed_given_at",
            "premed_route",
            "premed_dose",
            "premed_drug",
        ):
            table.drop_column(name)
