"""Arbitrary input never breaks the form; references stay unique under concurrent inserts."""

import threading

import pytest
from django.db import connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from opportunities.models import SignUp
from opportunities.models.signup_mixin import record_sign_up
from opportunities.models.signups import REFERENCE_ALPHABET

needs_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="Needs PostgreSQL (set DATABASE_URL)."
)

FIELDS = [
    "preferred_name",
    "contact_method",
    "contact_detail",
    "worker_name",
    "worker_contact",
    "support_needs",
    "consent",
    "website",
]
text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    max_size=300,
)
values = st.one_of(
    text,
    st.sampled_from(["email", "phone", "text", "worker", "on", "", "07911 123456", "a@b.co"]),
    st.lists(text, max_size=3),
)


@pytest.mark.django_db
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.dictionaries(st.sampled_from(FIELDS), values))
def test_arbitrary_form_input_never_gives_a_server_error(client, sign_up_url, data):
    from django.core.cache import cache

    cache.clear()
    response = client.post(sign_up_url, data)
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert "Error: " in response.content.decode()


def test_reference_collision_is_retried(db, opportunity, monkeypatch):
    first = SignUp.objects.create(
        page=opportunity, preferred_name="A", contact_method="phone", consent=True
    )
    choices = iter([first.reference, first.reference, "ABC-DEF"])
    monkeypatch.setattr("opportunities.models.signups.new_reference", lambda: next(choices))
    second = SignUp.objects.create(
        page=opportunity, preferred_name="B", contact_method="phone", consent=True
    )
    assert second.reference == "ABC-DEF"
    assert set(second.reference.replace("-", "")) <= set(REFERENCE_ALPHABET)


@pytest.mark.postgres
@needs_postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_fifty_concurrent_sign_ups_get_fifty_distinct_references(opportunity):
    errors = []
    barrier = threading.Barrier(10)

    def sign_up_five(worker):
        from django.db import connections

        try:
            barrier.wait()
            for n in range(5):
                record_sign_up(
                    opportunity,
                    {
                        "preferred_name": f"Person {worker}-{n}",
                        "contact_method": "phone",
                        "contact_detail": "0161 496 0000",
                        "consent": True,
                    },
                    "1",
                )
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=sign_up_five, args=(i,)) for i in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    references = list(SignUp.objects.values_list("reference", flat=True))
    assert len(references) == 50
    assert len(set(references)) == 50


@pytest.mark.postgres
@needs_postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_inserts_with_forced_collisions_still_all_succeed(opportunity, monkeypatch):
    """Every thread first tries the same reference; the unique constraint plus retry sorts it."""
    import opportunities.models.signups as signups

    real = signups.new_reference
    local = threading.local()

    def colliding():
        if not getattr(local, "used", False):
            local.used = True
            return "SAM-E22"
        return real()

    monkeypatch.setattr(signups, "new_reference", colliding)
    errors = []

    def one():
        from django.db import connections

        try:
            SignUp.objects.create(
                page=opportunity, preferred_name="X", contact_method="phone", consent=True
            )
        except Exception as error:  # noqa: BLE001
            errors.append(repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=one) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    references = list(SignUp.objects.values_list("reference", flat=True))
    assert len(references) == len(set(references)) == 8
    assert "SAM-E22" in references
