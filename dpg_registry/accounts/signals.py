from allauth.account.internal.flows.login import record_authentication


def count_activation_as_proof(sender, request, user, authenticator, **kwargs):
    # Activating an authenticator app takes a valid code from it: the session has just proven it.
    if request is not None:
        record_authentication(request, user, "mfa", id=authenticator.pk, type=authenticator.type)
