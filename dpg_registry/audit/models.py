"""The audit trail: an append-only log whose rows are chained by keyed seals (HMAC-SHA256) so that an edit shows,
and signed checkpoints of it that copies kept elsewhere make truncation show too."""

from django.db import models

from dpg_registry.audit.errors import AppendOnlyError


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("the audit trail cannot be changed")

    def delete(self):
        raise AppendOnlyError("the audit trail cannot be deleted")

    def bulk_update(self, objs, fields, batch_size=None):
        raise AppendOnlyError("the audit trail cannot be changed")


class AuditEvent(models.Model):
    """One action: who (and in which role), when, what, the state before and after, and why.

    ``actor_id`` and ``actor_label`` are plain values, not a foreign key, so that removing an
    account never rewrites the log; ``actor_label`` is a pseudonym ("account 12"), never a name or an address.
    ``hash`` is the event's seal (``chain.event_seal``) under the key named by ``key_id``, over its fields and
    ``previous_hash``, the seal before it.
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
    key_id = models.CharField(max_length=8)

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


class AuditCheckpoint(models.Model):
    """The trail's length and last seal at one time, signed: published and backed up, so that a copy kept
    outside the database shows events removed from the end, or all of them, with the head reset.

    ``head`` is the seal of the ``event_count``-th event (``chain.GENESIS`` for none); ``signature`` is
    ``chain.checkpoint_signature`` under the key named by ``key_id``.
    """

    at = models.DateTimeField()
    event_count = models.PositiveBigIntegerField()
    head = models.CharField(max_length=64)
    key_id = models.CharField(max_length=8)
    signature = models.CharField(max_length=64)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["id"]

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("audit checkpoints cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("audit checkpoints cannot be deleted")


class AuditHead(models.Model):
    """The single row holding the newest hash; locking it serialises appends on every database."""

    last_hash = models.CharField(max_length=64)
