"""Demo collaborations: titles, summaries and the subjects they are about. Plain data."""

PROJECTS: list[tuple[str, str, list[str], list[str]]] = [
    # (title, summary, subjects, themes)
    (
        "Rivers of Two Continents",
        "Classes test their local river every month and compare results across Asia and Europe.",
        ["Biology", "Environmental science"],
        ["water", "climate"],
    ),
    (
        "Code a Climate Sensor",
        "Students build low-cost temperature and CO2 sensors with micro:bit and share live data.",
        ["Computer science and ICT", "Physics"],
        ["robotics", "climate"],
    ),
    (
        "Grandparents' Recipes",
        "Families' recipes become a bilingual cookbook on food, memory and migration.",
        ["Language and literature", "History"],
        ["food", "heritage"],
    ),
    (
        "Women Who Changed Science",
        "Pairs of classes research women scientists of each other's countries and make a podcast.",
        ["History", "STEM"],
        ["gender equality"],
    ),
    (
        "AI in Our Classrooms",
        "Students examine how AI tools change homework, and write a charter for their schools.",
        ["Computer science and ICT", "Philosophy and ethics"],
        ["AI", "ESD"],
    ),
    (
        "Plastic-Free Canteens",
        "Schools audit their canteens' plastic and run a shared reduction challenge.",
        ["Environmental science", "Economics and business"],
        ["sustainability"],
    ),
    (
        "Poetry Across Time Zones",
        "Haiku, tanka and sonnets written in pairs across eight hours of time difference.",
        ["Language and literature", "English"],
        ["poetry"],
    ),
    (
        "Math of Traditional Patterns",
        "Geometry in batik, Islamic tiles and Nordic knitting, modelled in GeoGebra.",
        ["Mathematics", "Arts"],
        ["heritage", "geometry"],
    ),
    (
        "Young Entrepreneurs for the SDGs",
        "Mixed teams design small social businesses answering a Sustainable Development Goal.",
        ["Economics and business", "Citizenship and civics"],
        ["SDGs"],
    ),
    (
        "Our Cities in 2050",
        "Students model their city's transport and energy in 2050 and present to local officials.",
        ["Geography", "Environmental science"],
        ["cities", "climate"],
    ),
    (
        "Music Without Borders",
        "Classes compose a piece together, each adding a movement from their own tradition.",
        ["Music"],
        ["culture"],
    ),
    (
        "Healthy Minds, Healthy Schools",
        "Students survey wellbeing at school and design peer-support campaigns.",
        ["Health education", "Social studies"],
        ["wellbeing"],
    ),
    (
        "Stars from Both Hemispheres",
        "Night-sky observations compared between northern and southern partner schools.",
        ["Physics", "Mathematics"],
        ["astronomy"],
    ),
    (
        "Vocational Skills Exchange",
        "Vocational students teach each other a craft by video: welding, baking, tailoring.",
        ["Vocational training", "Design and technology"],
        ["skills"],
    ),
    (
        "Fake News Detectives",
        "Classes fact-check viral stories in their languages and build a verification guide.",
        ["Citizenship and civics", "Computer science and ICT"],
        ["media literacy"],
    ),
    (
        "Monsoon and Snow",
        "Weather diaries and climate data compared between tropical and Nordic schools.",
        ["Geography", "Physics"],
        ["climate", "weather"],
    ),
    (
        "Museums in Our Pockets",
        "Students curate a virtual museum of objects from their towns' history.",
        ["History", "Arts"],
        ["heritage"],
    ),
    (
        "Robots That Help",
        "Teams design assistive robots for elderly people with LEGO and Arduino.",
        ["STEM", "Design and technology"],
        ["robotics", "ageing"],
    ),
    (
        "Languages of Our Streets",
        "A photo survey of the languages on street signs, and what they tell about us.",
        ["Foreign languages", "Social studies"],
        ["multilingualism"],
    ),
    (
        "Zero Waste Fashion",
        "Students upcycle clothes and compare textile waste policies.",
        ["Arts", "Environmental science"],
        ["sustainability", "fashion"],
    ),
    (
        "Peace Letters",
        "Letters between students on conflict, memory and reconciliation in their regions.",
        ["History", "Philosophy and ethics"],
        ["peace"],
    ),
    (
        "Sports Science Lab",
        "Students measure heart rates and reaction times in PE and analyse the data together.",
        ["Physical education", "Biology"],
        ["health"],
    ),
    (
        "Energy Detectives",
        "Schools measure their own electricity use and race to cut it by 10 %.",
        ["Physics", "Economics and business"],
        ["energy"],
    ),
    (
        "Folk Tales Reimagined",
        "Classes retell a folk tale from the partner country as a comic.",
        ["Language and literature", "Arts"],
        ["stories"],
    ),
    (
        "Bees and Biodiversity",
        "School gardens count pollinators with the same protocol and map the results.",
        ["Biology", "Environmental science"],
        ["biodiversity"],
    ),
    (
        "Digital Citizenship Charter",
        "Students agree on rules for kind and safe online life in a shared charter.",
        ["Citizenship and civics", "Computer science and ICT"],
        ["online safety"],
    ),
    (
        "Chemistry in the Kitchen",
        "Safe home experiments filmed and explained to the partner class.",
        ["Chemistry"],
        ["food", "experiments"],
    ),
    (
        "Migration Stories",
        "Students interview people who moved countries and build an oral-history map.",
        ["History", "Social studies"],
        ["migration"],
    ),
    (
        "Game Design for Good",
        "Mixed teams build small games about a global issue in Scratch or Godot.",
        ["Computer science and ICT", "Arts"],
        ["games"],
    ),
    (
        "Tides and Coasts",
        "Coastal schools monitor erosion and compare coastal protection.",
        ["Geography", "Environmental science"],
        ["oceans"],
    ),
    (
        "Inclusive Schools",
        "Students with and without disabilities co-design an inclusive school day.",
        ["Special education", "Social studies"],
        ["inclusion"],
    ),
    (
        "Economics of a Cup of Tea",
        "From plantation to cup: students trace the value chain of tea.",
        ["Economics and business", "Geography"],
        ["trade"],
    ),
    (
        "Shadows and Sundials",
        "Students build sundials and measure the Earth's circumference, Eratosthenes-style.",
        ["Mathematics", "Physics"],
        ["astronomy"],
    ),
    (
        "Green Roofs",
        "Vocational and high schools design a green roof for one partner school.",
        ["Design and technology", "Biology"],
        ["cities", "climate"],
    ),
    (
        "Festivals of Light",
        "Classes explain their festivals and explore what light means across cultures.",
        ["Religious education", "Social studies"],
        ["culture"],
    ),
    (
        "Drone Mapping Our Schoolyards",
        "Students map schoolyards with drones and plan more green space.",
        ["Geography", "Computer science and ICT"],
        ["maps"],
    ),
    (
        "Debate Across Asia and Europe",
        "Monthly online debates on motions chosen by students.",
        ["English", "Citizenship and civics"],
        ["debate"],
    ),
    (
        "Water Footprint Challenge",
        "Students measure the water behind their food and clothes.",
        ["Environmental science", "Mathematics"],
        ["water"],
    ),
    (
        "Printmaking Exchange",
        "Classes exchange linocut prints by post and online.",
        ["Arts"],
        ["art"],
    ),
    (
        "Future Jobs Lab",
        "Vocational students research jobs that AI and climate change will create.",
        ["Vocational training", "Economics and business"],
        ["AI", "work"],
    ),
]


# The 22 collaborations initiated by Asian and European schools at the 14th ClassNet Conference
# (Helsinki, November 2018) for 2019, as ASEF's record of that edition says. All ran in 2019.
FOURTEENTH_PROJECTS: list[tuple[str, str, list[str], list[str]]] = [
    # (title, summary, subjects, themes)
    ("Girls Who Code Across Continents", "Pairs of girls in Asia and Europe write their first "
     "app together and present it online.", ["Computer science and ICT"], ["gender", "coding"]),
    ("Women in Science, Then and Now", "Students interview women scientists in their towns and "
     "build a shared timeline.", ["History", "STEM"], ["gender", "science"]),
    ("Bridges We Build", "Mixed teams design and test model bridges, comparing local building "
     "traditions.", ["Design and technology", "Physics"], ["engineering"]),
    ("Our Energy Diaries", "Classes log their school's energy use for a term and propose "
     "savings.", ["Environmental science", "Mathematics"], ["energy", "climate"]),
    ("Robots That Help at Home", "Students prototype simple helper robots and compare what "
     "families in each country need.", ["Computer science and ICT", "STEM"], ["robotics"]),
    ("Maths in the Market", "Classes collect prices in local markets and compare them with "
     "statistics.", ["Mathematics", "Economics and business"], ["data"]),
    ("Stars Over Two Skies", "Students observe the night sky on the same dates and compare "
     "what they see.", ["Physics", "Geography"], ["astronomy", "science"]),
    ("Kitchen Chemistry Exchange", "Simple experiments with everyday food, filmed and swapped "
     "between partner classes.", ["Chemistry"], ["science", "food"]),
    ("Her Story in STEM", "A podcast series in which students tell the stories of women "
     "engineers from their countries.", ["Language and literature", "STEM"], ["gender"]),
    ("Plastic-Free Schools", "Classes audit plastic at school and run a joint campaign to cut "
     "it.", ["Environmental science", "Citizenship and civics"], ["waste", "climate"]),
    ("Data Detectives", "Students ask questions of open data from both regions and chart the "
     "answers.", ["Mathematics", "Computer science and ICT"], ["data"]),
    ("Green Roofs, Cool Cities", "Mixed teams measure temperatures on roofs and in courtyards "
     "and suggest greener schools.", ["Biology", "Geography"], ["climate", "cities"]),
    ("Games Without Stereotypes", "Students design board games whose heroes break gender "
     "stereotypes.", ["Arts", "Social studies"], ["gender", "games"]),
    ("Water Rockets League", "Classes build and launch water rockets and compare flight data "
     "online.", ["Physics", "Design and technology"], ["engineering", "science"]),
    ("Healthy Screens", "Students study their own screen time and write a shared guide for "
     "families.", ["Health education", "Computer science and ICT"], ["wellbeing"]),
    ("Seeds and Seasons", "Partner classes grow the same seeds and compare growth across "
     "climates.", ["Biology", "Environmental science"], ["food", "climate"]),
    ("Mapping Safe Routes to School", "Students map their routes to school and propose safer "
     "streets.", ["Geography", "Citizenship and civics"], ["cities"]),
    ("Coding Music", "Students compose short pieces in code and remix each other's tracks.",
     ["Music", "Computer science and ICT"], ["coding", "music"]),
    ("Inventors' Fair Online", "Classes present inventions that solve a local problem and "
     "vote on each other's.", ["STEM", "Design and technology"], ["engineering"]),
    ("Weather Stations Network", "Schools build weather stations and publish their readings "
     "on a common map.", ["Geography", "Physics"], ["climate", "data"]),
    ("Equal Play", "Students survey who plays which sports at school and propose changes.",
     ["Physical education", "Social studies"], ["gender", "sport"]),
    ("Light and Colour Lab", "Simple optics experiments, shared on video and explained in each "
     "other's languages.", ["Physics", "Foreign languages"], ["science"]),
]  # fmt: skip
