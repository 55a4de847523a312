"""Password aging: an optional site setting, off (NULL) until an administrator sets it.

Revision ID: r0011
Revises: r0010
After this many days a user must change the password at sign-in before doing anything else.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "r0011"
down_revision = "r0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("site_settings") as table:
        table.add_column(sa.Column("password_max_age_days", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("site_settings") as table:
        table.drop_column("password_max_age_days")
