"""The demo world, built from the network's October 2018 newsletter.

Facts the newsletter gives (partners, countries, meetings, dates, objectives, the Vademecum, the
Brussels conference, COCADE's grant and reference) are kept as written. What it does not give
(people, DIMESCA's work plan and reference, the later trainings' dates, the seventh COCADE
objective) is illustrative and marked so. Every person is fictional and reads mail at example.org.
"""

from datetime import date
from decimal import Decimal

NETWORK = "Réseau international des Cités des métiers"
PARIS = "Cité des métiers de Paris"
MARSEILLE = "Cité des métiers de Marseille et de Provence-Alpes-Côte d'Azur"
LIMOGES = "Cité des métiers de Limoges et du Limousin"
MULHOUSE = "Cité des métiers de la région mulhousienne"
MILANO = "Città dei mestieri di Milano e della Lombardia"
SDC = "Stiftung Digitale Chancen"
RIAP = "Rural Internet Access Points"
NORD_EST = "Agenția pentru Dezvoltare Regională Nord-Est"
FEUZ = "Fundación Empresa Universidad de Zaragoza"
YNTERNET = "Ynternet.org"
BRUXELLES = "Cité des métiers de Bruxelles"

# The day the demo instance runs on (DEMO_TODAY, set by bin/start): the newsletter's autumn, with
# DIMESCA's first deadlines just behind or ahead and the meetings of the agenda still to come.
DEMO_TODAY = date(2018, 10, 15)

# The acronym of the invented 2021–2027 lump-sum project.
INVENTED = "PATHWAYS"

ILLUSTRATIVE = "Illustrative demo data: the October 2018 newsletter does not give this."

# name: (short name, country, city, type, network member)
ORGANISATIONS = {
    NETWORK: ("Cités des métiers Network", "FR", "Paris", "network", False),
    PARIS: ("CdM Paris", "FR", "Paris", "career_centre", True),
    MARSEILLE: ("CdM Marseille", "FR", "Marseille", "career_centre", True),
    LIMOGES: ("CdM Limoges", "FR", "Limoges", "career_centre", True),
    MULHOUSE: ("CdM Mulhouse", "FR", "Mulhouse", "career_centre", True),
    MILANO: ("CdM Milano", "IT", "Milano", "career_centre", True),
    SDC: ("SDC", "DE", "Berlin", "foundation", False),
    RIAP: ("RIAP", "LT", "", "foundation", False),
    NORD_EST: ("ADR Nord-Est", "RO", "Piatra Neamț", "public_body", False),
    FEUZ: ("FEUZ", "ES", "Zaragoza", "foundation", False),
    YNTERNET: ("Ynternet.org", "CH", "", "foundation", False),
    BRUXELLES: ("CdM Bruxelles", "BE", "Brussels", "career_centre", True),
}

# login: (first name, last name, organisation, language, job title)
PEOPLE = {
    "officer": ("Camille", "Dubois", NETWORK, "", "Project officer"),
    "coordinator": ("Julien", "Lefèvre", NETWORK, "fr", "International coordinator"),
    "partner": ("Jana", "Becker", SDC, "de", "Project manager"),
    "paris": ("Élodie", "Bernard", PARIS, "fr", "Head of partnerships"),
    "marseille": ("Karim", "Benali", MARSEILLE, "fr", "Career counsellor"),
    "limoges": ("Sophie", "Laurent", LIMOGES, "fr", "Director"),
    "mulhouse": ("Marc", "Schmitt", MULHOUSE, "fr", "Digital mediator"),
    "milano": ("Giulia", "Rossi", MILANO, "it", "Project manager"),
    "riap": ("Rūta", "Žemaitė", RIAP, "lt", "Programme coordinator"),
    "nordest": ("Ştefan", "Popescu", NORD_EST, "ro", "Project expert"),
    "feuz": ("Lucía", "Fernández", FEUZ, "es", "Training manager"),
    "ynternet": ("Nicolas", "Favre", YNTERNET, "fr", "Researcher"),
}
OFFICER_LOGINS = ["officer"]

PROJECTS = {
    "DIMESCA": {
        "title": "Digital Inclusion, Mediation and Skills in Lifelong Career Guidance",
        "action": "KA202",
        "reference_number": "2018-1-FR01-KA202-047123",
        "national_agency": "FR01 – Agence Erasmus+ France / Education Formation",
        "start_date": date(2018, 9, 1),
        "end_date": date(2020, 8, 31),
        "eu_grant": None,
        "officer": "officer",
        "description": (
            "« E-Skills@CareerGuidance »: capitalise on good practices in Europe to experiment "
            "and strengthen the service offer in digital mediation and inclusion in Cités des "
            "métiers and other spaces such as libraries. The reference number is illustrative."
        ),
    },
    "COCADE": {
        "title": "Coordination and capacity development in integrated career-guidance spaces",
        "action": "KA202",
        "reference_number": "2017-1-FR01-KA202-037403",
        "national_agency": "FR01 – Agence Erasmus+ France / Education Formation",
        "start_date": date(2017, 9, 1),
        "end_date": date(2019, 2, 28),
        "eu_grant": Decimal("185195.00"),
        "officer": "officer",
        "description": (
            "Partnership management and the training of counsellors in integrated reception, "
            "information and counselling spaces. The full title is illustrative."
        ),
    },
    # Invented: no such project exists. It shows the lump sum of the 2021–2027 rules beside
    # COCADE's budget headings, and is dated into the demo's autumn 2018 (a real KA220 starts in
    # 2022 or later) so that its work plan has a past and a future on the demo's day.
    INVENTED: {
        "title": "Illustrative example: guidance pathways for adults returning to learning",
        "action": "KA220-ADU",
        "reference_number": "2022-1-FR01-KA220-ADU-000000000",
        "national_agency": "FR01 – Agence Erasmus+ France / Education Formation",
        "start_date": date(2017, 12, 1),
        "end_date": date(2020, 5, 31),
        "eu_grant": Decimal("250000.00"),
        "officer": "officer",
        "description": (
            "Illustrative, invented for the demo: not a real project. It shows how a 2021–2027 "
            "cooperation partnership is paid: a lump sum of 250,000 EUR of the 2022 call, split "
            "over five work packages and the partners. Its dates are moved into the demo's "
            "2018 so that some deliverables are approved and some late; its reference number "
            "is made up."
        ),
    },
}

# project: [(organisation, role, contact logins)]
PARTNERSHIPS = {
    "DIMESCA": [
        (NETWORK, "coordinator", ["coordinator"]),
        (LIMOGES, "partner", ["limoges"]),
        (MULHOUSE, "partner", ["mulhouse"]),
        (MILANO, "partner", ["milano"]),
        (SDC, "partner", ["partner"]),
        (RIAP, "partner", ["riap"]),
        (NORD_EST, "partner", ["nordest"]),
        (FEUZ, "partner", ["feuz"]),
        (YNTERNET, "associated", ["ynternet"]),
    ],
    "COCADE": [
        (NETWORK, "coordinator", ["coordinator"]),
        (PARIS, "partner", ["paris"]),
        (MARSEILLE, "partner", ["marseille"]),
    ],
    INVENTED: [
        (NETWORK, "coordinator", ["coordinator"]),
        (MARSEILLE, "partner", ["marseille"]),
        (MILANO, "partner", ["milano"]),
        (FEUZ, "partner", ["feuz"]),
        (NORD_EST, "partner", ["nordest"]),
    ],
}

# project: [(number, title, status, description)]
OBJECTIVES = {
    "COCADE": [
        (
            1,
            "Experiment and formalise the initial training programme for career practitioners "
            "and counsellors newly arrived in Cités des métiers and similar spaces",
            "almost_achieved",
            "",
        ),
        (
            2,
            "Identify good practices and documentation on the animation and coordination of "
            "reception, information and counselling areas in integrated spaces",
            "almost_achieved",
            "",
        ),
        (
            3,
            "Strengthen the coordination of compartmentalised partnerships for the development "
            "of spaces for reception, information and counselling in vocational guidance",
            "almost_achieved",
            "",
        ),
        (
            4,
            "Strengthen the methods to better take into account specific clients (migrants, "
            "people with disabilities, young NEETs)",
            "in_progress",
            "",
        ),
        (5, "Consolidate the soft skills of counsellors and practitioners", "in_progress", ""),
        (
            6,
            "Promote the skills acquired by the counsellors and practitioners who took part in "
            "the training",
            "in_progress",
            "",
        ),
        (
            7,
            "Disseminate the project's results across the Network and to European stakeholders",
            "in_progress",
            ILLUSTRATIVE,
        ),
    ],
}

# project: (day, reviewer login, comment) of the meeting that last reviewed the objectives
OBJECTIVE_REVIEWS = {
    "COCADE": (
        date(2018, 9, 14),
        "coordinator",
        "Reviewed on the second day of the fourth coordination meeting, in Marseille.",
    ),
}

# project: [(code, title, lead)]
WORK_PACKAGES = {
    "DIMESCA": [
        ("WP1", "Project management and quality", NETWORK),
        ("IO1", "Digital watch: the impact of ICT on guidance services", SDC),
        ("IO2", "Training programme in digital mediation for career guidance", MILANO),
        ("IO3", "Digital inclusion toolbox", FEUZ),
        ("WP4", "Dissemination and exploitation", NORD_EST),
    ],
    INVENTED: [
        ("WP1", "Project management", NETWORK),
        ("WP2", "Adult learners' guidance needs", FEUZ),
        ("WP3", "Guidance pathway toolkit", MILANO),
        ("WP4", "Pilots in guidance centres", MARSEILLE),
        ("WP5", "Dissemination and sustainability", NORD_EST),
    ],
}

# project: [(code, title, kind, work package, lead, contributors, due, status, description)]
DELIVERABLES = {
    "COCADE": [
        (
            "IO2",
            "Vademecum of good practices in partnership management in integrated spaces",
            "guide",
            None,
            PARIS,
            [MARSEILLE, NETWORK],
            date(2018, 11, 30),
            "in_progress",
            "First version discussed at the coordination meeting in Marseille; to be finalised "
            "and disseminated by November 2018.",
        ),
    ],
    "DIMESCA": [
        (
            "D1.1",
            "Project handbook and quality plan",
            "guide",
            "WP1",
            NETWORK,
            [],
            date(2018, 10, 5),
            "approved",
            ILLUSTRATIVE,
        ),
        (
            "D1.2",
            "Partnership agreements signed by every partner",
            "other",
            "WP1",
            NETWORK,
            [],
            date(2018, 10, 10),
            "in_progress",
            ILLUSTRATIVE,
        ),
        (
            "D4.1",
            "Dissemination plan and visual identity",
            "dissemination",
            "WP4",
            NORD_EST,
            [NETWORK],
            date(2018, 10, 12),
            "submitted",
            ILLUSTRATIVE,
        ),
        (
            "IO1.1",
            "State of the art: digital skills in career guidance services",
            "guide",
            "IO1",
            SDC,
            [LIMOGES, RIAP],
            date(2018, 10, 26),
            "in_progress",
            ILLUSTRATIVE,
        ),
        (
            "IO1.2",
            "Digital watch toolkit for guidance practitioners",
            "tool",
            "IO1",
            SDC,
            [MULHOUSE],
            date(2019, 1, 15),
            "planned",
            ILLUSTRATIVE,
        ),
        (
            "IO2.1",
            "Training curriculum for digital mediators",
            "training",
            "IO2",
            MILANO,
            [LIMOGES, MULHOUSE],
            date(2019, 1, 20),
            "planned",
            ILLUSTRATIVE,
        ),
        (
            "IO2.2",
            "Materials of the four training activities",
            "training",
            "IO2",
            MULHOUSE,
            [MILANO, SDC],
            date(2020, 4, 30),
            "planned",
            ILLUSTRATIVE,
        ),
        (
            "IO3.1",
            "Digital inclusion toolbox for libraries and guidance centres",
            "tool",
            "IO3",
            FEUZ,
            [NORD_EST, RIAP],
            date(2020, 3, 31),
            "planned",
            ILLUSTRATIVE,
        ),
        (
            "D4.2",
            "Final publication",
            "dissemination",
            "WP4",
            NETWORK,
            [YNTERNET],
            date(2020, 8, 31),
            "planned",
            ILLUSTRATIVE,
        ),
    ],
    INVENTED: [
        (
            "D1.1",
            "Project handbook",
            "guide",
            "WP1",
            NETWORK,
            [],
            date(2018, 1, 31),
            "approved",
            ILLUSTRATIVE,
        ),
        (
            "D1.2",
            "Interim report",
            "guide",
            "WP1",
            NETWORK,
            [MARSEILLE, MILANO, FEUZ, NORD_EST],
            date(2019, 5, 31),
            "planned",
            ILLUSTRATIVE,
        ),
        (
            "D2.1",
            "Survey of adult learners returning to learning",
            "guide",
            "WP2",
            FEUZ,
            [NORD_EST],
            date(2018, 4, 30),
            "approved",
            ILLUSTRATIVE,
        ),
        (
            "D2.2",
            "Needs analysis report",
            "guide",
            "WP2",
            FEUZ,
            [NETWORK],
            date(2018, 10, 5),
            "in_progress",
            ILLUSTRATIVE,
        ),
        (
            "D3.1",
            "Guidance pathway toolkit, first version",
            "tool",
            "WP3",
            MILANO,
            [MARSEILLE],
            date(2018, 10, 9),
            "in_progress",
            ILLUSTRATIVE,
        ),
        (
            "D3.2",
            "Guidance pathway toolkit, final version",
            "tool",
            "WP3",
            MILANO,
            [FEUZ],
            date(2019, 9, 30),
            "planned",
            ILLUSTRATIVE,
        ),
        (
            "D4.1",
            "Pilot plan for the guidance centres",
            "guide",
            "WP4",
            MARSEILLE,
            [MILANO],
            date(2018, 10, 31),
            "in_progress",
            ILLUSTRATIVE,
        ),
        (
            "D4.2",
            "Report on the pilots",
            "guide",
            "WP4",
            MARSEILLE,
            [NETWORK],
            date(2020, 3, 31),
            "planned",
            ILLUSTRATIVE,
        ),
        (
            "D5.1",
            "Dissemination plan",
            "dissemination",
            "WP5",
            NORD_EST,
            [NETWORK],
            date(2018, 2, 28),
            "approved",
            ILLUSTRATIVE,
        ),
        (
            "D5.2",
            "Final publication",
            "dissemination",
            "WP5",
            NORD_EST,
            [NETWORK],
            date(2020, 5, 15),
            "planned",
            ILLUSTRATIVE,
        ),
    ],
}

# (project, deliverable code, link, submitted by login)
SUBMISSIONS = [
    ("DIMESCA", "D1.1", "https://example.org/dimesca/project-handbook.pdf", "coordinator"),
    ("DIMESCA", "D4.1", "https://example.org/dimesca/dissemination-plan.pdf", "nordest"),
    (INVENTED, "D1.1", "https://example.org/pathways/project-handbook.pdf", "coordinator"),
    (INVENTED, "D2.1", "https://example.org/pathways/learner-survey.pdf", "feuz"),
    (INVENTED, "D5.1", "https://example.org/pathways/dissemination-plan.pdf", "nordest"),
]

# (project or None, kind, title, start, end, host, venue, city, country, online, minutes)
MEETINGS = [
    (
        "COCADE",
        # COCADE's kick-off was its first transnational project meeting: the seed's "fourth
        # coordination meeting" in September 2018 counts it.
        "transnational",
        "Coordination meeting of the Erasmus+ project COCADE",
        date(2017, 10, 12),
        date(2017, 10, 13),
        NETWORK,
        "",
        "Paris",
        "FR",
        False,
        ILLUSTRATIVE,
    ),
    (
        "COCADE",
        "transnational",
        "Coordination meeting of the Erasmus+ project COCADE",
        date(2018, 2, 8),
        date(2018, 2, 9),
        PARIS,
        "",
        "Paris",
        "FR",
        False,
        ILLUSTRATIVE,
    ),
    (
        "COCADE",
        "transnational",
        "Coordination meeting of the Erasmus+ project COCADE",
        date(2018, 5, 17),
        date(2018, 5, 18),
        MARSEILLE,
        "",
        "Marseille",
        "FR",
        False,
        ILLUSTRATIVE,
    ),
    (
        "COCADE",
        "transnational",
        "Coordination meeting of the Erasmus+ project COCADE",
        date(2018, 9, 13),
        date(2018, 9, 14),
        MARSEILLE,
        "",
        "Marseille",
        "FR",
        False,
        "First version of the Vademecum discussed; first results and next steps on day two.",
    ),
    (
        "DIMESCA",
        "kick_off",
        "Kick-off meeting of the Erasmus+ project DIMESCA",
        date(2018, 9, 24),
        date(2018, 9, 25),
        SDC,
        "",
        "Berlin",
        "DE",
        False,
        "14 people from the 9 partner organisations; actions planned for the project.",
    ),
    (
        None,
        "governance",
        "Meeting of the Executive Committee",
        date(2018, 10, 3),
        date(2018, 10, 3),
        NETWORK,
        "",
        "",
        "",
        True,
        "",
    ),
    (
        None,
        "external",
        "Meeting of the working group Vocational Education and Training",
        date(2018, 10, 4),
        date(2018, 10, 4),
        BRUXELLES,
        "",
        "Brussels",
        "BE",
        False,
        "",
    ),
    (
        None,
        "governance",
        "Meeting of the limited Executive Committee",
        date(2018, 10, 19),
        date(2018, 10, 19),
        NETWORK,
        "",
        "",
        "",
        True,
        "",
    ),
    (
        None,
        "governance",
        "Meeting of the Italian Città dei mestieri",
        date(2018, 10, 24),
        date(2018, 10, 24),
        None,
        "",
        "Torino",
        "IT",
        False,
        "",
    ),
    (
        "COCADE",
        "transnational",
        "Coordination meeting of the Erasmus+ project COCADE",
        date(2018, 10, 25),
        date(2018, 10, 26),
        None,
        "",
        "Torino",
        "IT",
        False,
        "",
    ),
    (
        None,
        "governance",
        "Labelling committee",
        date(2018, 11, 7),
        date(2018, 11, 7),
        NETWORK,
        "Paris la Villette",
        "Paris",
        "FR",
        False,
        "",
    ),
    (
        None,
        "governance",
        "CDM21 meeting",
        date(2018, 11, 8),
        date(2018, 11, 8),
        NETWORK,
        "Paris la Villette",
        "Paris",
        "FR",
        False,
        "",
    ),
    (
        None,
        "governance",
        "Permanent Assembly of Managers",
        date(2018, 11, 9),
        date(2018, 11, 9),
        NETWORK,
        "Paris la Villette",
        "Paris",
        "FR",
        False,
        "",
    ),
    (
        "COCADE",
        "multiplier",
        "Final conference of the Erasmus+ project COCADE",
        date(2019, 1, 24),
        date(2019, 1, 24),
        None,
        "",
        "Brussels",
        "BE",
        False,
        "The results of the project are presented.",
    ),
    (
        "DIMESCA",
        "training",
        "DIMESCA training 1: digital watch",
        date(2019, 1, 29),
        date(2019, 1, 31),
        PARIS,
        "",
        "Paris",
        "FR",
        False,
        "Identify and anticipate the impact of ICT in guidance services for clients and "
        "professionals. The newsletter says the end of January 2019; the exact days are "
        "illustrative.",
    ),
    (
        "DIMESCA",
        "training",
        "DIMESCA training 2",
        date(2019, 6, 18),
        date(2019, 6, 20),
        MILANO,
        "",
        "Milano",
        "IT",
        False,
        ILLUSTRATIVE,
    ),
    (
        "DIMESCA",
        "training",
        "DIMESCA training 3",
        date(2019, 11, 19),
        date(2019, 11, 21),
        FEUZ,
        "",
        "Zaragoza",
        "ES",
        False,
        ILLUSTRATIVE,
    ),
    (
        "DIMESCA",
        "training",
        "DIMESCA training 4",
        date(2020, 3, 24),
        date(2020, 3, 26),
        SDC,
        "",
        "Berlin",
        "DE",
        False,
        ILLUSTRATIVE,
    ),
    (
        INVENTED,
        "kick_off",
        "Kick-off meeting of PATHWAYS",
        date(2017, 12, 14),
        date(2017, 12, 15),
        NETWORK,
        "",
        "Paris",
        "FR",
        False,
        ILLUSTRATIVE,
    ),
    (
        INVENTED,
        "transnational",
        "PATHWAYS project meeting in Milano",
        date(2018, 6, 12),
        date(2018, 6, 13),
        MILANO,
        "",
        "Milano",
        "IT",
        False,
        ILLUSTRATIVE,
    ),
    (
        INVENTED,
        "transnational",
        "PATHWAYS project meeting in Zaragoza",
        date(2019, 3, 19),
        date(2019, 3, 20),
        FEUZ,
        "",
        "Zaragoza",
        "ES",
        False,
        ILLUSTRATIVE,
    ),
]

# (meeting title, meeting start, description, owner login, due, status)
ACTION_ITEMS = [
    (
        "Coordination meeting of the Erasmus+ project COCADE",
        date(2018, 9, 13),
        "Send comments on the first version of the Vademecum",
        "marseille",
        date(2018, 10, 15),
        "done",
    ),
    (
        "Coordination meeting of the Erasmus+ project COCADE",
        date(2018, 9, 13),
        "Finalise and disseminate the Vademecum",
        "paris",
        date(2018, 11, 30),
        "in_progress",
    ),
    (
        "Kick-off meeting of the Erasmus+ project DIMESCA",
        date(2018, 9, 24),
        "Share the digital watch questionnaire with all partners",
        "partner",
        date(2018, 10, 8),
        "open",
    ),
]

# project: [(title, date, place, channel, audience, link, partner, notes)]. Illustrative: the
# newsletter tells of the events, not of each partner's posts and their audiences.
DISSEMINATION = {
    "DIMESCA": [
        (
            "Launch of DIMESCA announced on the network's website",
            date(2018, 9, 12),
            "citedesmetiers.fr",
            "website",
            None,
            "https://www.example.org/dimesca/launch",
            NETWORK,
            ILLUSTRATIVE,
        ),
        (
            "Presentation of the project to the Berlin digital inclusion round table",
            date(2018, 9, 27),
            "Berlin",
            "event",
            35,
            "",
            SDC,
            ILLUSTRATIVE,
        ),
        (
            "Post on the partnership's kick-off in Zaragoza",
            date(2018, 10, 3),
            "Facebook and LinkedIn",
            "social_media",
            640,
            "https://www.example.org/feuz/dimesca-kick-off",
            FEUZ,
            ILLUSTRATIVE,
        ),
    ],
    "COCADE": [
        (
            "The Vademecum's first version discussed with regional guidance services",
            date(2018, 6, 14),
            "Marseille",
            "event",
            48,
            "",
            MARSEILLE,
            ILLUSTRATIVE,
        ),
        (
            "Article on integrated career-guidance spaces in the network's review",
            date(2018, 9, 20),
            "Revue des Cités des métiers",
            "publication",
            1500,
            "https://www.example.org/revue/2018-09",
            NETWORK,
            ILLUSTRATIVE,
        ),
    ],
}

# project: [(title, description, languages, licence, link, deliverable code, partner)]
RESULTS = {
    "COCADE": [
        (
            "Vademecum of good practices in partnership management in integrated spaces",
            "A guide for the managers of integrated reception, information and counselling "
            "spaces: how to set up and run a partnership of guidance services under one roof. "
            + ILLUSTRATIVE,
            ["fr", "en"],
            "cc_by_sa_4",
            "https://www.example.org/cocade/vademecum",
            "IO2",
            PARIS,
        ),
    ],
    "DIMESCA": [
        (
            "State of the art: digital skills in career guidance services",
            "A review of how digital tools change career-guidance services in six countries, "
            "with good practices in digital mediation. " + ILLUSTRATIVE,
            ["en", "de", "fr", "it", "ro", "es"],
            "cc_by_4",
            "",
            "IO1.1",
            SDC,
        ),
    ],
}

# COCADE's grant is the newsletter's; its split over the 2014–2020 budget headings is
# illustrative, worked out from the programme's unit costs (18 months of project management at
# 500 EUR for the coordinator and 250 EUR for each partner; 20 meeting journeys at 575 EUR).
# project: [(heading, organisation, amount)]
BUDGET_HEADINGS = {
    "COCADE": [
        ("management", NETWORK, Decimal("9000.00")),
        ("management", PARIS, Decimal("4500.00")),
        ("management", MARSEILLE, Decimal("4500.00")),
        ("meetings", NETWORK, Decimal("3450.00")),
        ("meetings", PARIS, Decimal("4025.00")),
        ("meetings", MARSEILLE, Decimal("4025.00")),
        ("outputs", NETWORK, Decimal("41695.00")),
        ("outputs", PARIS, Decimal("52000.00")),
        ("outputs", MARSEILLE, Decimal("30000.00")),
        ("multiplier", NETWORK, Decimal("12000.00")),
        ("training", PARIS, Decimal("10000.00")),
        ("training", MARSEILLE, Decimal("10000.00")),
    ],
}

# Illustrative lump-sum splits, marked so on every page: DIMESCA was funded by budget
# headings, and shows here how a 250,000 EUR lump sum of the 2021–2027 rules would be shared.
# project: (management work package, [(work package, organisation, amount)])
ILLUSTRATIVE_LUMP_SUMS = {
    "DIMESCA": (
        "WP1",
        [
            # Ynternet.org is an associated partner: it receives no part of the grant.
            ("WP1", NETWORK, Decimal("27500.00")),
            *[
                ("WP1", partner, Decimal("2500.00"))
                for partner in (LIMOGES, MULHOUSE, MILANO, SDC, RIAP, NORD_EST, FEUZ)
            ],
            ("IO1", SDC, Decimal("30000.00")),
            ("IO1", LIMOGES, Decimal("10000.00")),
            ("IO1", RIAP, Decimal("10000.00")),
            ("IO1", MULHOUSE, Decimal("5000.00")),
            ("IO2", MILANO, Decimal("30000.00")),
            ("IO2", MULHOUSE, Decimal("20000.00")),
            ("IO2", LIMOGES, Decimal("10000.00")),
            ("IO2", SDC, Decimal("10000.00")),
            ("IO3", FEUZ, Decimal("30000.00")),
            ("IO3", NORD_EST, Decimal("10000.00")),
            ("IO3", RIAP, Decimal("10000.00")),
            ("WP4", NORD_EST, Decimal("15000.00")),
            ("WP4", NETWORK, Decimal("15000.00")),
        ],
    ),
    # The invented project's lump sum of the 2022 call: project management takes 45,000 EUR,
    # 18 % of it (at most 20 %).
    INVENTED: (
        "WP1",
        [
            ("WP1", NETWORK, Decimal("25000.00")),
            *[
                ("WP1", partner, Decimal("5000.00"))
                for partner in (MARSEILLE, MILANO, FEUZ, NORD_EST)
            ],
            ("WP2", FEUZ, Decimal("30000.00")),
            ("WP2", NETWORK, Decimal("10000.00")),
            ("WP2", NORD_EST, Decimal("10000.00")),
            ("WP3", MILANO, Decimal("35000.00")),
            ("WP3", MARSEILLE, Decimal("15000.00")),
            ("WP3", FEUZ, Decimal("15000.00")),
            ("WP4", MARSEILLE, Decimal("30000.00")),
            ("WP4", MILANO, Decimal("15000.00")),
            ("WP4", NETWORK, Decimal("10000.00")),
            ("WP5", NORD_EST, Decimal("20000.00")),
            ("WP5", NETWORK, Decimal("10000.00")),
            ("WP5", MILANO, Decimal("5000.00")),
        ],
    ),
}

COCADE_MEETING = "Coordination meeting of the Erasmus+ project COCADE"

# The evidence a meeting's agenda, attendance and signed list of participants give.
# (meeting title, start): agenda
AGENDAS = {
    (COCADE_MEETING, date(2017, 10, 12)): (
        "Day 1: welcome and introductions; the grant agreement, the partnership agreements and "
        "the budget rules; the work plan and the calendar.\n"
        "Day 2: the method of the Vademecum (IO2); the initial training programme for "
        "counsellors (IO1); quality, reporting and the next meeting."
    ),
    (COCADE_MEETING, date(2018, 2, 8)): (
        "Day 1: the good practices gathered by each partner; the outline of the Vademecum.\n"
        "Day 2: the first training module tried in Paris; the dissemination plan; the budget "
        "spent so far."
    ),
    (COCADE_MEETING, date(2018, 5, 17)): (
        "Day 1: visit of the Cité des métiers de Marseille; the training of counsellors "
        "newly arrived.\n"
        "Day 2: specific clients (migrants, people with disabilities, young NEETs); the interim "
        "report."
    ),
    (COCADE_MEETING, date(2018, 9, 13)): (
        "Day 1: the first version of the Vademecum, chapter by chapter.\n"
        "Day 2: first results and next steps; the final conference in Brussels."
    ),
    (COCADE_MEETING, date(2018, 10, 25)): (
        "Day 1: the Vademecum's final version; the soft skills of counsellors.\n"
        "Day 2: the final conference's programme; the final report."
    ),
    ("Final conference of the Erasmus+ project COCADE", date(2019, 1, 24)): (
        "Morning: the Vademecum of good practices and the training programme presented.\n"
        "Afternoon: round table with guidance services from across Europe; what comes next."
    ),
    ("Kick-off meeting of PATHWAYS", date(2017, 12, 14)): (
        "Day 1: the partners and the work plan; the lump sum and how each work package is "
        "paid.\nDay 2: the survey of adult learners (WP2); the dissemination plan (WP5)."
    ),
    ("PATHWAYS project meeting in Milano", date(2018, 6, 12)): (
        "Day 1: the survey's results; the outline of the guidance pathway toolkit.\n"
        "Day 2: the pilots in the guidance centres; the calendar to the end of 2018."
    ),
}

# (meeting title, start): (logins of the partners' people who came, signed list scanned)
# COCADE's meeting of May 2018 has its attendance but not its signed list: the gap the budget
# shows at risk.
ATTENDANCE = {
    (COCADE_MEETING, date(2017, 10, 12)): (["coordinator", "paris", "marseille"], True),
    (COCADE_MEETING, date(2018, 2, 8)): (["coordinator", "paris", "marseille"], True),
    (COCADE_MEETING, date(2018, 5, 17)): (["coordinator", "marseille"], False),
    (COCADE_MEETING, date(2018, 9, 13)): (["coordinator", "paris", "marseille"], True),
    ("Kick-off meeting of PATHWAYS", date(2017, 12, 14)): (
        ["coordinator", "marseille", "milano", "feuz", "nordest"],
        True,
    ),
    ("PATHWAYS project meeting in Milano", date(2018, 6, 12)): (
        ["coordinator", "milano", "feuz", "nordest"],
        True,
    ),
}

# People from outside the partners invited to an event: (meeting title, start, name,
# organisation, country, type). Fictional people and organisations.
GUESTS = [
    ("Final conference of the Erasmus+ project COCADE", date(2019, 1, 24), "Anne Lambert",
     "Brussels Guidance Forum", "BE", "stakeholder"),
    ("Final conference of the Erasmus+ project COCADE", date(2019, 1, 24), "Pieter Janssens",
     "Flemish Career Counsellors' Association", "BE", "staff"),
]  # fmt: skip

# Events whose online sign-in the coordinator has opened: (meeting title, start, language).
SIGN_INS = [("Final conference of the Erasmus+ project COCADE", date(2019, 1, 24), "fr")]


# The French its French-speaking members write for the titles and places above (a project's,
# an objective's, a deliverable's, a meeting's), by the original. A place French writes as the
# original does is listed too: it has its French version, the same word.
FRENCH = {
    "Digital Inclusion, Mediation and Skills in Lifelong Career Guidance": (
        "Inclusion numérique, médiation et compétences dans l’orientation tout au long de la vie"
    ),
    "Coordination and capacity development in integrated career-guidance spaces": (
        "Coordination et développement des capacités dans les espaces intégrés d’orientation"
    ),
    "Experiment and formalise the initial training programme for career practitioners and "
    "counsellors newly arrived in Cités des métiers and similar spaces": (
        "Expérimenter et formaliser le programme de formation initiale des professionnels et "
        "conseillers nouvellement arrivés dans les Cités des métiers et les espaces similaires"
    ),
    "Identify good practices and documentation on the animation and coordination of "
    "reception, information and counselling areas in integrated spaces": (
        "Repérer les bonnes pratiques et la documentation sur l’animation et la coordination "
        "des espaces d’accueil, d’information et de conseil dans les espaces intégrés"
    ),
    "Strengthen the coordination of compartmentalised partnerships for the development of "
    "spaces for reception, information and counselling in vocational guidance": (
        "Renforcer la coordination de partenariats cloisonnés pour le développement d’espaces "
        "d’accueil, d’information et de conseil en orientation professionnelle"
    ),
    "Strengthen the methods to better take into account specific clients (migrants, people "
    "with disabilities, young NEETs)": (
        "Renforcer les méthodes pour mieux prendre en compte les publics spécifiques (personnes "
        "migrantes, personnes en situation de handicap, jeunes NEET)"
    ),
    "Consolidate the soft skills of counsellors and practitioners": (
        "Consolider les compétences transversales des conseillers et des professionnels"
    ),
    "Promote the skills acquired by the counsellors and practitioners who took part in the "
    "training": (
        "Valoriser les compétences acquises par les conseillers et les professionnels qui ont "
        "suivi la formation"
    ),
    "Disseminate the project's results across the Network and to European stakeholders": (
        "Diffuser les résultats du projet dans le Réseau et auprès des acteurs européens"
    ),
    "Vademecum of good practices in partnership management in integrated spaces": (
        "Vademecum des bonnes pratiques de gestion partenariale dans les espaces intégrés"
    ),
    "Project handbook and quality plan": "Manuel de projet et plan qualité",
    "Partnership agreements signed by every partner": (
        "Conventions de partenariat signées par chaque partenaire"
    ),
    "Dissemination plan and visual identity": "Plan de diffusion et identité visuelle",
    "State of the art: digital skills in career guidance services": (
        "État de l’art\u00a0: les compétences numériques dans les services d’orientation"
    ),
    "Digital watch toolkit for guidance practitioners": (
        "Boîte à outils de veille numérique pour les professionnels de l’orientation"
    ),
    "Training curriculum for digital mediators": "Programme de formation des médiateurs numériques",
    "Materials of the four training activities": "Supports des quatre activités de formation",
    "Digital inclusion toolbox for libraries and guidance centres": (
        "Boîte à outils d’inclusion numérique pour les bibliothèques et les centres d’orientation"
    ),
    "Final publication": "Publication finale",
    "Kick-off meeting of the Erasmus+ project COCADE": (
        "Réunion de lancement du projet Erasmus+ COCADE"
    ),
    "Coordination meeting of the Erasmus+ project COCADE": (
        "Réunion de coordination du projet Erasmus+ COCADE"
    ),
    "Kick-off meeting of the Erasmus+ project DIMESCA": (
        "Réunion de lancement du projet Erasmus+ DIMESCA"
    ),
    "Meeting of the Executive Committee": "Réunion du Comité exécutif",
    "Meeting of the working group Vocational Education and Training": (
        "Réunion du groupe de travail Enseignement et formation professionnels"
    ),
    "Meeting of the limited Executive Committee": "Réunion du Comité exécutif restreint",
    "Meeting of the Italian Città dei mestieri": "Réunion des Città dei mestieri italiennes",
    "Labelling committee": "Comité de labellisation",
    "CDM21 meeting": "Réunion CDM21",
    "Permanent Assembly of Managers": "Assemblée permanente des responsables",
    "Final conference of the Erasmus+ project COCADE": (
        "Conférence finale du projet Erasmus+ COCADE"
    ),
    "DIMESCA training 1: digital watch": "Formation DIMESCA 1\u00a0: veille numérique",
    "DIMESCA training 2": "Formation DIMESCA 2",
    "DIMESCA training 3": "Formation DIMESCA 3",
    "DIMESCA training 4": "Formation DIMESCA 4",
    "Illustrative example: guidance pathways for adults returning to learning": (
        "Exemple illustratif\u00a0: des parcours d’orientation pour les adultes qui reprennent "
        "une formation"
    ),
    "Kick-off meeting of PATHWAYS": "Réunion de lancement de PATHWAYS",
    "PATHWAYS project meeting in Milano": "Réunion du projet PATHWAYS à Milan",
    "PATHWAYS project meeting in Zaragoza": "Réunion du projet PATHWAYS à Saragosse",
    "Brussels": "Bruxelles",
    "Torino": "Turin",
    "Milano": "Milan",
    "Zaragoza": "Saragosse",
    "Paris": "Paris",
    "Marseille": "Marseille",
    "Berlin": "Berlin",
    "Paris la Villette": "Paris la Villette",
}
