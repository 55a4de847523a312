"""Initial schema: patients to documents, and the audit trail.

Revision ID: r0001
Revises: (none)
Column types are plain SQL types: a migration must not change when application code does.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "r0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit_events",
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("at", sa.String(length=32), nullable=False),
        sa.Column("who", sa.String(length=100), nullable=False),
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=32), nullable=False),
        sa.Column("before_state", sa.Text(), nullable=True),
        sa.Column("after_state", sa.Text(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_audit_events")),
    )
    op.create_index(
        op.f("ix_audit_events_entity_entity_id_seq"),
        "audit_events",
        ["entity", "entity_id", "seq"],
        unique=False,
    )
    op.create_table(
        "audit_head",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("last_seq", sa.Integer(), nullable=False),
        sa.Column("last_hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_head")),
    )
    op.create_table(
        "patients",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mrn", sa.String(length=32), nullable=False),
        sa.Column("mrn_key", sa.String(length=32), nullable=False),
        sa.Column("name_key", sa.String(length=210), nullable=False),
        sa.Column("family_name", sa.String(length=100), nullable=False),
        sa.Column("given_name", sa.String(length=100), nullable=False),
        sa.Column("date_of_birth", sa.Date(), nullable=False),
        sa.Column("sex", sa.String(length=32), nullable=False),
        sa.Column("no_known_allergies", sa.Boolean(), nullable=False),
        sa.Column("allergies", sa.Text(), nullable=False),
        sa.Column("diagnosis", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_patients")),
        sa.UniqueConstraint("mrn", name=op.f("uq_patients_mrn")),
    )
    op.create_index(op.f("ix_patients_mrn_key"), "patients", ["mrn_key"], unique=False)
    op.create_index(op.f("ix_patients_name_key"), "patients", ["name_key"], unique=False)
    op.create_table(
        "courses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("patient_id", sa.Integer(), nullable=False),
        sa.Column("started_on", sa.Date(), nullable=False),
        sa.Column("hsct_planned", sa.Boolean(), nullable=True),
        sa.Column("bsa_formula", sa.String(length=32), nullable=False),
        sa.Column("first_bsa_m2", sa.String(length=40), nullable=True),
        sa.ForeignKeyConstraint(
            ["patient_id"], ["patients.id"], name=op.f("fk_courses_patient_id_patients")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_courses")),
    )
    op.create_index(op.f("ix_courses_patient_id"), "courses", ["patient_id"], unique=False)
    op.create_table(
        "lab_results",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("patient_id", sa.Integer(), nullable=False),
        sa.Column("drawn_on", sa.Date(), nullable=False),
        sa.Column("anc_10e9_per_l", sa.String(length=40), nullable=True),
        sa.Column("platelets_10e9_per_l", sa.String(length=40), nullable=True),
        sa.Column("platelets_transfused_since", sa.Boolean(), nullable=True),
        sa.Column("total_bilirubin", sa.String(length=40), nullable=True),
        sa.Column("total_bilirubin_uln", sa.String(length=40), nullable=True),
        sa.Column("ast_u_per_l", sa.String(length=40), nullable=True),
        sa.Column("ast_uln_u_per_l", sa.String(length=40), nullable=True),
        sa.Column("alt_u_per_l", sa.String(length=40), nullable=True),
        sa.Column("alt_uln_u_per_l", sa.String(length=40), nullable=True),
        sa.Column("peripheral_blasts_per_mm3", sa.String(length=40), nullable=True),
        sa.ForeignKeyConstraint(
            ["patient_id"], ["patients.id"], name=op.f("fk_lab_results_patient_id_patients")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lab_results")),
    )
    op.create_index(op.f("ix_lab_results_patient_id"), "lab_results", ["patient_id"], unique=False)
    op.create_table(
        "measurements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("patient_id", sa.Integer(), nullable=False),
        sa.Column("measured_on", sa.Date(), nullable=False),
        sa.Column("height_cm", sa.String(length=40), nullable=False),
        sa.Column("weight_kg", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["patient_id"], ["patients.id"], name=op.f("fk_measurements_patient_id_patients")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_measurements")),
    )
    op.create_index(
        op.f("ix_measurements_patient_id"), "measurements", ["patient_id"], unique=False
    )
    op.create_table(
        "cycles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("course_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("start", sa.Date(), nullable=False),
        sa.Column("length_days", sa.Integer(), nullable=False),
        sa.Column("extension_reason", sa.String(length=32), nullable=True),
        sa.Column("regimen_row", sa.String(length=40), nullable=False),
        sa.Column("bsa_formula", sa.String(length=32), nullable=False),
        sa.Column("bsa_m2", sa.String(length=40), nullable=False),
        sa.Column("dosing_bsa_m2", sa.String(length=40), nullable=False),
        sa.Column("height_cm", sa.String(length=40), nullable=False),
        sa.Column("weight_kg", sa.String(length=40), nullable=False),
        sa.Column("planned_by", sa.String(length=100), nullable=False),
        sa.Column("overridden_findings", sa.Text(), nullable=False),
        sa.Column("override_reason", sa.Text(), nullable=False),
        sa.Column("response", sa.String(length=32), nullable=True),
        sa.Column("mrd_negative", sa.Boolean(), nullable=True),
        sa.ForeignKeyConstraint(
            ["course_id"], ["courses.id"], name=op.f("fk_cycles_course_id_courses")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cycles")),
        sa.UniqueConstraint("course_id", "number", name=op.f("uq_cycles_course_id_number")),
    )
    op.create_table(
        "dose_days",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cycle_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Integer(), nullable=False),
        sa.Column("planned_date", sa.Date(), nullable=False),
        sa.Column("window_start", sa.Date(), nullable=False),
        sa.Column("window_end", sa.Date(), nullable=False),
        sa.Column("mg_per_m2", sa.String(length=40), nullable=False),
        sa.Column("calculated_mg", sa.String(length=40), nullable=False),
        sa.Column("dose_mg", sa.String(length=40), nullable=False),
        sa.Column("vials", sa.Integer(), nullable=False),
        sa.Column("drug_volume_ml", sa.String(length=40), nullable=False),
        sa.Column("diluent_ml", sa.String(length=40), nullable=False),
        sa.Column("total_volume_ml", sa.String(length=40), nullable=False),
        sa.Column("status", sa.String(length=32), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("decided_by", sa.String(length=100), nullable=False),
        sa.Column("decided_at", sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(
            ["cycle_id"], ["cycles.id"], name=op.f("fk_dose_days_cycle_id_cycles")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dose_days")),
        sa.UniqueConstraint("cycle_id", "day", name=op.f("uq_dose_days_cycle_id_day")),
    )
    op.create_index(op.f("ix_dose_days_planned_date"), "dose_days", ["planned_date"], unique=False)
    op.create_table(
        "checklist_completions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dose_id", sa.Integer(), nullable=False),
        sa.Column("item_key", sa.String(length=64), nullable=False),
        sa.Column("completed_by", sa.String(length=100), nullable=False),
        sa.Column("completed_at", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["dose_id"], ["dose_days.id"], name=op.f("fk_checklist_completions_dose_id_dose_days")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_checklist_completions")),
        sa.UniqueConstraint(
            "dose_id", "item_key", name=op.f("uq_checklist_completions_dose_id_item_key")
        ),
    )
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("dose_id", sa.Integer(), nullable=True),
        sa.Column("cycle_id", sa.Integer(), nullable=True),
        sa.Column("content_sha256", sa.String(length=64), nullable=False),
        sa.Column("printed_by", sa.String(length=100), nullable=False),
        sa.Column("printed_at", sa.String(length=32), nullable=False),
        sa.Column("reprint", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["cycle_id"], ["cycles.id"], name=op.f("fk_documents_cycle_id_cycles")
        ),
        sa.ForeignKeyConstraint(
            ["dose_id"], ["dose_days.id"], name=op.f("fk_documents_dose_id_dose_days")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_documents")),
    )
    op.create_index(
        op.f("ix_documents_kind_dose_id_cycle_id"),
        "documents",
        ["kind", "dose_id", "cycle_id"],
        unique=False,
    )
    op.create_table(
        "preparations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dose_id", sa.Integer(), nullable=False),
        sa.Column("vial_lots", sa.Text(), nullable=False),
        sa.Column("reconstituted_at", sa.String(length=32), nullable=False),
        sa.Column("diluted_at", sa.String(length=32), nullable=True),
        sa.Column("prepared_by", sa.String(length=100), nullable=False),
        sa.Column("checked_by", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(
            ["dose_id"], ["dose_days.id"], name=op.f("fk_preparations_dose_id_dose_days")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_preparations")),
    )
    op.create_index(op.f("ix_preparations_dose_id"), "preparations", ["dose_id"], unique=False)


def downgrade() -> None:
    op.drop_table("preparations")
    op.drop_table("documents")
    op.drop_table("checklist_completions")
    op.drop_table("dose_days")
    op.drop_table("cycles")
    op.drop_table("measurements")
    op.drop_table("lab_results")
    op.drop_table("courses")
    op.drop_table("patients")
    op.drop_table("audit_head")
    op.drop_table("audit_events")
