"""Room for the longest sign-in outcome on PostgreSQL (issue 18).

Revision ID: r0014
Revises: r0012
`sign_in_events.outcome` was VARCHAR(32), but "refused: password hash below the site's
minimum" has 47 characters. SQLite never enforced the length; a PostgreSQL server refuses the
row, so a refused sign-in could not be recorded. Widened to 64 (the values are unchanged).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "r0014"
down_revision = "r0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sign_in_events") as table:
        table.alter_column("outcome", type_=sa.String(length=64), existing_nullable=False)


def downgrade() -> None:
    with op.batch_alter_table("sign_in_events") as table:
        table.alter_column("outcome", type_=sa.String(length=32), existing_nullable=False)
