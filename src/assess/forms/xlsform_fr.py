"""The form's own words in English and French: labels of the questions that are
not checklist facts, the fact questions in French, and the choice labels.

The English fact questions are the profile model's field descriptions; the
French ones are kept here, keyed by profile path. A fact without a French
question falls back to English (a test lists the missing ones). French text
uses a no-break space before ``? : ; !`` and inside « guillemets » (French typography); the
source writes a plain space and :func:`_typo` swaps it.
"""

from __future__ import annotations

import re

_NBSP = "\u00a0"


def _typo(text: str) -> str:
    """French spacing: a no-break space before ? : ; ! (in place of a plain space)."""
    text = re.sub(r" ([?:;!»])", _NBSP + r"\1", text)
    return text.replace("« ", "«" + _NBSP)


def _pairs(table: dict[str, tuple[str, str]]) -> dict[str, tuple[str, str]]:
    return {k: (en, _typo(fr)) for k, (en, fr) in table.items()}


#: (English, French) texts of the form's fixed questions, groups and hints.
UI: dict[str, tuple[str, str]] = _pairs(
    {
        "form_title": (
            "Programme assessment: SSR and mine action",
            "Évaluation de programme : RSS et action contre les mines",
        ),
        "programme": ("Programme", "Programme"),
        "title": ("Name of the programme", "Nom du programme"),
        "country": ("Country or territory", "Pays ou territoire"),
        "organisations": ("Organisations running or funding it", "Organisations qui le mènent ou le financent"),
        "organisations_hint": ("One per line.", "Une par ligne."),
        "assessment_date": ("Date of this assessment", "Date de cette évaluation"),
        "assessor": ("Who filled in this form", "Personne qui remplit ce formulaire"),
        "summary": ("The programme in a few sentences", "Le programme en quelques phrases"),
        "context": ("Context", "Contexte"),
        "phase": (
            "Where does the country stand in the post-conflict continuum?",
            "Où en est le pays dans le continuum post-conflit ?",
        ),
        "un_mission_present": (
            "Does a UN mission operate in the country?",
            "Une mission des Nations Unies est-elle présente dans le pays ?",
        ),
        "un_mission": ("UN mission", "Mission des Nations Unies"),
        "un_mission_name": ("Acronym of the mission (e.g. UNMIL)", "Sigle de la mission (p. ex. MINUL)"),
        "mission_type": ("Type of mission", "Type de mission"),
        "charter_chapter": (
            "Chapter of the UN Charter the mandate is adopted under",
            "Chapitre de la Charte des Nations Unies sous lequel le mandat est adopté",
        ),
        "ssr_mandate": ("SSR tasks in the mandate", "Tâches de RSS dans le mandat"),
        "mine_action_mandate": ("Mine action tasks in the mandate", "Tâches d'action contre les mines dans le mandat"),
        "activities": ("Activities under way", "Activités en cours"),
        "activities_ssr": (
            "Which SSR components does the programme touch?",
            "Quelles composantes de la RSS le programme touche-t-il ?",
        ),
        "activities_mine_action": (
            "Which mine action pillars and broadened activities are under way?",
            "Quels piliers de l'action contre les mines et quelles activités élargies sont en cours ?",
        ),
        "activities_hint": (
            "Tick every one that applies; 'None of these' alone if none does. Leave it blank if you do not know.",
            "Cochez toutes celles qui s'appliquent ; « Aucune » seule si aucune ne s'applique. "
            "Laissez vide si vous ne savez pas.",
        ),
        "none_alone": (
            "'None of these' cannot be ticked with another answer.",
            "« Aucune » ne peut pas être cochée avec une autre réponse.",
        ),
        "evidence": ("Evidence for this answer", "Éléments à l'appui de cette réponse"),
        "evidence_hint": (
            "What shows the answer, and its source (document, page, date).",
            "Ce qui fonde la réponse, et sa source (document, page, date).",
        ),
        "read_by": ("Checklist items:", "Points de la liste de contrôle :"),
    }
)

#: French titles of the approaches (the English ones are in the checklist model).
APPROACH_TITLES_FR: dict[str, str] = {
    "national_ownership": "Appropriation nationale et renforcement des capacités",
    "good_governance": "Bonne gouvernance",
    "people_centred": "Approche centrée sur les personnes et droits humains",
    "gender_diversity": "Genre et diversité",
    "operational_linkage": "Liens opérationnels",
}

#: (English, French) labels of every choice, by list name and choice name.
CHOICE_LABELS: dict[str, dict[str, tuple[str, str]]] = {
    "answer": {
        "yes": ("Yes", "Oui"),
        "no": ("No", "Non"),
        "partial": ("Partly", "En partie"),
        "unknown": ("Unknown", "Inconnu"),
    },
    "yes_no": {"yes": ("Yes", "Oui"), "no": ("No", "Non")},
    "phase": {
        "emergency": ("Emergency", "Urgence"),
        "stabilisation": ("Stabilisation", "Stabilisation"),
        "reconstruction": ("Reconstruction", "Reconstruction"),
        "development": ("Development", "Développement"),
    },
    "mission_type": {
        "peacekeeping": ("Peacekeeping operation", "Opération de maintien de la paix"),
        "political": ("Political mission", "Mission politique"),
    },
    "chapter": {
        "VI": ("Chapter VI", "Chapitre VI"),
        "VII": ("Chapter VII", "Chapitre VII"),
        "none": ("Neither", "Aucun"),
    },
    "mandate": {
        "explicit": ("Explicit tasks", "Tâches explicites"),
        "implicit": ("Implicit tasks", "Tâches implicites"),
        "none": ("None", "Aucune"),
    },
    "ssr_component": {
        "defence": ("Defence", "Défense"),
        "police": ("Police", "Police"),
        "justice": ("Justice", "Justice"),
        "corrections": ("Corrections (prisons)", "Administration pénitentiaire"),
        "border_management": ("Border management", "Gestion des frontières"),
        "intelligence": ("Intelligence", "Renseignement"),
        "parliamentary_oversight": ("Parliamentary oversight", "Contrôle parlementaire"),
        "civil_society_oversight": ("Civil society oversight", "Contrôle par la société civile"),
        "security_policy": ("National security policy", "Politique nationale de sécurité"),
        "ddr": (
            "Disarmament, demobilisation and reintegration (DDR)",
            "Désarmement, démobilisation et réintégration (DDR)",
        ),
        "community_policing": ("Community policing", "Police de proximité"),
        "none": ("None of these", "Aucune"),
    },
    "mine_action_activity": {
        "risk_education": ("Risk education", "Éducation aux risques"),
        "survey_clearance": ("Survey and clearance", "Enquête et dépollution"),
        "victim_assistance": ("Victim assistance", "Assistance aux victimes"),
        "stockpile_destruction": ("Stockpile destruction", "Destruction des stocks"),
        "advocacy": ("Advocacy", "Plaidoyer"),
        "pssm": (
            "Physical security and stockpile management (PSSM)",
            "Sécurité physique et gestion des stocks (PSSM)",
        ),
        "salw_control": (
            "Small arms and light weapons (SALW) control",
            "Contrôle des armes légères et de petit calibre (ALPC)",
        ),
        "eod_ied": ("EOD and IED disposal", "Neutralisation des explosifs et des engins explosifs improvisés"),
        "ddr_support": ("Support to DDR", "Appui au DDR"),
        "community_safety": ("Community safety", "Sécurité communautaire"),
        "none": ("None of these", "Aucune"),
    },
}
CHOICE_LABELS = {k: {n: (en, _typo(fr)) for n, (en, fr) in v.items()} for k, v in CHOICE_LABELS.items()}

#: French questions of the facts, by profile path.
FACT_QUESTIONS_FR: dict[str, str] = {
    "context.peace_agreement": "Un accord de paix encadre-t-il les réformes de la sécurité ?",
    "context.mine_action_before_ssr": (
        "L'action contre les mines était-elle sur le terrain bien avant le début de tout processus de RSS "
        "(un décalage dans le temps) ?"
    ),
    "context.un_mission.links_mine_action_to_ssr": (
        "Le mandat demande-t-il d'intégrer l'action contre les mines, la PSSM ou le travail sur les armes "
        "aux programmes de RSS ou de DDR ?"
    ),
    "context.un_mission.integrated_structure": (
        "Les unités de la mission chargées de l'action contre les mines (p. ex. UNMAS), de la RSS, du DDR et "
        "des droits humains relèvent-elles d'un même pilier ou d'une même division qui les coordonne ?"
    ),
    "national_ownership.state_responsibility": (
        "L'État assume-t-il sa responsabilité première en matière d'action contre les mines "
        "(obligations de la Convention d'Ottawa et de la CASM, normes IMAS) ?"
    ),
    "national_ownership.treaty_party": (
        "L'État est-il partie à la Convention d'Ottawa et, le cas échéant, à la Convention sur les armes "
        "à sous-munitions ?"
    ),
    "national_ownership.people_centred_ownership": (
        "Les communautés et la société civile, et pas seulement le gouvernement, ont-elles leur mot à dire "
        "sur le programme ?"
    ),
    "national_ownership.domestic_design_and_management": (
        "Le programme est-il conçu, géré et mis en œuvre par des acteurs nationaux ?"
    ),
    "national_ownership.national_operators": (
        "Des opérateurs nationaux, l'armée ou la police mènent-ils des opérations, et pas seulement "
        "des opérateurs internationaux ?"
    ),
    "national_ownership.transition_plan": "Existe-t-il un plan de transition ou de passation progressif et bien calé dans le temps ?",
    "national_ownership.capacity_development_from_outset": (
        "Le renforcement des capacités a-t-il commencé dès le départ, et non seulement comme stratégie de sortie ?"
    ),
    "national_ownership.donors_cede_control": "Les bailleurs et les acteurs internationaux sont-ils prêts à céder le contrôle ?",
    "national_ownership.support_suited_to_context": "L'appui extérieur est-il adapté au contexte et aux capacités locales ?",
    "national_ownership.residual_capacity_in_security_sector": (
        "Une capacité résiduelle (neutralisation des explosifs par la police ou l'armée) est-elle en place "
        "pour la contamination découverte après la dépollution ?"
    ),
    "national_ownership.high_level_commitment": "Existe-t-il un engagement national au plus haut niveau (des « champions » nationaux) ?",
    "national_ownership.national_funding": "Le budget national finance-t-il une partie du programme ?",
    "national_ownership.security_forces_trained": (
        "Des militaires ou des policiers nationaux sont-ils formés à des compétences de l'action contre les mines, "
        "comme la neutralisation des explosifs, la destruction ou la gestion des stocks ?"
    ),
    "national_ownership.handover_planned_with_ssr": (
        "La passation des tâches de neutralisation, de dépollution ou de gestion des stocks aux forces nationales "
        "est-elle planifiée avec la réforme de ces forces et le retrait des capacités internationales ?"
    ),
    "governance.civilian_oversight": (
        "Les organismes d'action contre les mines et les institutions de sécurité concernées sont-ils soumis "
        "au contrôle civil et à l'État de droit ?"
    ),
    "governance.national_authority": (
        "Existe-t-il une autorité nationale interministérielle de l'action contre les mines qui fixe la politique "
        "et la réglementation ?"
    ),
    "governance.national_centre": "Existe-t-il un centre national d'action contre les mines comme organe exécutif ?",
    "governance.legal_basis": "La législation nationale donne-t-elle une base juridique à l'action contre les mines ?",
    "governance.reports_to_parliament": "L'autorité de l'action contre les mines rend-elle compte au parlement ?",
    "governance.national_strategy": "Existe-t-il une stratégie nationale d'action contre les mines ?",
    "governance.national_standards": "Existe-t-il des normes nationales d'action contre les mines (fondées sur les IMAS) ?",
    "governance.participatory_prioritisation": (
        "Les tâches sont-elles hiérarchisées de façon transparente, avec la participation des personnes concernées ?"
    ),
    "governance.do_no_harm": (
        "La hiérarchisation tient-elle compte des droits fonciers et des facteurs politiques, sociaux et de "
        "développement (ne pas nuire) ?"
    ),
    "governance.transparency_reports": (
        "Les rapports de transparence au titre de l'article 7 de la Convention d'Ottawa et de la CASM sont-ils remis ?"
    ),
    "governance.information_management": "Existe-t-il un système de gestion de l'information (p. ex. IMSMA) ?",
    "governance.victim_data_in_ims": "Le système d'information contient-il des données sur les victimes ?",
    "governance.ims_civilian_access": "Les organisations civiles peuvent-elles accéder à l'information et l'utiliser ?",
    "governance.anti_corruption": (
        "Existe-t-il des mesures de lutte contre la corruption et un contrôle des capacités financées "
        "par l'international ?"
    ),
    "governance.single_accountable_body": "Un seul organisme est-il clairement responsable de l'action contre les mines ?",
    "governance.interministerial_coordination": "Les ministères concernés se coordonnent-ils efficacement ?",
    "governance.international_coordination": "Les acteurs internationaux sont-ils coordonnés avec les organismes nationaux ?",
    "governance.civilian_request_channels": (
        "Les civils peuvent-ils demander une enquête, une dépollution ou une neutralisation par des canaux civils, "
        "et pas seulement militaires ?"
    ),
    "people_centred.human_rights_due_diligence": (
        "Les schémas d'abus des forces de sécurité appuyées sont-ils évalués avant et pendant l'appui ?"
    ),
    "people_centred.hrddp_applied": (
        "La politique de diligence voulue en matière de droits de l'homme des Nations Unies est-elle appliquée "
        "lors de l'appui à des forces de sécurité non onusiennes ?"
    ),
    "people_centred.vetting": "Le personnel de sécurité est-il soumis à une vérification avant d'être recruté ou formé ?",
    "people_centred.human_rights_training": "Le personnel de sécurité reçoit-il une formation aux droits humains ?",
    "people_centred.victims_rights": "Les droits des victimes sont-ils respectés et les abus font-ils l'objet d'enquêtes ?",
    "people_centred.victim_assistance_in_disability_rights": (
        "L'assistance aux victimes fait-elle partie du travail national sur les droits des personnes handicapées (CDPH) ?"
    ),
    "people_centred.victim_assistance_in_health_and_employment": (
        "L'assistance aux victimes est-elle intégrée aux services de santé, de réadaptation et d'emploi ?"
    ),
    "people_centred.victim_assistance_measurable_objectives": (
        "L'assistance aux victimes a-t-elle des objectifs mesurables et assortis d'échéances (Plan d'action de Maputo) ?"
    ),
    "people_centred.reconciliation_and_justice_links": (
        "L'éducation aux risques, l'assistance aux victimes et le plaidoyer sont-ils liés à la réconciliation "
        "et à la justice ?"
    ),
    "people_centred.civil_society_oversight": (
        "La société civile participe-t-elle au contrôle du secteur de la sécurité, y compris de l'action contre les mines ?"
    ),
    "people_centred.most_at_risk_protected": "Le programme cible-t-il les personnes les plus exposées ?",
    "people_centred.community_consultation": "Les communautés sont-elles consultées sur les priorités et les activités ?",
    "people_centred.community_dialogue_with_security_providers": (
        "Existe-t-il un dialogue régulier entre les communautés et les prestataires de sécurité ?"
    ),
    "people_centred.ex_combatants_in_demining": "D'anciens combattants sont-ils réintégrés par le travail de déminage ?",
    "people_centred.ex_combatant_vetting": "Les anciens combattants font-ils l'objet d'une vérification avant d'être employés ?",
    "people_centred.no_reward_for_combatants": (
        "La réintégration est-elle conçue pour ne pas favoriser les combattants par rapport aux civils ?"
    ),
    "people_centred.neutrality_safeguards": (
        "Existe-t-il des garanties pour la neutralité humanitaire des opérateurs d'action contre les mines ?"
    ),
    "people_centred.staff_security_assessed": "Les risques pour la sécurité du personnel sont-ils évalués et gérés ?",
    "people_centred.perceived_partisanship": (
        "Des communautés ou des parties au conflit ont-elles perçu l'opérateur d'action contre les mines comme partial "
        "(p. ex. personnel traité d'espion ou menacé) ?"
    ),
    "people_centred.support_conditioned_on_human_rights": (
        "L'appui aux forces de sécurité (armureries, équipement, formation, restitution des armes collectées) "
        "est-il lié à leurs engagements en matière de droits humains ?"
    ),
    "people_centred.trust_in_security_providers_measured": (
        "La confiance des communautés envers la police et les autres prestataires de sécurité est-elle mesurée "
        "dans le temps (p. ex. par enquête) ?"
    ),
    "people_centred.trust_in_security_providers_improved": (
        "La confiance des communautés envers la police et les autres prestataires de sécurité s'est-elle améliorée "
        "là où le programme intervient ?"
    ),
    "gender_diversity.disaggregated_data": (
        "Les données sont-elles ventilées par sexe et par âge (femmes, filles, garçons, hommes) ?"
    ),
    "gender_diversity.data_used_for_prioritisation": "Les données ventilées servent-elles à hiérarchiser les tâches ?",
    "gender_diversity.data_used_for_risk_education": "Les données ventilées servent-elles à cibler l'éducation aux risques ?",
    "gender_diversity.mixed_gender_teams": "Les équipes d'enquête et de liaison communautaire sont-elles mixtes ?",
    "gender_diversity.non_discriminatory_recruitment": (
        "Le recrutement et la formation sont-ils ouverts aux femmes et aux minorités sans discrimination ?"
    ),
    "gender_diversity.women_in_planning": "Les femmes participent-elles à la planification et à la consultation ?",
    "gender_diversity.minorities_in_consultation": "Les groupes minoritaires et marginalisés sont-ils consultés ?",
    "gender_diversity.gender_sensitive_clearance": "L'enquête et la dépollution sont-elles planifiées en tenant compte du genre ?",
    "gender_diversity.gender_sensitive_risk_education": (
        "L'éducation aux risques est-elle adaptée aux femmes, aux filles, aux garçons et aux hommes ?"
    ),
    "gender_diversity.gender_sensitive_victim_assistance": (
        "L'assistance aux victimes atteint-elle également les femmes et les hommes ?"
    ),
    "gender_diversity.gender_in_security_institutions": (
        "Le processus de RSS traite-t-il du genre dans les institutions de sécurité engagées dans l'action contre les mines ?"
    ),
    "gender_diversity.joint_gender_work": (
        "Les acteurs de la RSS et de l'action contre les mines travaillent-ils ensemble sur le genre et la diversité ?"
    ),
    "gender_diversity.disaggregated_data_shared": (
        "Les données ventilées par sexe et par âge sont-elles partagées entre les acteurs de l'action contre les mines "
        "et ceux de la RSS (p. ex. police, ministères) ?"
    ),
    "gender_diversity.inclusive_community_committees": (
        "Les comités de sécurité ou de liaison communautaire comptent-ils des femmes, des jeunes et des aînés "
        "aux côtés des prestataires de sécurité ?"
    ),
    "linkage.joint_work_with_security_forces": (
        "Les équipes d'action contre les mines travaillent-elles directement avec l'armée, la police ou d'autres forces "
        "de sécurité (tâches communes, formation, PSSM, destruction) ?"
    ),
    "linkage.coordination_mechanism": (
        "Existe-t-il un forum où les acteurs de la RSS et de l'action contre les mines planifient ou se coordonnent ensemble ?"
    ),
    "linkage.joint_analysis": (
        "Les acteurs de la RSS partagent-ils leur analyse politique et institutionnelle avec ceux de l'action contre les mines ?"
    ),
    "linkage.pssm_under_ssr_guidance": "La PSSM est-elle menée selon les orientations de la RSS ou avec ses acteurs ?",
    "linkage.pssm_in_ssr_strategy": "La stratégie nationale de RSS couvre-t-elle la PSSM et le travail sur les stocks ?",
    "linkage.pssm_in_defence_policy": "La politique nationale de défense couvre-t-elle la PSSM ?",
    "linkage.pssm_working_group": "Existe-t-il un groupe de travail ou une commission nationale sur la PSSM ?",
    "linkage.salw_control_linked_to_ssr": "Le contrôle des ALPC est-il lié au processus de RSS ?",
    "linkage.ddr_linked_to_mine_action": "Le DDR et l'action contre les mines sont-ils planifiés ensemble ?",
    "linkage.risk_education_linked_to_ssr": (
        "Des prestataires de sécurité (p. ex. la police) participent-ils à l'éducation aux risques ou à la sécurité communautaire ?"
    ),
    "linkage.victim_assistance_linked_to_ssr": (
        "L'assistance aux victimes est-elle liée à la RSS (p. ex. justice, anciens combattants, droits des personnes handicapées) ?"
    ),
    "linkage.clearance_linked_to_security_providers": (
        "Des prestataires de sécurité participent-ils à l'enquête, à la dépollution ou à la neutralisation sous contrôle civil ?"
    ),
    "linkage.advocacy_linked_to_ssr": (
        "Le plaidoyer de l'action contre les mines est-il lié à la RSS et à la gouvernance de la sécurité ?"
    ),
    "linkage.mine_action_institutions_in_ssr": (
        "Les institutions de l'action contre les mines font-elles partie de la réforme de la gouvernance du secteur de la sécurité ?"
    ),
    "linkage.human_rights_link": "La RSS et l'action contre les mines partagent-elles un travail sur les droits humains ?",
    "linkage.parliament_engaged": (
        "L'action contre les mines a-t-elle atteint le parlement ou les organes de contrôle par l'intermédiaire des acteurs de la RSS ?"
    ),
    "linkage.technical_focus_broadened": (
        "L'action contre les mines regarde-t-elle au-delà des tâches techniques, vers la gouvernance et les institutions ?"
    ),
    "linkage.early_ssr_engagement": (
        "Les acteurs de la RSS se sont-ils engagés tôt auprès des institutions de l'action contre les mines, "
        "malgré un éventuel décalage dans le temps ?"
    ),
}
FACT_QUESTIONS_FR = {k: _typo(v) for k, v in FACT_QUESTIONS_FR.items()}
