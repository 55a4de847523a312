"""A cycle keeps the site policy its doses were computed under.

Revision ID: r0007
Revises: r0006
Adds one nullable column: cycles planned before it have no recorded policy (NULL), and their
order sheets say so instead of printing today's settings as if they had been used.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "r0007"
down_revision = "r0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("cycles") as table:
        table.add_column(sa.Column("site_policy", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("cycles") as table:
        table.drop_column("site_policy")
