"""A held dose keeps when its interruption began and when it was released.

Revision ID: r0009
Revises: r0008
PI 2.3 decides by the length of an interruption for toxicity (delay, omit the next dose,
reduce the next cycle, consider stopping). Doses held before this revision have no recorded
dates (NULL): their interruption is not counted, and nothing guesses it.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "r0009"
down_revision = "r0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("dose_days") as table:
        table.add_column(sa.Column("held_on", sa.Date(), nullable=True))
        table.add_column(sa.Column("released_on", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("dose_days") as table:
        table.drop_column("released_on")
        table.drop_column("held_on")
