/* places.c — the small tables the facts analyzer needs to read countries,
 * nationalities, languages, cities and film festivals: "a Spanish film"
 * (country), "in French with English subtitles" (language), "set in
 * Madrid" (a setting in Spain), "premiered at TIFF" (Toronto). Keys are
 * folded (reel_fold: lower case, no accents). General knowledge, not
 * tuned to any article; extend the tables rather than the code.
 */
#include "facts.h"

typedef struct {
    const char *name;     /* canonical, as displayed */
    const char *names[3]; /* folded names */
    const char *dems[3];  /* folded demonyms */
} country;

static const country countries[] = {
    {"United States", {"united states", "usa", "us"}, {"american", NULL, NULL}},
    {"United Kingdom", {"united kingdom", "uk", "britain"}, {"british", NULL, NULL}},
    {"England", {"england", NULL, NULL}, {"english", NULL, NULL}},
    {"Scotland", {"scotland", NULL, NULL}, {"scottish", NULL, NULL}},
    {"Ireland", {"ireland", NULL, NULL}, {"irish", NULL, NULL}},
    {"Wales", {"wales", NULL, NULL}, {"welsh", NULL, NULL}},
    {"Canada", {"canada", NULL, NULL}, {"canadian", NULL, NULL}},
    {"Mexico", {"mexico", NULL, NULL}, {"mexican", NULL, NULL}},
    {"Spain", {"spain", NULL, NULL}, {"spanish", NULL, NULL}},
    {"Portugal", {"portugal", NULL, NULL}, {"portuguese", NULL, NULL}},
    {"France", {"france", NULL, NULL}, {"french", NULL, NULL}},
    {"Italy", {"italy", NULL, NULL}, {"italian", NULL, NULL}},
    {"Germany", {"germany", NULL, NULL}, {"german", NULL, NULL}},
    {"Austria", {"austria", NULL, NULL}, {"austrian", NULL, NULL}},
    {"Switzerland", {"switzerland", NULL, NULL}, {"swiss", NULL, NULL}},
    {"Belgium", {"belgium", NULL, NULL}, {"belgian", NULL, NULL}},
    {"Netherlands", {"netherlands", "holland", NULL}, {"dutch", NULL, NULL}},
    {"Denmark", {"denmark", NULL, NULL}, {"danish", NULL, NULL}},
    {"Sweden", {"sweden", NULL, NULL}, {"swedish", NULL, NULL}},
    {"Norway", {"norway", NULL, NULL}, {"norwegian", NULL, NULL}},
    {"Finland", {"finland", NULL, NULL}, {"finnish", NULL, NULL}},
    {"Iceland", {"iceland", NULL, NULL}, {"icelandic", NULL, NULL}},
    {"Poland", {"poland", NULL, NULL}, {"polish", NULL, NULL}},
    {"Czech Republic", {"czech republic", "czechia", NULL}, {"czech", NULL, NULL}},
    {"Slovakia", {"slovakia", NULL, NULL}, {"slovak", NULL, NULL}},
    {"Hungary", {"hungary", NULL, NULL}, {"hungarian", NULL, NULL}},
    {"Romania", {"romania", NULL, NULL}, {"romanian", NULL, NULL}},
    {"Bulgaria", {"bulgaria", NULL, NULL}, {"bulgarian", NULL, NULL}},
    {"Greece", {"greece", NULL, NULL}, {"greek", NULL, NULL}},
    {"Turkey", {"turkey", NULL, NULL}, {"turkish", NULL, NULL}},
    {"Russia", {"russia", NULL, NULL}, {"russian", NULL, NULL}},
    {"Ukraine", {"ukraine", NULL, NULL}, {"ukrainian", NULL, NULL}},
    {"Serbia", {"serbia", NULL, NULL}, {"serbian", NULL, NULL}},
    {"Croatia", {"croatia", NULL, NULL}, {"croatian", NULL, NULL}},
    {"Bosnia", {"bosnia", NULL, NULL}, {"bosnian", NULL, NULL}},
    {"Georgia", {NULL, NULL, NULL}, {"georgian", NULL, NULL}},
    {"Israel", {"israel", NULL, NULL}, {"israeli", NULL, NULL}},
    {"Palestine", {"palestine", NULL, NULL}, {"palestinian", NULL, NULL}},
    {"Lebanon", {"lebanon", NULL, NULL}, {"lebanese", NULL, NULL}},
    {"Iran", {"iran", NULL, NULL}, {"iranian", "persian", NULL}},
    {"Iraq", {"iraq", NULL, NULL}, {"iraqi", NULL, NULL}},
    {"Saudi Arabia", {"saudi arabia", NULL, NULL}, {"saudi", NULL, NULL}},
    {"Egypt", {"egypt", NULL, NULL}, {"egyptian", NULL, NULL}},
    {"Morocco", {"morocco", NULL, NULL}, {"moroccan", NULL, NULL}},
    {"Algeria", {"algeria", NULL, NULL}, {"algerian", NULL, NULL}},
    {"Tunisia", {"tunisia", NULL, NULL}, {"tunisian", NULL, NULL}},
    {"Nigeria", {"nigeria", NULL, NULL}, {"nigerian", NULL, NULL}},
    {"Senegal", {"senegal", NULL, NULL}, {"senegalese", NULL, NULL}},
    {"Kenya", {"kenya", NULL, NULL}, {"kenyan", NULL, NULL}},
    {"South Africa", {"south africa", NULL, NULL}, {"south african", NULL, NULL}},
    {"Ethiopia", {"ethiopia", NULL, NULL}, {"ethiopian", NULL, NULL}},
    {"India", {"india", NULL, NULL}, {"indian", NULL, NULL}},
    {"Pakistan", {"pakistan", NULL, NULL}, {"pakistani", NULL, NULL}},
    {"Bangladesh", {"bangladesh", NULL, NULL}, {"bangladeshi", NULL, NULL}},
    {"Sri Lanka", {"sri lanka", NULL, NULL}, {"sri lankan", NULL, NULL}},
    {"China", {"china", NULL, NULL}, {"chinese", NULL, NULL}},
    {"Hong Kong", {"hong kong", NULL, NULL}, {NULL, NULL, NULL}},
    {"Taiwan", {"taiwan", NULL, NULL}, {"taiwanese", NULL, NULL}},
    {"Japan", {"japan", NULL, NULL}, {"japanese", NULL, NULL}},
    {"South Korea", {"south korea", "korea", NULL}, {"korean", "south korean", NULL}},
    {"North Korea", {"north korea", NULL, NULL}, {"north korean", NULL, NULL}},
    {"Vietnam", {"vietnam", NULL, NULL}, {"vietnamese", NULL, NULL}},
    {"Thailand", {"thailand", NULL, NULL}, {"thai", NULL, NULL}},
    {"Philippines", {"philippines", NULL, NULL}, {"filipino", "philippine", NULL}},
    {"Indonesia", {"indonesia", NULL, NULL}, {"indonesian", NULL, NULL}},
    {"Malaysia", {"malaysia", NULL, NULL}, {"malaysian", NULL, NULL}},
    {"Singapore", {"singapore", NULL, NULL}, {"singaporean", NULL, NULL}},
    {"Australia", {"australia", NULL, NULL}, {"australian", NULL, NULL}},
    {"New Zealand", {"new zealand", NULL, NULL}, {"kiwi", NULL, NULL}},
    {"Brazil", {"brazil", NULL, NULL}, {"brazilian", NULL, NULL}},
    {"Argentina", {"argentina", NULL, NULL}, {"argentine", "argentinian", "argentinean"}},
    {"Chile", {"chile", NULL, NULL}, {"chilean", NULL, NULL}},
    {"Colombia", {"colombia", NULL, NULL}, {"colombian", NULL, NULL}},
    {"Peru", {"peru", NULL, NULL}, {"peruvian", NULL, NULL}},
    {"Venezuela", {"venezuela", NULL, NULL}, {"venezuelan", NULL, NULL}},
    {"Uruguay", {"uruguay", NULL, NULL}, {"uruguayan", NULL, NULL}},
    {"Bolivia", {"bolivia", NULL, NULL}, {"bolivian", NULL, NULL}},
    {"Cuba", {"cuba", NULL, NULL}, {"cuban", NULL, NULL}},
    {"Guatemala", {"guatemala", NULL, NULL}, {"guatemalan", NULL, NULL}},
    {"Dominican Republic", {"dominican republic", NULL, NULL}, {"dominican", NULL, NULL}},
    {"Puerto Rico", {"puerto rico", NULL, NULL}, {"puerto rican", NULL, NULL}},
    {"Jamaica", {"jamaica", NULL, NULL}, {"jamaican", NULL, NULL}},
};

/* cities and regions, folded, with their country */
static const struct {
    const char *key, *country;
} cities[] = {
    {"madrid", "Spain"}, {"barcelona", "Spain"}, {"valencia", "Spain"}, {"seville", "Spain"},
    {"sevilla", "Spain"}, {"bilbao", "Spain"}, {"la mancha", "Spain"}, {"andalusia", "Spain"},
    {"galicia", "Spain"}, {"catalonia", "Spain"}, {"basque country", "Spain"},
    {"mexico city", "Mexico"}, {"guadalajara", "Mexico"}, {"tijuana", "Mexico"},
    {"oaxaca", "Mexico"}, {"paris", "France"}, {"marseille", "France"}, {"lyon", "France"},
    {"nice", "France"}, {"normandy", "France"}, {"provence", "France"}, {"rome", "Italy"},
    {"milan", "Italy"}, {"naples", "Italy"}, {"venice", "Italy"}, {"florence", "Italy"},
    {"sicily", "Italy"}, {"turin", "Italy"}, {"berlin", "Germany"}, {"munich", "Germany"},
    {"hamburg", "Germany"}, {"vienna", "Austria"}, {"zurich", "Switzerland"},
    {"geneva", "Switzerland"}, {"brussels", "Belgium"}, {"amsterdam", "Netherlands"},
    {"copenhagen", "Denmark"}, {"stockholm", "Sweden"}, {"oslo", "Norway"},
    {"helsinki", "Finland"}, {"reykjavik", "Iceland"}, {"warsaw", "Poland"},
    {"krakow", "Poland"}, {"prague", "Czech Republic"}, {"budapest", "Hungary"},
    {"bucharest", "Romania"}, {"athens", "Greece"}, {"istanbul", "Turkey"},
    {"moscow", "Russia"}, {"st petersburg", "Russia"}, {"kyiv", "Ukraine"}, {"kiev", "Ukraine"},
    {"lisbon", "Portugal"}, {"porto", "Portugal"}, {"dublin", "Ireland"},
    {"london", "United Kingdom"}, {"manchester", "United Kingdom"},
    {"liverpool", "United Kingdom"}, {"glasgow", "United Kingdom"},
    {"edinburgh", "United Kingdom"}, {"belfast", "United Kingdom"},
    {"new york", "United States"}, {"new york city", "United States"},
    {"manhattan", "United States"}, {"brooklyn", "United States"},
    {"los angeles", "United States"}, {"hollywood", "United States"},
    {"chicago", "United States"}, {"boston", "United States"},
    {"san francisco", "United States"}, {"washington", "United States"},
    {"miami", "United States"}, {"new orleans", "United States"},
    {"texas", "United States"}, {"california", "United States"},
    {"detroit", "United States"}, {"philadelphia", "United States"},
    {"seattle", "United States"}, {"atlanta", "United States"},
    {"las vegas", "United States"}, {"baltimore", "United States"},
    {"toronto", "Canada"}, {"montreal", "Canada"}, {"vancouver", "Canada"},
    {"quebec", "Canada"}, {"tokyo", "Japan"}, {"osaka", "Japan"}, {"kyoto", "Japan"},
    {"hiroshima", "Japan"}, {"seoul", "South Korea"}, {"busan", "South Korea"},
    {"beijing", "China"}, {"shanghai", "China"}, {"taipei", "Taiwan"},
    {"mumbai", "India"}, {"bombay", "India"}, {"delhi", "India"}, {"new delhi", "India"},
    {"calcutta", "India"}, {"kolkata", "India"}, {"tehran", "Iran"}, {"cairo", "Egypt"},
    {"beirut", "Lebanon"}, {"jerusalem", "Israel"}, {"tel aviv", "Israel"},
    {"lagos", "Nigeria"}, {"johannesburg", "South Africa"}, {"cape town", "South Africa"},
    {"nairobi", "Kenya"}, {"sydney", "Australia"}, {"melbourne", "Australia"},
    {"buenos aires", "Argentina"}, {"patagonia", "Argentina"}, {"sao paulo", "Brazil"},
    {"rio de janeiro", "Brazil"}, {"rio", "Brazil"}, {"santiago", "Chile"},
    {"bogota", "Colombia"}, {"medellin", "Colombia"}, {"lima", "Peru"}, {"havana", "Cuba"},
    {"bangkok", "Thailand"}, {"manila", "Philippines"}, {"jakarta", "Indonesia"},
    {"hanoi", "Vietnam"}, {"saigon", "Vietnam"},
};

static const struct {
    const char *key, *name;
} languages[] = {
    {"english", "English"},     {"spanish", "Spanish"},     {"french", "French"},
    {"italian", "Italian"},     {"german", "German"},       {"portuguese", "Portuguese"},
    {"catalan", "Catalan"},     {"basque", "Basque"},       {"galician", "Galician"},
    {"dutch", "Dutch"},         {"danish", "Danish"},       {"swedish", "Swedish"},
    {"norwegian", "Norwegian"}, {"finnish", "Finnish"},     {"icelandic", "Icelandic"},
    {"polish", "Polish"},       {"czech", "Czech"},         {"hungarian", "Hungarian"},
    {"romanian", "Romanian"},   {"greek", "Greek"},         {"turkish", "Turkish"},
    {"russian", "Russian"},     {"ukrainian", "Ukrainian"}, {"serbian", "Serbian"},
    {"hebrew", "Hebrew"},       {"arabic", "Arabic"},       {"persian", "Persian"},
    {"farsi", "Persian"},       {"hindi", "Hindi"},         {"urdu", "Urdu"},
    {"bengali", "Bengali"},     {"tamil", "Tamil"},         {"telugu", "Telugu"},
    {"mandarin", "Mandarin"},   {"cantonese", "Cantonese"}, {"chinese", "Chinese"},
    {"japanese", "Japanese"},   {"korean", "Korean"},       {"vietnamese", "Vietnamese"},
    {"thai", "Thai"},           {"tagalog", "Tagalog"},     {"indonesian", "Indonesian"},
    {"swahili", "Swahili"},     {"yiddish", "Yiddish"},     {"latin", "Latin"},
    {"welsh", "Welsh"},         {"irish", "Irish"},         {"gaelic", "Gaelic"},
};

/* film festivals: folded names and short forms → canonical */
static const struct {
    const char *key, *name;
} festivals[] = {
    {"cannes", "Cannes"},
    {"cannes film festival", "Cannes"},
    {"festival de cannes", "Cannes"},
    {"venice film festival", "Venice"},
    {"venice international film festival", "Venice"},
    {"berlinale", "Berlin"},
    {"berlin film festival", "Berlin"},
    {"berlin international film festival", "Berlin"},
    {"sundance", "Sundance"},
    {"sundance film festival", "Sundance"},
    {"tiff", "Toronto"},
    {"toronto film festival", "Toronto"},
    {"toronto international film festival", "Toronto"},
    {"telluride", "Telluride"},
    {"telluride film festival", "Telluride"},
    {"tribeca", "Tribeca"},
    {"tribeca film festival", "Tribeca"},
    {"sxsw", "SXSW"},
    {"south by southwest", "SXSW"},
    {"new york film festival", "New York"},
    {"nyff", "New York"},
    {"san sebastian", "San Sebastián"},
    {"san sebastian film festival", "San Sebastián"},
    {"locarno", "Locarno"},
    {"locarno film festival", "Locarno"},
    {"rotterdam", "Rotterdam"},
    {"karlovy vary", "Karlovy Vary"},
    {"london film festival", "London"},
    {"bfi london film festival", "London"},
    {"busan", "Busan"},
    {"afi fest", "AFI Fest"},
    {"fantastic fest", "Fantastic Fest"},
    {"hot docs", "Hot Docs"},
    {"sitges", "Sitges"},
    {"mostra", "Venice"},
};

static const char *country_in(const char *k, int dem)
{
    if (!k || !*k) return NULL;
    for (size_t i = 0; i < sizeof countries / sizeof countries[0]; i++) {
        const char *const *l = dem ? countries[i].dems : countries[i].names;
        for (int j = 0; j < 3 && l[j]; j++)
            if (!strcmp(l[j], k)) return countries[i].name;
    }
    return NULL;
}

const char *place_country(const char *k)
{
    const char *c = country_in(k, 0);
    return c ? c : country_in(k, 1);
}

const char *place_demonym(const char *k) { return country_in(k, 1); }
const char *place_country_name(const char *k) { return country_in(k, 0); }

const char *place_city_country(const char *k)
{
    if (!k || !*k) return NULL;
    for (size_t i = 0; i < sizeof cities / sizeof cities[0]; i++)
        if (!strcmp(cities[i].key, k)) return cities[i].country;
    return NULL;
}

const char *place_language(const char *k)
{
    if (!k || !*k) return NULL;
    for (size_t i = 0; i < sizeof languages / sizeof languages[0]; i++)
        if (!strcmp(languages[i].key, k)) return languages[i].name;
    return NULL;
}

const char *place_festival(const char *k)
{
    if (!k || !*k) return NULL;
    for (size_t i = 0; i < sizeof festivals / sizeof festivals[0]; i++)
        if (!strcmp(festivals[i].key, k)) return festivals[i].name;
    return NULL;
}
