"""Separation of duties: whether the planner of an order may verify it (single-pharmacist site).

Revision ID: r0012
Revises: r0011
Off by default: a second pharmacist verifies. Settings saved before this revision have NULL,
read as off; nothing is allowed that was not chosen.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "r0012"
down_revision = "r0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("site_settings") as table:
        table.add_column(sa.Column("planner_may_verify", sa.Boolean(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("site_settings") as table:
        table.drop_column("planner_may_verify")
