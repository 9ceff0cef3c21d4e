"""Applications for DPG status and their review. State changes happen only in ``services``."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# No 0/O or 1/I/L: the id is read aloud and typed from e-mails.
PUBLIC_ID_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def new_public_id() -> str:
    return "".join(secrets.choice(PUBLIC_ID_ALPHABET) for _ in range(8))


class Application(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted, waiting for L1 review")
        L1_REVIEW = "l1_review", _("In L1 review")
        L2_REVIEW = "l2_review", _("In L2 review")
        EXPERT_CONSULTATION = "expert_consultation", _("Waiting for an expert's opinion")
        CLARIFICATION_REQUESTED = "clarification_requested", _("Waiting for the applicant's clarification")
        DPG = "dpg", _("Digital public good")
        INELIGIBLE = "ineligible", _("Ineligible")
        RENEWAL_DUE = "renewal_due", _("Digital public good, renewal due")
        RENEWED = "renewed", _("Renewed by a later application")
        EXPIRED = "expired", _("Expired")
        ARCHIVED = "archived", _("Archived")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    public_id = models.CharField(max_length=8, unique=True, default=new_public_id)
    name = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    website = models.URLField(max_length=1000, blank=True)
    repository_urls = models.JSONField(default=list, blank=True)
    sectors = models.JSONField(default=list, blank=True)
    deployment_countries = models.JSONField(default=list, blank=True, help_text="ISO 3166-1 alpha-2 codes.")
    category = models.ForeignKey("standard.Category", on_delete=models.PROTECT)
    standard_version = models.ForeignKey("standard.StandardVersion", on_delete=models.PROTECT)
    organisation = models.ForeignKey("registry.Organisation", on_delete=models.PROTECT, related_name="applications")
    product = models.ForeignKey(
        "registry.Product", null=True, blank=True, on_delete=models.PROTECT, related_name="applications"
    )
    renewal_of = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="renewals")
    editors = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="applications")
    # The person reviewers may contact about the application. Private: never on public pages, API or dumps.
    contact_name = models.CharField(max_length=200, blank=True)
    contact_email = models.EmailField(blank=True)

    state = models.CharField(max_length=30, choices=State.choices, default=State.DRAFT, db_index=True)
    state_entered_at = models.DateTimeField()
    version = models.PositiveIntegerField(default=1, help_text="Raised by every change; a stale form is refused.")
    created_at = models.DateTimeField()
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(blank=True)

    # People's links are cleared when their account is deleted; the audit trail keeps a pseudonym.
    l1_reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    l2_reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    clarification_deadline = models.DateTimeField(null=True, blank=True)
    last_reminder_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.public_id} {self.name}"


class Answer(models.Model):
    """The applicant's answer to one question: the value, why, and where it can be checked."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="answers")
    indicator_code = models.CharField(max_length=3)
    question_key = models.SlugField(max_length=60)
    value = models.JSONField(null=True, blank=True)
    justification = models.TextField(blank=True)
    evidence_urls = models.JSONField(default=list, blank=True)
    is_private = models.BooleanField(default=False, help_text="Shown to reviewers only, never on public pages.")
    updated_at = models.DateTimeField()
    filled_by_check = models.CharField(
        max_length=6, blank=True, help_text="Confidence of the repository check that filled this answer, if one did."
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["application", "question_key"], name="answer_unique_question")]


class IndicatorDecision(models.Model):
    """A reviewer's current decision on one indicator at one level; its history is in the audit trail."""

    class Level(models.TextChoices):
        L1 = "l1", "L1"
        L2 = "l2", "L2"

    class Decision(models.TextChoices):
        PENDING = "pending", _("No decision yet")
        PASS = "pass", _("Pass")
        FAIL = "fail", _("Fail")
        CLARIFICATION = "clarification", _("Needs clarification")
        CONSULT = "consult", _("Consult an expert")

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="decisions")
    indicator_code = models.CharField(max_length=3)
    level = models.CharField(max_length=2, choices=Level.choices)
    decision = models.CharField(max_length=15, choices=Decision.choices, default=Decision.PENDING)
    note = models.TextField(blank=True, help_text="For the reviewers; the applicant sees fail reasons and questions.")
    public_reason = models.TextField(blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["application", "indicator_code", "level"], name="decision_unique"),
        ]


class Consultation(models.Model):
    """A question to an expert about one indicator, and the expert's opinion."""

    class Recommendation(models.TextChoices):
        PASS = "pass", _("Pass")
        FAIL = "fail", _("Fail")

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="consultations")
    indicator_code = models.CharField(max_length=3)
    expert = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                               related_name="consultations")
    question = models.TextField()
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    requested_at = models.DateTimeField()
    opinion = models.TextField(blank=True)
    recommendation = models.CharField(max_length=4, choices=Recommendation.choices, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)


class Clarification(models.Model):
    """A question from L2 to the applicant about one indicator, with a deadline."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="clarifications")
    indicator_code = models.CharField(max_length=3)
    question = models.TextField()
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    requested_at = models.DateTimeField()
    deadline = models.DateTimeField()
    response = models.TextField(blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)


class Challenge(models.Model):
    """Someone's case that a listed DPG no longer meets the Standard."""

    class State(models.TextChoices):
        OPEN = "open", _("Open")
        DISMISSED = "dismissed", _("Dismissed")
        UPHELD = "upheld", _("Upheld: the product is re-reviewed")

    product = models.ForeignKey("registry.Product", on_delete=models.CASCADE, related_name="challenges")
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                  related_name="challenges")
    reasons = models.TextField()
    raised_at = models.DateTimeField()
    state = models.CharField(max_length=10, choices=State.choices, default=State.OPEN)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolution = models.TextField(blank=True)


class Notification(models.Model):
    """A message for one person: shown in their inbox and sent by e-mail."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=40)
    subject = models.CharField(max_length=200)
    body = models.TextField()
    url = models.CharField(max_length=300, blank=True)
    application = models.ForeignKey(Application, null=True, blank=True, on_delete=models.CASCADE)
    created_at = models.DateTimeField()
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]


class RepositoryCheck(models.Model):
    """One run of ``dpg check`` on an application's repository, with the commit it saw and its report."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to run")
        DONE = "done", _("Done")
        FAILED = "failed", _("Could not run")

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="repository_checks")
    target = models.CharField(max_length=1000)
    autofill = models.BooleanField(default=False, help_text="Fill the application's empty answers from the findings.")
    status = models.CharField(max_length=6, choices=Status.choices, default=Status.QUEUED)
    commit = models.CharField(max_length=64, blank=True)
    report = models.JSONField(null=True, blank=True)
    error = models.TextField(blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    requested_at = models.DateTimeField()
    started_at = models.DateTimeField(null=True, blank=True, help_text="When its last run began.")
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at"]


class Invitation(models.Model):
    """An editor asks the holder of an e-mail address to co-edit an application; they accept or decline."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(help_text="Private: whom the invitation was sent to, in lower case.")
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField()
    accepted = models.BooleanField(null=True, help_text="Empty until the invitee answers.")
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    answered_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True, help_text="When the inviter or an owner withdrew it.")

    class Meta:
        ordering = ["-created_at", "-pk"]
