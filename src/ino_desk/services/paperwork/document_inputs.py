"""What a stored record gives every document: the site's settings, premedication, patient."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ino_desk.domain.printed.document_settings import DocumentSettings
from ino_desk.domain.printed.documents import PatientHeader, PremedOrder
from ino_desk.services.paperwork.order_documents import PREMED_CLASSES

if TYPE_CHECKING:
    from ino_desk.domain.patients.patient import Patient
    from ino_desk.domain.site_settings import SiteSettings


def document_settings(site: SiteSettings) -> DocumentSettings:
    """The site's settings as the documents use them."""
    return DocumentSettings(
        site_name=site.site_name,
        paper=site.paper_size,
        label_stock=site.label_stock,
        premed_lead_minutes=site.premedication_lead_minutes,
        premedication_template=premedication_orders(site.premedication_template),
    )


def premedication_orders(template: str) -> tuple[PremedOrder, ...]:
    """Lines "Class: order" fill that class; any other line is printed as the site wrote it."""
    orders: list[PremedOrder] = []
    for line in template.splitlines():
        text = line.strip()
        if not text:
            continue
        head, sep, rest = text.partition(":")
        known = next((c for c in PREMED_CLASSES if c.casefold() == head.strip().casefold()), None)
        if sep and known is not None:
            orders.append(PremedOrder(known, rest.strip()))
        else:
            orders.append(PremedOrder("Site template", text))
    return tuple(orders)


def patient_header(patient: Patient) -> PatientHeader:
    return PatientHeader(
        full_name=patient.display_name,
        mrn=patient.mrn,
        date_of_birth=patient.date_of_birth,
        sex=patient.sex.value,
        allergies=() if patient.no_known_allergies else (patient.allergies.strip(),),
        diagnosis=patient.diagnosis,
    )
