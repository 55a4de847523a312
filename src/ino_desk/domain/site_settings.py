"""Site settings shared by the GUI and the command line: site policy, printing, premedication."""

from __future__ import annotations

from dataclasses import dataclass, field

from ino_desk.domain.bench.syringe import SyringeMethod
from ino_desk.domain.billing import BillingRounding
from ino_desk.domain.errors import InputError
from ino_desk.domain.patients.patient import optional_text, required_text
from ino_desk.domain.patients.plausibility import PlausibleRanges
from ino_desk.domain.policy import SitePolicy
from ino_desk.domain.printed.documents import LabelStock, PaperSize

# Site policy, not a label rule (CLINICAL-RULES 2.2: the label gives no premedication lead
# time; a site sets it and printouts call it site policy).
DEFAULT_PREMEDICATION_LEAD_MINUTES = 60
PREMEDICATION_LEAD_LIMITS = (0, 240)  # product limits on what a site may type
PASSWORD_MAX_AGE_LIMITS = (1, 730)  # password aging, days; None (the default) is off


@dataclass(frozen=True, slots=True)
class SiteSettings:
    site_name: str = "Unnamed site"
    policy: SitePolicy = field(default_factory=SitePolicy)
    premedication_lead_minutes: int = DEFAULT_PREMEDICATION_LEAD_MINUTES
    premedication_template: str = ""
    paper_size: PaperSize = PaperSize.LETTER
    label_stock: LabelStock = LabelStock.INCH_4X3
    password_max_age_days: int | None = None  # site policy: change the password after N days
    # PI 2.4 syringe method, typed by an administrator from the site's PI: no default, so
    # None until entered (small doses below the bag range stop until then).
    syringe: SyringeMethod | None = None
    # Typed values outside these ask for a confirmation (product defaults, not label rules).
    plausible: PlausibleRanges = field(default_factory=PlausibleRanges)
    # How J9229 units of a dose that is not whole tenths of a mg are billed; CMS default.
    billing_rounding: BillingRounding = BillingRounding.ADMINISTERED_UP

    def __post_init__(self) -> None:
        required_text(self.site_name, "site name", 100)
        optional_text(self.premedication_template, "premedication template", 4000)
        low, high = PREMEDICATION_LEAD_LIMITS
        if not low <= self.premedication_lead_minutes <= high:
            raise InputError("premedication lead time", f"allowed {low} to {high} minutes")
        if self.password_max_age_days is not None:
            low, high = PASSWORD_MAX_AGE_LIMITS
            if not low <= self.password_max_age_days <= high:
                raise InputError("password aging", f"allowed {low} to {high} days, or off")
