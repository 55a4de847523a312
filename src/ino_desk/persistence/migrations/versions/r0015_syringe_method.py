"""The pediatric syringe method (PI 3/2024 2.4): site-entered parameters, and per dose the
method it was planned with.

Revision ID: r0015
Revises: r0012
No defaults: settings saved before this revision have NULL (no syringe method entered), and
every stored dose keeps NULL (the label's infusion bag, the only method there was).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "r0015"
down_revision = "r0014"
branch_labels = None
depends_on = None

_RANGE = ("syringe_min_mg_per_ml", "syringe_max_mg_per_ml")


def upgrade() -> None:
    with op.batch_alter_table("site_settings") as table:
        for name in _RANGE:
            table.add_column(sa.Column(name, sa.String(length=40), nullable=True))
        table.add_column(sa.Column("syringe_volumes_ml", sa.Text(), nullable=True))
        table.add_column(sa.Column("syringe_infusion_minutes", sa.Integer(), nullable=True))
    with op.batch_alter_table("dose_days") as table:
        for name in _RANGE:
            table.add_column(sa.Column(name, sa.String(length=40), nullable=True))
        table.add_column(sa.Column("syringe_infusion_minutes", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("dose_days") as table:
        for name in (*_RANGE, "syringe_infusion_minutes"):
            table.drop_column(name)
    with op.batch_alter_table("site_settings") as table:
        for name in (*_RANGE, "syringe_volumes_ml", "syringe_infusion_minutes"):
            table.drop_column(name)
