"""The errors of owners' requests: one root whose message is for the person who tried."""


class ListingRequestError(Exception):
    """A request or a decision that cannot be made; the message says why."""


class NotAllowed(ListingRequestError):
    """The person may not do this."""


class StaleRequest(ListingRequestError):
    """The listing changed since the request was made: approving it would overwrite newer values."""
