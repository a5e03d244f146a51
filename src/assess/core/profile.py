"""The programme profile: one programme described in the paper's vocabulary.

A profile has an identity (``programme``), a context (phase, UN mission and
mandate), the activities under way on each side (SSR components, mine action
pillars and broadened activities), the actors, and one section of facts per
shared approach. Facts are yes / partial / no / unknown with optional evidence
(see :mod:`assess.core.facts`).

Every model forbids unknown keys: a typo in a profile is an error with a
"did you mean" suggestion, never a silently ignored answer.

A field's description is its question (for a fact, the question a field
officer answers). Each is marked with ``N_`` for the gettext catalogue, so the
XLSForm, the scaffold and the result's evidence read one text per language.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, WithJsonSchema, field_validator

from assess.core.facts import Fact, fact
from assess.core.texts import N_


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Phase(StrEnum):
    """Where the country stands in the post-conflict continuum."""

    emergency = "emergency"
    stabilisation = "stabilisation"
    reconstruction = "reconstruction"
    development = "development"


#: French spellings of a few choices, read as the English value (see README, "French").
PHASE_ALIASES: dict[str, Phase] = {
    "urgence": Phase.emergency,
    "développement": Phase.development,
    "developpement": Phase.development,
}


def _choices(enum: type[StrEnum], aliases: Mapping[str, StrEnum], description: str) -> Any:
    """The JSON Schema of an optional choice that also takes its French spellings."""
    values = [e.value for e in enum] + [a for a in aliases if a not in {e.value for e in enum}]
    return WithJsonSchema({"anyOf": [{"enum": values, "type": "string"}, {"type": "null"}], "description": description})


def _alias(value: object, aliases: Mapping[str, StrEnum]) -> object:
    return aliases[value] if isinstance(value, str) and value in aliases else value


class Chapter(StrEnum):
    """Chapter of the UN Charter a mission's mandate is adopted under."""

    VI = "VI"
    VII = "VII"
    none = "none"


class MandateLevel(StrEnum):
    """How a UN mandate covers a field: explicit tasks, implicit tasks, or none."""

    explicit = "explicit"
    implicit = "implicit"
    none = "none"


MANDATE_ALIASES: dict[str, MandateLevel] = {
    "explicite": MandateLevel.explicit,
    "implicite": MandateLevel.implicit,
    "aucun": MandateLevel.none,
    "aucune": MandateLevel.none,
}


class MissionType(StrEnum):
    peacekeeping = "peacekeeping"
    political = "political"


class SSRComponent(StrEnum):
    """Components of security sector reform a programme may touch."""

    defence = "defence"
    police = "police"
    justice = "justice"
    corrections = "corrections"
    border_management = "border_management"
    intelligence = "intelligence"
    parliamentary_oversight = "parliamentary_oversight"
    civil_society_oversight = "civil_society_oversight"
    security_policy = "security_policy"
    ddr = "ddr"
    community_policing = "community_policing"


class MineActionActivity(StrEnum):
    """The five pillars of mine action and the broadened activities."""

    risk_education = "risk_education"
    survey_clearance = "survey_clearance"
    victim_assistance = "victim_assistance"
    stockpile_destruction = "stockpile_destruction"
    advocacy = "advocacy"
    pssm = "pssm"
    salw_control = "salw_control"
    eod_ied = "eod_ied"
    ddr_support = "ddr_support"
    community_safety = "community_safety"


class Side(StrEnum):
    ssr = "ssr"
    mine_action = "mine_action"
    both = "both"


class ActorRole(StrEnum):
    national_authority = "national_authority"
    national_centre = "national_centre"
    ministry = "ministry"
    parliament = "parliament"
    armed_forces = "armed_forces"
    police = "police"
    other_security_provider = "other_security_provider"
    un = "un"
    international_operator = "international_operator"
    national_operator = "national_operator"
    ngo = "ngo"
    civil_society = "civil_society"
    donor = "donor"
    regional_organisation = "regional_organisation"
    community = "community"


class Period(_Strict):
    start: int | dt.date | None = Field(None, description=N_("Year or date the programme started."))
    end: int | dt.date | None = Field(None, description=N_("Year or date it ended or will end."))

    @field_validator("start", "end", mode="before")
    @classmethod
    def _year_or_date(cls, value: object) -> object:
        if value is None or isinstance(value, dt.date) or (isinstance(value, int) and not isinstance(value, bool)):
            return value
        raise ValueError(f"expected a year (e.g. 2013) or a date (YYYY-MM-DD), not {value!r}")


class Programme(_Strict):
    """Who runs what, where, and who assessed it."""

    title: str = Field(min_length=1, description=N_("Name of the programme."))
    country: str = Field(min_length=1, description=N_("Country or territory."))
    organisations: list[str] = Field(default_factory=list, description=N_("Organisations running or funding it."))
    period: Period | None = None
    assessment_date: dt.date | None = Field(None, description=N_("Date of this assessment."))
    assessor: str | None = Field(None, description=N_("Who filled in this profile."))
    summary: str | None = Field(None, description=N_("A few sentences on the programme."))


class UNMission(_Strict):
    """The UN mission operating in the country, and what its mandate says."""

    name: str = Field(min_length=1, description=N_("Acronym, e.g. UNMIL."))
    full_name: str | None = None
    type: MissionType | None = None
    charter_chapter: Chapter | None = Field(None, description=N_("UN Charter chapter of the mandate: VI, VII or none."))
    ssr_mandate: Annotated[
        MandateLevel | None,
        _choices(MandateLevel, MANDATE_ALIASES, "explicit, implicit or none (French: explicite, implicite, aucun)."),
    ] = Field(None, description=N_("SSR tasks in the mandate."))
    mine_action_mandate: Annotated[
        MandateLevel | None,
        _choices(MandateLevel, MANDATE_ALIASES, "explicit, implicit or none (French: explicite, implicite, aucun)."),
    ] = Field(None, description=N_("Mine action tasks in the mandate."))
    mandate_text: str | None = Field(None, description=N_("What the mandate says, quoted or summarised."))
    as_of: dt.date | None = Field(None, description=N_("Date the mandate description holds for."))
    links_mine_action_to_ssr: Fact = fact(
        N_("Does the mandate ask for mine action, PSSM or weapons work to be built into SSR or DDR programmes?")
    )
    integrated_structure: Fact = fact(
        N_(
            "Do the mission's mine action (e.g. UNMAS), SSR, DDR and human rights units report to one pillar "
            "or division that coordinates them?"
        )
    )

    @field_validator("ssr_mandate", "mine_action_mandate", mode="before")
    @classmethod
    def _french_mandate(cls, value: object) -> object:
        return _alias(value, MANDATE_ALIASES)


class Context(_Strict):
    phase: Annotated[
        Phase | None,
        _choices(
            Phase,
            PHASE_ALIASES,
            "emergency, stabilisation, reconstruction or development "
            "(French: urgence, stabilisation, reconstruction, développement).",
        ),
    ] = Field(None, description=N_("emergency, stabilisation, reconstruction or development."))
    un_mission: UNMission | None = None
    peace_agreement: Fact = fact(N_("Is there a peace agreement that frames security reforms?"))
    mine_action_before_ssr: Fact = fact(
        N_("Was mine action on the ground well before any SSR process began (a time lapse)?")
    )

    @field_validator("phase", mode="before")
    @classmethod
    def _french_phase(cls, value: object) -> object:
        return _alias(value, PHASE_ALIASES)


class Activities(_Strict):
    """What is under way. A list names the active ones; leave a list out if not known."""

    ssr: list[SSRComponent] | None = Field(None, description=N_("Active SSR components."))
    mine_action: list[MineActionActivity] | None = Field(
        None, description=N_("Active mine action pillars and broadened activities.")
    )


class Actor(_Strict):
    name: str = Field(min_length=1)
    side: Side = Field(description="ssr, mine_action or both.")
    role: ActorRole
    national: bool | None = Field(None, description="True for a national (domestic) actor.")


class NationalOwnership(_Strict):
    """National ownership and capacity development (paper pp. 21, 39)."""

    state_responsibility: Fact = fact(
        N_("Does the state accept its primary responsibility for mine action (APMBC/CCM obligations, IMAS)?")
    )
    treaty_party: Fact = fact(N_("Is the state party to the APMBC and, where relevant, the CCM?"))
    people_centred_ownership: Fact = fact(
        N_("Do communities and civil society, not only the government, have a say in the programme?")
    )
    domestic_design_and_management: Fact = fact(
        N_("Is the programme designed, managed and implemented by domestic actors?")
    )
    national_operators: Fact = fact(
        N_("Do national operators, the army or the police carry out operations, not only international operators?")
    )
    transition_plan: Fact = fact(N_("Is there a progressive, well-timed transition or handover plan?"))
    capacity_development_from_outset: Fact = fact(
        N_("Did capacity development start at the outset rather than only as an exit strategy?")
    )
    donors_cede_control: Fact = fact(N_("Are donors and international actors willing to cede control?"))
    support_suited_to_context: Fact = fact(N_("Is external support suited to the local context and capacities?"))
    residual_capacity_in_security_sector: Fact = fact(
        N_("Is a residual capacity (police or army EOD) in place for contamination found after clearance?")
    )
    high_level_commitment: Fact = fact(N_("Is there high-level national commitment (national champions)?"))
    national_funding: Fact = fact(N_("Does the national budget fund part of the programme?"))
    security_forces_trained: Fact = fact(
        N_(
            "Are national army or police personnel trained in mine action skills such as EOD,"
            " stockpile destruction or stockpile management?"
        )
    )
    handover_planned_with_ssr: Fact = fact(
        N_(
            "Is the handover of EOD, clearance or stockpile tasks to national forces planned together with"
            " the reform of those forces and the drawdown of international capacities?"
        )
    )


class Governance(_Strict):
    """Good governance: transparency, accountability, effectiveness, participation (pp. 23, 42)."""

    civilian_oversight: Fact = fact(
        N_("Are mine action bodies and the security institutions involved under civilian control and the rule of law?")
    )
    national_authority: Fact = fact(
        N_("Is there an interministerial national mine action authority setting policy and regulation?")
    )
    national_centre: Fact = fact(N_("Is there a national mine action centre as the executive body?"))
    legal_basis: Fact = fact(N_("Does national legislation give mine action a legal basis?"))
    reports_to_parliament: Fact = fact(N_("Does the mine action authority report to parliament?"))
    national_strategy: Fact = fact(N_("Is there a national mine action strategy?"))
    national_standards: Fact = fact(N_("Are there national mine action standards (based on IMAS)?"))
    participatory_prioritisation: Fact = fact(
        N_("Are tasks prioritised transparently, with the people affected taking part?")
    )
    do_no_harm: Fact = fact(
        N_("Does prioritisation weigh land rights and political, social and development factors (do no harm)?")
    )
    transparency_reports: Fact = fact(N_("Are APMBC/CCM Article 7 transparency reports submitted?"))
    information_management: Fact = fact(N_("Is there an information management system (e.g. IMSMA)?"))
    victim_data_in_ims: Fact = fact(N_("Does the information system hold data on victims?"))
    ims_civilian_access: Fact = fact(N_("Can civilian organisations reach and use the information?"))
    anti_corruption: Fact = fact(
        N_("Are there anti-corruption measures and oversight of internationally funded capacities?")
    )
    single_accountable_body: Fact = fact(N_("Is one body clearly accountable for mine action?"))
    interministerial_coordination: Fact = fact(N_("Do the ministries involved coordinate effectively?"))
    international_coordination: Fact = fact(N_("Are international actors coordinated with the national bodies?"))
    civilian_request_channels: Fact = fact(
        N_("Can civilians request survey, clearance or EOD through civilian channels, not only military ones?")
    )


class PeopleCentred(_Strict):
    """People-centred approach and human rights (pp. 26, 45)."""

    human_rights_due_diligence: Fact = fact(
        N_("Are patterns of abuse by the security forces supported assessed before and during support?")
    )
    hrddp_applied: Fact = fact(
        N_("Is the UN Human Rights Due Diligence Policy applied when supporting non-UN security forces?")
    )
    vetting: Fact = fact(N_("Are security personnel vetted before they join or are trained?"))
    human_rights_training: Fact = fact(N_("Do security personnel receive human rights training?"))
    victims_rights: Fact = fact(N_("Are victims' rights upheld and abuses investigated?"))
    victim_assistance_in_disability_rights: Fact = fact(
        N_("Is victim assistance part of national disability rights work (CRPD)?")
    )
    victim_assistance_in_health_and_employment: Fact = fact(
        N_("Is victim assistance integrated into health, rehabilitation and employment services?")
    )
    victim_assistance_measurable_objectives: Fact = fact(
        N_("Does victim assistance have time-bound, measurable objectives (Maputo Action Plan)?")
    )
    reconciliation_and_justice_links: Fact = fact(
        N_("Are risk education, victim assistance and advocacy linked to reconciliation and justice?")
    )
    civil_society_oversight: Fact = fact(
        N_("Does civil society take part in overseeing the security sector, including mine action?")
    )
    most_at_risk_protected: Fact = fact(N_("Does the programme target those most at risk?"))
    community_consultation: Fact = fact(N_("Are communities consulted on priorities and activities?"))
    community_dialogue_with_security_providers: Fact = fact(
        N_("Is there regular dialogue between communities and security providers?")
    )
    ex_combatants_in_demining: Fact = fact(N_("Are former combatants reintegrated through demining work?"))
    ex_combatant_vetting: Fact = fact(N_("Are former combatants vetted before they are employed?"))
    no_reward_for_combatants: Fact = fact(
        N_("Is reintegration designed so it does not reward combatants over civilians?")
    )
    neutrality_safeguards: Fact = fact(
        N_("Are there safeguards for the humanitarian neutrality of mine action operators?")
    )
    staff_security_assessed: Fact = fact(N_("Are risks to the staff's security assessed and managed?"))
    perceived_partisanship: Fact = fact(
        N_(
            "Have communities or parties to the conflict seen the mine action operator as taking sides "
            "(e.g. staff called spies or threatened)?"
        )
    )
    support_conditioned_on_human_rights: Fact = fact(
        N_(
            "Is support to security forces (armouries, equipment, training, return of collected weapons) "
            "tied to their human rights commitments?"
        )
    )
    trust_in_security_providers_measured: Fact = fact(
        N_("Is community trust in the police and other security providers measured over time (e.g. by survey)?")
    )
    trust_in_security_providers_improved: Fact = fact(
        N_("Has community trust in the police and other security providers improved where the programme works?")
    )


class GenderDiversity(_Strict):
    """Gender and diversity (pp. 30, 47)."""

    disaggregated_data: Fact = fact(N_("Is data collected disaggregated by sex and age (women, girls, boys, men)?"))
    data_used_for_prioritisation: Fact = fact(N_("Is disaggregated data used to prioritise tasks?"))
    data_used_for_risk_education: Fact = fact(N_("Is disaggregated data used to target risk education?"))
    mixed_gender_teams: Fact = fact(N_("Are survey and community liaison teams mixed-gender?"))
    non_discriminatory_recruitment: Fact = fact(
        N_("Are recruitment and training open to women and minorities without discrimination?")
    )
    women_in_planning: Fact = fact(N_("Do women take part in planning and consultation?"))
    minorities_in_consultation: Fact = fact(N_("Are minority and marginalised groups consulted?"))
    gender_sensitive_clearance: Fact = fact(N_("Are survey and clearance planned with gender in mind?"))
    gender_sensitive_risk_education: Fact = fact(N_("Is risk education adapted to women, girls, boys and men?"))
    gender_sensitive_victim_assistance: Fact = fact(N_("Does victim assistance reach women and men equally?"))
    gender_in_security_institutions: Fact = fact(
        N_("Does the SSR process address gender in the security institutions involved in mine action?")
    )
    joint_gender_work: Fact = fact(N_("Do SSR and mine action actors work together on gender and diversity?"))
    disaggregated_data_shared: Fact = fact(
        N_("Is sex- and age-disaggregated data shared between mine action and SSR actors (e.g. police, ministries)?")
    )
    inclusive_community_committees: Fact = fact(
        N_("Do community safety or liaison committees include women, youth and elders alongside security providers?")
    )


class Linkage(_Strict):
    """Operational links between SSR and mine action (pp. 32-39, 48-60)."""

    joint_work_with_security_forces: Fact = fact(
        N_(
            "Do mine action teams work directly with the army, police or other security forces "
            "(joint tasks, training, PSSM, destruction)?"
        )
    )
    coordination_mechanism: Fact = fact(
        N_("Is there a forum where SSR and mine action actors plan or coordinate together?")
    )
    joint_analysis: Fact = fact(N_("Do SSR actors share political and institutional analysis with mine action actors?"))
    pssm_under_ssr_guidance: Fact = fact(N_("Is PSSM carried out under SSR guidance or with SSR actors?"))
    pssm_in_ssr_strategy: Fact = fact(N_("Does the national SSR strategy cover PSSM and stockpile work?"))
    pssm_in_defence_policy: Fact = fact(N_("Does national defence policy cover PSSM?"))
    pssm_working_group: Fact = fact(N_("Is there a national PSSM working group or commission?"))
    salw_control_linked_to_ssr: Fact = fact(N_("Is SALW control linked to the SSR process?"))
    ddr_linked_to_mine_action: Fact = fact(N_("Are DDR and mine action planned together?"))
    risk_education_linked_to_ssr: Fact = fact(
        N_("Are security providers (e.g. police) involved in risk education or community safety?")
    )
    victim_assistance_linked_to_ssr: Fact = fact(
        N_("Is victim assistance linked to SSR (e.g. justice, veterans, rights of persons with disabilities)?")
    )
    clearance_linked_to_security_providers: Fact = fact(
        N_("Do security providers take part in survey, clearance or EOD under civilian oversight?")
    )
    advocacy_linked_to_ssr: Fact = fact(N_("Is mine action advocacy linked to SSR and security governance?"))
    mine_action_institutions_in_ssr: Fact = fact(
        N_("Are mine action institutions part of security sector governance reform?")
    )
    human_rights_link: Fact = fact(N_("Do SSR and mine action share human rights work?"))
    parliament_engaged: Fact = fact(N_("Has mine action reached parliament or oversight bodies through SSR actors?"))
    technical_focus_broadened: Fact = fact(
        N_("Does mine action look beyond technical tasks to governance and institutions?")
    )
    # TEXTS (issue 13 §3, LNK-16): the SSR side of the technical-focus challenge.
    ssr_sees_mine_action_as_relevant: Fact = fact(
        N_("Do SSR actors see the mine action work as relevant to SSR, rather than as a technical matter outside it?")
    )
    # TEXTS (issue 13 §3, GOV-13): SSR actors' advice, apart from the SSR process's
    # coverage of the institutions (linkage.mine_action_institutions_in_ssr, LNK-12).
    ssr_advice_to_mine_action_institutions: Fact = fact(
        N_("Do SSR actors advise the mine action institutions on their mandate, law or oversight?")
    )
    early_ssr_engagement: Fact = fact(
        N_("Did SSR actors engage with mine action institutions early, despite any time lapse?")
    )


class Profile(_Strict):
    """One programme, described for assessment against the checklists."""

    programme: Programme
    context: Context = Field(default_factory=Context)
    activities: Activities = Field(default_factory=Activities)
    actors: list[Actor] = Field(default_factory=list)
    national_ownership: NationalOwnership = Field(default_factory=NationalOwnership)
    governance: Governance = Field(default_factory=Governance)
    people_centred: PeopleCentred = Field(default_factory=PeopleCentred)
    gender_diversity: GenderDiversity = Field(default_factory=GenderDiversity)
    linkage: Linkage = Field(default_factory=Linkage)
    notes: str | None = None


#: Profile sections that hold facts, in report order, with their approach.
FACT_SECTIONS: dict[str, str] = {
    "national_ownership": "national_ownership",
    "governance": "good_governance",
    "people_centred": "people_centred",
    "gender_diversity": "gender_diversity",
    "linkage": "operational_linkage",
}

__all__ = ["Fact", "Profile"]
