"""Table of the site settings every workstation on the database shares."""

from __future__ import annotations

from decimal import Decimal  # noqa: TC003

from sqlalchemy import Boolean, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ino_desk.domain.billing import BillingRounding
from ino_desk.domain.patients.bsa import BsaFormula
from ino_desk.domain.printed.documents import LabelStock, PaperSize
from ino_desk.persistence.column_types import DecimalText, EnumText
from ino_desk.persistence.records.base import Base


class SiteSettingsRecord(Base):
    """A single row (id 1): the settings every workstation on this database shares."""

    __tablename__ = "site_settings"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    site_name: Mapped[str] = mapped_column(String(100))
    bsa_formula: Mapped[BsaFormula] = mapped_column(EnumText(BsaFormula))
    dose_rounding_percent: Mapped[Decimal | None] = mapped_column(DecimalText)
    bsa_cap_m2: Mapped[Decimal | None] = mapped_column(DecimalText)
    bsa_change_alert_percent: Mapped[Decimal] = mapped_column(DecimalText)
    premedication_lead_minutes: Mapped[int] = mapped_column(Integer)
    premedication_template: Mapped[str] = mapped_column(Text)
    paper_size: Mapped[PaperSize] = mapped_column(EnumText(PaperSize))
    label_stock: Mapped[LabelStock] = mapped_column(EnumText(LabelStock))
    password_max_age_days: Mapped[int | None] = mapped_column(Integer)
    planner_may_verify: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    # The site-entered syringe method (r0015); all NULL while not entered.
    syringe_min_mg_per_ml: Mapped[Decimal | None] = mapped_column(DecimalText, nullable=True)
    syringe_max_mg_per_ml: Mapped[Decimal | None] = mapped_column(DecimalText, nullable=True)
    syringe_volumes_ml: Mapped[str | None] = mapped_column(Text, nullable=True)
    syringe_infusion_minutes: Mapped[int | None] = mapped_column(Integer, nullable=True)
    # Plausible ranges of typed values as "name low high" lines (r0017); NULL: the defaults.
    plausible_ranges: Mapped[str | None] = mapped_column(Text, nullable=True)
    # r0018; NULL: saved before, the CMS default (administered up, discarded down).
    billing_rounding: Mapped[BillingRounding | None] = mapped_column(
        EnumText(BillingRounding), nullable=True
    )
    # persistence/backups/backup_crypto.py: public key and wrapped private key; never the passphrase
    backup_key: Mapped[str | None] = mapped_column(Text, nullable=True)
