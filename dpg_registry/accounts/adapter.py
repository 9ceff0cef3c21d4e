from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from django.contrib.auth import get_user_model
from django.utils import translation
from django.utils.encoding import force_str
from django.utils.translation import gettext

from dpg_registry.accounts.selectors import is_staff, language_of


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Write the account e-mails (confirmation, password reset...) in the recipient's language: the one their
        account last used, else the language of the page that caused the e-mail."""
        user = context.get("user") or get_user_model().objects.filter(email__iexact=email).first()
        with translation.override(language_of(user, default=translation.get_language())):
            super().send_mail(template_prefix, email, context)

    def format_email_subject(self, subject: str) -> str:
        return f"[{gettext('DPG Registry')}] {force_str(subject)}"


class MFAAdapter(DefaultMFAAdapter):
    def can_delete_authenticator(self, authenticator) -> bool:
        # Staff must keep their authenticator app; an admin revokes the role first.
        return not is_staff(authenticator.user) and super().can_delete_authenticator(authenticator)
