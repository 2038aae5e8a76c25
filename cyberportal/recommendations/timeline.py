"""The process's history, told in the portal's own words from the chronicle among the project's seeds.

Entries that correspond to a meeting in the database name it by (body, number) so the timeline links to
its recommendations once imported.
"""

from django.utils.translation import gettext_lazy as _

CHRONICLE_SOURCE = "Chronicle of the OAS cybercrime process (project seed document)"

EVENTS = [
    (
        1999,
        "",
        None,
        _(
            "Meeting in Peru, the ministers of justice recommend creating a group of governmental experts on cybercrime."
        ),
    ),
    (
        2002,
        "",
        None,
        _(
            "In Trinidad and Tobago the ministers give the group of experts its mandate: consider inter-American legal instruments and model legislation to strengthen cooperation against cybercrime."
        ),
    ),
    (
        2003,
        "2003-06-23",
        None,
        _("The group of governmental experts holds its initial meeting in Washington, D.C. (23–24 June)."),
    ),
    (
        2004,
        "2004-04-28",
        ("remja", "V"),
        _(
            "The Fifth Meeting of Ministers of Justice (REMJA-V), Washington, D.C., adopts the experts' recommendations and asks states to weigh the principles of the Council of Europe Convention on Cybercrime and possible accession."
        ),
    ),
    (
        2005,
        "2005-12-12",
        None,
        _(
            "The OAS, the Council of Europe and Spain hold the Madrid conference “Cybercrime: a global challenge, a global response”."
        ),
    ),
    (
        2006,
        "2006-02-27",
        None,
        _(
            "The group of experts meets again in Washington, D.C., on drafting legislation consistent with the Budapest Convention."
        ),
    ),
    (
        2006,
        "2006-06-01",
        ("remja", "VI"),
        _(
            "REMJA-VI asks for stronger cooperation with the Council of Europe and other international organisations."
        ),
    ),
    (
        2007,
        "2007-11-19",
        ("experts", "V"),
        _(
            "Fifth meeting of the group of experts, Washington, D.C.: thirteen recommendations on specialised units, contacts, legislation, evidence and the 24/7 network."
        ),
    ),
    (
        2008,
        "2008-04-28",
        ("remja", "VII"),
        _(
            "REMJA-VII adopts the experts' 2007 recommendations; a workshop on cybercrime legislation follows in Bogotá with the Council of Europe."
        ),
    ),
    (2009, "2009-08-01", None, _("Regional workshop on cybercrime in Panama.")),
    (
        2010,
        "2010-01-21",
        ("working_group", "VI"),
        _(
            "Sixth meeting of the Working Group, Washington, D.C.; its recommendations go to REMJA-VIII in Brazil."
        ),
    ),
    (2011, "2011-05-09", None, _("Technical workshop in Miami after the Working Group's sixth meeting.")),
    (
        2012,
        "2012-02-06",
        ("working_group", "VII"),
        _("Seventh meeting of the Working Group, Washington, D.C."),
    ),
    (
        2013,
        "2013-03-11",
        None,
        _(
            "Workshop in Peru training prosecutors and police from Bolivia, Chile, Colombia, Ecuador, Panama and Peru."
        ),
    ),
    (
        2016,
        "2016-12-12",
        ("working_group", "IX"),
        _(
            "Ninth meeting of the Working Group, Washington, D.C.: twenty-two recommendations, including statistics, national strategies and the portal."
        ),
    ),
]
