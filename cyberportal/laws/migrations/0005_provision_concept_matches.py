"""Which concepts each provision names, computed once here for the provisions that exist; from now on
the services that write provisions or the thesaurus keep it (`services.provision_concepts_refresh`)."""

import django.db.models.deletion
from django.db import migrations, models


def fill(apps, schema_editor):
    from cyberportal.laws.search import concept_matches, label_index

    Provision = apps.get_model("laws", "Provision")
    ConceptLabel = apps.get_model("laws", "ConceptLabel")
    ProvisionConcept = apps.get_model("laws", "ProvisionConcept")
    labels = label_index(ConceptLabel.objects.values_list("concept_id", "text"))
    if not labels:
        return
    rows = Provision.objects.order_by().values_list("pk", "heading", "text").iterator(chunk_size=2000)
    batch = []
    for provision_id, concept_id in concept_matches(rows, labels):
        batch.append(ProvisionConcept(provision_id=provision_id, concept_id=concept_id))
        if len(batch) >= 2000:
            ProvisionConcept.objects.bulk_create(batch)
            batch = []
    ProvisionConcept.objects.bulk_create(batch)


class Migration(migrations.Migration):

    dependencies = [
        ('laws', '0004_law_published_on'),
    ]

    operations = [
        migrations.CreateModel(
            name='ProvisionConcept',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('concept', models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='provision_matches', to='laws.concept')),
                ('provision', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='concept_matches', to='laws.provision')),
            ],
            options={
                'verbose_name': 'provision naming a concept',
                'verbose_name_plural': 'provisions naming concepts',
                'constraints': [models.UniqueConstraint(fields=('concept', 'provision'), name='unique_provision_concept')],
            },
        ),
        migrations.AddIndex(
            model_name='provision',
            index=models.Index(condition=models.Q(('valid_to__isnull', True)), fields=['id', 'law', 'sort_order'], name='laws_provision_current'),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=True),
    ]
