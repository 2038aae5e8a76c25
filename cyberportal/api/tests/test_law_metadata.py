"""The law page's machine-readable head: schema.org Legislation JSON-LD and the AKN links."""

import datetime
import json
import re

import pytest

pytestmark = pytest.mark.django_db


def test_law_page_carries_legislation_json_ld_and_akn_links(client, portal):
    law = portal["laws"]["public"]
    law.title = "Ley </script><script>alert(1)</script> & más"
    law.title_en = "Computer crimes act"
    law.enacted_on = datetime.date(2009, 1, 5)
    law.published_on = datetime.date(2009, 1, 6)
    law.source_uri = "https://eli.example/eli/co/ley/2009/1273/spa"
    law.save()

    html = client.get(f"/es/laws/{law.pk}/").content.decode()
    [payload] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert "</script><script>" not in payload  # the title cannot close the element
    data = json.loads(payload)
    assert data["@type"] == "Legislation" and data["@context"] == "https://schema.org"
    assert data["name"] == law.title and data["legislationIdentifier"] == "Ley 1273"
    assert data["legislationDate"] == "2009-01-05" and data["datePublished"] == "2009-01-06"
    assert data["inLanguage"] == "es" and data["legislationJurisdiction"]["identifier"] == "CO"
    assert data["legislationType"] == "act" and data["url"] == f"http://testserver/es/laws/{law.pk}/"
    assert data["alternateName"] == {"@language": "en", "@value": "Computer crimes act"}
    assert "/akn/co/act/2020/1273" in data["identifier"]
    assert "http://testserver/es/laws/akn/co/act/2020/1273/" in data["sameAs"]
    assert "https://eli.example/eli/co/ley/2009/1273/spa" in data["sameAs"]
    assert data["encoding"]["contentUrl"] == f"http://testserver/es/laws/{law.pk}/export.akn"
    akn = re.search(r'<link rel="alternate" type="application/akn\+xml" href="([^"]+)"', html).group(1)
    assert client.get(akn.removeprefix("http://testserver"))["Content-Type"].startswith("application/akn+xml")
