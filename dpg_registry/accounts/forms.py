from allauth.core import context
from allauth.mfa.totp.forms import ActivateTOTPForm
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY


class StableActivateTOTPForm(ActivateTOTPForm):
    """The activation form of the authenticator app, with one secret for the whole pending activation.

    allauth's form makes a new secret each time the page is shown, so a second load of the page (another
    tab, a reload, a request the browser makes on its own) leaves the secret on screen out of date and every
    code typed from it "incorrect". Here the secret kept in the session stays until the activation succeeds
    (allauth then clears it) or the session ends (signing out).
    """

    def __init__(self, *args, **kwargs) -> None:
        session = context.request.session
        pending = session.get(SECRET_SESSION_KEY)
        super().__init__(*args, **kwargs)
        if pending:
            self.secret = session[SECRET_SESSION_KEY] = pending
