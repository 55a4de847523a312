"""The site settings row (id 1), flattened into columns, audited like clinical data."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from ino_desk.domain.bench.dose_rounding import DoseRoundingPolicy
from ino_desk.domain.bench.syringe import SyringeMethod
from ino_desk.domain.billing import BillingRounding
from ino_desk.domain.patients.plausibility import PlausibleRanges, parse_ranges
from ino_desk.domain.policy import SitePolicy
from ino_desk.domain.records import AuditAction
from ino_desk.domain.site_settings import SiteSettings
from ino_desk.persistence.audit.audit import record_state
from ino_desk.persistence.records import SiteSettingsRecord

if TYPE_CHECKING:
    from collections.abc import Callable

    from sqlalchemy.orm import Session

    from ino_desk.persistence.audit.audit import AuditLog
    from ino_desk.services.ports.change import Change

SETTINGS_ID = 1


def _to_domain(r: SiteSettingsRecord) -> SiteSettings:
    return SiteSettings(
        site_name=r.site_name,
        policy=SitePolicy(
            bsa_formula=r.bsa_formula,
            dose_rounding=DoseRoundingPolicy(r.dose_rounding_percent),
            bsa_cap_m2=r.bsa_cap_m2,
            bsa_change_alert_percent=r.bsa_change_alert_percent,
            planner_may_verify=bool(r.planner_may_verify),  # NULL: set before r0012, off
        ),
        premedication_lead_minutes=r.premedication_lead_minutes,
        premedication_template=r.premedication_template,
        paper_size=r.paper_size,
        label_stock=r.label_stock,
        password_max_age_days=r.password_max_age_days,
        syringe=_syringe(r),
        # NULL: saved before r0017 or never changed, the product defaults
        plausible=parse_ranges(r.plausible_ranges) if r.plausible_ranges else PlausibleRanges(),
        billing_rounding=r.billing_rounding or BillingRounding.ADMINISTERED_UP,
    )


def _syringe(r: SiteSettingsRecord) -> SyringeMethod | None:
    low, high, minutes = (
        r.syringe_min_mg_per_ml,
        r.syringe_max_mg_per_ml,
        r.syringe_infusion_minutes,
    )
    if low is None or high is None or minutes is None or not r.syringe_volumes_ml:
        return None
    volumes = tuple(Decimal(v) for v in r.syringe_volumes_ml.split(","))
    return SyringeMethod(low, high, volumes, minutes)


def _fill(r: SiteSettingsRecord, s: SiteSettings) -> None:
    r.site_name = s.site_name
    r.bsa_formula = s.policy.bsa_formula
    r.dose_rounding_percent = s.policy.dose_rounding.max_percent
    r.bsa_cap_m2 = s.policy.bsa_cap_m2
    r.bsa_change_alert_percent = s.policy.bsa_change_alert_percent
    r.planner_may_verify = s.policy.planner_may_verify
    r.premedication_lead_minutes = s.premedication_lead_minutes
    r.premedication_template = s.premedication_template
    r.paper_size = s.paper_size
    r.label_stock = s.label_stock
    r.password_max_age_days = s.password_max_age_days
    syringe = s.syringe
    r.syringe_min_mg_per_ml = None if syringe is None else syringe.min_mg_per_ml
    r.syringe_max_mg_per_ml = None if syringe is None else syringe.max_mg_per_ml
    r.syringe_volumes_ml = None if syringe is None else ",".join(str(v) for v in syringe.volumes_ml)
    r.syringe_infusion_minutes = None if syringe is None else syringe.infusion_minutes
    r.plausible_ranges = None if s.plausible.is_default else s.plausible.lines()
    r.billing_rounding = s.billing_rounding


class SqlSettings:
    def __init__(self, session: Session, audit: AuditLog) -> None:
        self._session = session
        self._audit = audit

    def get(self) -> SiteSettings:
        """The stored settings, or the defaults while nobody has saved any."""
        record = self._session.get(SiteSettingsRecord, SETTINGS_ID)
        return SiteSettings() if record is None else _to_domain(record)

    def save(self, settings: SiteSettings, change: Change) -> SiteSettings:
        return _to_domain(self._change(change, lambda record: _fill(record, settings)))

    def has_backup_passphrase(self) -> bool:
        record = self._session.get(SiteSettingsRecord, SETTINGS_ID)
        return record is not None and record.backup_key is not None

    def set_backup_passphrase(self, passphrase: str | None, change: Change) -> None:
        """A new site key wrapped under `passphrase` (None: backups plain again), audited."""
        from ino_desk.persistence.backups.backup_crypto import new_site_key

        key = None if passphrase is None else new_site_key(passphrase)

        def fill(record: SiteSettingsRecord) -> None:
            record.backup_key = key

        self._change(change, fill)

    def _change(
        self, change: Change, fill: Callable[[SiteSettingsRecord], None]
    ) -> SiteSettingsRecord:
        record = self._session.get(SiteSettingsRecord, SETTINGS_ID)
        if record is None:
            record = SiteSettingsRecord(id=SETTINGS_ID)
            _fill(record, SiteSettings())
            fill(record)
            self._session.add(record)
            self._session.flush()
            state = record_state(record)
            self._audit.record(
                "site_settings", SETTINGS_ID, AuditAction.CREATE, None, state, change
            )
        else:
            before = record_state(record)
            fill(record)
            self._session.flush()
            after = record_state(record)
            if after != before:
                self._audit.record(
                    "site_settings", SETTINGS_ID, AuditAction.UPDATE, before, after, change
                )
        return record
