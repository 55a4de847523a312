"""Interfaces (issue 19): kept HL7 messages, the site's LOINC code table, where each lab
result came from, and the site's J9229 billing rounding rule (NULL: the CMS default).

Revision ID: r0018
Revises: r0012
Results stored before this revision were typed in: their source is "".
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "r0018"
down_revision = "r0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("site_settings") as table:
        table.add_column(sa.Column("billing_rounding", sa.String(length=32), nullable=True))
    with op.batch_alter_table("lab_results") as table:
        table.add_column(sa.Column("source", sa.String(200), nullable=False, server_default=""))
        table.add_column(
            sa.Column("source_order", sa.String(80), nullable=False, server_default="")
        )
    op.create_table(
        "lab_messages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("received_at", sa.String(length=32), nullable=False),
        sa.Column("channel", sa.String(length=200), nullable=False),
        sa.Column("control_id", sa.String(length=50), nullable=False),
        sa.Column("sending_facility", sa.String(length=200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("ack_code", sa.String(length=32), nullable=False),
        sa.Column("status", sa.String(length=32), nullable=False),
        sa.Column("problem", sa.Text(), nullable=False),
        sa.Column("patient_id", sa.Integer(), nullable=True),
        sa.Column("lab_result_id", sa.Integer(), nullable=True),
        sa.Column("resolved_by", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(
            ["patient_id"], ["patients.id"], name=op.f("fk_lab_messages_patient_id_patients")
        ),
        sa.ForeignKeyConstraint(
            ["lab_result_id"],
            ["lab_results.id"],
            name=op.f("fk_lab_messages_lab_result_id_lab_results"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lab_messages")),
    )
    op.create_index(
        op.f("ix_lab_messages_sending_facility_control_id"),
        "lab_messages",
        ["sending_facility", "control_id"],
        unique=False,
    )
    op.create_index(op.f("ix_lab_messages_status"), "lab_messages", ["status"], unique=False)
    op.create_table(
        "lab_codes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("analyte", sa.String(length=32), nullable=False),
        sa.Column("confirmed", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lab_codes")),
        sa.UniqueConstraint("code", name=op.f("uq_lab_codes_code")),
    )


def downgrade() -> None:
    op.drop_table("lab_codes")
    op.drop_index(op.f("ix_lab_messages_status"), "lab_messages")
    op.drop_index(op.f("ix_lab_messages_sending_facility_control_id"), "lab_messages")
    op.drop_table("lab_messages")
    with op.batch_alter_table("lab_results") as table:
        table.drop_column("source_order")
        table.drop_column("source")
    with op.batch_alter_table("site_settings") as table:
        table.drop_column("billing_rounding")
