"""Every change to an application, one transaction each, one module per part of the review.

Views, API endpoints, commands and tasks call these functions and nothing else writes applications.
Each function checks who is acting, refuses a move the state machine does not allow, refuses a
form that was read before someone else's change (``expected_version``), and records what it did
in the audit trail. Import the function from the module that holds it.
"""
