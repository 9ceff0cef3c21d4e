from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "dpg_registry.accounts"
    label = "accounts"
    verbose_name = "Accounts and roles"

    def ready(self):
        from allauth.mfa.signals import authenticator_added

        from dpg_registry.accounts.signals import count_activation_as_proof

        authenticator_added.connect(count_activation_as_proof, dispatch_uid="dpg-mfa-activation-proof")
