"""A bench time entered afterwards keeps when it was typed and why (issue 16).

Revision ID: r0020
Revises: r0019
`at` stays the time the step happened (what the PI 2.4 clock runs from); NULL and empty on
every time pressed when it happened (all rows before this revision).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "r0020"
down_revision = "r0019"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("bench_marks") as table:
        table.add_column(sa.Column("entered_at", sa.String(length=32), nullable=True))
        table.add_column(sa.Column("time_reason", sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("bench_marks") as table:
        table.drop_column("time_reason")
        table.drop_column("entered_at")
