"""The seven pillars of product maturity a Community of Practice assesses, and the practices behind each level.

Reworded from the DPGA Communities of Practice's maturity indicators and questionnaire (CC0). A practice
key is stored in assessments: keys never change meaning; a new practice gets a new key.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")


@dataclass(frozen=True)
class Pillar:
    key: str
    title: str
    question: str
    practices: dict[str, str]


PILLARS = (
    Pillar("governance", _("Governance"),
           _("Who decides how the product evolves, and is that written down and practised in the open?"), {
               "no_structure": _("No governance structure steers further development."),
               "informal": _("Informal processes guide the community and development."),
               "formal_bodies": _(
                   "Formal bodies exist, such as a technical advisory group or community representatives."),
               "documented_roles": _("Roles and responsibilities are written down and public."),
               "steers_development": _("The governance bodies actually steer further development."),
           }),
    Pillar("security", _("Data protection and security"),
           _("Is security part of how the product is built, and does it help implementers protect data and comply?"), {
               "by_design_partly": _("Security and privacy by design are considered, not yet applied throughout."),
               "occasional_scans": _("Security scans happen now and then."),
               "by_design_throughout": _("Security and privacy by design are applied throughout."),
               "manual_scans": _("Manual security scans are run systematically."),
               "automatic_scans": _("Static and dynamic security scans run automatically during development."),
               "coding_checklist": _("Developers and testers work to a secure coding checklist."),
               "regulations_analysed": _("The data protection rules of the target markets have been analysed."),
               "compliance_features": _("Features help implementers comply (export, deletion, consent)."),
               "regulations_tracked": _("Changes in regulation are tracked and the product kept compliant."),
               "role_based_access": _("Access is controlled by roles."),
               "encryption_guidance": _("Implementers get guidance on encrypting remote access."),
               "encrypted_by_default": _("All remote access (web interface, API) is encrypted by default."),
               "independent_audit": _("An independent security audit was completed in the last twelve months."),
           }),
    Pillar("interoperability", _("Open standards and interoperability"),
           _("Can data move in and out through open standards, without reading the code or the database?"), {
               "database_only": _("Getting data in or out needs the source code or direct database access."),
               "some_apis": _("Some APIs give access to the data."),
               "export_screens": _("Users can export core data and metadata, for example as CSV."),
               "documented_api": _("A robust, documented API covers the key data exchanges."),
               "standards_body": _("API endpoints follow the standards of a recognised body for the domain."),
               "four_jurisdictions": _("The standards-based API is used in at least four countries or states."),
           }),
    Pillar("roadmap", _("Product strategy and roadmap"),
           _("Is there a public roadmap, and does the community take part in setting its priorities?"), {
               "no_roadmap": _("There is no roadmap."),
               "no_request_channel": _("There is no public place to ask for features."),
               "public_requests": _("Feature requests go to a public, maintained tracker."),
               "roadmap_exists": _("A roadmap describes the planned, resourced work."),
               "discussion_forums": _("Community forums discuss feature requests."),
               "prioritisation": _("A documented process sets the priorities of the backlog."),
           }),
    Pillar("source_code", _("Source-code accessibility"),
           _("Could a developer new to the product understand, extend and contribute to it?"), {
               "readme": _("A README describes the project and how to install it."),
               "contributing": _("A contributing guide explains how to report issues and propose changes."),
               "extensions": _("Modules, plug-ins or extensions add features without forking the core."),
               "developer_docs": _("Thorough developer documentation is published."),
               "code_style": _("The code is commented and a linter enforces a documented style."),
           }),
    Pillar("total_cost", _("Total cost of ownership"),
           _("Can an implementer budget for running the product over its lifetime?"), {
               "partial_costs": _("Some cost information is published, not covering every part of ownership."),
               "budget_guidance": _("High-level budget guidance drawn from real deployments is available."),
               "pilot_estimates": _("Detailed estimates exist for a pilot: capacity building, infrastructure, staff."),
               "maintenance_estimates": _("Yearly maintenance costs are estimated."),
               "training_estimates": _("The cost of training end users is estimated."),
           }),
    Pillar("composability", _("Composability"),
           _("Is the product built from parts that can be combined, replaced and reused?"), {
               "monolith": _("The architecture is closer to one block: local changes need a fork or core edits."),
               "some_modularity": _("There is basic modularity with some plug-and-play."),
               "designed_composable": _("The product was designed to be composed from the start."),
               "independent_services": _("It is made of independent, flexible services."),
           }),
)
PILLARS_BY_KEY = {pillar.key: pillar for pillar in PILLARS}
