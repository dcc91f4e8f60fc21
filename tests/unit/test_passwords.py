import pytest
from argon2 import extract_parameters
from argon2.low_level import Type

from smajob.accounts import passwords


def test_stored_hash_is_argon2id_with_at_least_19_mib():
    stored = passwords.hash_password("en lang og god sætning")
    params = extract_parameters(stored)
    assert stored.startswith("$argon2id$")
    assert params.type is Type.ID
    assert params.memory_cost >= 19 * 1024


@pytest.mark.parametrize("password", ["", "kort", "1234567"])
def test_passwords_under_eight_characters_are_refused(password):
    assert passwords.policy_problem(password) == "too_short"


@pytest.mark.parametrize("password", ["password", "12345678", "qwertyuiop", "sommer2025",
                                      "Password", "aaaaaaaaaaaa", "velkommen123"])
def test_common_passwords_are_refused(password):
    assert passwords.policy_problem(password) == "common"


@pytest.mark.parametrize("password", [
    "Min cykel er grøn og min kat hedder Mis, hun elsker sol og fisk!"[:64],  # 64 chars
    "rød grød med fløde på",  # Danish letters and spaces
    "日本語のパスフレーズです",  # no Latin letters at all
    "🦊🐻🐼🐨🐯🦁🐮🐷",  # emoji
    "alllowercaseletters",  # no composition rules: no digit or symbol needed
])
def test_long_and_unicode_passwords_are_accepted_without_composition_rules(password):
    assert passwords.policy_problem(password) is None


def test_the_password_may_not_be_the_users_own_email():
    assert passwords.policy_problem("anna.hansen", email="anna.hansen@example.dk") == "personal"


def test_verify_accepts_the_right_password_and_rejects_others():
    stored = passwords.hash_password("korrekt hest batteri")
    assert passwords.verify_password(stored, "korrekt hest batteri")
    assert not passwords.verify_password(stored, "forkert hest batteri")
    assert not passwords.verify_password("not-a-hash", "korrekt hest batteri")


def test_unicode_normalisation_makes_composed_and_decomposed_forms_equal():
    stored = passwords.hash_password("Ærøskøbing\u00e5")
    assert passwords.verify_password(stored, "Ærøskøbinga\u030a")
