"""Deleting an account: what the person edited is forgotten, then the account goes, in one transaction."""

from django.db import transaction
from django.utils.translation import gettext

from dpg_registry.accounts import services as accounts
from dpg_registry.accounts.errors import AccountError
from dpg_registry.accounts.selectors import addresses_of
from dpg_registry.applications.services.accounts import forget_person
from dpg_registry.privacy.selectors import open_work_of


def delete_account(*, user, confirmation: str) -> None:
    """Delete ``user``'s account and everything that identifies them.

    ``confirmation`` is the account's password (or, for an account without one, its e-mail address).
    Drafts only this person edits are deleted; applications that were submitted stay with their
    public decision but lose their contact and this person as an editor; the audit trail keeps its
    events, which name actors by pseudonym only.
    """
    accounts.confirm_identity(user=user, confirmation=confirmation)
    work = open_work_of(user)
    if work:
        raise AccountError(gettext("finish your open review work first, then delete your account: %(work)s")
                           % {"work": "; ".join(work)})
    with transaction.atomic():
        drafts_deleted = forget_person(user=user, addresses=addresses_of(user))
        accounts.remove_account(user=user, drafts_deleted=drafts_deleted)
