"""The indicators a new instance starts with, in four languages (reference data, not examples).

They follow the ministers' request for statistics on cybercrime and on cooperation (Working Group IX,
2016, §19): cases per offence category of the Budapest Convention at each stage of the criminal
process, requests for mutual assistance, through the 24/7 network and for preservation, and training.
The Secretariat rewords, adds or retires them in the admin afterwards; `indicators_load` only adds
indicators whose code is not there yet, so it never overwrites the Secretariat's edits.
"""

from __future__ import annotations

# code suffix: (en, es, pt, fr) names of the offence categories, Budapest Convention Arts. 2-11.
OFFENCES = {
    "art2": (
        "illegal access (Art. 2)",
        "acceso ilícito (art. 2)",
        "acesso ilegal (art. 2)",
        "accès illégal (art. 2)",
    ),
    "art3": (
        "illegal interception (Art. 3)",
        "interceptación ilícita (art. 3)",
        "interceptação ilegal (art. 3)",
        "interception illégale (art. 3)",
    ),
    "art4": (
        "data interference (Art. 4)",
        "ataques a la integridad de los datos (art. 4)",
        "interferência em dados (art. 4)",
        "atteinte à l'intégrité des données (art. 4)",
    ),
    "art5": (
        "system interference (Art. 5)",
        "ataques a la integridad del sistema (art. 5)",
        "interferência em sistemas (art. 5)",
        "atteinte à l'intégrité du système (art. 5)",
    ),
    "art6": (
        "misuse of devices (Art. 6)",
        "abuso de los dispositivos (art. 6)",
        "uso abusivo de dispositivos (art. 6)",
        "abus de dispositifs (art. 6)",
    ),
    "art7": (
        "computer-related forgery (Art. 7)",
        "falsificación informática (art. 7)",
        "falsificação informática (art. 7)",
        "falsification informatique (art. 7)",
    ),
    "art8": (
        "computer-related fraud (Art. 8)",
        "fraude informático (art. 8)",
        "fraude informática (art. 8)",
        "fraude informatique (art. 8)",
    ),
    "art9": (
        "child sexual abuse material (Art. 9)",
        "material de abuso sexual infantil (art. 9)",
        "material de abuso sexual de crianças (art. 9)",
        "matériel d'abus sexuels sur enfants (art. 9)",
    ),
    "art10": (
        "copyright and related rights (Art. 10)",
        "propiedad intelectual y derechos afines (art. 10)",
        "direitos autorais e direitos conexos (art. 10)",
        "propriété intellectuelle et droits connexes (art. 10)",
    ),
    "art11": (
        "attempt and aiding or abetting (Art. 11)",
        "tentativa y complicidad (art. 11)",
        "tentativa e cumplicidade (art. 11)",
        "tentative et complicité (art. 11)",
    ),
}
ALL_OFFENCES = ("all offences", "todos los delitos", "todas as infrações", "toutes les infractions")

# stage: names "Cases <stage>: <offence>" and the definition's verb phrase, in en, es, pt, fr.
STAGES = {
    "recorded": (
        ("Cases recorded", "Casos registrados", "Casos registrados", "Affaires enregistrées"),
        (
            "Cases recorded by the police or prosecution services during the year",
            "Casos registrados por la policía o el ministerio público durante el año",
            "Casos registrados pela polícia ou pelo ministério público durante o ano",
            "Affaires enregistrées par la police ou le ministère public au cours de l'année",
        ),
    ),
    "investigated": (
        (
            "Cases investigated",
            "Casos investigados",
            "Casos investigados",
            "Affaires ayant fait l'objet d'une enquête",
        ),
        (
            "Cases in which an investigation was opened during the year",
            "Casos en los que se abrió una investigación durante el año",
            "Casos em que foi aberta uma investigação durante o ano",
            "Affaires dans lesquelles une enquête a été ouverte au cours de l'année",
        ),
    ),
    "prosecuted": (
        ("Cases prosecuted", "Casos judicializados", "Casos com acusação", "Affaires poursuivies"),
        (
            "Cases brought before a court (indictment or equivalent) during the year",
            "Casos llevados ante un tribunal (acusación o equivalente) durante el año",
            "Casos levados a tribunal (acusação ou equivalente) durante o ano",
            "Affaires portées devant une juridiction (mise en accusation ou équivalent) au cours de l'année",
        ),
    ),
    "convicted": (
        (
            "Cases with a conviction",
            "Casos con condena",
            "Casos com condenação",
            "Affaires ayant abouti à une condamnation",
        ),
        (
            "Cases in which a court convicted at least one person during the year",
            "Casos en los que un tribunal condenó al menos a una persona durante el año",
            "Casos em que um tribunal condenou pelo menos uma pessoa durante o ano",
            "Affaires dans lesquelles une juridiction a condamné au moins une personne au cours de l'année",
        ),
    ),
}
STAGE_ORDER = ["recorded", "investigated", "prosecuted", "convicted"]
OFFENCE_DEFINITION = (
    "for {offence}, counted once per case under its most serious offence.",
    "por {offence}, contados una vez por caso según su delito más grave.",
    "por {offence}, contados uma vez por caso segundo a infração mais grave.",
    "pour {offence}, comptées une fois par affaire selon l'infraction la plus grave.",
)
TOTAL_DEFINITION = (
    "for all offences: the sum of the offence categories (Budapest Convention Arts. 2–11).",
    "por todos los delitos: la suma de las categorías de delitos (Convenio de Budapest, arts. 2 a 11).",
    "por todas as infrações: a soma das categorias de infrações (Convenção de Budapeste, arts. 2 a 11).",
    "pour toutes les infractions : la somme des catégories d'infractions (Convention de Budapest, art. 2 à 11).",
)

# (code, category, measure, unit, part of, at most, names en/es/pt/fr, definitions en/es/pt/fr)
COOPERATION = [
    (
        "mla-sent",
        "mutual_assistance",
        "sent",
        "requests",
        "",
        "",
        (
            "Mutual assistance requests sent",
            "Solicitudes de asistencia mutua enviadas",
            "Pedidos de assistência jurídica mútua enviados",
            "Demandes d'entraide judiciaire envoyées",
        ),
        (
            "Formal requests for mutual legal assistance in cybercrime or electronic-evidence matters that the central authority sent abroad during the year.",
            "Solicitudes formales de asistencia jurídica mutua sobre ciberdelito o prueba electrónica que la autoridad central envió al exterior durante el año.",
            "Pedidos formais de assistência jurídica mútua em matéria de cibercrime ou prova eletrônica que a autoridade central enviou ao exterior durante o ano.",
            "Demandes formelles d'entraide judiciaire en matière de cybercriminalité ou de preuve électronique envoyées à l'étranger par l'autorité centrale au cours de l'année.",
        ),
    ),
    (
        "mla-received",
        "mutual_assistance",
        "received",
        "requests",
        "",
        "",
        (
            "Mutual assistance requests received",
            "Solicitudes de asistencia mutua recibidas",
            "Pedidos de assistência jurídica mútua recebidos",
            "Demandes d'entraide judiciaire reçues",
        ),
        (
            "Formal requests for mutual legal assistance in cybercrime or electronic-evidence matters that the central authority received during the year.",
            "Solicitudes formales de asistencia jurídica mutua sobre ciberdelito o prueba electrónica que la autoridad central recibió durante el año.",
            "Pedidos formais de assistência jurídica mútua em matéria de cibercrime ou prova eletrônica que a autoridade central recebeu durante o ano.",
            "Demandes formelles d'entraide judiciaire en matière de cybercriminalité ou de preuve électronique reçues par l'autorité centrale au cours de l'année.",
        ),
    ),
    (
        "mla-executed",
        "mutual_assistance",
        "executed",
        "requests",
        "",
        "mla-received",
        (
            "Mutual assistance requests executed",
            "Solicitudes de asistencia mutua ejecutadas",
            "Pedidos de assistência jurídica mútua executados",
            "Demandes d'entraide judiciaire exécutées",
        ),
        (
            "Requests received (this year or before) that were executed in full or in part during the year; cannot exceed the requests received unless earlier requests are counted, which the note explains.",
            "Solicitudes recibidas (este año o antes) ejecutadas total o parcialmente durante el año; no pueden superar las recibidas.",
            "Pedidos recebidos (este ano ou antes) executados total ou parcialmente durante o ano; não podem exceder os recebidos.",
            "Demandes reçues (cette année ou avant) exécutées en tout ou en partie au cours de l'année ; elles ne peuvent dépasser les demandes reçues.",
        ),
    ),
    (
        "247-sent",
        "network_247",
        "sent",
        "requests",
        "",
        "",
        (
            "24/7 requests sent",
            "Solicitudes 24/7 enviadas",
            "Pedidos 24/7 enviados",
            "Demandes 24/7 envoyées",
        ),
        (
            "Requests for assistance the national 24/7 point of contact (Budapest Convention Art. 35) sent to other points of contact during the year.",
            "Solicitudes de asistencia que el punto de contacto 24/7 nacional (art. 35 del Convenio de Budapest) envió a otros puntos de contacto durante el año.",
            "Pedidos de assistência que o ponto de contato 24/7 nacional (art. 35 da Convenção de Budapeste) enviou a outros pontos de contato durante o ano.",
            "Demandes d'assistance envoyées par le point de contact 24/7 national (art. 35 de la Convention de Budapest) à d'autres points de contact au cours de l'année.",
        ),
    ),
    (
        "247-received",
        "network_247",
        "received",
        "requests",
        "",
        "",
        (
            "24/7 requests received",
            "Solicitudes 24/7 recibidas",
            "Pedidos 24/7 recebidos",
            "Demandes 24/7 reçues",
        ),
        (
            "Requests for assistance the national 24/7 point of contact received from other points of contact during the year.",
            "Solicitudes de asistencia que el punto de contacto 24/7 nacional recibió de otros puntos de contacto durante el año.",
            "Pedidos de assistência que o ponto de contato 24/7 nacional recebeu de outros pontos de contato durante o ano.",
            "Demandes d'assistance reçues par le point de contact 24/7 national d'autres points de contact au cours de l'année.",
        ),
    ),
    (
        "247-executed",
        "network_247",
        "executed",
        "requests",
        "",
        "247-received",
        (
            "24/7 requests executed",
            "Solicitudes 24/7 atendidas",
            "Pedidos 24/7 atendidos",
            "Demandes 24/7 exécutées",
        ),
        (
            "Requests received through the 24/7 network that were answered or acted on during the year.",
            "Solicitudes recibidas por la red 24/7 que fueron respondidas o atendidas durante el año.",
            "Pedidos recebidos pela rede 24/7 que foram respondidos ou atendidos durante o ano.",
            "Demandes reçues par le réseau 24/7 auxquelles il a été répondu ou donné suite au cours de l'année.",
        ),
    ),
    (
        "preservation-sent",
        "preservation",
        "sent",
        "requests",
        "",
        "",
        (
            "Preservation requests sent",
            "Solicitudes de conservación enviadas",
            "Pedidos de preservação enviados",
            "Demandes de conservation envoyées",
        ),
        (
            "Requests for the expedited preservation of stored computer data (Budapest Convention Art. 29) sent to another state or to a foreign service provider during the year.",
            "Solicitudes de conservación rápida de datos informáticos almacenados (art. 29 del Convenio de Budapest) enviadas a otro Estado o a un proveedor extranjero durante el año.",
            "Pedidos de preservação expedita de dados informáticos armazenados (art. 29 da Convenção de Budapeste) enviados a outro Estado ou a um fornecedor estrangeiro durante o ano.",
            "Demandes de conservation rapide de données informatiques stockées (art. 29 de la Convention de Budapest) envoyées à un autre État ou à un fournisseur étranger au cours de l'année.",
        ),
    ),
    (
        "preservation-received",
        "preservation",
        "received",
        "requests",
        "",
        "",
        (
            "Preservation requests received",
            "Solicitudes de conservación recibidas",
            "Pedidos de preservação recebidos",
            "Demandes de conservation reçues",
        ),
        (
            "Requests for the expedited preservation of stored computer data received from other states during the year.",
            "Solicitudes de conservación rápida de datos informáticos almacenados recibidas de otros Estados durante el año.",
            "Pedidos de preservação expedita de dados informáticos armazenados recebidos de outros Estados durante o ano.",
            "Demandes de conservation rapide de données informatiques stockées reçues d'autres États au cours de l'année.",
        ),
    ),
]
TRAINING = [
    ("training-total", "", ("People trained", "Personas capacitadas", "Pessoas capacitadas", "Personnes formées"),
     ("Officials who completed a training activity on cybercrime or electronic evidence during the year: the sum of the groups below.",
      "Funcionarios que completaron una actividad de capacitación sobre ciberdelito o prueba electrónica durante el año: la suma de los grupos siguientes.",
      "Servidores que concluíram uma atividade de capacitação sobre cibercrime ou prova eletrônica durante o ano: a soma dos grupos abaixo.",
      "Agents ayant suivi une formation sur la cybercriminalité ou la preuve électronique au cours de l'année : la somme des groupes ci-dessous.")),
    ("training-prosecutors", "training-total",
     ("Prosecutors trained", "Fiscales capacitados", "Membros do Ministério Público capacitados", "Procureurs formés"),
     ("Prosecutors who completed a training activity on cybercrime or electronic evidence during the year.",
      "Fiscales que completaron una actividad de capacitación sobre ciberdelito o prueba electrónica durante el año.",
      "Membros do Ministério Público que concluíram uma atividade de capacitação sobre cibercrime ou prova eletrônica durante o ano.",
      "Procureurs ayant suivi une formation sur la cybercriminalité ou la preuve électronique au cours de l'année.")),
    ("training-judges", "training-total",
     ("Judges trained", "Jueces capacitados", "Juízes capacitados", "Juges formés"),
     ("Judges who completed a training activity on cybercrime or electronic evidence during the year.",
      "Jueces que completaron una actividad de capacitación sobre ciberdelito o prueba electrónica durante el año.",
      "Juízes que concluíram uma atividade de capacitação sobre cibercrime ou prova eletrônica durante o ano.",
      "Juges ayant suivi une formation sur la cybercriminalité ou la preuve électronique au cours de l'année.")),
    ("training-police", "training-total",
     ("Police officers trained", "Policías capacitados", "Policiais capacitados", "Policiers formés"),
     ("Police and other investigators who completed a training activity on cybercrime or electronic evidence during the year.",
      "Policías y otros investigadores que completaron una actividad de capacitación sobre ciberdelito o prueba electrónica durante el año.",
      "Policiais e outros investigadores que concluíram uma atividade de capacitação sobre cibercrime ou prova eletrônica durante o ano.",
      "Policiers et autres enquêteurs ayant suivi une formation sur la cybercriminalité ou la preuve électronique au cours de l'année.")),
]  # fmt: skip


def _names(stage: str, offence: tuple[str, ...]) -> dict[str, str]:
    labels = STAGES[stage][0]
    colon = {"fr": " : "}  # French typography: a space before the colon
    return {
        f"name_{lang}": f"{labels[i]}{colon.get(lang, ': ')}{offence[i]}"
        for i, lang in enumerate(("en", "es", "pt", "fr"))
    }


def _definitions(stage: str, tail: tuple[str, ...], offence: tuple[str, ...]) -> dict[str, str]:
    phrases = STAGES[stage][1]
    return {
        f"definition_{lang}": f"{phrases[i]} {tail[i].format(offence=offence[i])}"
        for i, lang in enumerate(("en", "es", "pt", "fr"))
    }


def indicator_rows() -> list[dict]:
    """The seed indicators as plain dicts; `part_of` and `at_most` name other codes."""
    rows: list[dict] = []
    order = 0
    for stage in STAGE_ORDER:
        previous = STAGE_ORDER[STAGE_ORDER.index(stage) - 1] if stage in ("prosecuted", "convicted") else ""
        order += 10
        total = f"cases-{stage}-all"
        rows.append(
            {
                "code": total, "category": "offences", "offence": "all", "measure": stage, "unit": "cases",
                "part_of": "", "at_most": f"cases-{previous}-all" if previous else "", "sort_order": order,
                **_names(stage, ALL_OFFENCES), **_definitions(stage, TOTAL_DEFINITION, ALL_OFFENCES),
            }
        )  # fmt: skip
        for key, names in OFFENCES.items():
            order += 1
            rows.append(
                {
                    "code": f"cases-{stage}-{key}", "category": "offences", "offence": key, "measure": stage,
                    "unit": "cases", "part_of": total, "at_most": f"cases-{previous}-{key}" if previous else "",
                    "sort_order": order, **_names(stage, names), **_definitions(stage, OFFENCE_DEFINITION, names),
                }
            )  # fmt: skip
    for code, category, measure, unit, part_of, at_most, names, definitions in COOPERATION:
        order += 10
        rows.append(
            {
                "code": code, "category": category, "offence": "", "measure": measure, "unit": unit,
                "part_of": part_of, "at_most": at_most, "sort_order": order,
                **{f"name_{lang}": names[i] for i, lang in enumerate(("en", "es", "pt", "fr"))},
                **{f"definition_{lang}": definitions[i] for i, lang in enumerate(("en", "es", "pt", "fr"))},
            }
        )  # fmt: skip
    for code, part_of, names, definitions in TRAINING:
        order += 10
        rows.append(
            {
                "code": code, "category": "training", "offence": "", "measure": "trained", "unit": "persons",
                "part_of": part_of, "at_most": "", "sort_order": order,
                **{f"name_{lang}": names[i] for i, lang in enumerate(("en", "es", "pt", "fr"))},
                **{f"definition_{lang}": definitions[i] for i, lang in enumerate(("en", "es", "pt", "fr"))},
            }
        )  # fmt: skip
    return rows
