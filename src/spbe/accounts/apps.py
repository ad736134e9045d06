from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "spbe.accounts"
    verbose_name = _("Accounts and sign-in")

    def ready(self) -> None:
        from spbe.accounts import admin_log, admin_site, signals  # noqa: F401 - signals connects the receivers

        admin_site.protect_admin()
        admin_log.log_admin_changes()
