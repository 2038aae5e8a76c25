"""Demo step for the Legal Cooperation Bulletin: two issues of 2026 composed from the portal's own changes
and from two states' contributions, and four subscribers (one per language) at example.org. Every issue,
contribution and editorial is an invented example, labelled as such."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from cyberportal.bulletin.models import Contribution, Issue, IssueItem, ItemKind, Subscriber, SubscriberStatus
from cyberportal.core.changes import changes_between
from cyberportal.states.models import State

CONTRIBUTIONS = [
    (
        "CO",
        "es",
        "Nueva mesa 24/7 de la Fiscalía (ejemplo)",
        "La Fiscalía General de la Nación abrió una mesa permanente para solicitudes de conservación "
        "de datos informáticos. Contribución de ejemplo para la demostración.",
    ),
    (
        "BR",
        "pt",
        "Oficina nacional sobre provas eletrônicas (exemplo)",
        "O Ministério Público Federal reuniu promotores de todos os estados sobre o Segundo Protocolo "
        "Adicional. Contribuição de exemplo para a demonstração.",
    ),
]

ISSUES = [
    {
        "number": 1,
        "published": datetime.datetime(2026, 5, 15, 14, 0, tzinfo=datetime.UTC),
        "covers_until": datetime.datetime(2026, 5, 15, 12, 0, tzinfo=datetime.UTC),
        "title": "Electronic evidence across borders (example)",
        "title_es": "Pruebas electrónicas más allá de las fronteras (ejemplo)",
        "title_pt": "Provas eletrônicas além das fronteiras (exemplo)",
        "title_fr": "Les preuves électroniques par-delà les frontières (exemple)",
        "editorial": "This first issue of 2026 gathers the laws and treaty events recorded in the portal "
        "and a contribution from Colombia.\n\nAn example issue written for the demo.",
        "editorial_es": "Este primer número de 2026 reúne las leyes y los hechos relativos a los tratados "
        "registrados en el portal y una contribución de Colombia.\n\nNúmero de ejemplo escrito para la "
        "demostración.",
        "editorial_pt": "Este primeiro número de 2026 reúne as leis e os eventos relativos aos tratados "
        "registrados no portal e uma contribuição da Colômbia.\n\nNúmero de exemplo escrito para a "
        "demonstração.",
        "editorial_fr": "Ce premier numéro de 2026 rassemble les lois et les événements conventionnels "
        "enregistrés dans le portail, ainsi qu'une contribution de la Colombie.\n\nNuméro d'exemple "
        "rédigé pour la démonstration.",
        "contribution": "CO",
        "sources": ("laws", "treaties"),
    },
    {
        "number": 2,
        "published": datetime.datetime(2026, 11, 20, 14, 0, tzinfo=datetime.UTC),
        "covers_until": datetime.datetime(2026, 11, 20, 12, 0, tzinfo=datetime.UTC),
        "title": "Recommendations and their implementation (example)",
        "title_es": "Las recomendaciones y su implementación (ejemplo)",
        "title_pt": "As recomendações e sua implementação (exemplo)",
        "title_fr": "Les recommandations et leur mise en œuvre (exemple)",
        "editorial": "Ahead of the next meeting of the Working Group, this issue follows the recommendations "
        "and the states' reports on them, with news from Brazil.\n\nAn example issue written for the demo.",
        "editorial_es": "Antes de la próxima reunión del Grupo de Trabajo, este número sigue las "
        "recomendaciones y los informes de los Estados sobre ellas, con noticias de Brasil.\n\nNúmero de "
        "ejemplo escrito para la demostración.",
        "editorial_pt": "Antes da próxima reunião do Grupo de Trabalho, este número acompanha as "
        "recomendações e os relatórios dos Estados sobre elas, com notícias do Brasil.\n\nNúmero de "
        "exemplo escrito para a demonstração.",
        "editorial_fr": "Avant la prochaine réunion du Groupe de travail, ce numéro suit les recommandations "
        "et les rapports des États à leur sujet, avec des nouvelles du Brésil.\n\nNuméro d'exemple rédigé "
        "pour la démonstration.",
        "contribution": "BR",
        "sources": ("recommendations", "cooperation"),
    },
]

SUBSCRIBERS = [(f"bulletin-{lang}@example.org", lang) for lang in ("en", "es", "pt", "fr")]


def _publish(record, moment: datetime.datetime) -> None:
    record.save_revision().publish()
    type(record).objects.filter(pk=record.pk).update(first_published_at=moment, last_published_at=moment)


@transaction.atomic
def bulletin_load() -> None:
    contributions = {}
    for code, language, title, body in CONTRIBUTIONS:
        state = State.objects.filter(code=code).first()
        if state is None:
            continue
        contribution = Contribution.objects.filter(state=state, title=title).first()
        if contribution is None:
            contribution = Contribution.objects.create(
                state=state, title=title, body=body, language=language, is_example=True
            )
            _publish(contribution, datetime.datetime(2026, 4, 1, tzinfo=datetime.UTC))
        contributions[code] = contribution

    changes = changes_between(None, timezone.now())
    for spec in ISSUES:
        if Issue.objects.filter(number=spec["number"]).exists():
            continue  # already loaded: an editor's later changes stay
        fields = {k: v for k, v in spec.items() if k.startswith(("title", "editorial"))}
        issue = Issue.objects.create(
            number=spec["number"], covers_until=spec["covers_until"], is_example=True, **fields
        )
        order = 0
        for source in spec["sources"]:
            for change in [c for c in changes if c.source == source][:4]:
                IssueItem.objects.create(
                    issue=issue,
                    kind=ItemKind.CHANGE,
                    source=change.source,
                    change_key=change.key,
                    title=change.title[:300],
                    summary=change.summary,
                    url=change.url[:500],
                    changed_at=change.changed_at,
                    language=change.language,
                    sort_order=order,
                )
                order += 1
        contribution = contributions.get(spec["contribution"])
        if contribution is not None:
            IssueItem.objects.create(
                issue=issue,
                kind=ItemKind.CONTRIBUTION,
                source="contributions",
                contribution=contribution,
                title=f"{contribution.state.code} · {contribution.title}",
                summary=contribution.body,
                changed_at=contribution.last_published_at,
                language=contribution.language,
                sort_order=order,
            )
        _publish(issue, spec["published"])

    for address, language in SUBSCRIBERS:
        Subscriber.objects.get_or_create(
            email=address,
            defaults={
                "language": language,
                "status": SubscriberStatus.ACTIVE,
                "confirmed_at": timezone.now(),
            },
        )
