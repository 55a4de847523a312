"""Encrypted backups: the site's backup key (public key and passphrase-wrapped private key).

Revision ID: r0019
Revises: r0012
NULL until an administrator sets a backup passphrase: backups stay plain, as before.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "r0019"
down_revision = "r0018"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("site_settings") as table:
        table.add_column(sa.Column("backup_key", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("site_settings") as table:
        table.drop_column("backup_key")
