"""How the diluted bag is kept (room temperature or refrigerated), for its own time limit.

Revision ID: r0010
Revises: r0009
Kept with the Diluted bench mark and on the saved preparation (issue #13 defect 12). Rows
stored before it have none (NULL): "not recorded", which the clock counts as the shorter
storage limit and the label prints as not recorded.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "r0010"
down_revision = "r0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("bench_marks") as table:
        table.add_column(sa.Column("storage", sa.String(length=32), nullable=True))
    with op.batch_alter_table("preparations") as table:
        table.add_column(sa.Column("diluted_storage", sa.String(length=32), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("preparations") as table:
        table.drop_column("diluted_storage")
    with op.batch_alter_table("bench_marks") as table:
        table.drop_column("storage")
