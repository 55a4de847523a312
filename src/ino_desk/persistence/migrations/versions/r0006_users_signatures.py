"""Users, sign-in events, electronic signatures and independent double checks.

Revision ID: r0006
Revises: r0005
Adds tables only. Column types are plain SQL types: a migration must not change when
application code does.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "r0006"
down_revision = "r0005"  # chained after the preparation bench
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=40), nullable=False),
        sa.Column("full_name", sa.String(length=100), nullable=False),
        sa.Column("role", sa.String(length=32), nullable=False),
        sa.Column("password_hash", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("disabled_at", sa.String(length=32), nullable=True),
        sa.Column("password_changed_at", sa.String(length=32), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("username", name=op.f("uq_users_username")),
    )
    op.create_table(
        "sign_in_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=100), nullable=False),
        sa.Column("outcome", sa.String(length=32), nullable=False),
        sa.Column("at", sa.String(length=32), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_sign_in_events_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sign_in_events")),
    )
    op.create_index(
        op.f("ix_sign_in_events_username_id"), "sign_in_events", ["username", "id"], unique=False
    )
    op.create_table(
        "signatures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("full_name", sa.String(length=100), nullable=False),
        sa.Column("role", sa.String(length=32), nullable=False),
        sa.Column("meaning", sa.String(length=32), nullable=False),
        sa.Column("signed_at", sa.String(length=32), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("voided", sa.Boolean(), nullable=False),
        sa.Column("void_reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_signatures_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_signatures")),
    )
    op.create_index(
        op.f("ix_signatures_entity_entity_id"), "signatures", ["entity", "entity_id"], unique=False
    )
    op.create_table(
        "double_checks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dose_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("full_name", sa.String(length=100), nullable=False),
        sa.Column("checked_at", sa.String(length=32), nullable=False),
        sa.Column("dose_mg", sa.String(length=40), nullable=False),
        sa.Column("drug_volume_ml", sa.String(length=40), nullable=False),
        sa.Column("vials", sa.Integer(), nullable=False),
        sa.Column("mismatches", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["dose_id"], ["dose_days.id"], name=op.f("fk_double_checks_dose_id_dose_days")
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_double_checks_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_double_checks")),
    )
    op.create_index(op.f("ix_double_checks_dose_id"), "double_checks", ["dose_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_double_checks_dose_id"), table_name="double_checks")
    op.drop_table("double_checks")
    op.drop_index(op.f("ix_signatures_entity_entity_id"), table_name="signatures")
    op.drop_table("signatures")
    op.drop_index(op.f("ix_sign_in_events_username_id"), table_name="sign_in_events")
    op.drop_table("sign_in_events")
    op.drop_table("users")
