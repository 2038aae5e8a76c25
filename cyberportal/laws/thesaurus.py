"""The starting concept thesaurus: each concept's Budapest Convention articles and its labels in the
four languages (the first label of each language is the preferred one). The Secretariat edits it in the
admin afterwards; `services.thesaurus_load` only adds what is missing.
"""

# slug: (Budapest Convention articles, {language: [preferred label, synonyms...]})
CONCEPTS = {
    "illegal-access": (["2"], {
        "en": ["illegal access", "unauthorised access", "unauthorized access", "hacking", "unauthorized use of computer"],
        "es": ["acceso ilícito", "acceso abusivo a un sistema informático", "acceso indebido", "acceso no autorizado"],
        "pt": ["acesso ilegal", "invasão de dispositivo informático", "acesso não autorizado"],
        "fr": ["accès illégal", "accès frauduleux", "utilisation non autorisée d'ordinateur"],
    }),
    "illegal-interception": (["3"], {
        "en": ["illegal interception", "interception of data", "wiretapping"],
        "es": ["interceptación ilícita", "interceptación de datos informáticos", "interceptación ilegal"],
        "pt": ["interceptação ilegal", "interceptação de dados", "interceptação de comunicações"],
        "fr": ["interception illégale", "interception de données"],
    }),
    "data-interference": (["4"], {
        "en": ["data interference", "damage to computer data", "mischief in relation to computer data"],
        "es": ["daño informático", "atentado a la integridad de datos informáticos", "alteración de datos"],
        "pt": ["dano informático", "interferência em dados"],
        "fr": ["atteinte à l'intégrité des données", "altération de données"],
    }),
    "system-interference": (["5"], {
        "en": ["system interference", "denial of service", "sabotage"],
        "es": ["sabotaje informático", "obstaculización ilegítima de sistema informático", "atentado a la integridad de sistemas informáticos"],
        "pt": ["interferência em sistema", "interrupção de serviço telemático"],
        "fr": ["atteinte à l'intégrité du système", "entrave au fonctionnement"],
    }),
    "misuse-of-devices": (["6"], {
        "en": ["misuse of devices", "malicious software", "malware"],
        "es": ["abuso de dispositivos", "uso de software malicioso", "abuso de mecanismos y dispositivos informáticos"],
        "pt": ["uso indevido de dispositivos", "programa malicioso"],
        "fr": ["abus de dispositifs", "logiciel malveillant"],
    }),
    "forgery": (["7"], {
        "en": ["computer-related forgery", "forgery"],
        "es": ["falsificación informática", "suplantación"],
        "pt": ["falsificação informática", "falsificação de documento"],
        "fr": ["falsification informatique", "faux informatique"],
    }),
    "fraud": (["8"], {
        "en": ["computer-related fraud", "computer fraud", "fraud"],
        "es": ["fraude informático", "estafa informática", "hurto por medios informáticos"],
        "pt": ["fraude informática", "estelionato eletrônico", "furto mediante fraude eletrônica"],
        "fr": ["fraude informatique", "escroquerie informatique"],
    }),
    "child-sexual-abuse-material": (["9"], {
        "en": ["child sexual abuse material", "child pornography"],
        "es": ["material de abuso sexual infantil", "pornografía infantil"],
        "pt": ["material de abuso sexual infantil", "pornografia infantil"],
        "fr": ["matériel d'abus sexuel d'enfants", "pornographie juvénile", "pornographie enfantine"],
    }),
    "copyright": (["10"], {
        "en": ["copyright infringement", "copyright"],
        "es": ["derechos de autor", "propiedad intelectual"],
        "pt": ["direitos autorais", "violação de direito autoral"],
        "fr": ["droit d'auteur", "contrefaçon"],
    }),
    "corporate-liability": (["12"], {
        "en": ["corporate liability", "liability of legal persons"],
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
    "preservation": (["16", "17"], {
        "en": ["expedited preservation", "preservation order", "preservation demand"],
        "es": ["conservación rápida", "preservación de datos"],
        "pt": ["preservação expedita", "preservação de dados"],
        "fr": ["conservation rapide", "ordre de préservation"],
    }),
    "production-order": (["18"], {
        "en": ["production order", "required disclosure"],
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
        "es": ["jurisdicción", "competencia"],
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
