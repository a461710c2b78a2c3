from django.apps import AppConfig


class LangsaKompetensiConfig(AppConfig):
    """The project package is an app too: it holds the commands that run the whole system."""

    name = "langsa_kompetensi"
    verbose_name = "Langsa Kompetensi"
