"""Login by username or NIP with Django's standard form; logout; password change."""

import pytest
from django.urls import reverse

from pegawai.tests.factories import PASSWORD

LOGIN = reverse("login")


def login(client, username, password=PASSWORD):
    return client.post(LOGIN, {"username": username, "password": password})


def test_the_login_page_is_in_indonesian(client, db):
    body = client.get(LOGIN).content.decode()
    assert 'lang="id"' in body
    assert "Nama pengguna atau NIP" in body
    assert "Kata sandi" in body


def test_login_by_username(client, pemeran):
    response = login(client, "asn.uji")
    assert response.status_code == 302
    assert response["Location"] == reverse("beranda")
    assert int(client.session["_auth_user_id"]) == pemeran.asn.pk


@pytest.mark.parametrize(
    "format_nip",
    [
        str,
        lambda n: f"{n[:8]} {n[8:14]} {n[14]} {n[15:]}",
        lambda n: f"'{n}",
        lambda n: f"{n[:8]}.{n[8:]}",
    ],
)
def test_login_by_nip_as_people_write_it(client, pemeran, format_nip):
    response = login(client, format_nip(pemeran.asn.pegawai.nip))
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == pemeran.asn.pk


@pytest.mark.parametrize(
    "username",
    ["asn.uji", "tidak.ada", "199001012015031001"],  # wrong password, unknown user, unknown NIP
)
def test_a_failed_login_says_the_same_thing_whatever_the_cause(client, pemeran, username):
    response = login(client, username, password="salah-sekali")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    errors = response.context["form"].non_field_errors()
    assert errors == [
        "Nama pengguna/NIP atau kata sandi salah. Periksa kembali; huruf besar dan kecil "
        "dibedakan pada kata sandi."
    ]


def test_an_inactive_user_cannot_log_in(client, pemeran):
    pemeran.asn.is_active = False
    pemeran.asn.save()
    response = login(client, "asn.uji")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    response = login(client, pemeran.asn.pegawai.nip)
    assert "_auth_user_id" not in client.session


def test_logout_is_post_only_and_ends_the_session(client, pemeran):
    client.force_login(pemeran.asn)
    assert client.get(reverse("logout")).status_code == 405
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert response["Location"] == LOGIN
    assert "_auth_user_id" not in client.session


def test_password_change(client, pemeran):
    client.force_login(pemeran.asn)
    url = reverse("password_change")
    assert "Ganti kata sandi" in client.get(url).content.decode()
    response = client.post(
        url,
        {"old_password": "keliru", "new_password1": "x", "new_password2": "y"},
    )
    assert response.status_code == 200
    assert "Sandi lama Anda yang dimasukkan salah" in response.content.decode()
    response = client.post(
        url,
        {
            "old_password": PASSWORD,
            "new_password1": "Meuligoe-Langsa-2026",
            "new_password2": "Meuligoe-Langsa-2026",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("password_change_done")
    client.logout()
    assert login(client, pemeran.asn.pegawai.nip, "Meuligoe-Langsa-2026").status_code == 302


def test_password_change_needs_login(client, db):
    response = client.get(reverse("password_change"))
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


def test_a_logged_in_user_visiting_login_goes_to_the_dashboard(client, pemeran):
    client.force_login(pemeran.asn)
    response = client.get(LOGIN)
    assert response.status_code == 302
    assert response["Location"] == reverse("beranda")


def test_the_login_page_makes_no_query(client, db, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert client.get(LOGIN).status_code == 200


def test_a_login_takes_a_fixed_number_of_queries(client, pemeran, django_assert_num_queries):
    # Lockout check, NIP lookup, session, last_login, clearing earlier failures, savepoints.
    with django_assert_num_queries(13):
        assert login(client, pemeran.asn.pegawai.nip).status_code == 302


# Throttling ------------------------------------------------------------------------------------


def test_repeated_wrong_passwords_lock_that_account_from_that_address(client, pemeran, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert login(client, "asn.uji", "salah").status_code == 200
    assert login(client, "asn.uji", "salah").status_code == 429  # the limit is reached
    response = login(client, "asn.uji")  # even the right password is refused now
    assert response.status_code == 429
    assert "Terlalu banyak percobaan masuk" in response.content.decode()
    assert "15 menit" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_nip_however_written_is_the_same_account_for_throttling(client, pemeran, settings):
    nip = pemeran.asn.pegawai.nip
    spellings = [nip, f"{nip[:8]} {nip[8:]}", f"'{nip}", f"{nip[:8]}.{nip[8:]}", nip]
    for spelling in spellings[: settings.AXES_FAILURE_LIMIT]:
        login(client, spelling, "salah")
    assert login(client, nip).status_code == 429


def test_a_lockout_does_not_touch_other_accounts_or_addresses(client, pemeran, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, "asn.uji", "salah")
    assert login(client, "asn.uji").status_code == 429
    # A colleague in the same office logs in fine.
    assert login(client, "asn2.uji").status_code == 302
    client.logout()
    # The same account from another address is not locked.
    response = client.post(
        LOGIN, {"username": "asn.uji", "password": PASSWORD}, REMOTE_ADDR="10.1.2.3"
    )
    assert response.status_code == 302


def test_behind_a_proxy_the_forwarded_address_is_used(rf, settings):
    from pegawai.auth import alamat_klien

    request = rf.get("/", HTTP_X_FORWARDED_FOR="6.6.6.6, 36.80.1.2", REMOTE_ADDR="10.0.0.1")
    settings.PROXY_TEPERCAYA = 0
    assert alamat_klien(request) == "10.0.0.1"
    settings.PROXY_TEPERCAYA = 1
    assert alamat_klien(request) == "36.80.1.2"  # the forged first entry is ignored
