"""The audit trail: an append-only log whose rows are chained by SHA-256 so that an edit shows."""

from django.db import models

from dpg_registry.audit.errors import AppendOnlyError


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("audit events cannot be changed")

    def delete(self):
        raise AppendOnlyError("audit events cannot be deleted")

    def bulk_update(self, objs, fields, batch_size=None):
        raise AppendOnlyError("audit events cannot be changed")


class AuditEvent(models.Model):
    """One action: who (and in which role), when, what, the state before and after, and why.

    ``actor_id`` and ``actor_label`` are plain values, not a foreign key, so that removing an
    account never rewrites the log; ``actor_label`` is a pseudonym ("account 12"), never a name or an address.
    """

    at = models.DateTimeField()
    actor_id = models.BigIntegerField(null=True)
    actor_label = models.CharField(max_length=254, blank=True)
    role = models.CharField(max_length=20, blank=True)
    action = models.CharField(max_length=60)
    subject_type = models.CharField(max_length=40)
    subject_id = models.CharField(max_length=40)
    before = models.JSONField(default=dict)
    after = models.JSONField(default=dict)
    reason = models.TextField(blank=True)
    previous_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["subject_type", "subject_id"])]

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("audit events cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("audit events cannot be deleted")


class AuditHead(models.Model):
    """The single row holding the newest hash; locking it serialises appends on every database."""

    last_hash = models.CharField(max_length=64)
