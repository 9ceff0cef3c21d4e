"""The seven pillars of product maturity a Community of Practice assesses, and the practices behind each level.

Reworded from the DPGA Communities of Practice's maturity indicators and questionnaire (CC0). A practice
key is stored in assessments: keys never change meaning; a new practice gets a new key.
"""

from dataclasses import dataclass

from django.db import models


class Level(models.TextChoices):
    LOW = "low", "Low"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"


@dataclass(frozen=True)
class Pillar:
    key: str
    title: str
    question: str
    practices: dict[str, str]


PILLARS = (
    Pillar("governance", "Governance",
           "Who decides how the product evolves, and is that written down and practised in the open?", {
               "no_structure": "No governance structure steers further development.",
               "informal": "Informal processes guide the community and development.",
               "formal_bodies": "Formal bodies exist, such as a technical advisory group or community representatives.",
               "documented_roles": "Roles and responsibilities are written down and public.",
               "steers_development": "The governance bodies actually steer further development.",
           }),
    Pillar("security", "Data protection and security",
           "Is security part of how the product is built, and does it help implementers protect data and comply?", {
               "by_design_partly": "Security and privacy by design are considered, not yet applied throughout.",
               "occasional_scans": "Security scans happen now and then.",
               "by_design_throughout": "Security and privacy by design are applied throughout.",
               "manual_scans": "Manual security scans are run systematically.",
               "automatic_scans": "Static and dynamic security scans run automatically during development.",
               "coding_checklist": "Developers and testers work to a secure coding checklist.",
               "regulations_analysed": "The data protection rules of the target markets have been analysed.",
               "compliance_features": "Features help implementers comply (export, deletion, consent).",
               "regulations_tracked": "Changes in regulation are tracked and the product kept compliant.",
               "role_based_access": "Access is controlled by roles.",
               "encryption_guidance": "Implementers get guidance on encrypting remote access.",
               "encrypted_by_default": "All remote access (web interface, API) is encrypted by default.",
               "independent_audit": "An independent security audit was completed in the last twelve months.",
           }),
    Pillar("interoperability", "Open standards and interoperability",
           "Can data move in and out through open standards, without reading the code or the database?", {
               "database_only": "Getting data in or out needs the source code or direct database access.",
               "some_apis": "Some APIs give access to the data.",
               "export_screens": "Users can export core data and metadata, for example as CSV.",
               "documented_api": "A robust, documented API covers the key data exchanges.",
               "standards_body": "API endpoints follow the standards of a recognised body for the domain.",
               "four_jurisdictions": "The standards-based API is used in at least four countries or states.",
           }),
    Pillar("roadmap", "Product strategy and roadmap",
           "Is there a public roadmap, and does the community take part in setting its priorities?", {
               "no_roadmap": "There is no roadmap.",
               "no_request_channel": "There is no public place to ask for features.",
               "public_requests": "Feature requests go to a public, maintained tracker.",
               "roadmap_exists": "A roadmap describes the planned, resourced work.",
               "discussion_forums": "Community forums discuss feature requests.",
               "prioritisation": "A documented process sets the priorities of the backlog.",
           }),
    Pillar("source_code", "Source-code accessibility",
           "Could a developer new to the product understand, extend and contribute to it?", {
               "readme": "A README describes the project and how to install it.",
               "contributing": "A contributing guide explains how to report issues and propose changes.",
               "extensions": "Modules, plug-ins or extensions add features without forking the core.",
               "developer_docs": "Thorough developer documentation is published.",
               "code_style": "The code is commented and a linter enforces a documented style.",
           }),
    Pillar("total_cost", "Total cost of ownership",
           "Can an implementer budget for running the product over its lifetime?", {
               "partial_costs": "Some cost information is published, not covering every part of ownership.",
               "budget_guidance": "High-level budget guidance drawn from real deployments is available.",
               "pilot_estimates": "Detailed estimates exist for a pilot: capacity building, infrastructure, staff.",
               "maintenance_estimates": "Yearly maintenance costs are estimated.",
               "training_estimates": "The cost of training end users is estimated.",
           }),
    Pillar("composability", "Composability",
           "Is the product built from parts that can be combined, replaced and reused?", {
               "monolith": "The architecture is closer to one block: local changes need a fork or core edits.",
               "some_modularity": "There is basic modularity with some plug-and-play.",
               "designed_composable": "The product was designed to be composed from the start.",
               "independent_services": "It is made of independent, flexible services.",
           }),
)
PILLARS_BY_KEY = {pillar.key: pillar for pillar in PILLARS}
