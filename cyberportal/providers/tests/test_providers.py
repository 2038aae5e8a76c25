"""The directory of service providers: who may open it, the list's filters and the detail page, the
admin form's pickers, the verification date, and the demo's dozen examples."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cyberportal.core.roles import Role
from cyberportal.directory.tests.helpers import client_for
from cyberportal.providers.models import Provider
from cyberportal.providers.services import provider_save
from cyberportal.testing import make_state, make_user

pytestmark = pytest.mark.django_db

LIST = "/en/providers/"


def _provider(name="Example Mail", data_types=None, request_types=None, **fields):
    defaults = {
        "le_portal_url": "https://le.example.org",
        "emergency_contact": "emergency@example.org",
        "languages": ["en", "es"],
        "data_locations": ["US", "IE"],
        "as_of": datetime.date(2026, 6, 1),
        "is_example": True,
    }
    return provider_save(
        name=name,
        fields=defaults | fields,
        data_types={"subscriber": "While the account exists"} if data_types is None else data_types,
        request_types={"preservation": "Budapest Art. 29"} if request_types is None else request_types,
    )


@pytest.fixture
def expert():
    return make_user(Role.EXPERT, make_state("AR"))


def test_a_visitor_is_sent_to_sign_in(client):
    provider = _provider()
    for url in (LIST, provider.get_absolute_url()):
        response = client.get(url)
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]


def test_an_account_waiting_for_vetting_is_refused(expert):
    expert.role = ""
    expert.save()
    provider = _provider()

    assert client_for(expert).get(LIST).status_code == 403
    assert client_for(expert).get(provider.get_absolute_url()).status_code == 403


@pytest.mark.parametrize("role", [Role.EXPERT, Role.FOCAL_POINT, Role.SECRETARIAT])
def test_vetted_users_see_the_list_and_the_detail(role):
    user = make_user(role, None if role == Role.SECRETARIAT else make_state("BR"))
    provider = _provider(request_types={"emergency": "Danger to life, provider's policy"})

    listing = client_for(user).get(LIST).content.decode()
    detail = client_for(user).get(provider.get_absolute_url()).content.decode()

    assert "Example Mail" in listing and "https://le.example.org" in listing
    assert "mailto:emergency@example.org" in detail
    assert "Danger to life, provider&#x27;s policy" in detail
    assert "While the account exists" in detail
    assert "Ireland" in detail and "Spanish" in detail


def test_the_list_is_sorted_in_the_readers_alphabet_and_filtered(expert):
    _provider("Zeta Cloud", data_types={"content": "30 days"}, request_types={"content": "MLAT"})
    _provider("Émeraude Hosting", data_types={"subscriber": ""}, request_types={"preservation": ""})
    _provider("Alpha Chat", data_types={"content": ""}, request_types={"preservation": ""})
    client = client_for(expert)

    page = client.get(LIST).content.decode()
    assert page.index("Alpha Chat") < page.index("Émeraude Hosting") < page.index("Zeta Cloud")

    by_data = client.get(LIST, {"data_type": "content"}).content.decode()
    assert "Zeta Cloud" in by_data and "Alpha Chat" in by_data and "Émeraude" not in by_data
    by_request = client.get(LIST, {"data_type": "content", "request_type": "preservation"}).content.decode()
    assert "Alpha Chat" in by_request and "Zeta Cloud" not in by_request
    by_name = client.get(LIST, {"q": "zeta"}).content.decode()
    assert "Zeta Cloud" in by_name and "Alpha Chat" not in by_name


def test_a_bad_filter_value_gets_a_message_not_an_error(expert):
    _provider()

    response = client_for(expert).get(LIST, {"data_type": "<script>", "request_type": "x" * 500})

    assert response.status_code == 200
    page = response.content.decode()
    assert "Data type: “&lt;script&gt;” is not a valid choice; it was ignored." in page
    assert "Request type: “" + "x" * 50 + "” is not a valid choice" in page
    assert "Example Mail" in page


def test_an_unknown_provider_is_404(expert):
    assert client_for(expert).get("/en/providers/99999/").status_code == 404


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_list_costs_the_same_queries_for_two_or_twelve_providers(expert):
    client = client_for(expert)
    for n in range(2):
        _provider(f"Provider {n}", data_types={"subscriber": "", "content": ""})
    client.get(LIST)  # warm the per-user caches
    few = _queries(client, LIST)
    for n in range(2, 12):
        _provider(f"Provider {n}", data_types={"subscriber": "", "content": ""})

    assert _queries(client, LIST) == few


def test_the_next_verification_follows_the_directorys_period():
    provider = _provider(as_of=datetime.date(2026, 1, 31))

    assert provider.next_due == datetime.date(2027, 1, 31)  # 12 months by default, like contacts
    assert provider.is_stale(datetime.date(2027, 2, 1))


def test_bad_values_are_refused_with_the_field_named_and_nothing_saved():
    with pytest.raises(ValidationError) as refused:
        _provider(emergency_contact="not an address", data_locations=["XX"])

    assert set(refused.value.message_dict) == {"emergency_contact", "data_locations"}
    assert not Provider.objects.exists()
    with pytest.raises(ValidationError):
        _provider(data_types={"gossip": "forever"})
    assert not Provider.objects.exists()


def test_the_admin_form_offers_languages_and_countries_by_name():
    from cyberportal.core.pickers import LanguagesField
    from cyberportal.providers.admin_forms import CountriesField, ProviderAdminForm

    form_class = Provider.get_edit_handler().get_form_class()
    form = form_class(instance=_provider())

    assert issubclass(form_class, ProviderAdminForm)
    assert isinstance(form.fields["languages"], LanguagesField)
    assert isinstance(form.fields["data_locations"], CountriesField)
    assert ("IE", "Ireland") in form.fields["data_locations"].choices


def test_only_the_secretariat_has_the_providers_in_the_admin():
    secretariat = make_user(Role.SECRETARIAT)
    focal_point = make_user(Role.FOCAL_POINT, make_state("AR"), username="fp")

    assert client_for(secretariat).get("/admin/snippets/providers/provider/").status_code == 200
    assert client_for(focal_point).get("/admin/snippets/providers/provider/").status_code in {302, 403}


def test_the_demo_fills_a_dozen_examples():
    from cyberportal.demo.providers import providers_load

    providers_load()
    providers_load()  # idempotent

    assert Provider.objects.count() == 12
    assert not Provider.objects.filter(is_example=False).exists()


@pytest.mark.parametrize(
    ("lang", "title"),
    [
        ("es", "Proveedores de servicios"),
        ("pt", "Provedores de serviços"),
        ("fr", "Fournisseurs de services"),
    ],
)
def test_the_pages_speak_the_readers_language(expert, lang, title):
    provider = _provider(request_types={"emergency": ""})

    page = client_for(expert).get(f"/{lang}/providers/{provider.pk}/").content.decode()

    assert title in page
    assert {
        "es": "Datos conservados y plazos",
        "pt": "Dados guardados e prazos",
        "fr": "Données conservées et durées",
    }[lang] in page


def test_a_measure_sheet_links_vetted_users_to_the_providers_that_take_the_request(client, expert):
    from cyberportal.cooperation.tests.helpers import make_sheet

    state = make_state("CL")
    make_sheet(state, "preservation")
    make_sheet(state, "joint_teams")
    link = 'href="/en/providers/?request_type=preservation"'

    page = client_for(expert).get("/en/cooperation/cl/").content.decode()
    assert page.count("Service providers that take this request") == 1  # not for joint teams
    assert link in page
    assert link not in client.get("/en/cooperation/cl/").content.decode()
