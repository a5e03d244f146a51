"""The programme profile: one programme described in the paper's vocabulary.

A profile has an identity (``programme``), a context (phase, UN mission and
mandate, arms embargo), the activities under way on each side (SSR components,
mine action pillars and broadened activities), the actors, the mine action
authorities with their jurisdiction, the state's standing under each treaty with
its clearance deadlines, the contamination by type, and one section of facts per
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
from collections.abc import Callable, Mapping
from enum import StrEnum
from typing import Annotated, Any, TypeVar

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from assess.core.facts import ANSWER_ALIASES, Answer, Fact, fact
from assess.core.fields import resolve_field
from assess.core.texts import N_


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


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


def _alias(value: object, aliases: Mapping[str, object]) -> object:
    return aliases[value] if isinstance(value, str) and value in aliases else value


#: French spellings of a yes-or-no field (an actor's ``national``, an
#: authority's ``civilian``), read as true or false, as the facts' answers are.
FLAG_ALIASES: dict[str, bool] = {"oui": True, "non": False}
#: Such a field's type: true, false, their French spellings (its JSON Schema
#: lists them, for editors), or nothing.
Flag = Annotated[
    bool | None,
    BeforeValidator(lambda value: _alias(value, FLAG_ALIASES)),
    WithJsonSchema({"anyOf": [{"type": "boolean"}, {"enum": list(FLAG_ALIASES), "type": "string"}, {"type": "null"}]}),
]


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
    #: IED disposal against an active, deliberate threat, by or for security forces
    #: (apart from ``eod_ied``, routine EOD and IED clearance in a permissive setting).
    high_threat_iedd = "high_threat_iedd"


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
    non_state_armed_group = "non_state_armed_group"
    #: An armed force tied to the state without being under its regular command (e.g. a militia
    #: the state funds or tolerates).
    hybrid_armed_actor = "hybrid_armed_actor"
    commercial_operator = "commercial_operator"
    justice = "justice"
    transitional_justice = "transitional_justice"


class Jurisdiction(StrEnum):
    """Where a mine action authority's writ runs."""

    #: The whole country.
    national = "national"
    #: A federated entity or an autonomous region with its own government (e.g. the Kurdistan Region of Iraq).
    sub_national = "sub_national"
    #: A regional office or centre covering part of the country for a national body.
    regional = "regional"


class AuthorityKind(StrEnum):
    """What a mine action body does in the IMAS architecture."""

    authority = "authority"  # policy and regulation
    centre = "centre"  # coordination and execution
    both = "both"


class TreatyStatus(StrEnum):
    """A state's standing under one treaty."""

    party = "party"
    signatory = "signatory"
    not_party = "not_party"
    withdrawn = "withdrawn"


TREATY_ALIASES: dict[str, TreatyStatus] = {
    "partie": TreatyStatus.party,
    "signataire": TreatyStatus.signatory,
    "non_partie": TreatyStatus.not_party,
    "retiré": TreatyStatus.withdrawn,
    "retire": TreatyStatus.withdrawn,
}


class Extent(StrEnum):
    """How much of one kind of contamination there is (the Monitor's bands for mined area)."""

    none = "none"
    #: Present, extent not known.
    present = "present"
    light = "light"  # under 5 km²
    medium = "medium"  # 5 to 20 km²
    heavy = "heavy"  # 20 to 100 km²
    massive = "massive"  # over 100 km²


EXTENT_ALIASES: dict[str, Extent] = {
    "aucune": Extent.none,
    "présente": Extent.present,
    "presente": Extent.present,
    "faible": Extent.light,
    "moyenne": Extent.medium,
    "forte": Extent.heavy,
    "massive": Extent.massive,
}


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
    arms_embargo: Fact = fact(
        N_(
            "Is a UN, regional or EU arms embargo in force on the country's security forces"
            " (partial: it covers only some armed actors or allows exemptions on notification)?"
        )
    )
    # MODEL (issue 13 §1): with the embargo, the fact that makes support to the forces'
    # stockpiles a caution first (the paper's CAR case, p. 47).
    abuses_by_security_forces: Fact = fact(
        N_(
            "Do UN or human rights reports find that the security forces this work supports have committed"
            " grave human rights violations (partial: some units only, or reports not yet confirmed)?"
        )
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


class Authority(_Strict):
    """A national or sub-national mine action authority or centre, and where its writ runs."""

    name: str = Field(min_length=1, description=N_("Name of the mine action authority or centre."))
    jurisdiction: Jurisdiction = Field(description=N_("national, sub_national or regional."))
    area: str | None = Field(None, description=N_("The territory it covers, e.g. the Kurdistan Region."))
    kind: AuthorityKind | None = Field(
        None, description=N_("authority (policy, regulation), centre (coordination, execution) or both.")
    )
    reports_to: str | None = Field(None, description=N_("The ministry or office it reports to."))
    civilian: Flag = Field(
        None,
        description=N_("True for a civilian body, false for one run by the armed forces or another security provider."),
    )


def _year_or_date(value: object) -> object:
    if value is None or isinstance(value, dt.date) or (isinstance(value, int) and not isinstance(value, bool)):
        return value
    raise ValueError(f"expected a year (e.g. 2013) or a date (YYYY-MM-DD), not {value!r}")


_STATUS_DESCRIPTION = "party, signatory, not_party or withdrawn (French: partie, signataire, non_partie, retiré)."


def _status() -> Any:
    return _choices(TreatyStatus, TREATY_ALIASES, _STATUS_DESCRIPTION)


class Treaties(_Strict):
    """The state's standing under each instrument, and its clearance deadlines. Where the
    profile leaves out treaty_party (under national_ownership), it is worked out from the
    APMBC and the CCM here."""

    apmbc: Annotated[TreatyStatus | None, _status()] = Field(
        None, description=N_("Anti-Personnel Mine Ban Convention (Ottawa): the state's standing.")
    )
    ccm: Annotated[TreatyStatus | None, _status()] = Field(
        None, description=N_("Convention on Cluster Munitions: the state's standing.")
    )
    ccw_amended_protocol_ii: Annotated[TreatyStatus | None, _status()] = Field(
        None, description=N_("CCW Amended Protocol II (mines, booby-traps and other devices): the state's standing.")
    )
    ccw_protocol_v: Annotated[TreatyStatus | None, _status()] = Field(
        None, description=N_("CCW Protocol V (explosive remnants of war): the state's standing.")
    )
    att: Annotated[TreatyStatus | None, _status()] = Field(
        None, description=N_("Arms Trade Treaty: the state's standing.")
    )
    apmbc_article5_deadline: int | dt.date | None = Field(
        None, description=N_("APMBC Article 5: the current deadline (year or date) to clear mined areas.")
    )
    apmbc_article5_extensions: int | None = Field(
        None, ge=0, description=N_("APMBC Article 5: how many deadline extensions the state has been granted.")
    )
    apmbc_article5_completed: int | dt.date | None = Field(
        None, description=N_("APMBC Article 5: when the state declared its clearance obligation fulfilled.")
    )
    ccm_article4_deadline: int | dt.date | None = Field(
        None, description=N_("CCM Article 4: the current deadline (year or date) to clear cluster munition remnants.")
    )
    ccm_article4_extensions: int | None = Field(
        None, ge=0, description=N_("CCM Article 4: how many deadline extensions the state has been granted.")
    )
    ccm_article4_completed: int | dt.date | None = Field(
        None, description=N_("CCM Article 4: when the state declared its clearance obligation fulfilled.")
    )
    source: str | None = Field(None, description=N_("Where the treaty facts come from."))
    as_of: dt.date | None = Field(None, description=N_("Date the treaty facts hold for."))

    @field_validator("apmbc", "ccm", "ccw_amended_protocol_ii", "ccw_protocol_v", "att", mode="before")
    @classmethod
    def _french_status(cls, value: object) -> object:
        return _alias(value, TREATY_ALIASES)

    @field_validator(
        "apmbc_article5_deadline",
        "apmbc_article5_completed",
        "ccm_article4_deadline",
        "ccm_article4_completed",
        mode="before",
    )
    @classmethod
    def _year_or_date(cls, value: object) -> object:
        return _year_or_date(value)

    @field_validator(
        "apmbc_article5_deadline",
        "apmbc_article5_extensions",
        "apmbc_article5_completed",
        "ccm_article4_deadline",
        "ccm_article4_extensions",
        "ccm_article4_completed",
    )
    @classmethod
    def _binds_a_party(cls, value: object, info: ValidationInfo) -> object:
        if value is None:
            return value
        treaty = "apmbc" if str(info.field_name).startswith("apmbc") else "ccm"
        status = info.data.get(treaty)
        if status is not None and status is not TreatyStatus.party:
            article = "Article 5" if treaty == "apmbc" else "Article 4"
            raise ValueError(
                f"an {article} deadline binds only a state party, but treaties.{treaty} is '{status.value}'"
            )
        return value


_EXTENT_DESCRIPTION = (
    "none, present (extent not known), light, medium, heavy or massive "
    "(French: aucune, présente, faible, moyenne, forte, massive)."
)


def _extent() -> Any:
    return _choices(Extent, EXTENT_ALIASES, _EXTENT_DESCRIPTION)


class Contamination(_Strict):
    """What contaminates the country, by type, and how much (light: under 5 km²; medium: 5-20;
    heavy: 20-100; massive: over 100, the bands the Landmine and Cluster Munition Monitor uses)."""

    mines: Annotated[Extent | None, _extent()] = Field(None, description=N_("Anti-personnel and anti-vehicle mines."))
    cluster_munition_remnants: Annotated[Extent | None, _extent()] = Field(
        None, description=N_("Cluster munition remnants (unexploded submunitions).")
    )
    other_erw: Annotated[Extent | None, _extent()] = Field(
        None, description=N_("Other explosive remnants of war (unexploded and abandoned ordnance).")
    )
    improvised_mines: Annotated[Extent | None, _extent()] = Field(
        None, description=N_("Improvised mines and other improvised explosive devices (IEDs).")
    )
    source: str | None = Field(None, description=N_("Where the contamination figures come from."))
    as_of: dt.date | None = Field(None, description=N_("Date the contamination figures hold for."))

    @field_validator("mines", "cluster_munition_remnants", "other_erw", "improvised_mines", mode="before")
    @classmethod
    def _french_extent(cls, value: object) -> object:
        return _alias(value, EXTENT_ALIASES)


class Actor(_Strict):
    name: str = Field(min_length=1)
    side: Side = Field(description="ssr, mine_action or both.")
    role: ActorRole
    national: Flag = Field(None, description="True for a national (domestic) actor.")


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
    donor_dependent: Fact = fact(
        N_("Does the programme depend on international donors for most of its funding (partial: for about half)?")
    )
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
    # DATA (issue 13 §5, OWN-14): mine action's long-term development role.
    mine_action_in_development_plans: Fact = fact(
        N_(
            "Is mine action part of the national development plan or of sector plans"
            " (land, roads, agriculture, services), beyond the immediate humanitarian response?"
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
    authorities_coordinated: Fact = fact(
        N_(
            "Where several mine action authorities share the country, do they work to common standards,"
            " share information and agree who does what?"
        )
    )
    interministerial_coordination: Fact = fact(N_("Do the ministries involved coordinate effectively?"))
    international_coordination: Fact = fact(N_("Are international actors coordinated with the national bodies?"))
    civilian_request_channels: Fact = fact(
        N_("Can civilians request survey, clearance or EOD through civilian channels, not only military ones?")
    )
    # DATA (issue 13 §5, GOV-15): the plurality of actors, commercial companies included.
    operators_accredited: Fact = fact(
        N_(
            "Are all the organisations doing mine action work (NGOs, commercial companies, the army and"
            " the police) accredited, tasked and monitored by the national authority under national standards?"
        )
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
    # The older, combined question of LNK-09, split in operational-linkage 1.2.0 into
    # security_providers_in_clearance and security_provider_work_overseen (LNK-18, LNK-19),
    # which read it where the new facts are left out.
    clearance_linked_to_security_providers: Fact = fact(
        N_(
            "Older combined question (answer the two new ones instead): do security providers take part"
            " in survey, clearance or EOD under civilian oversight?"
        )
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
    # DATA (issue 13 §3-§5): the two halves of LNK-09, and the facts of the items added
    # in operational-linkage 1.2.0.
    security_providers_in_clearance: Fact = fact(
        N_(
            "Do the army, police or other security providers take part in survey, clearance or EOD"
            " (including high-threat IED disposal) alongside or within the programme?"
        )
    )
    security_provider_work_overseen: Fact = fact(
        N_(
            "Is the survey, clearance or EOD work of the army, police or other security providers tasked,"
            " checked and reported through civilian bodies under the law?"
        )
    )
    destruction_with_security_forces: Fact = fact(
        N_(
            "Are weapons and ammunition destroyed together with the army or police, who do the work"
            " themselves and keep the skills (not destroyed for them)?"
        )
    )
    shared_understanding_after_deployment: Fact = fact(
        N_(
            "Once mine action was deployed alongside a mission's SSR and DDR work, were awareness and a"
            " shared understanding of each other's work built among the three communities?"
        )
    )
    ssr_priorities_in_mine_action_planning: Fact = fact(
        N_(
            "Where the programme works with security actors (PSSM, DDR, EOD), does it take the priorities"
            " of the SSR process into account in planning that work?"
        )
    )
    confidence_building_between_parties: Fact = fact(
        N_(
            "Do former parties to the conflict share minefield information or clear together,"
            " so that mine action builds confidence between them?"
        )
    )


# --- EVIDENCE (issue 18): how each answer is known ---------------------------------


class SourceKind(StrEnum):
    """How an answer is known."""

    document = "document"
    interview = "interview"
    focus_group = "focus_group"
    survey = "survey"
    observation = "observation"


class Confidence(StrEnum):
    """How sure the assessor is of an answer."""

    high = "high"
    medium = "medium"
    low = "low"


class Source(_Strict):
    """How the answers of one fact, or of every fact of a section, are known."""

    kind: SourceKind | None = Field(
        None, description=N_("How the answer is known: document, interview, focus_group, survey or observation.")
    )
    date: dt.date | None = Field(None, description=N_("When the answer was learned."))
    confidence: Confidence | None = Field(None, description=N_("How sure the answer is: high, medium or low."))
    note: str | None = Field(None, description=N_("A note on the source, e.g. the document's title."))


# --- end EVIDENCE -------------------------------------------------------------------
# --- VOICES: who answered, every answer, and how the answers were merged (issue 18) ---


class RespondentSide(StrEnum):
    """Which side of the programme a respondent speaks from."""

    authority = "authority"
    operator = "operator"
    security_forces = "security_forces"
    donor = "donor"
    community = "community"
    ssr = "ssr"
    other = "other"


class RespondentSex(StrEnum):
    """A respondent's sex, where the form asks it (for answers broken down by sex)."""

    female = "female"
    male = "male"
    other = "other"
    not_given = "not_given"


class MergeRule(StrEnum):
    """How several respondents' answers to one fact became the profile's answer."""

    majority = "majority"
    cautious = "cautious"
    lead = "lead"


class Respondent(_Strict):
    """One person who answered the form about this programme (named by an id, never by name)."""

    id: str = Field(min_length=1, description=N_("A short id, unique within the profile (e.g. r1)."))
    role: str | None = Field(None, description=N_("The respondent's role (e.g. operations officer)."))
    organisation: str | None = Field(None, description=N_("The organisation the respondent works for."))
    side: RespondentSide | None = Field(None, description=N_("The side the respondent speaks from."))
    sex: RespondentSex | None = Field(None, description=N_("The respondent's sex, where the form asks it."))


def _answer_spelling(value: object) -> object:
    # As a fact's short form reads it: French spellings, and YAML's true/false as yes/no.
    if isinstance(value, bool):
        return "yes" if value else "no"
    if value is None:
        return "unknown"
    return ANSWER_ALIASES.get(value, value) if isinstance(value, str) else value


class Response(_Strict):
    """One respondent's answer to one fact."""

    respondent: str = Field(min_length=1, description=N_("The id of the respondent who gave this answer."))
    answer: Annotated[Answer, BeforeValidator(_answer_spelling)] = Field(
        description=N_("yes, partial, no or unknown (the respondent did not know).")
    )
    evidence: str | None = Field(None, description=N_("What the respondent gave as evidence."))


class Merge(_Strict):
    """How the answers of several respondents were merged into the profile's facts."""

    rule: MergeRule = Field(description=N_("majority, cautious or lead."))
    lead: str | None = Field(None, description=N_("The id of the lead respondent, for the lead rule."))


def voice_problems(profile: Profile) -> list[tuple[tuple[str | int, ...], str]]:
    """What is wrong in the ``respondents``, ``responses`` and ``merge`` sections
    that the models alone cannot see, each with the data path it is about:
    a repeated respondent id, a response path that is not a fact of the profile,
    a response naming an unknown respondent, two responses of one respondent to
    one fact, a lead rule without a known lead."""
    problems: list[tuple[tuple[str | int, ...], str]] = []
    known: set[str] = set()
    for i, r in enumerate(profile.respondents or ()):
        if r.id in known:
            problems.append((("respondents", i, "id"), f"respondents[{i}].id: '{r.id}' is given to two respondents"))
        known.add(r.id)
    for path, answers in (profile.responses or {}).items():
        try:
            kind = resolve_field(Profile, path).kind
        except KeyError as e:
            problems.append((("responses", path), f"responses: '{path}' is not a profile fact ({e.args[0]})"))
            continue
        if kind != "fact":
            problems.append(
                (("responses", path), f"responses: '{path}' is not a yes/partial/no fact; responses keep facts only")
            )
            continue
        seen: set[str] = set()
        for i, response in enumerate(answers):
            where = f"responses.{path}[{i}].respondent"
            if response.respondent not in known:
                names = ", ".join(sorted(known)) or "none is listed under 'respondents'"
                problems.append(
                    (
                        ("responses", path, i, "respondent"),
                        f"{where}: '{response.respondent}' is not a respondent of the profile (known: {names})",
                    )
                )
            elif response.respondent in seen:
                problems.append(
                    (("responses", path, i, "respondent"), f"{where}: '{response.respondent}' answers this fact twice")
                )
            seen.add(response.respondent)
    merge = profile.merge
    if merge is not None:
        if merge.rule is MergeRule.lead and merge.lead is None:
            problems.append((("merge", "rule"), "merge.rule: the lead rule needs merge.lead, the lead respondent's id"))
        if merge.lead is not None and merge.lead not in known:
            problems.append((("merge", "lead"), f"merge.lead: '{merge.lead}' is not a respondent of the profile"))
    return problems


# --- end VOICES ---


_Section = TypeVar("_Section", bound=BaseModel)


def _empty(section: type[_Section]) -> Callable[[], _Section]:
    """A ``default_factory`` giving every profile that leaves ``section`` out
    the same empty one, made on first use, rather than a new one each (a
    portfolio's profiles leave out several sections; each new one was
    validated again). Only for sections with no list or mapping: they are
    frozen, so nothing can change the one they share."""
    made: list[_Section] = []

    def factory() -> _Section:
        if not made:
            made.append(section())
        return made[0]

    return factory


class Profile(_Strict):
    """One programme, described for assessment against the checklists."""

    programme: Programme
    context: Context = Field(default_factory=_empty(Context))
    activities: Activities = Field(default_factory=Activities)
    actors: list[Actor] = Field(default_factory=list)
    authorities: list[Authority] | None = Field(
        None,
        description=N_("The national, sub-national and regional mine action authorities and centres."),
    )
    treaties: Treaties = Field(default_factory=_empty(Treaties))
    contamination: Contamination = Field(default_factory=_empty(Contamination))
    national_ownership: NationalOwnership = Field(default_factory=_empty(NationalOwnership))
    governance: Governance = Field(default_factory=_empty(Governance))
    people_centred: PeopleCentred = Field(default_factory=_empty(PeopleCentred))
    gender_diversity: GenderDiversity = Field(default_factory=_empty(GenderDiversity))
    linkage: Linkage = Field(default_factory=_empty(Linkage))
    notes: str | None = None
    # EVIDENCE (issue 18): keyed by a fact's dotted path or a section's path.
    sources: dict[str, Source] | None = Field(
        None,
        description=N_("How the answers are known, per fact or per section (the fact's or section's dotted path)."),
    )
    # VOICES (issue 18): who answered, every answer per fact, and how they were merged.
    respondents: list[Respondent] | None = Field(None, description=N_("Who answered the form about this programme."))
    responses: dict[str, list[Response]] | None = Field(
        None,
        description=N_("Every respondent's answer, by the fact's dotted path (e.g. governance.civilian_oversight)."),
    )
    merge: Merge | None = Field(None, description=N_("How the respondents' answers were merged into the facts."))
    _treaty_party_derived: bool = PrivateAttr(False)

    @model_validator(mode="after")
    def _derive_treaty_party(self) -> Profile:
        # The older fact stands as written; left out, it is worked out from the treaties.
        if self.national_ownership.treaty_party.known:
            return self
        answer = derived_treaty_party(self.treaties, self.contamination)
        if answer is not None:
            derived = Fact(answer=answer, source=self.treaties.source, date=self.treaties.as_of)
            section = self.national_ownership.model_copy(update={"treaty_party": derived})
            object.__setattr__(self, "national_ownership", section)
            self._treaty_party_derived = True
        return self

    @property
    def treaty_party_was_derived(self) -> bool:
        """True when ``national_ownership.treaty_party`` was worked out from ``treaties``."""
        return self._treaty_party_derived

    @model_validator(mode="after")
    def _derive_lnk09_halves(self) -> Profile:
        # DATA (issue 13 §3): LNK-09's one fact asked two questions. A profile written
        # before the split answers only the combined one; the two halves are worked out
        # from it where they are left out, so the items that replace LNK-09 read it.
        section = self.linkage
        derived = lnk09_halves(section.clearance_linked_to_security_providers)
        update = {name: fact for name, fact in derived.items() if fact is not None and not getattr(section, name).known}
        if update:
            object.__setattr__(self, "linkage", section.model_copy(update=update))
        return self


#: The facts that replace ``linkage.clearance_linked_to_security_providers``.
LNK09_HALVES = ("security_providers_in_clearance", "security_provider_work_overseen")


def lnk09_halves(combined: Fact) -> dict[str, Fact | None]:
    """The two halves of LNK-09's combined fact ("security providers take part in
    survey, clearance or EOD under civilian oversight"), as far as its answer settles
    them: yes settles both; no means they do not take part (oversight does not
    arise); partial ("they take part, but without oversight or only occasionally")
    means they take part at least in part, and leaves oversight open."""
    taking_part, overseen = None, None
    evidence = {"evidence": combined.evidence, "source": combined.source, "date": combined.date}
    if combined.answer is Answer.yes:
        taking_part = overseen = Fact(answer=Answer.yes, **evidence)
    elif combined.answer is Answer.no:
        taking_part = Fact(answer=Answer.no, **evidence)
    elif combined.answer is Answer.partial:
        taking_part = Fact(answer=Answer.partial, **evidence)
    return dict(zip(LNK09_HALVES, (taking_part, overseen), strict=True))


def derived_treaty_party(treaties: Treaties, contamination: Contamination) -> Answer | None:
    """The older ``treaty_party`` fact ("party to the APMBC and, where relevant, the CCM")
    from the per-instrument standing; None when the treaties do not settle it.

    yes: party to the APMBC, and to the CCM unless the CCM is not relevant (the
    contamination is known and holds no cluster munition remnants); partial:
    party to one of the two where both count; no: party to neither."""
    apmbc, ccm = treaties.apmbc, treaties.ccm
    party = TreatyStatus.party
    ccm_irrelevant = contamination.cluster_munition_remnants is Extent.none
    if apmbc is party and (ccm is party or ccm_irrelevant):
        return Answer.yes
    if apmbc is None and ccm is None:
        return None
    if apmbc is party or ccm is party:
        if apmbc is None or ccm is None:
            # One party, the other unknown: yes or partial, so say nothing.
            return None if apmbc is party else Answer.partial
        return Answer.partial
    if apmbc is not None and ccm is not None:
        return Answer.no
    return None


def treaty_party_conflict(treaty_party: Fact, treaties: Treaties) -> str | None:
    """Why a written ``treaty_party`` contradicts ``treaties``, or None."""
    answer = treaty_party.answer
    apmbc, ccm = treaties.apmbc, treaties.ccm
    party = TreatyStatus.party
    if answer is Answer.no and party in (apmbc, ccm):
        which = "apmbc" if apmbc is party else "ccm"
        return f"'no' means party to neither the APMBC nor the CCM, but treaties.{which} is 'party'"
    if answer in (Answer.yes, Answer.partial) and apmbc is not None and ccm is not None and party not in (apmbc, ccm):
        return f"'{answer.value}' needs the state to be party to the APMBC or the CCM, but treaties gives neither"
    if answer is Answer.yes and apmbc is not None and apmbc is not party:
        return (
            f"'yes' means party to the APMBC, but treaties.apmbc is '{apmbc.value}'; "
            "a state party to the CCM alone is 'partial'"
        )
    return None


#: Profile sections that hold facts, in report order, with their approach.
FACT_SECTIONS: dict[str, str] = {
    "national_ownership": "national_ownership",
    "governance": "good_governance",
    "people_centred": "people_centred",
    "gender_diversity": "gender_diversity",
    "linkage": "operational_linkage",
}

__all__ = ["Fact", "Profile"]
