"""The expert's home (accounts:home): their spaces' new items since their last visit and their saved
searches; where an expert lands after sign-in, while focal points and the Secretariat keep theirs."""

import datetime
from urllib.parse import urlencode

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cyberportal.core.roles import Role
from cyberportal.laws import services as law_services
from cyberportal.laws.models import SavedSearch
from cyberportal.spaces import selectors as space_selectors
from cyberportal.spaces import services as space_services
from cyberportal.spaces.models import TLP, Membership
from cyberportal.testing import make_state, make_user

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-test-password"


@pytest.fixture
def world():
    ar, br = make_state("AR"), make_state("BR")
    expert = make_user(Role.EXPERT, br, "expert.br")
    other = make_user(Role.EXPERT, ar, "expert.ar")
    secretariat = make_user(Role.SECRETARIAT, None, "sec")
    spaces = [
        space_services.space_create(actor=secretariat, name=f"Group {n}", slug=f"g{n}", kind="working_group")
        for n in range(2)
    ]
    for space in spaces:
        for user in (expert, other):
            space_services.membership_add(actor=secretariat, space=space, user=user)
    return {"expert": expert, "other": other, "secretariat": secretariat, "spaces": spaces}


def _seen_an_hour_ago(user):
    Membership.objects.filter(user=user).update(last_seen_at=timezone.now() - datetime.timedelta(hours=1))


def _post(author, space, title, tlp=TLP.AMBER, recipients=()):
    return space_services.thread_create(
        author=author, space=space, title=title, body="Body.", tlp=tlp, recipients=recipients
    )


def _counts(user):
    return {
        r["space"].slug: (r["threads"], r["replies"], r["documents"])
        for r in space_selectors.new_items_by_space(user)
    }


def test_new_items_counted_since_the_last_visit_and_only_what_the_user_may_see(world):
    expert, other = world["expert"], world["other"]
    g0, g1 = world["spaces"]
    _seen_an_hour_ago(expert)
    thread = _post(other, g0, "Visible")
    _post(other, g0, "Strict to Argentina", tlp=TLP.AMBER_STRICT)  # the expert is from Brazil: not counted
    _post(other, g0, "Red to nobody", tlp=TLP.RED, recipients=[other])
    space_services.reply_create(author=other, thread=thread, body="A reply.")

    assert _counts(expert) == {"g0": (1, 1, 0), "g1": (0, 0, 0)}

    client = Client()
    client.force_login(expert)
    client.get("/en/spaces/g0/")  # opening the space marks it seen

    assert _counts(expert) == {"g0": (0, 0, 0), "g1": (0, 0, 0)}


def test_home_lists_new_items_and_saved_searches_in_constant_queries(world):
    expert, other = world["expert"], world["other"]
    client = Client()
    client.force_login(expert)
    _seen_an_hour_ago(expert)
    client.get("/en/accounts/home/")  # warm the per-process caches (site, translations)
    with CaptureQueriesContext(connection) as few:
        response = client.get("/en/accounts/home/")
    assert response.status_code == 200

    for n in range(4):
        thread = _post(other, world["spaces"][n % 2], f"Thread {n}")
        space_services.reply_create(author=other, thread=thread, body="Reply.")
        law_services.saved_search_create(user=expert, query=urlencode({"q": f"word{n}"}))
    with CaptureQueriesContext(connection) as many:
        response = client.get("/en/accounts/home/")

    html = response.content.decode()
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]
    assert "Group 0" in html and "2 new threads" in html and "2 new replies" in html
    assert "word3" in html and "/en/search/?q=word3" in html


def test_saved_searches_are_private_to_their_owner(world):
    expert, other = world["expert"], world["other"]
    mine = law_services.saved_search_create(user=expert, query="q=budapest&state=BR", name="Mine")
    theirs = law_services.saved_search_create(user=other, query="q=secret-of-another", name="Theirs")
    client = Client()
    client.force_login(expert)

    html = client.get("/en/accounts/home/").content.decode()
    assert "Mine" in html and "secret-of-another" not in html and "Theirs" not in html
    assert client.post(f"/en/search/saved/{theirs.pk}/delete/").status_code == 404
    assert SavedSearch.objects.filter(pk=theirs.pk).exists()
    assert client.post(f"/en/search/saved/{mine.pk}/delete/").status_code == 302
    assert not SavedSearch.objects.filter(pk=mine.pk).exists()


def test_save_this_search_from_the_results_page(world):
    client = Client()
    client.force_login(world["expert"])
    page = client.get("/en/search/", {"q": "interception"}).content.decode()
    assert "Save this search" in page

    response = client.post("/en/search/saved/", {"query": "q=interception&evil=1", "name": ""})

    saved = SavedSearch.objects.get(user=world["expert"])
    assert response.status_code == 302 and saved.name == "interception" and saved.query == "q=interception"
    assert client.get("/en/search/saved/").status_code == 405  # POST only
    anonymous = Client().get("/en/search/", {"q": "interception"}).content.decode()
    assert "Save this search" not in anonymous


def test_saving_refuses_an_empty_search_and_more_than_the_limit(world):
    expert = world["expert"]
    with pytest.raises(ValidationError, match="words to look for"):
        law_services.saved_search_create(user=expert, query="state=BR")
    SavedSearch.objects.bulk_create(
        SavedSearch(user=expert, name=str(n), query=f"q={n}") for n in range(SavedSearch.MAX_PER_USER)
    )
    client = Client()
    client.force_login(expert)
    response = client.post("/en/search/saved/", {"query": "q=one-more"}, follow=True)
    assert "delete one before saving another" in response.content.decode()
    assert SavedSearch.objects.filter(user=expert).count() == SavedSearch.MAX_PER_USER


def test_an_expert_lands_on_their_home_and_others_keep_theirs(world):
    expert_landing = Client().post("/en/accounts/login/", {"login": "expert.br", "password": PASSWORD})
    assert expert_landing.status_code == 302 and expert_landing.url == "/en/accounts/home/"

    secretariat_landing = Client().post("/en/accounts/login/", {"login": "sec", "password": PASSWORD})
    assert secretariat_landing.status_code == 302 and secretariat_landing.url != "/en/accounts/home/"

    with_next = Client().post(
        "/en/accounts/login/?next=/en/laws/", {"login": "expert.br", "password": PASSWORD}
    )
    assert with_next.url == "/en/laws/"


@pytest.mark.parametrize(
    ("lang", "spaces", "searches", "save"),
    [
        ("es", "Novedades en sus espacios", "Búsquedas guardadas", "Guardar esta búsqueda"),
        ("pt", "Novidades nos seus espaços", "Pesquisas salvas", "Salvar esta pesquisa"),
        ("fr", "Nouveautés dans vos espaces", "Recherches enregistrées", "Enregistrer cette recherche"),
    ],
)
def test_the_home_and_the_save_button_speak_the_pages_language(world, lang, spaces, searches, save):
    client = Client()
    client.force_login(world["expert"])
    home = client.get(f"/{lang}/accounts/home/").content.decode()
    assert spaces in home and searches in home
    assert save in client.get(f"/{lang}/search/", {"q": "x"}).content.decode()
