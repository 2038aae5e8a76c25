"""The starting concept thesaurus: each concept's Budapest Convention articles and its labels in the
four languages (the first label of each language is the preferred one). The Secretariat edits it in the
admin afterwards; `services.thesaurus_load` only adds what is missing.
"""

# slug: (Budapest Convention articles, {language: [preferred label, synonyms...]})
# Synonyms after the first come from the headings and wording of published statutes (issue 13 item 6):
# Argentina (Código Penal as amended by Ley 26.388), Barbados (Cybercrime Bill 2024), Brazil (Lei 12.737),
# Chile (Ley 21.459), Colombia (Ley 1273), Ecuador (COIP), Guatemala (Código Penal 274 A-G), Jamaica
# (Cybercrimes Act), Venezuela (Ley Especial contra los Delitos Informáticos). A label matches words that
# start with it, in order ("unauthorized access" finds "unauthorized access to computer program").
CONCEPTS = {
    "definitions": (["1"], {
        "en": ["definitions", "interpretation"],
        "es": ["definiciones"],
        "pt": ["definições"],
        "fr": ["définitions"],
    }),
    "illegal-access": (["2"], {
        "en": ["illegal access", "unauthorised access", "unauthorized access", "hacking", "unauthorized use of computer",
               "access with intent to commit", "giving of access to computer"],
        "es": ["acceso ilícito", "acceso abusivo a un sistema informático", "acceso indebido", "acceso no autorizado",
               "acceso no consentido a un sistema", "dato informático de acceso restringido"],
        "pt": ["acesso ilegal", "invasão de dispositivo informático", "acesso não autorizado"],
        "fr": ["accès illégal", "accès frauduleux", "utilisation non autorisée d'ordinateur"],
    }),
    "illegal-interception": (["3"], {
        "en": ["illegal interception", "interception of data", "wiretapping", "unauthorized interception",
               "unauthorised interception"],
        "es": ["interceptación ilícita", "interceptación de datos informáticos", "interceptación ilegal"],
        "pt": ["interceptação ilegal", "interceptação de dados", "interceptação de comunicações"],
        "fr": ["interception illégale", "interception de données"],
    }),
    "data-interference": (["4"], {
        "en": ["data interference", "damage to computer data", "mischief in relation to computer data",
               "modification of computer program", "modification of programme", "interfering with programme or data",
               "unauthorized modification", "unauthorised modification"],
        "es": ["daño informático", "atentado a la integridad de datos informáticos", "alteración de datos",
               "ataque a la integridad de los datos informáticos", "destrucción de registros informáticos",
               "alteración de programas"],
        "pt": ["dano informático", "interferência em dados"],
        "fr": ["atteinte à l'intégrité des données", "altération de données"],
    }),
    "system-interference": (["5"], {
        "en": ["system interference", "denial of service", "sabotage", "interfering with computer system",
               "obstruction of operation of computer"],
        "es": ["sabotaje informático", "obstaculización ilegítima de sistema informático", "atentado a la integridad de sistemas informáticos",
               "ataque a la integridad de un sistema informático", "ataque a la integridad de sistemas informáticos",
               "sabotaje"],
        "pt": ["interferência em sistema", "interrupção de serviço telemático"],
        "fr": ["atteinte à l'intégrité du système", "entrave au fonctionnement"],
    }),
    "misuse-of-devices": (["6"], {
        "en": ["misuse of devices", "malicious software", "malware", "making available devices",
               "disclosure of access code"],
        "es": ["abuso de dispositivos", "uso de software malicioso", "abuso de mecanismos y dispositivos informáticos",
               "abuso de los dispositivos", "programas destructivos", "software malicioso"],
        "pt": ["uso indevido de dispositivos", "programa malicioso"],
        "fr": ["abus de dispositifs", "logiciel malveillant"],
    }),
    "forgery": (["7"], {
        "en": ["computer-related forgery", "forgery"],
        "es": ["falsificación informática", "suplantación", "manipulación de información"],
        "pt": ["falsificação informática", "falsificação de documento"],
        "fr": ["falsification informatique", "faux informatique"],
    }),
    "fraud": (["8"], {
        "en": ["computer-related fraud", "computer fraud", "fraud"],
        "es": ["fraude informático", "estafa informática", "hurto por medios informáticos",
               "transferencia electrónica de activo", "transferencia no consentida de activos"],
        "pt": ["fraude informática", "estelionato eletrônico", "furto mediante fraude eletrônica"],
        "fr": ["fraude informatique", "escroquerie informatique"],
    }),
    "child-sexual-abuse-material": (["9"], {
        "en": ["child sexual abuse material", "child pornography"],
        "es": ["material de abuso sexual infantil", "pornografía infantil", "pornografía con utilización de niñas"],
        "pt": ["material de abuso sexual infantil", "pornografia infantil"],
        "fr": ["matériel d'abus sexuel d'enfants", "pornographie juvénile", "pornographie enfantine"],
    }),
    "copyright": (["10"], {
        "en": ["copyright infringement", "copyright"],
        "es": ["derechos de autor", "propiedad intelectual", "reproducción de instrucciones o programas de computación"],
        "pt": ["direitos autorais", "violação de direito autoral"],
        "fr": ["droit d'auteur", "contrefaçon"],
    }),
    "attempt-and-aiding": (["11"], {
        "en": ["aiding or abetting", "attempt and aiding", "inciting"],
        "es": ["tentativa y complicidad", "complicidad"],
        "pt": ["tentativa e cumplicidade"],
        "fr": ["tentative et complicité", "complicité"],
    }),
    "corporate-liability": (["12"], {
        "en": ["corporate liability", "liability of legal persons", "offences by bodies corporate"],
        "es": ["responsabilidad de las personas jurídicas"],
        "pt": ["responsabilidade das pessoas jurídicas"],
        "fr": ["responsabilité des personnes morales"],
    }),
    "safeguards": (["15"], {
        "en": ["conditions and safeguards", "safeguards"],
        "es": ["condiciones y salvaguardas", "salvaguardias"],
        "pt": ["condições e salvaguardas"],
        "fr": ["conditions et sauvegardes"],
    }),
    # Article 17 (partial disclosure of traffic data) has its own concept: one preservation section is
    # not both articles.
    "preservation": (["16"], {
        "en": ["expedited preservation", "preservation order", "preservation demand", "preservation of data"],
        "es": ["conservación rápida", "preservación de datos"],
        "pt": ["preservação expedita", "preservação de dados"],
        "fr": ["conservation rapide", "ordre de préservation"],
    }),
    "partial-disclosure": (["17"], {
        "en": ["partial disclosure of traffic data"],
        "es": ["revelación parcial de datos de tráfico"],
        "pt": ["revelação parcial de dados de tráfego"],
        "fr": ["divulgation partielle des données relatives au trafic"],
    }),
    "production-order": (["18"], {
        "en": ["production order", "required disclosure", "production of data"],
        "es": ["orden de presentación", "orden de entrega"],
        "pt": ["ordem de apresentação", "requisição de dados"],
        "fr": ["injonction de produire", "ordonnance de communication"],
    }),
    "search-and-seizure": (["19"], {
        "en": ["search and seizure"],
        "es": ["registro y secuestro", "allanamiento y registro"],
        "pt": ["busca e apreensão"],
        "fr": ["perquisition et saisie"],
    }),
    "real-time-collection": (["20"], {
        "en": ["real-time collection of traffic data"],
        "es": ["obtención en tiempo real de datos de tráfico"],
        "pt": ["recolha em tempo real de dados de tráfego"],
        "fr": ["collecte en temps réel des données relatives au trafic"],
    }),
    "interception-of-content": (["21"], {
        "en": ["interception of content data"],
        "es": ["interceptación de datos relativos al contenido"],
        "pt": ["interceptação de dados de conteúdo"],
        "fr": ["interception de données relatives au contenu"],
    }),
    "jurisdiction": (["22"], {
        "en": ["jurisdiction"],
        "es": ["jurisdicción", "competencia", "extraterritorialidad"],
        "pt": ["jurisdição", "competência"],
        "fr": ["compétence"],
    }),
    "extradition": (["24"], {
        "en": ["extradition"], "es": ["extradición"], "pt": ["extradição"], "fr": ["extradition"],
    }),
    "mutual-assistance": (["25", "27"], {
        "en": ["mutual assistance", "mutual legal assistance"],
        "es": ["asistencia mutua", "asistencia jurídica mutua"],
        "pt": ["assistência mútua", "auxílio jurídico mútuo"],
        "fr": ["entraide", "entraide judiciaire"],
    }),
    "network-247": (["35"], {
        "en": ["24/7 network", "point of contact available 24/7"],
        "es": ["red 24/7", "punto de contacto 24/7"],
        "pt": ["rede 24/7", "ponto de contato 24/7"],
        "fr": ["réseau 24/7", "point de contact 24/7"],
    }),
}  # fmt: skip

# narrower: broader (SKOS). The Convention's own grouping: partial disclosure (Art. 17) is part of
# expedited preservation (Title 2), the 24/7 network (Art. 35) of mutual assistance (Chapter III).
BROADER = {
    "partial-disclosure": "preservation",
    "network-247": "mutual-assistance",
}
