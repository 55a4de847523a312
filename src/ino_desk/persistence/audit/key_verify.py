"""`audit verify`, the part a file-only attacker cannot fake: Ed25519 signatures and keys.

Certificates are checked from the site's first administrator's self-signed one (which must be
the key pinned on this workstation, when one is pinned); every other certificate must be signed
by an administrator's certified key. From the moment that first key exists, every audit event
must carry its actor's signature over its hash, by a key certified for that user name, and
every electronic signature its signer's signature over the signed content, by a key certified
for that user in a role allowed to sign that meaning. Events before it were written before
r0016 (or before the first administrator): counted as unsigned, not failed. Users, keys and
certificates are compared with their last audited state like the clinical tables.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import String, select, type_coerce

from ino_desk.domain.staff.accounts import SignInOutcome
from ino_desk.domain.staff.password_hashes import HashStanding, read_hash
from ino_desk.domain.staff.signatures import Meaning
from ino_desk.domain.staff.signing_keys import fingerprint, signature_valid
from ino_desk.domain.staff.user_keys import KeyCertificate
from ino_desk.domain.staff.users import Role, User
from ino_desk.persistence.audit.audit import state_of
from ino_desk.persistence.records import (
    AccountRecord,
    AuditEventRecord,
    KeyCertificateRecord,
    SignatureRecord,
    UserKeyRecord,
)

if TYPE_CHECKING:
    from sqlalchemy import Connection, Table

    from ino_desk.domain.staff.accounts import StoredSignature
    from ino_desk.domain.staff.password_hashes import Argon2Cost
    from ino_desk.persistence.audit.audit_report import AuditReport

CHUNK = 2000
# Sign-in outcomes recorded for someone whose password did not open their key: a failure or a
# refusal grants nothing, so it may stand unsigned.
UNSIGNED_OUTCOMES = frozenset(
    {
        SignInOutcome.FAILED,
        SignInOutcome.REFUSED_LOCKED,
        SignInOutcome.REFUSED_DISABLED,
        SignInOutcome.LOCKED_OUT,
        SignInOutcome.PASSWORD_EXPIRED,
        SignInOutcome.HASH_BELOW_MINIMUM,
        SignInOutcome.HASH_ABOVE_MAXIMUM,
        SignInOutcome.HASH_UNREADABLE,
    }
)
SECRETS = {"users": frozenset({"password_hash"}), "user_keys": frozenset({"wrapped"})}
ENTITIES = {
    "user": AccountRecord,
    "user_key": UserKeyRecord,
    "key_certificate": KeyCertificateRecord,
}


@dataclass(slots=True)
class Trust:
    """The certificates that chain to the root, by public key, oldest first."""

    root: KeyCertificate | None
    certified: dict[str, list[KeyCertificate]]

    def at(self, public_key: str, moment: datetime) -> KeyCertificate | None:
        """The certificate in force for `public_key` at `moment` (the latest issued before)."""
        found = None
        for cert in self.certified.get(public_key, []):
            if cert.valid_from <= moment:
                found = cert
        return found


def _certificates(conn: Connection) -> list[KeyCertificate]:
    r = KeyCertificateRecord
    rows = conn.execute(select(r.__table__).order_by(r.id)).all()
    return [
        KeyCertificate(
            row.public_key,
            row.user_id,
            row.username,
            Role(row.role),
            row.valid_from,
            row.issuer_key,
            row.signature,
            row.id,
        )
        for row in rows
    ]


def _trust(conn: Connection, report: AuditReport, pinned: str | None) -> Trust:
    certs = _certificates(conn)
    roots = [c for c in certs if c.self_signed]
    root = roots[0] if roots else None
    for extra in roots[1:]:
        report.add(
            f"a second self-certified key (certificate #{extra.id}, {extra.username}) was "
            "added outside ino-desk: only the site's first administrator certifies itself"
        )
    if pinned and root is None:
        report.add(
            "this database has no administrator key, but this workstation pins "
            f"{pinned[:16]}…: not this site's database, or its keys were removed"
        )
    if pinned and root is not None and fingerprint(root.public_key) != pinned:
        report.add(
            f"the administrator key of this database ({fingerprint(root.public_key)[:16]}…) "
            f"is not the one pinned on this workstation ({pinned[:16]}…): another site's or "
            "a rebuilt file"
        )
    trust = Trust(root, {})
    report.site_key = None if root is None else fingerprint(root.public_key)
    for cert in certs:
        if cert is root:
            ok = root.role is Role.ADMINISTRATOR and signature_valid(
                cert.public_key, cert.facts.text(), cert.signature
            )
        else:
            issuer = trust.at(cert.issuer_key, cert.valid_from)
            ok = (
                issuer is not None
                and issuer.role is Role.ADMINISTRATOR
                and not cert.self_signed
                and signature_valid(cert.issuer_key, cert.facts.text(), cert.signature)
            )
        if ok:
            trust.certified.setdefault(cert.public_key, []).append(cert)
        elif cert.self_signed and cert is not root:
            pass  # reported above
        else:
            report.add(
                f"the key certificate #{cert.id} of {cert.username} was not issued by an "
                "administrator's certified key: forged or altered outside ino-desk"
            )
    return trust


def verify_keys(
    conn: Connection, report: AuditReport, pinned: str | None, minimum: Argon2Cost | None
) -> None:
    trust = _trust(conn, report, pinned)
    since = trust.root.valid_from if trust.root is not None else None
    _verify_events(conn, report, trust, since)
    _verify_signatures(conn, report, trust, since)
    _verify_security_rows(conn, report, minimum)


def _unsigned_allowed(row: Any) -> bool:
    if row.entity != "sign_in_event" or row.action != "create" or row.after_state is None:
        return False
    try:
        outcome = json.loads(row.after_state).get("outcome")
    except (ValueError, AttributeError):
        return False
    return outcome in {o.value for o in UNSIGNED_OUTCOMES}


def _verify_events(
    conn: Connection, report: AuditReport, trust: Trust, since: datetime | None
) -> None:
    e = AuditEventRecord
    stmt = select(
        e.seq, type_coerce(e.at, String).label("at_text"), e.who, e.entity,
        type_coerce(e.action, String).label("action"), e.after_state, e.hash, e.signer_key,
        e.signature,
    ).order_by(e.seq)  # fmt: skip
    must_sign = False
    for row in conn.execution_options(yield_per=CHUNK).execute(stmt):
        try:
            at = datetime.fromisoformat(row.at_text)
        except (TypeError, ValueError):
            continue  # reported by the chain check
        must_sign = must_sign or (since is not None and at >= since)
        if row.signer_key is None:
            if not must_sign:
                report.unsigned_events += 1
            elif not _unsigned_allowed(row):
                report.add(
                    f"audit event #{row.seq} by {row.who} is not signed: every event since "
                    "the site's administrator key was made must carry its actor's signature"
                )
            continue
        cert = trust.at(row.signer_key, at)
        if not signature_valid(row.signer_key, row.hash, row.signature or ""):
            report.add(
                f"audit event #{row.seq} by {row.who}: its signature does not match the event "
                "(forged, or the trail was rewritten outside ino-desk)"
            )
        elif cert is None:
            report.add(
                f"audit event #{row.seq} by {row.who} is signed by a key no administrator certified"
            )
        elif cert.username != row.who:
            report.add(
                f"audit event #{row.seq} claims to be by {row.who} but is signed by "
                f"{cert.username}'s key"
            )


def _signature_problem(sig: StoredSignature, trust: Trust) -> str | None:
    if sig.signer_key is None:
        return "is not signed with its signer's key"
    if not signature_valid(sig.signer_key, sig.signed_text, sig.key_signature or ""):
        return "does not match its signer's key signature (altered or moved outside ino-desk)"
    cert = trust.at(sig.signer_key, sig.signed_at)
    if cert is None:
        return "is signed by a key no administrator certified"
    if cert.user_id != sig.user_id:
        return f"is signed by the key of {cert.username}, not of its signer"
    allowed = User(sig.user_id, cert.username, sig.full_name, cert.role).can(sig.meaning.permission)
    if cert.role is not sig.role or not allowed:
        return (
            f"was made by {cert.username}, certified as {cert.role.display_name}, a role "
            f"that may not sign {sig.meaning.value!r} (the role was changed outside ino-desk)"
        )
    return None


def _verify_signatures(
    conn: Connection, report: AuditReport, trust: Trust, since: datetime | None
) -> None:
    from ino_desk.domain.staff.accounts import StoredSignature

    table = SignatureRecord.__table__
    for row in conn.execute(select(table).order_by(table.c.id)):
        sig = StoredSignature(
            row.entity, row.entity_id, row.user_id, row.full_name, Role(row.role),
            Meaning(row.meaning), row.signed_at, row.content_hash, bool(row.voided),
            row.void_reason, paper_time=row.paper_time, signer_key=row.signer_key,
            key_signature=row.key_signature, id=row.id,
        )  # fmt: skip
        if sig.signer_key is None and (since is None or sig.signed_at < since):
            report.unsigned_signatures += 1
            continue
        problem = _signature_problem(sig, trust)
        if problem:
            report.add(f"signature #{sig.id} ({sig.meaning.value}, {sig.full_name}) {problem}")


def _verify_security_rows(
    conn: Connection, report: AuditReport, minimum: Argon2Cost | None
) -> None:
    """Users, keys and certificates equal their last audited state (secrets aside); a stored
    password hash is within the product's bounds."""
    e = AuditEventRecord
    for entity, record in ENTITIES.items():
        table: Table = record.__table__  # type: ignore[assignment]
        stmt = select(e.entity_id, e.seq, e.after_state).where(e.entity == entity).order_by(e.seq)
        latest = {row.entity_id: (row.seq, row.after_state) for row in conn.execute(stmt)}
        secret = SECRETS.get(table.name, frozenset())
        for row in conn.execute(select(table)):
            values = dict(row._mapping)
            state = state_of({k: v for k, v in values.items() if k not in secret})
            audited = latest.pop(row.id, None)
            if audited is None:
                report.add(f"{table.name} row {row.id} has no audit event: added outside ino-desk")
            elif audited[1] != state:
                report.add(
                    f"{table.name} row {row.id} differs from its last audited state (audit "
                    f"event #{audited[0]}): changed outside ino-desk"
                )
            if minimum is not None and table.name == "users":
                standing = read_hash(values["password_hash"], minimum).standing
                if standing is not HashStanding.USABLE:
                    report.add(
                        f"the password hash of {values['username']} is refused "
                        f"({standing.value}): changed outside ino-desk"
                    )
        for row_id, (seq, after) in latest.items():  # never deleted by ino-desk
            if after is not None:
                report.add(
                    f"{table.name} row {row_id} was removed outside ino-desk (audit event "
                    f"#{seq} recorded it)"
                )
