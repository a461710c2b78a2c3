import pytest


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    # Hashing with the production work factor would dominate the suite's run time.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
