"""The pages of applications and reviews, one module per audience: applicant, reviewers, the public, the inbox."""
