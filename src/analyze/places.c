/* places.c — the small tables the facts analyzer needs to read countries,
 * nationalities, languages, cities and film festivals: "a Spanish film"
 * (country), "in French with English subtitles" (language), "set in
 * Madrid" (a setting in Spain), "premiered at TIFF" (Toronto). Keys are
 * folded (reel_fold: lower case, no accents). General knowledge, not
 * tuned to any article; extend the tables rather than the code.
 */
#include "facts.h"

typedef struct {
    const char *key; /* folded */
    const char *name;
} entry;

/* countries by name (sorted by key: looked up by binary search) */
static const entry country_names[] = {
    {"algeria", "Algeria"},
    {"argentina", "Argentina"},
    {"australia", "Australia"},
    {"austria", "Austria"},
    {"bangladesh", "Bangladesh"},
    {"belgium", "Belgium"},
    {"bolivia", "Bolivia"},
    {"bosnia", "Bosnia"},
    {"brazil", "Brazil"},
    {"britain", "United Kingdom"},
    {"bulgaria", "Bulgaria"},
    {"canada", "Canada"},
    {"chile", "Chile"},
    {"china", "China"},
    {"colombia", "Colombia"},
    {"croatia", "Croatia"},
    {"cuba", "Cuba"},
    {"czech republic", "Czech Republic"},
    {"czechia", "Czech Republic"},
    {"denmark", "Denmark"},
    {"dominican republic", "Dominican Republic"},
    {"egypt", "Egypt"},
    {"england", "England"},
    {"ethiopia", "Ethiopia"},
    {"finland", "Finland"},
    {"france", "France"},
    {"germany", "Germany"},
    {"greece", "Greece"},
    {"guatemala", "Guatemala"},
    {"holland", "Netherlands"},
    {"hong kong", "Hong Kong"},
    {"hungary", "Hungary"},
    {"iceland", "Iceland"},
    {"india", "India"},
    {"indonesia", "Indonesia"},
    {"iran", "Iran"},
    {"iraq", "Iraq"},
    {"ireland", "Ireland"},
    {"israel", "Israel"},
    {"italy", "Italy"},
    {"jamaica", "Jamaica"},
    {"japan", "Japan"},
    {"kenya", "Kenya"},
    {"korea", "South Korea"},
    {"lebanon", "Lebanon"},
    {"malaysia", "Malaysia"},
    {"mexico", "Mexico"},
    {"morocco", "Morocco"},
    {"netherlands", "Netherlands"},
    {"new zealand", "New Zealand"},
    {"nigeria", "Nigeria"},
    {"north korea", "North Korea"},
    {"norway", "Norway"},
    {"pakistan", "Pakistan"},
    {"palestine", "Palestine"},
    {"peru", "Peru"},
    {"philippines", "Philippines"},
    {"poland", "Poland"},
    {"portugal", "Portugal"},
    {"puerto rico", "Puerto Rico"},
    {"romania", "Romania"},
    {"russia", "Russia"},
    {"saudi arabia", "Saudi Arabia"},
    {"scotland", "Scotland"},
    {"senegal", "Senegal"},
    {"serbia", "Serbia"},
    {"singapore", "Singapore"},
    {"slovakia", "Slovakia"},
    {"south africa", "South Africa"},
    {"south korea", "South Korea"},
    {"spain", "Spain"},
    {"sri lanka", "Sri Lanka"},
    {"sweden", "Sweden"},
    {"switzerland", "Switzerland"},
    {"taiwan", "Taiwan"},
    {"thailand", "Thailand"},
    {"tunisia", "Tunisia"},
    {"turkey", "Turkey"},
    {"uk", "United Kingdom"},
    {"ukraine", "Ukraine"},
    {"united kingdom", "United Kingdom"},
    {"united states", "United States"},
    {"uruguay", "Uruguay"},
    {"us", "United States"},
    {"usa", "United States"},
    {"venezuela", "Venezuela"},
    {"vietnam", "Vietnam"},
    {"wales", "Wales"},
};

/* countries by demonym (sorted by key: looked up by binary search) */
static const entry demonyms[] = {
    {"algerian", "Algeria"},
    {"american", "United States"},
    {"argentine", "Argentina"},
    {"argentinean", "Argentina"},
    {"argentinian", "Argentina"},
    {"australian", "Australia"},
    {"austrian", "Austria"},
    {"bangladeshi", "Bangladesh"},
    {"belgian", "Belgium"},
    {"bolivian", "Bolivia"},
    {"bosnian", "Bosnia"},
    {"brazilian", "Brazil"},
    {"british", "United Kingdom"},
    {"bulgarian", "Bulgaria"},
    {"canadian", "Canada"},
    {"chilean", "Chile"},
    {"chinese", "China"},
    {"colombian", "Colombia"},
    {"croatian", "Croatia"},
    {"cuban", "Cuba"},
    {"czech", "Czech Republic"},
    {"danish", "Denmark"},
    {"dominican", "Dominican Republic"},
    {"dutch", "Netherlands"},
    {"egyptian", "Egypt"},
    {"english", "England"},
    {"ethiopian", "Ethiopia"},
    {"filipino", "Philippines"},
    {"finnish", "Finland"},
    {"french", "France"},
    {"georgian", "Georgia"},
    {"german", "Germany"},
    {"greek", "Greece"},
    {"guatemalan", "Guatemala"},
    {"hungarian", "Hungary"},
    {"icelandic", "Iceland"},
    {"indian", "India"},
    {"indonesian", "Indonesia"},
    {"iranian", "Iran"},
    {"iraqi", "Iraq"},
    {"irish", "Ireland"},
    {"israeli", "Israel"},
    {"italian", "Italy"},
    {"jamaican", "Jamaica"},
    {"japanese", "Japan"},
    {"kenyan", "Kenya"},
    {"kiwi", "New Zealand"},
    {"korean", "South Korea"},
    {"lebanese", "Lebanon"},
    {"malaysian", "Malaysia"},
    {"mexican", "Mexico"},
    {"moroccan", "Morocco"},
    {"nigerian", "Nigeria"},
    {"north korean", "North Korea"},
    {"norwegian", "Norway"},
    {"pakistani", "Pakistan"},
    {"palestinian", "Palestine"},
    {"persian", "Iran"},
    {"peruvian", "Peru"},
    {"philippine", "Philippines"},
    {"polish", "Poland"},
    {"portuguese", "Portugal"},
    {"puerto rican", "Puerto Rico"},
    {"romanian", "Romania"},
    {"russian", "Russia"},
    {"saudi", "Saudi Arabia"},
    {"scottish", "Scotland"},
    {"senegalese", "Senegal"},
    {"serbian", "Serbia"},
    {"singaporean", "Singapore"},
    {"slovak", "Slovakia"},
    {"south african", "South Africa"},
    {"south korean", "South Korea"},
    {"spanish", "Spain"},
    {"sri lankan", "Sri Lanka"},
    {"swedish", "Sweden"},
    {"swiss", "Switzerland"},
    {"taiwanese", "Taiwan"},
    {"thai", "Thailand"},
    {"tunisian", "Tunisia"},
    {"turkish", "Turkey"},
    {"ukrainian", "Ukraine"},
    {"uruguayan", "Uruguay"},
    {"venezuelan", "Venezuela"},
    {"vietnamese", "Vietnam"},
    {"welsh", "Wales"},
};

/* cities and regions with their country (sorted by key: looked up by binary search) */
static const entry cities[] = {
    {"amsterdam", "Netherlands"},
    {"andalusia", "Spain"},
    {"athens", "Greece"},
    {"atlanta", "United States"},
    {"baltimore", "United States"},
    {"bangkok", "Thailand"},
    {"barcelona", "Spain"},
    {"basque country", "Spain"},
    {"beijing", "China"},
    {"beirut", "Lebanon"},
    {"belfast", "United Kingdom"},
    {"berlin", "Germany"},
    {"bilbao", "Spain"},
    {"bogota", "Colombia"},
    {"bombay", "India"},
    {"boston", "United States"},
    {"brooklyn", "United States"},
    {"brussels", "Belgium"},
    {"bucharest", "Romania"},
    {"budapest", "Hungary"},
    {"buenos aires", "Argentina"},
    {"busan", "South Korea"},
    {"cairo", "Egypt"},
    {"calcutta", "India"},
    {"california", "United States"},
    {"cape town", "South Africa"},
    {"catalonia", "Spain"},
    {"chicago", "United States"},
    {"copenhagen", "Denmark"},
    {"delhi", "India"},
    {"detroit", "United States"},
    {"dublin", "Ireland"},
    {"edinburgh", "United Kingdom"},
    {"florence", "Italy"},
    {"galicia", "Spain"},
    {"geneva", "Switzerland"},
    {"glasgow", "United Kingdom"},
    {"guadalajara", "Mexico"},
    {"hamburg", "Germany"},
    {"hanoi", "Vietnam"},
    {"havana", "Cuba"},
    {"helsinki", "Finland"},
    {"hiroshima", "Japan"},
    {"hollywood", "United States"},
    {"istanbul", "Turkey"},
    {"jakarta", "Indonesia"},
    {"jerusalem", "Israel"},
    {"johannesburg", "South Africa"},
    {"kiev", "Ukraine"},
    {"kolkata", "India"},
    {"krakow", "Poland"},
    {"kyiv", "Ukraine"},
    {"kyoto", "Japan"},
    {"la mancha", "Spain"},
    {"lagos", "Nigeria"},
    {"las vegas", "United States"},
    {"lima", "Peru"},
    {"lisbon", "Portugal"},
    {"liverpool", "United Kingdom"},
    {"london", "United Kingdom"},
    {"los angeles", "United States"},
    {"lyon", "France"},
    {"madrid", "Spain"},
    {"manchester", "United Kingdom"},
    {"manhattan", "United States"},
    {"manila", "Philippines"},
    {"marseille", "France"},
    {"medellin", "Colombia"},
    {"melbourne", "Australia"},
    {"mexico city", "Mexico"},
    {"miami", "United States"},
    {"milan", "Italy"},
    {"montreal", "Canada"},
    {"moscow", "Russia"},
    {"mumbai", "India"},
    {"munich", "Germany"},
    {"nairobi", "Kenya"},
    {"naples", "Italy"},
    {"new delhi", "India"},
    {"new orleans", "United States"},
    {"new york", "United States"},
    {"new york city", "United States"},
    {"nice", "France"},
    {"normandy", "France"},
    {"oaxaca", "Mexico"},
    {"osaka", "Japan"},
    {"oslo", "Norway"},
    {"paris", "France"},
    {"patagonia", "Argentina"},
    {"philadelphia", "United States"},
    {"porto", "Portugal"},
    {"prague", "Czech Republic"},
    {"provence", "France"},
    {"quebec", "Canada"},
    {"reykjavik", "Iceland"},
    {"rio", "Brazil"},
    {"rio de janeiro", "Brazil"},
    {"rome", "Italy"},
    {"saigon", "Vietnam"},
    {"san francisco", "United States"},
    {"santiago", "Chile"},
    {"sao paulo", "Brazil"},
    {"seattle", "United States"},
    {"seoul", "South Korea"},
    {"sevilla", "Spain"},
    {"seville", "Spain"},
    {"shanghai", "China"},
    {"sicily", "Italy"},
    {"st petersburg", "Russia"},
    {"stockholm", "Sweden"},
    {"sydney", "Australia"},
    {"taipei", "Taiwan"},
    {"tehran", "Iran"},
    {"tel aviv", "Israel"},
    {"texas", "United States"},
    {"tijuana", "Mexico"},
    {"tokyo", "Japan"},
    {"toronto", "Canada"},
    {"turin", "Italy"},
    {"valencia", "Spain"},
    {"vancouver", "Canada"},
    {"venice", "Italy"},
    {"vienna", "Austria"},
    {"warsaw", "Poland"},
    {"washington", "United States"},
    {"zurich", "Switzerland"},
};

/* languages (sorted by key: looked up by binary search) */
static const entry languages[] = {
    {"arabic", "Arabic"},       {"basque", "Basque"},
    {"bengali", "Bengali"},     {"cantonese", "Cantonese"},
    {"catalan", "Catalan"},     {"chinese", "Chinese"},
    {"czech", "Czech"},         {"danish", "Danish"},
    {"dutch", "Dutch"},         {"english", "English"},
    {"farsi", "Persian"},       {"finnish", "Finnish"},
    {"french", "French"},       {"gaelic", "Gaelic"},
    {"galician", "Galician"},   {"german", "German"},
    {"greek", "Greek"},         {"hebrew", "Hebrew"},
    {"hindi", "Hindi"},         {"hungarian", "Hungarian"},
    {"icelandic", "Icelandic"}, {"indonesian", "Indonesian"},
    {"irish", "Irish"},         {"italian", "Italian"},
    {"japanese", "Japanese"},   {"korean", "Korean"},
    {"latin", "Latin"},         {"mandarin", "Mandarin"},
    {"norwegian", "Norwegian"}, {"persian", "Persian"},
    {"polish", "Polish"},       {"portuguese", "Portuguese"},
    {"romanian", "Romanian"},   {"russian", "Russian"},
    {"serbian", "Serbian"},     {"spanish", "Spanish"},
    {"swahili", "Swahili"},     {"swedish", "Swedish"},
    {"tagalog", "Tagalog"},     {"tamil", "Tamil"},
    {"telugu", "Telugu"},       {"thai", "Thai"},
    {"turkish", "Turkish"},     {"ukrainian", "Ukrainian"},
    {"urdu", "Urdu"},           {"vietnamese", "Vietnamese"},
    {"welsh", "Welsh"},         {"yiddish", "Yiddish"},
};

/* film festivals: names and short forms, canonical (sorted by key: looked up by binary
 * search) */
static const entry festivals[] = {
    {"afi fest", "AFI Fest"},
    {"berlin film festival", "Berlin"},
    {"berlin international film festival", "Berlin"},
    {"berlinale", "Berlin"},
    {"bfi london film festival", "London"},
    {"busan", "Busan"},
    {"cannes", "Cannes"},
    {"cannes film festival", "Cannes"},
    {"fantastic fest", "Fantastic Fest"},
    {"festival de cannes", "Cannes"},
    {"hot docs", "Hot Docs"},
    {"karlovy vary", "Karlovy Vary"},
    {"locarno", "Locarno"},
    {"locarno film festival", "Locarno"},
    {"london film festival", "London"},
    {"mostra", "Venice"},
    {"new york film festival", "New York"},
    {"nyff", "New York"},
    {"rotterdam", "Rotterdam"},
    {"san sebastian", "San Sebastián"},
    {"san sebastian film festival", "San Sebastián"},
    {"sitges", "Sitges"},
    {"south by southwest", "SXSW"},
    {"sundance", "Sundance"},
    {"sundance film festival", "Sundance"},
    {"sxsw", "SXSW"},
    {"telluride", "Telluride"},
    {"telluride film festival", "Telluride"},
    {"tiff", "Toronto"},
    {"toronto film festival", "Toronto"},
    {"toronto international film festival", "Toronto"},
    {"tribeca", "Tribeca"},
    {"tribeca film festival", "Tribeca"},
    {"venice film festival", "Venice"},
    {"venice international film festival", "Venice"},
};

static int cmp_entry(const void *k, const void *e)
{
    return strcmp((const char *)k, ((const entry *)e)->key);
}

#define LOOKUP(table, k)                                                                 \
    do {                                                                                 \
        if (!(k) || !*(k)) return NULL;                                                  \
        const entry *e_ = bsearch((k), (table), sizeof(table) / sizeof((table)[0]),      \
                                  sizeof((table)[0]), cmp_entry);                        \
        return e_ ? e_->name : NULL;                                                     \
    } while (0)

const char *place_country_name(const char *k)
{
    LOOKUP(country_names, k);
}
const char *place_demonym(const char *k)
{
    LOOKUP(demonyms, k);
}
const char *place_city_country(const char *k)
{
    LOOKUP(cities, k);
}
const char *place_language(const char *k)
{
    LOOKUP(languages, k);
}
const char *place_festival(const char *k)
{
    LOOKUP(festivals, k);
}

const char *place_country(const char *k)
{
    const char *c = place_country_name(k);
    return c ? c : place_demonym(k);
}

size_t place_words(const char **out, size_t max, int languages_too)
{
    size_t n = 0;
    for (size_t i = 0; i < sizeof demonyms / sizeof demonyms[0] && n < max; i++)
        out[n++] = demonyms[i].key;
    if (!languages_too) return n;
    for (size_t i = 0; i < sizeof languages / sizeof languages[0] && n < max; i++)
        out[n++] = languages[i].key;
    return n;
}

int places_sorted(void)
{
    const struct {
        const entry *t;
        size_t n;
    } all[] = {{country_names, sizeof country_names / sizeof country_names[0]},
               {demonyms, sizeof demonyms / sizeof demonyms[0]},
               {cities, sizeof cities / sizeof cities[0]},
               {languages, sizeof languages / sizeof languages[0]},
               {festivals, sizeof festivals / sizeof festivals[0]}};
    for (size_t k = 0; k < sizeof all / sizeof all[0]; k++)
        for (size_t i = 1; i < all[k].n; i++)
            if (strcmp(all[k].t[i - 1].key, all[k].t[i].key) >= 0) return 0;
    return 1;
}
