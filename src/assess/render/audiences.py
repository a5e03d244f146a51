"""Whom to ask: the evidence gaps of a report as a to-do list, grouped by who can answer.

An unknown item is a question for somebody. Which body knows the answer follows
from the profile field the item reads, so the mapping is data: a default per
profile section, then the fields that another body answers better. The report
groups the unknown items by the audience of their first silent field.
"""

from __future__ import annotations

from enum import StrEnum

from assess.i18n import N_


class Audience(StrEnum):
    """Who can answer a question about the programme."""

    authority = "authority"
    operators = "operators"
    security_forces = "security_forces"
    donors = "donors"
    communities = "communities"


#: The heading of each group, in the order the report lists them.
AUDIENCE_TITLE: dict[Audience, str] = {
    Audience.authority: N_("The national mine action authority and the ministries"),
    Audience.operators: N_("Mine action operators"),
    Audience.security_forces: N_("Security forces and SSR bodies"),
    Audience.donors: N_("Donors, the UN mission and international partners"),
    Audience.communities: N_("Communities, survivors and civil society"),
}

#: Who answers the questions of each profile section, unless FIELD_AUDIENCE says otherwise.
SECTION_AUDIENCE: dict[str, Audience] = {
    "programme": Audience.authority,
    "context": Audience.authority,
    "activities": Audience.authority,
    "actors": Audience.authority,
    "authorities": Audience.authority,
    "treaties": Audience.authority,
    "contamination": Audience.authority,
    "national_ownership": Audience.authority,
    "governance": Audience.authority,
    "people_centred": Audience.operators,
    "gender_diversity": Audience.operators,
    "linkage": Audience.security_forces,
}

#: Fields (dotted paths, or a prefix ending in '.') another body answers better than its section's.
FIELD_AUDIENCE: dict[str, Audience] = {
    "context.un_mission.": Audience.donors,
    "context.arms_embargo": Audience.donors,
    "national_ownership.donors_cede_control": Audience.donors,
    "national_ownership.donor_dependent": Audience.donors,
    "national_ownership.support_suited_to_context": Audience.donors,
    "national_ownership.national_operators": Audience.operators,
    "national_ownership.capacity_development_from_outset": Audience.operators,
    "national_ownership.security_forces_trained": Audience.security_forces,
    "national_ownership.residual_capacity_in_security_sector": Audience.security_forces,
    "national_ownership.handover_planned_with_ssr": Audience.security_forces,
    "national_ownership.people_centred_ownership": Audience.communities,
    "governance.civilian_oversight": Audience.security_forces,
    "governance.international_coordination": Audience.donors,
    "governance.anti_corruption": Audience.donors,
    "people_centred.human_rights_due_diligence": Audience.donors,
    "people_centred.hrddp_applied": Audience.donors,
    "people_centred.support_conditioned_on_human_rights": Audience.donors,
    "people_centred.vetting": Audience.security_forces,
    "people_centred.human_rights_training": Audience.security_forces,
    "people_centred.ex_combatant_vetting": Audience.security_forces,
    "people_centred.victims_rights": Audience.communities,
    "people_centred.victim_assistance_in_disability_rights": Audience.authority,
    "people_centred.victim_assistance_in_health_and_employment": Audience.authority,
    "people_centred.victim_assistance_measurable_objectives": Audience.authority,
    "people_centred.reconciliation_and_justice_links": Audience.communities,
    "people_centred.civil_society_oversight": Audience.communities,
    "people_centred.most_at_risk_protected": Audience.communities,
    "people_centred.community_consultation": Audience.communities,
    "people_centred.community_dialogue_with_security_providers": Audience.communities,
    "people_centred.perceived_partisanship": Audience.communities,
    "people_centred.trust_in_security_providers_measured": Audience.communities,
    "people_centred.trust_in_security_providers_improved": Audience.communities,
    "gender_diversity.women_in_planning": Audience.communities,
    "gender_diversity.minorities_in_consultation": Audience.communities,
    "gender_diversity.inclusive_community_committees": Audience.communities,
    "gender_diversity.gender_in_security_institutions": Audience.security_forces,
    "gender_diversity.disaggregated_data_shared": Audience.authority,
    "linkage.coordination_mechanism": Audience.authority,
    "linkage.mine_action_institutions_in_ssr": Audience.authority,
    "linkage.parliament_engaged": Audience.authority,
    "linkage.technical_focus_broadened": Audience.operators,
    "linkage.risk_education_linked_to_ssr": Audience.operators,
    "linkage.victim_assistance_linked_to_ssr": Audience.operators,
    "linkage.clearance_linked_to_security_providers": Audience.operators,
    "linkage.advocacy_linked_to_ssr": Audience.operators,
}


def audience_of(field: str) -> Audience:
    """Who can answer the question a profile field asks (``governance.legal_basis``)."""
    if field in FIELD_AUDIENCE:
        return FIELD_AUDIENCE[field]
    for prefix, who in FIELD_AUDIENCE.items():
        if prefix.endswith(".") and field.startswith(prefix):
            return who
    return SECTION_AUDIENCE.get(field.split(".", 1)[0], Audience.authority)
