"""Preparation bench: vials per dose, discarded drug per dose, blind double checks,
and the reconstitution/dilution times pressed at the bench.

Revision ID: r0005
Revises: r0003
Column types are plain SQL types: a migration must not change when application code does.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "r0005"
down_revision = "r0003"  # chained after the workstation details
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "vial_uses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dose_id", sa.Integer(), nullable=False),
        sa.Column("gtin", sa.String(length=14), nullable=True),
        sa.Column("lot", sa.String(length=20), nullable=False),
        sa.Column("expiry", sa.Date(), nullable=False),
        sa.Column("serial", sa.String(length=20), nullable=True),
        sa.Column("source", sa.String(length=32), nullable=False),
        sa.Column("manual_reason", sa.Text(), nullable=False),
        sa.Column("recorded_by", sa.String(length=100), nullable=False),
        sa.Column("recorded_at", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["dose_id"], ["dose_days.id"], name=op.f("fk_vial_uses_dose_id_dose_days")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vial_uses")),
        sa.UniqueConstraint("serial", name=op.f("uq_vial_uses_serial")),
    )
    op.create_index(op.f("ix_vial_uses_dose_id"), "vial_uses", ["dose_id"], unique=False)
    op.create_table(
        "waste_records",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dose_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("vials", sa.Integer(), nullable=False),
        sa.Column("discarded_mg", sa.String(length=40), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("recorded_by", sa.String(length=100), nullable=False),
        sa.Column("recorded_at", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["dose_id"], ["dose_days.id"], name=op.f("fk_waste_records_dose_id_dose_days")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_waste_records")),
    )
    op.create_index(op.f("ix_waste_records_dose_id"), "waste_records", ["dose_id"], unique=False)
    op.create_index(
        op.f("ix_waste_records_recorded_at"), "waste_records", ["recorded_at"], unique=False
    )

    op.create_table(
        "bench_double_checks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dose_id", sa.Integer(), nullable=False),
        sa.Column("checked_by", sa.String(length=100), nullable=False),
        sa.Column("dose_mg", sa.String(length=40), nullable=False),
        sa.Column("drug_volume_ml", sa.String(length=40), nullable=False),
        sa.Column("vials", sa.Integer(), nullable=False),
        sa.Column("lot", sa.String(length=20), nullable=False),
        sa.Column("mismatches", sa.Text(), nullable=False),
        sa.Column("checked_at", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["dose_id"], ["dose_days.id"], name=op.f("fk_bench_double_checks_dose_id_dose_days")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bench_double_checks")),
    )
    op.create_index(
        op.f("ix_bench_double_checks_dose_id"), "bench_double_checks", ["dose_id"], unique=False
    )

    op.create_table(
        "bench_marks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dose_id", sa.Integer(), nullable=False),
        sa.Column("event", sa.String(length=32), nullable=False),
        sa.Column("at", sa.String(length=32), nullable=False),
        sa.Column("recorded_by", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(
            ["dose_id"], ["dose_days.id"], name=op.f("fk_bench_marks_dose_id_dose_days")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bench_marks")),
    )
    op.create_index(op.f("ix_bench_marks_dose_id"), "bench_marks", ["dose_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_bench_marks_dose_id"), table_name="bench_marks")
    op.drop_table("bench_marks")
    op.drop_index(op.f("ix_bench_double_checks_dose_id"), table_name="bench_double_checks")
    op.drop_table("bench_double_checks")
    op.drop_index(op.f("ix_waste_records_recorded_at"), table_name="waste_records")
    op.drop_index(op.f("ix_waste_records_dose_id"), table_name="waste_records")
    op.drop_table("waste_records")
    op.drop_index(op.f("ix_vial_uses_dose_id"), table_name="vial_uses")
    op.drop_table("vial_uses")
