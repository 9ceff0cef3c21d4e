"""A person's own data: the privacy notice, downloading everything the registry holds about them, deleting
their account. It stands above the apps whose data it gathers and removes (accounts, applications, audit)."""
