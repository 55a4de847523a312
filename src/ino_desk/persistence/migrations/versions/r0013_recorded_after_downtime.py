"""Records entered after a downtime keep the time written on the paper (issue 18).

Revision ID: r0013
Revises: r0012
A dose decision, a signature and a double check entered from a paper record carry its paper
time; NULL on every row entered live (all rows before this revision).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "r0013"
down_revision = "r0012"
branch_labels = None
depends_on = None

TABLES = ("dose_days", "signatures", "double_checks")


def upgrade() -> None:
    for name in TABLES:
        with op.batch_alter_table(name) as table:
            table.add_column(sa.Column("paper_time", sa.String(length=32), nullable=True))


def downgrade() -> None:
    for name in reversed(TABLES):
        with op.batch_alter_table(name) as table:
            table.drop_column("paper_time")
