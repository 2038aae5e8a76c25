"""sitemap.xml, robots.txt and security.txt (RFC 9116)."""

import datetime

import pytest
from django.test import override_settings
from lxml import etree

pytestmark = pytest.mark.django_db

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def _sitemap_urls(client):
    index = etree.fromstring(client.get("/sitemap.xml").content)
    assert index.tag == f"{SM}sitemapindex"
    urls = {}
    for location in index.iter(f"{SM}loc"):
        section = client.get(location.text.split("testserver", 1)[1])
        assert section.status_code == 200
        for url in etree.fromstring(section.content).iter(f"{SM}url"):
            alternates = {link.get("hreflang"): link.get("href") for link in url.iter(f"{XHTML}link")}
            urls[url.findtext(f"{SM}loc").split("testserver", 1)[1]] = alternates
    return urls


def test_sitemap_lists_public_pages_in_four_languages_with_alternates(client, portal):
    urls = _sitemap_urls(client)
    public = portal["laws"]["public"].pk
    for language in ["en", "es", "pt", "fr"]:
        assert f"/{language}/laws/{public}/" in urls
        assert f"/{language}/states/co/" in urls and f"/{language}/laws/state/co/" in urls
        assert f"/{language}/instruments/cets-185/" in urls
    assert set(urls[f"/en/laws/{public}/"]) == {"en", "es", "pt", "fr", "x-default"}
    for name in ["experts", "state", "secretariat", "draft"]:
        assert not any(path.endswith(f"/laws/{portal['laws'][name].pk}/") for path in urls), name


def test_sitemap_lists_events_statistics_and_the_bulletin(client, portal):
    urls = _sitemap_urls(client)
    for language in ["en", "es", "pt", "fr"]:
        for path in ["events/", "events/reach/", "events/workshop-lima/", "events/course-online/",
                     "statistics/", "statistics/co/", "bulletin/"]:  # fmt: skip
            assert f"/{language}/{path}" in urls, (language, path)
    assert set(urls["/en/events/workshop-lima/"]) == {"en", "es", "pt", "fr", "x-default"}
    # BR's figures are validated for experts only, AR's only submitted: not public pages of figures.
    assert "/en/statistics/br/" not in urls and "/en/statistics/ar/" not in urls


def test_robots_points_to_the_sitemap_and_keeps_crawlers_out_of_private_paths(client):
    text = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text
    for path in ["/admin/", "/en/accounts/", "/es/spaces/", "/fr/audit/"]:
        assert f"Disallow: {path}" in text


@override_settings(SECURITY_CONTACTS=["mailto:security@network.example"])
def test_security_txt_follows_rfc_9116(client):
    response = client.get("/.well-known/security.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    fields = dict(line.split(": ", 1) for line in response.content.decode().splitlines() if line)
    assert fields["Contact"] == "mailto:security@network.example"
    assert fields["Preferred-Languages"] == "en, es, pt, fr"
    assert fields["Canonical"] == "http://testserver/.well-known/security.txt"
    expires = datetime.datetime.strptime(fields["Expires"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.UTC)
    now = datetime.datetime.now(datetime.UTC)
    assert now < expires < now + datetime.timedelta(days=365)


@override_settings(SECURITY_CONTACTS=[])
def test_security_txt_without_a_contact_is_absent(client):
    assert client.get("/.well-known/security.txt").status_code == 404
