"""Signing keys: each user's Ed25519 key pair and its certificate; events and signatures
carry their signer's public key and Ed25519 signature.

Revision ID: r0016
Revises: r0012
Events and signatures written before this revision have none (NULL): `audit verify` reports
them as unsigned (before r0016). Users get their key at their next sign-in.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "r0016"
down_revision = "r0015"
branch_labels = None
depends_on = None

_SIGNED = (("audit_events", "signature"), ("signatures", "key_signature"))


def upgrade() -> None:
    op.create_table(
        "user_keys",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("public_key", sa.String(length=64), nullable=False),
        sa.Column("wrapped", sa.Text(), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("retired_at", sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_user_keys_user_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_user_keys")),
        sa.UniqueConstraint("public_key", name=op.f("uq_user_keys_public_key")),
    )
    op.create_index(op.f("ix_user_keys_user_id"), "user_keys", ["user_id"], unique=False)
    op.create_table(
        "key_certificates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("public_key", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=40), nullable=False),
        sa.Column("role", sa.String(length=32), nullable=False),
        sa.Column("valid_from", sa.String(length=32), nullable=False),
        sa.Column("issuer_key", sa.String(length=64), nullable=False),
        sa.Column("signature", sa.String(length=128), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_key_certificates_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_key_certificates")),
    )
    op.create_index(
        op.f("ix_key_certificates_public_key"), "key_certificates", ["public_key"], unique=False
    )
    for table, column in _SIGNED:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("signer_key", sa.String(length=64), nullable=True))
            batch.add_column(sa.Column(column, sa.String(length=128), nullable=True))


def downgrade() -> None:
    for table, column in _SIGNED:
        with op.batch_alter_table(table) as batch:
            batch.drop_column(column)
            batch.drop_column("signer_key")
    op.drop_table("key_certificates")
    op.drop_table("user_keys")
