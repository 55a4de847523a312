"""A dose reduced for toxicity keeps the amount it was reduced from.

Revision ID: r0008
Revises: r0007
The course's dose level is derived from this recorded event (PI 2.3: no re-escalation),
never from arithmetic on mg/m²; it stays when the reduced dose is later given. Doses stored
before it have no recorded reduction (NULL).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "r0008"
down_revision = "r0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("dose_days") as table:
        table.add_column(sa.Column("reduced_from_mg", sa.String(length=40), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("dose_days") as table:
        table.drop_column("reduced_from_mg")
