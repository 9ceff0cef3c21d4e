"""Starting a renewal: a new draft for a listed product, its answers copied from the last review or the import.

Shared by the services that open a renewal (the applicant's, the review clock, challenges); these
functions run inside their caller's transaction.
"""

from django.utils import timezone

from dpg_registry.applications.models import Answer, Application
from dpg_registry.applications.public_part import may_see_private
from dpg_registry.applications.selectors import last_approved, questions_by_key
from dpg_registry.applications.services.transitions import S
from dpg_registry.audit.services import record
from dpg_registry.lib.validation import FieldError, clean_urls, is_web_address
from dpg_registry.ownership.selectors import claimed_by, owner_organisation
from dpg_registry.registry.models import Organisation, Product
from dpg_registry.standard.models import Category
from dpg_registry.standard.selectors import current_version


def copy_from_product(application: Application, product: Product, *, started_by) -> None:
    """Start a renewal from the last reviewed answers, or from the imported record when there are none.

    Private answers are copied only for someone who could already read them (an editor of the reviewed
    application, or staff), or for ``started_by=None``: the registry itself, opening the renewal for that
    application's own editors. For anyone else each private answer starts empty, still marked private; the
    form notes it was answered privately last time.
    """
    previous = last_approved(product, excluding=application)
    now = timezone.now()
    if previous is not None:
        application.renewal_of = previous
        for field in ("description", "website", "repository_urls", "sectors", "deployment_countries"):
            setattr(application, field, getattr(previous, field))
        private_too = started_by is None or may_see_private(started_by, previous)
        answers = [_copy(answer, application, now, private_too=private_too) for answer in previous.answers.all()]
    else:
        application.description = product.description
        application.website = product.website
        application.repository_urls = list(product.repositories.values_list("url", flat=True))
        application.sectors = list(product.sectors.values_list("name", flat=True))
        application.deployment_countries = list(
            product.countries.filter(kind="deployed").exclude(code="").values_list("code", flat=True)
        )
        known = questions_by_key(application)
        answers = [
            Answer(application=application, indicator_code=known[a.question_key].indicator.code,
                   question_key=a.question_key, value=_web_addresses_only(a.question_key, a.value), updated_at=now)
            for a in product.indicator_answers.all()
            if a.question_key in known
        ]
    # Imported records keep addresses the form refuses (``javascript:…``, ``www.example.org``): a draft holds
    # only what the form itself would take.
    application.website = next(iter(_acceptable([application.website], "website")), "")
    application.repository_urls = _acceptable(application.repository_urls, "repository_urls", repository=True)
    application.save()
    Answer.objects.bulk_create(answers, ignore_conflicts=True)


def _copy(answer: Answer, renewal: Application, now, *, private_too: bool) -> Answer:
    """``answer`` for the renewal draft: a private one without its value, justification and evidence unless
    ``private_too``."""
    copy = Answer(application=renewal, indicator_code=answer.indicator_code, question_key=answer.question_key,
                  is_private=answer.is_private, updated_at=now)
    if private_too or not answer.is_private:
        copy.value, copy.justification, copy.evidence_urls = answer.value, answer.justification, answer.evidence_urls
    return copy


def _acceptable(urls, field: str, *, repository: bool = False) -> list[str]:
    kept = []
    for url in urls:
        try:
            kept += clean_urls([url], field, repository=repository)
        except FieldError:
            pass
    return kept


def start_renewal(application: Application) -> Application:
    now = timezone.now()
    renewal = Application.objects.create(
        name=application.name, category=application.category, standard_version=current_version(),
        organisation=application.organisation, product=application.product, created_at=now, state_entered_at=now,
    )
    renewal.editors.set(application.editors.all())
    copy_from_product(renewal, application.product, started_by=None)
    record(actor=None, role="", action="application.create", subject=renewal,
           after={"state": S.DRAFT, "renewal_of": application.public_id})
    return renewal


def start_product_renewal(product: Product, *, editors) -> Application:
    """The registry opens the renewal of a product listed without a review (an imported record) for ``editors``,
    its verified owners (maybe nobody yet), with the imported answers copied."""
    now = timezone.now()
    organisation = (claimed_by(product) or owner_organisation(product)
                    or Organisation.objects.get_or_create(name=product.name)[0])
    category = (product.categories.filter(is_legacy=False).order_by("position").first()
                or Category.objects.filter(is_legacy=False).order_by("position").first())
    renewal = Application.objects.create(
        name=product.name, category=category, standard_version=current_version(), organisation=organisation,
        product=product, created_at=now, state_entered_at=now,
    )
    renewal.editors.set(editors)
    copy_from_product(renewal, product, started_by=None)
    record(actor=None, role="", action="application.create", subject=renewal,
           after={"state": S.DRAFT, "renewal_of": product.slug, "editors": [user.pk for user in editors]})
    return renewal


def _web_addresses_only(question_key: str, value):
    """An imported answer as a draft may hold it: the addresses of a ``…_urls`` question only if http(s)."""
    if question_key.endswith("_urls") and isinstance(value, list):
        return [url for url in value if is_web_address(url)]
    return value
