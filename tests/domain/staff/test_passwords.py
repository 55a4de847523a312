"""Password hashes: argon2id at the product's cost, stored costs read only within bounds."""

from __future__ import annotations

import base64
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ino_desk import app
from ino_desk.domain.staff.password_hashes import (
    MAXIMUM_COST,
    OWASP_MINIMUM,
    PRODUCT_COST,
    Argon2Cost,
    HashStanding,
    read_hash,
)
from ino_desk.domain.staff.passwords import Match, Passwords, product_passwords
from tests.password_texts import argon2_text, scrypt_hash
from tests.people import TEST_COST, cheap_passwords

PASSWORD = "correct horse battery"


def test_the_product_hashes_at_its_real_cost() -> None:
    """The one test that pays the production cost: the parameters are in the hash itself."""
    assert Argon2Cost(19456, 2, 1) == OWASP_MINIMUM  # OWASP Password Storage Cheat Sheet
    assert Argon2Cost(65536, 3, 1) == PRODUCT_COST
    assert PRODUCT_COST.at_least(OWASP_MINIMUM)
    verifier = app.password_verifier()
    assert (verifier.cost, verifier.minimum) == (PRODUCT_COST, OWASP_MINIMUM)
    stored = verifier.hash(PASSWORD)
    kind, version, params, salt, digest = stored.split("$")[1:]
    assert (kind, version, params) == ("argon2id", "v=19", "m=65536,t=3,p=1")
    assert len(base64.b64decode(salt + "==")) == 16
    assert len(base64.b64decode(digest + "=")) == 32
    assert verifier.check(PASSWORD, stored) == verifier.check(PASSWORD, stored)
    assert verifier.check(PASSWORD, stored).matches
    assert not verifier.check(PASSWORD, stored).rehash
    assert verifier.check(PASSWORD + "x", stored).match is Match.DIFFERS


def test_the_product_refuses_the_tests_cheap_hashes() -> None:
    cheap = cheap_passwords().hash(PASSWORD)
    assert cheap.startswith("$argon2id$v=19$m=8,t=1,p=1$")
    verdict = product_passwords().check(PASSWORD, cheap)
    assert (verdict.match, verdict.standing) == (Match.REFUSED, HashStanding.BELOW_MINIMUM)


def test_a_verifier_cannot_hash_below_its_minimum_or_above_the_maximum() -> None:
    with pytest.raises(ValueError, match="below the minimum"):
        Passwords(TEST_COST, OWASP_MINIMUM)
    with pytest.raises(ValueError, match="above the maximum"):
        Passwords(Argon2Cost(MAXIMUM_COST.memory_kib * 2, 3, 1), OWASP_MINIMUM)


def test_legacy_scrypt_hashes_verify_and_ask_for_a_rehash() -> None:
    legacy = scrypt_hash(PASSWORD, 2**15, 8, 1)  # what main stored
    verdict = cheap_passwords().check(PASSWORD, legacy)
    assert verdict.matches
    assert verdict.rehash
    assert cheap_passwords().check("not the password", legacy).match is Match.DIFFERS


@pytest.mark.parametrize(
    ("stored", "standing"),
    [
        (scrypt_hash(PASSWORD, 2, 1, 1), HashStanding.BELOW_MINIMUM),  # issue 14's attack
        (scrypt_hash(PASSWORD, 2**14, 8, 1), HashStanding.BELOW_MINIMUM),
        (scrypt_hash(PASSWORD, 2**15, 4, 1), HashStanding.BELOW_MINIMUM),
        ("scrypt$1048576$8$1$MDEyMzQ1Njc4OWFiY2RlZg$" + "A" * 43, HashStanding.ABOVE_MAXIMUM),
        ("scrypt$32769$8$1$MDEyMzQ1Njc4OWFiY2RlZg$" + "A" * 43, HashStanding.UNREADABLE),
        (argon2_text(19455, 2, 1), HashStanding.BELOW_MINIMUM),
        (argon2_text(19456, 1, 1), HashStanding.BELOW_MINIMUM),
        (argon2_text(65536, 3, 1, "argon2i"), HashStanding.BELOW_MINIMUM),
        (argon2_text(65536, 3, 1, "argon2d"), HashStanding.BELOW_MINIMUM),
        (argon2_text(2**30, 3, 1), HashStanding.ABOVE_MAXIMUM),  # a gigabyte per sign-in
        (argon2_text(65536, 10_000, 1), HashStanding.ABOVE_MAXIMUM),
        (argon2_text(65536, 3, 255), HashStanding.ABOVE_MAXIMUM),
        (argon2_text(65536, 3, 1).replace("v=19", "v=16"), HashStanding.UNREADABLE),
        (argon2_text(65536, 3, 1).replace("m=65536", "m=٦٥٥٣٦"), HashStanding.UNREADABLE),
        ("test-account:no-password-matches", HashStanding.UNREADABLE),
        ("", HashStanding.UNREADABLE),
    ],
)
def test_hashes_outside_the_bounds_are_refused_without_hashing(
    stored: str, standing: HashStanding
) -> None:
    started = time.perf_counter()
    verdict = product_passwords().check(PASSWORD, stored)
    assert (verdict.match, verdict.standing) == (Match.REFUSED, standing)
    assert time.perf_counter() - started < 0.05  # no hashing was done with the stored cost


def test_a_stronger_hash_within_the_bounds_verifies_and_is_brought_to_the_cost() -> None:
    stronger = Passwords(Argon2Cost(16, 2, 1), TEST_COST).hash(PASSWORD)
    verdict = cheap_passwords().check(PASSWORD, stronger)
    assert verdict.matches
    assert verdict.rehash


costs = st.builds(
    Argon2Cost,
    memory_kib=st.integers(0, 10**10 - 1),
    time_cost=st.integers(0, 10**10 - 1),
    parallelism=st.integers(0, 999),
)


@given(costs, st.sampled_from(["argon2id", "argon2i", "argon2d"]))
def test_any_encoded_argon2_cost_outside_the_bounds_is_refused(cost: Argon2Cost, kind: str) -> None:
    stored = argon2_text(cost.memory_kib, cost.time_cost, cost.parallelism, kind)
    read = read_hash(stored, OWASP_MINIMUM)
    inside = cost.at_least(OWASP_MINIMUM) and cost.at_most(MAXIMUM_COST) and kind == "argon2id"
    assert (read.standing is HashStanding.USABLE) == inside
    if not inside:
        assert product_passwords().check(PASSWORD, stored).match is Match.REFUSED


@given(st.integers(0, 10**10 - 1), st.integers(0, 10**10 - 1), st.integers(0, 10**10 - 1))
def test_any_encoded_scrypt_cost_outside_the_bounds_is_refused(n: int, r: int, p: int) -> None:
    stored = f"scrypt${n}${r}${p}$MDEyMzQ1Njc4OWFiY2RlZg${'A' * 43}"
    legal = n >= 2**15 and r >= 8 and p >= 1 and 128 * n * r <= 2**28 and p <= 4
    legal = legal and n & (n - 1) == 0
    assert (read_hash(stored, OWASP_MINIMUM).standing is HashStanding.USABLE) == legal


@given(st.text(max_size=300) | st.from_regex(r"\A(\$argon2id\$|scrypt\$)[\s\S]{0,200}\Z"))
def test_any_stored_text_is_read_without_raising(stored: str) -> None:
    verdict = cheap_passwords().check(PASSWORD, stored)
    assert verdict.match in (Match.REFUSED, Match.DIFFERS)
