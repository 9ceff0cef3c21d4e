from allauth.mfa.adapter import DefaultMFAAdapter

from dpg_registry.accounts.selectors import is_staff


class MFAAdapter(DefaultMFAAdapter):
    def can_delete_authenticator(self, authenticator) -> bool:
        # Staff must keep their authenticator app; an admin revokes the role first.
        return not is_staff(authenticator.user) and super().can_delete_authenticator(authenticator)
