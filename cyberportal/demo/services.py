"""The demo instance: a home page in four languages, example records and one account per role.

Every step is idempotent (run `load_demo` twice and the counts stay the same). Records invented for
the demo carry `is_example=True` so the pages label them.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from wagtail.models import Locale, Page, Site

from cyberportal.accounts.models import User
from cyberportal.accounts.services import user_create, user_set_role
from cyberportal.core.roles import Role, Visibility
from cyberportal.demo.citizens import citizens_load
from cyberportal.demo.cooperation import cooperation_load
from cyberportal.demo.directory import directory_load
from cyberportal.demo.events import events_load
from cyberportal.demo.laws import laws_load
from cyberportal.demo.providers import providers_load
from cyberportal.demo.recommendations import recommendations_load
from cyberportal.home.models import HomePage
from cyberportal.states.models import NationalStrategy, Organisation, OrganisationKind, SpecialisedUnit, State

DEMO_PASSWORD = "cyberportal-demo"


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: str
    state: str | None
    first_name: str
    last_name: str
    position: str


DEMO_ACCOUNTS = [
    DemoAccount(
        "secretariat",
        Role.SECRETARIAT,
        None,
        "Sam",
        "Secretariat (example)",
        "Legal officer, Technical Secretariat",
    ),
    DemoAccount(
        "focal.co",
        Role.FOCAL_POINT,
        "CO",
        "Camila",
        "Focal point (example)",
        "Fiscal delegada, Fiscalía General de la Nación",
    ),
    DemoAccount(
        "expert.ar",
        Role.EXPERT,
        "AR",
        "Ernesto",
        "Expert (example)",
        "Fiscal, Unidad Fiscal Especializada en Ciberdelincuencia",
    ),
    DemoAccount("expert.br", Role.EXPERT, "BR", "Beatriz", "Expert (example)", "Delegada de Polícia Federal"),
]

HOME_CONTENT = {
    "en": (
        "Cooperation portal on cybercrime",
        "Legislation, points of contact, recommendations and statistics of the member states, "
        "kept up to date by the states themselves and their Technical Secretariat.",
        "<p>The ministers of justice asked, meeting after meeting, that what the states know about "
        "cybercrime be compiled, kept up to date and shared. This portal is where that happens: each "
        "state's profile gathers its treaty status, its laws mapped to the international conventions, "
        "who to call at any hour to preserve evidence, and its progress on the recommendations.</p>",
    ),
    "es": (
        "Portal de cooperación en materia de delito cibernético",
        "Legislación, puntos de contacto, recomendaciones y estadísticas de los Estados miembros, "
        "actualizados por los propios Estados y su Secretaría Técnica.",
        "<p>Reunión tras reunión, los ministros de justicia pidieron que lo que saben los Estados sobre "
        "el delito cibernético se compilara, se mantuviera actualizado y se compartiera. Este portal es "
        "el lugar donde eso ocurre: el perfil de cada Estado reúne su situación respecto de los "
        "tratados, sus leyes vinculadas a los convenios internacionales, a quién llamar a cualquier hora "
        "para preservar pruebas y sus avances en las recomendaciones.</p>",
    ),
    "pt": (
        "Portal de cooperação em matéria de crime cibernético",
        "Legislação, pontos de contato, recomendações e estatísticas dos Estados membros, mantidos "
        "atualizados pelos próprios Estados e por sua Secretaria Técnica.",
        "<p>Reunião após reunião, os ministros da justiça pediram que o que os Estados sabem sobre o "
        "crime cibernético fosse compilado, atualizado e compartilhado. Este portal é onde isso "
        "acontece: o perfil de cada Estado reúne sua situação em relação aos tratados, suas leis "
        "vinculadas às convenções internacionais, quem chamar a qualquer hora para preservar provas e "
        "seu progresso nas recomendações.</p>",
    ),
    "fr": (
        "Portail de coopération en matière de cybercriminalité",
        "Législation, points de contact, recommandations et statistiques des États membres, tenus à jour "
        "par les États eux-mêmes et leur Secrétariat technique.",
        "<p>Réunion après réunion, les ministres de la justice ont demandé que ce que savent les États "
        "sur la cybercriminalité soit compilé, tenu à jour et partagé. Ce portail est l'endroit où cela "
        "se fait : le profil de chaque État réunit sa situation à l'égard des traités, ses lois mises en "
        "regard des conventions internationales, qui appeler à toute heure pour préserver des preuves, "
        "et ses progrès dans la mise en œuvre des recommandations.</p>",
    ),
}

# Example strategies and units: titles written for the demo, labelled as examples on every page.
EXAMPLE_STRATEGIES = {
    "CO": ("Política Nacional de Confianza y Seguridad Digital (example)", "es", 2020),
    "CL": ("Política Nacional de Ciberseguridad (example)", "es", 2023),
    "MX": ("Estrategia Nacional de Ciberseguridad (example)", "es", 2017),
    "CA": ("National Cyber Security Strategy (example)", "en", 2018),
    "BR": ("Estratégia Nacional de Segurança Cibernética (example)", "pt", 2020),
    "DO": ("Estrategia Nacional de Ciberseguridad 2030 (example)", "es", 2018),
    "TT": ("National Cyber Security Strategy (example)", "en", 2012),
}
EXAMPLE_UNITS = {
    "AR": [
        (
            "Unidad Fiscal Especializada en Ciberdelincuencia (example)",
            "es",
            "prosecution",
            Visibility.PUBLIC,
        ),
        ("Laboratorio de informática forense (example)", "es", "forensics", Visibility.EXPERTS),
    ],
    "BR": [("Unidade de repressão a crimes cibernéticos (example)", "pt", "police", Visibility.PUBLIC)],
    "CO": [
        ("Centro Cibernético Policial (example)", "es", "police", Visibility.PUBLIC),
        ("Grupo de enlace 24/7 (example)", "es", "police", Visibility.STATE),
    ],
    "US": [
        ("Computer Crime and Intellectual Property Section (example)", "en", "prosecution", Visibility.PUBLIC)
    ],
    "CA": [("National Cybercrime Coordination Centre (example)", "en", "police", Visibility.PUBLIC)],
    "HT": [
        ("Bureau des affaires financières et cybercriminalité (example)", "fr", "police", Visibility.EXPERTS)
    ],
    "MX": [
        ("Unidad de Policía Cibernética (example)", "es", "police", Visibility.PUBLIC),
        ("Canal de coordinación de la Secretaría (example)", "es", "other", Visibility.SECRETARIAT),
    ],
}


@transaction.atomic
def home_pages_load() -> HomePage:
    """A home page with one translation per interface language, served as the default site's root."""
    locales = {code: Locale.objects.get_or_create(language_code=code)[0] for code in HOME_CONTENT}
    home = HomePage.objects.filter(locale=locales["en"]).first()
    root = Page.get_first_root_node()
    if home is None:
        # Wagtail's migrations leave a "Welcome" placeholder holding the slug "home": replace it.
        placeholder = root.get_children().filter(slug="home").first()
        title, intro, body = HOME_CONTENT["en"]
        home = HomePage(title=title, slug="home-new", intro=intro, body=body, locale=locales["en"])
        root.add_child(instance=home)
        Site.objects.filter(root_page=placeholder).update(root_page=home)
        if placeholder is not None:
            placeholder.delete()
        home.slug = "home"
        home.save_revision().publish()
    if not Site.objects.filter(is_default_site=True).exists():
        Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Cyberportal"
        )
    for code, (title, intro, body) in HOME_CONTENT.items():
        if code == "en" or home.get_translations().filter(locale=locales[code]).exists():
            continue
        translation = home.copy_for_translation(locales[code])
        translation.title, translation.intro, translation.body = title, intro, body
        translation.save_revision().publish()
    return home


@transaction.atomic
def example_records_load() -> None:
    states = {s.code: s for s in State.objects.all()}
    for code, (title, language, year) in EXAMPLE_STRATEGIES.items():
        if code in states:
            NationalStrategy.objects.get_or_create(
                state=states[code],
                title=title,
                defaults={"language": language, "year": year, "is_example": True},
            )
    for code, units in EXAMPLE_UNITS.items():
        for name, language, kind, visibility in units:
            if code in states:
                SpecialisedUnit.objects.get_or_create(
                    state=states[code],
                    name=name,
                    defaults={
                        "language": language,
                        "kind": kind,
                        "visibility": visibility,
                        "is_example": True,
                    },
                )


@transaction.atomic
def demo_accounts_load() -> list[User]:
    secretariat = Organisation.objects.filter(kind=OrganisationKind.SECRETARIAT).first()
    users = []
    for account in DEMO_ACCOUNTS:
        state = State.objects.get(code=account.state) if account.state else None
        user = User.objects.filter(username=account.username).first()
        if user is None:
            user = user_create(
                username=account.username,
                email=f"{account.username}@example.org",
                password=DEMO_PASSWORD,
                first_name=account.first_name,
                last_name=account.last_name,
                position=account.position,
                state=state,
                organisation=None if state else secretariat,
            )
        if user.role != account.role:
            user_set_role(user=user, role=account.role)
        users.append(user)
    return users


# Each capability adds its demo step here: a function in `cyberportal/demo/<capability>.py` that is
# idempotent (get_or_create by a natural key) and marks invented records with is_example=True.
DEMO_STEPS = [
    home_pages_load,
    example_records_load,
    demo_accounts_load,
    recommendations_load,
    laws_load,
    directory_load,
    cooperation_load,
    providers_load,
    events_load,
    citizens_load,
]
# The private component (accounts' MFA, expert spaces, a registration to vet): see demo/spaces.py.
from .spaces import demo_accounts_secure, demo_pending_registration_load, demo_spaces_load  # noqa: E402

DEMO_STEPS += [demo_accounts_secure, demo_spaces_load, demo_pending_registration_load]
# The moderation flow: one change submitted, one returned with a comment (demo/moderation.py).
from .moderation import moderation_load  # noqa: E402

DEMO_STEPS += [moderation_load]
# Annual statistics returns of a dozen states, 2024 and 2025 (demo/annual_statistics.py).
from .annual_statistics import statistics_load  # noqa: E402

DEMO_STEPS += [statistics_load]

# Update campaigns: statistics 2025 and treaty status, as examples (demo/campaigns.py).
from .campaigns import campaigns_load  # noqa: E402

DEMO_STEPS += [campaigns_load]

# Open data: a read token with a published secret for expert.ar (demo/opendata.py).
from .opendata import opendata_load  # noqa: E402

DEMO_STEPS += [opendata_load]

# The Legal Cooperation Bulletin: two example issues of 2026 composed from the changes loaded above.
from .bulletin import bulletin_load  # noqa: E402

DEMO_STEPS += [bulletin_load]


def demo_load() -> None:
    if not State.objects.exists():
        raise RuntimeError("Load the reference data first: python manage.py load_reference_data")
    for step in DEMO_STEPS:
        step()
