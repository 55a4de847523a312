"""Site settings shared by every workstation on this database.

Revision ID: r0002
Revises: r0001
Column types are plain SQL types: a migration must not change when application code does.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "r0002"
down_revision = "r0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "site_settings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("site_name", sa.String(length=100), nullable=False),
        sa.Column("bsa_formula", sa.String(length=32), nullable=False),
        sa.Column("dose_rounding_percent", sa.String(length=40), nullable=True),
        sa.Column("bsa_cap_m2", sa.String(length=40), nullable=True),
        sa.Column("bsa_change_alert_percent", sa.String(length=40), nullable=False),
        sa.Column("premedication_lead_minutes", sa.Integer(), nullable=False),
        sa.Column("premedication_template", sa.Text(), nullable=False),
        sa.Column("paper_size", sa.String(length=32), nullable=False),
        sa.Column("label_stock", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_site_settings")),
    )


def downgrade() -> None:
    op.drop_table("site_settings")
