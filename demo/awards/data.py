"""The Awards' plain data: countries, judges, rubric, the 14th's entries and comments."""

# The 26 countries of the 14th edition's entries (none is a judge's country): 13 per region.
AWARD_COUNTRIES = {
    "asia": ["BD", "BN", "CN", "ID", "KH", "KR", "KZ", "MM", "MN", "MY", "PH", "SG", "TH"],
    "europe": ["AT", "BE", "CZ", "DE", "DK", "EE", "FR", "GB", "GR", "HU", "IE", "NL", "PL"],
}
# In these 5 countries the third teacher works at the third school; elsewhere at the first,
# beside teacher1: 21 x 2 + 5 x 3 = 57 schools for 78 teachers.
THREE_SCHOOL_COUNTRIES = {"CN", "KR", "SG", "GB", "NL"}
AWARD_STUDENTS = 1110

# email, full name, country: judge@classnet.demo (seed.py) chairs; the others are new.
JUDGES = [
    ("judge@classnet.demo", "Kenji Watanabe", "JP"),
    ("judge2@classnet.demo", "Elena Moreno", "ES"),
    ("judge3@classnet.demo", "Priya Raman", "IN"),
    ("judge4@classnet.demo", "Lars Nyberg", "SE"),
    ("judge5@classnet.demo", "Nguyen Thi Lan", "VN"),
]
# How each judge scores, on average, compared with the others: one harsh, one lenient.
JUDGE_BIAS = [0.0, 0.3, -0.5, 0.4, -0.2]

CATEGORIES = [
    (
        "Science, technology and the environment",
        "Collaborations in which students investigate, build or measure something together: "
        "STEM, the environment, health.",
    ),
    (
        "Culture, society and citizenship",
        "Collaborations about identity, heritage, languages, equality and taking part in society.",
    ),
]
# name, rank, winners per category (at most: published winners are decided by staff).
LEVELS = [("Gold", 1, 2), ("Merit", 2, 2)]

LEVEL_WORDS = [
    "No evidence of {x}.",
    "Some evidence of {x}, in one partner school or in one activity only.",
    "Clear evidence of {x} in most partner schools.",
    "Strong evidence of {x} in every partner school, throughout the collaboration.",
    "Exemplary {x}, shown in the students' own work and worth sharing with the network.",
]
# name, guidance for judges, what the descriptors are about; Learning outcomes is primary.
CRITERIA = [
    (
        "Intercultural understanding",
        "Did students learn about each other's cultures and question their own assumptions?",
        "students learning with and about each other's cultures",
    ),
    (
        "Teamwork",
        "Did students work in mixed teams across schools, and did the teachers plan together?",
        "students and teachers working as one team across borders",
    ),
    (
        "Knowledge-sharing",
        "Were results shared beyond the classrooms: with families, schools, the network?",
        "results shared beyond the partner classrooms",
    ),
    (
        "Use of ICT",
        "Were digital tools used purposefully, safely and accessibly for every school?",
        "digital tools used purposefully and accessibly",
    ),
    (
        "Learning outcomes",
        "What did students learn, and how does the entry show it (products, assessment)?",
        "learning shown in the students' work and assessment",
    ),
]

# title, summary, subjects, themes, category index, quality (how judges see it, 1 to 5).
# The six highest are the winners; the judges' scores are generated around the quality.
AWARD_PROJECTS = [
    (
        "Girls Who Code the Ocean",
        "Mixed teams analyse beach-litter data in Python and publish an open map of plastic.",
        ["Computer science and ICT", "Environmental science"],
        ["gender equality", "oceans"],
        0,
        4.7,
    ),
    (
        "Solar Cookers Challenge",
        "Classes design solar cookers from local materials and compare results by latitude.",
        ["Physics", "Design and technology"],
        ["energy", "climate"],
        0,
        3.8,
    ),
    (
        "Air We Share",
        "Students build air-quality sensors and compare a school year of readings.",
        ["Chemistry", "Computer science and ICT"],
        ["air quality", "robotics"],
        0,
        3.1,
    ),
    (
        "Mangroves and Marshes",
        "Coastal and inland classes study wetlands and write a shared field guide.",
        ["Biology", "Geography"],
        ["water", "biodiversity"],
        0,
        4.5,
    ),
    (
        "Seeds of Tomorrow",
        "A seed library of local crops, with germination experiments in every school.",
        ["Biology", "Environmental science"],
        ["food", "biodiversity"],
        0,
        2.8,
    ),
    (
        "Maths Behind the Music",
        "Ratios, rhythms and scales from each country's music, modelled and played online.",
        ["Mathematics", "Music"],
        ["music", "STEM"],
        0,
        3.0,
    ),
    (
        "Rain Gardens for Our Schools",
        "Students measure run-off, then plan and plant a rain garden in each school.",
        ["Environmental science", "Design and technology"],
        ["water", "climate"],
        0,
        2.6,
    ),
    (
        "Women Engineers Then and Now",
        "Interviews with women engineers of each country become a travelling exhibition.",
        ["STEM", "History"],
        ["gender equality", "careers"],
        0,
        3.3,
    ),
    (
        "Bridges of Paper and Code",
        "Teams design bridges in a simulator, then build and load-test paper models.",
        ["Physics", "Mathematics"],
        ["engineering"],
        0,
        2.4,
    ),
    (
        "Night Sky Observers",
        "Classes in both hemispheres observe the same sky events and compare notebooks.",
        ["Physics", "Geography"],
        ["astronomy"],
        0,
        2.9,
    ),
    (
        "Our Grandmothers' Jobs",
        "Students interview older women about their working lives and compare two centuries.",
        ["History", "Social studies"],
        ["gender equality", "heritage"],
        1,
        4.6,
    ),
    (
        "Street Art and Identity",
        "Murals in each school answer the partner classes' questions about who we are.",
        ["Arts", "Citizenship and civics"],
        ["art", "identity"],
        1,
        3.2,
    ),
    (
        "Youth Voices on Equality",
        "A student-led survey on equality at school, and a joint manifesto for school boards.",
        ["Citizenship and civics", "Social studies"],
        ["gender equality", "democracy"],
        1,
        3.9,
    ),
    (
        "Lullabies of the World",
        "Families record lullabies; students translate them and make a bilingual songbook.",
        ["Music", "Language and literature"],
        ["music", "heritage"],
        1,
        2.7,
    ),
    (
        "Sport Without Stereotypes",
        "Classes try each other's traditional games and question who plays which sport.",
        ["Physical education", "Health education"],
        ["gender equality", "sport"],
        1,
        3.7,
    ),
    (
        "Letters to 2030",
        "Students write letters to their future selves about the Sustainable Development Goals.",
        ["English", "Citizenship and civics"],
        ["SDGs"],
        1,
        2.5,
    ),
    (
        "Markets and Money Across Borders",
        "Price surveys in local markets turn into lessons on trade and fair wages.",
        ["Economics and business", "Mathematics"],
        ["economics"],
        1,
        3.0,
    ),
    (
        "Pen Pals of the Silk Road",
        "Letters, then video calls, between classes along the old trade routes.",
        ["Foreign languages", "History"],
        ["languages", "heritage"],
        1,
        2.8,
    ),
    (
        "Lanterns and Kites",
        "Students build each other's traditional lanterns and kites and tell their stories.",
        ["Arts", "Social studies"],
        ["heritage", "crafts"],
        1,
        2.6,
    ),
]

CITATIONS = {
    "Girls Who Code the Ocean": "For an open map of ocean plastic built by mixed teams of girls "
    "and boys, and for the confidence with code it gave every student.",
    "Our Grandmothers' Jobs": "For oral history of women's work that students, families and "
    "whole towns now read, and for questions asked with care.",
    "Mangroves and Marshes": "For a field guide written by students on two continents, with "
    "measurements that scientists asked to reuse.",
    "Youth Voices on Equality": "For a student-led survey and manifesto that four school boards "
    "answered in writing.",
    "Solar Cookers Challenge": "For careful experiments compared across latitudes, and for "
    "cookers now used at school fairs.",
    "Sport Without Stereotypes": "For games that crossed borders and for honest conversations "
    "about who plays which sport.",
}

TO_ENTRANT = [
    "A convincing collaboration: the students' own voices come through in the evidence.",
    "The mixed teams are a strength; say more next time about how you assessed learning.",
    "The shared products are excellent. Consider publishing them for other schools to reuse.",
    "Good use of simple tools that worked for every school, whatever its connection.",
    "We would have liked to hear more from the partner schools in the statement.",
    "A clear plan, well carried out; the reflection at the end is especially thoughtful.",
]
TO_STAFF = [
    "Strong entry; the evidence video is long but worth watching.",
    "One partner school seems to have joined late: the statement is not quite clear.",
    "Scored on the statement and two of the three links (one link did not open).",
]

# An entry whose main subject is one of these goes to the first category (science), the
# others to the second (culture).
SCIENCE_SUBJECTS = {
    "Biology",
    "Chemistry",
    "Computer science and ICT",
    "Design and technology",
    "Environmental science",
    "Geography",
    "Mathematics",
    "Physics",
    "STEM",
}

ARCTIC_TITLE = "Arctic and Monsoon Weather Diaries"
