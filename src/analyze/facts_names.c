/* facts_names.c — people in an article, for the facts analyzer: the
 * per-token keyword masks (which patterns a word may start), the runs of
 * capitalised words that name people ("Guillermo del Toro", "J. K.
 * Rowling", "Mrs. Park", "Clifton Collins Jr."), their resolution within
 * the article ("Almodóvar" → "Pedro Almodóvar", by hashing first and last
 * words, so linear on any input) and the recency ring anaphora reads
 * ("the director", "he").
 */
#include "facts.h"

#include <ctype.h>

/* ---------------- people ---------------- */

/* The words patterns start at, folded, with the patterns they start;
 * and the words that never begin a person's name (sentence starters,
 * labels, months, role nouns, titles). */
static const struct {
    const char *w;
    uint32_t m;
} keywords[] = {
    {"director", M_LABEL | M_ROLE | M_NOTNAME},
    {"directors", M_LABEL | M_NOTNAME},
    {"directed", M_LABEL | M_VERB},
    {"wrote", M_VERB},
    {"co wrote", M_VERB},
    {"directs", M_VERB},
    {"penned", M_VERB},
    {"shot", M_VERB},
    {"lensed", M_VERB},
    {"scored", M_VERB},
    {"edited", M_VERB},
    {"helmed", M_VERB},
    {"co directed", M_VERB},
    {"co produced", M_VERB},
    {"writer", M_LABEL | M_ROLE | M_NOTNAME},
    {"writers", M_LABEL},
    {"written", M_LABEL},
    {"screenplay", M_LABEL | M_NOTNAME},
    {"screenwriter", M_LABEL | M_ROLE | M_NOTNAME},
    {"cast", M_LABEL | M_PLAY | M_NOTNAME},
    {"starring", M_LABEL | M_STARRING | M_NOTNAME},
    {"stars", M_LABEL | M_PLAY | M_STARRING | M_NOTNAME},
    {"music", M_LABEL | M_ROLE | M_NOTNAME},
    {"composer", M_LABEL | M_ROLE | M_NOTNAME},
    {"score", M_LABEL | M_NOTNAME},
    {"cinematography", M_LABEL | M_NOTNAME},
    {"cinematographer", M_LABEL | M_ROLE | M_NOTNAME},
    {"producer", M_LABEL | M_ROLE | M_NOTNAME},
    {"producers", M_LABEL},
    {"produced", M_LABEL | M_VERB},
    {"editor", M_LABEL | M_ROLE | M_NOTNAME},
    {"editing", M_LABEL},
    {"plays", M_PLAY},
    {"played", M_PLAY | M_PLAYED},
    {"portrays", M_PLAY},
    {"portrayed", M_PLAY | M_PLAYED},
    {"play", M_PLAY},
    {"portray", M_PLAY},
    {"embodies", M_PLAY},
    {"essays", M_PLAY},
    {"inhabits", M_PLAY},
    {"incarnates", M_PLAY},
    {"starred", M_PLAY},
    {"star", M_PLAY | M_ROLE | M_NOTNAME},
    {"appears", M_PLAY},
    {"co stars", M_PLAY | M_STARRING},
    {"voiced", M_PLAYED},
    {"as", M_AS | M_NOTNAME},
    {"performance", M_PERF},
    {"turn", M_PERF},
    {"co starring", M_STARRING},
    {"by", M_BY | M_NOTNAME},
    {"of", M_BY | M_SET | M_NOTNAME},
    {"co director", M_ROLE | M_NOTNAME},
    {"filmmaker", M_ROLE | M_NOTNAME},
    {"helmer", M_ROLE | M_NOTNAME},
    {"auteur", M_ROLE | M_NOTNAME},
    {"writer director", M_ROLE | M_NOTNAME},
    {"director writer", M_ROLE | M_NOTNAME},
    {"co writer", M_ROLE | M_NOTNAME},
    {"scriptwriter", M_ROLE},
    {"scribe", M_ROLE},
    {"dp", M_ROLE},
    {"co producer", M_ROLE | M_NOTNAME},
    {"actor", M_ROLE | M_NOTNAME},
    {"actress", M_ROLE | M_NOTNAME},
    {"co star", M_ROLE | M_NOTNAME},
    {"costar", M_ROLE},
    {"newcomer", M_ROLE | M_NOTNAME},
    {"executive", M_ROLE},
    {"film", M_ROLE | M_NOTNAME},
    {"films", M_ROLE | M_NOTNAME},
    {"the", M_DET | M_NOTNAME},
    {"its", M_DET | M_NOTNAME},
    {"his", M_DET | M_NOTNAME},
    {"her", M_DET | M_NOTNAME},
    {"playing", M_PLAYING},
    {"rated", M_RATED | M_NOTNAME},
    {"rating", M_RATED | M_NOTNAME},
    {"certificate", M_RATED | M_NOTNAME},
    {"certification", M_RATED | M_NOTNAME},
    {"classification", M_RATED | M_NOTNAME},
    {"cert", M_RATED},
    {"mpaa", M_RATED},
    {"one", M_RUNWORD | M_NOTNAME},
    {"two", M_RUNWORD},
    {"three", M_RUNWORD},
    {"four", M_RUNWORD},
    {"country", M_CLABEL},
    {"language", M_CLABEL},
    {"studio", M_COMPANY | M_NOTNAME},
    {"studios", M_COMPANY},
    {"distributor", M_COMPANY | M_NOTNAME},
    {"production", M_COMPANY},
    {"distributed", M_COMPANY},
    {"released", M_COMPANY},
    {"releases", M_COMPANY},
    {"distributes", M_COMPANY},
    {"opens", M_COMPANY},
    {"a", M_COMPANY | M_NOTNAME},
    {"an", M_COMPANY | M_NOTNAME},
    {"set", M_SET},
    {"takes", M_SET},
    {"in", M_SET | M_AT | M_NOTNAME},
    {"to", M_SET | M_NOTNAME},
    {"across", M_SET},
    {"around", M_SET},
    {"through", M_SET},
    {"won", M_AWARD},
    {"wins", M_AWARD},
    {"winning", M_AWARD},
    {"earned", M_AWARD},
    {"scooped", M_AWARD},
    {"nabbed", M_AWARD},
    {"collected", M_AWARD},
    {"received", M_AWARD},
    {"took", M_AWARD},
    {"picked", M_AWARD},
    {"nominated", M_AWARD},
    {"at", M_AT | M_NOTNAME},
    {"including", M_TCUE},
    {"featuring", M_STARRING},
    {"features", M_STARRING},
    {"between", M_TCUE | M_NOTNAME},
    {"thriller", M_TCUE},
    {"drama", M_TCUE},
    {"comedy", M_TCUE},
    {"documentary", M_TCUE},
    {"musical", M_TCUE},
    {"western", M_TCUE},
    {"melodrama", M_TCUE},
    {"biopic", M_TCUE},
    {"sequel", M_TCUE},
    {"prequel", M_TCUE},
    {"remake", M_TCUE},
    {"classic", M_TCUE},
    {"hit", M_TCUE},
    {"debut", M_TCUE},
    {"masterpiece", M_TCUE},
    {"feature", M_TCUE},
    {"romance", M_TCUE},
    {"satire", M_TCUE},
    {"noir", M_TCUE},
    {"horror", M_TCUE},
    /* never the first word of a name */
    {"this", M_NOTNAME},
    {"that", M_NOTNAME},
    {"these", M_NOTNAME},
    {"those", M_NOTNAME},
    {"it", M_NOTNAME},
    {"he", M_NOTNAME},
    {"she", M_NOTNAME},
    {"they", M_NOTNAME},
    {"we", M_NOTNAME},
    {"i", M_NOTNAME},
    {"you", M_NOTNAME},
    {"their", M_NOTNAME},
    {"our", M_NOTNAME},
    {"my", M_NOTNAME},
    {"your", M_NOTNAME},
    {"him", M_NOTNAME},
    {"them", M_NOTNAME},
    {"but", M_NOTNAME},
    {"and", M_NOTNAME},
    {"or", M_NOTNAME},
    {"so", M_NOTNAME},
    {"yet", M_NOTNAME},
    {"still", M_NOTNAME},
    {"on", M_NOTNAME},
    {"for", M_NOTNAME},
    {"with", M_NOTNAME},
    {"from", M_NOTNAME},
    {"if", M_NOTNAME},
    {"when", M_NOTNAME},
    {"while", M_NOTNAME},
    {"after", M_NOTNAME},
    {"before", M_NOTNAME},
    {"since", M_NOTNAME},
    {"though", M_NOTNAME},
    {"although", M_NOTNAME},
    {"because", M_NOTNAME},
    {"even", M_NOTNAME},
    {"there", M_NOTNAME},
    {"here", M_NOTNAME},
    {"what", M_NOTNAME},
    {"who", M_NOTNAME},
    {"how", M_NOTNAME},
    {"why", M_NOTNAME},
    {"where", M_NOTNAME},
    {"both", M_NOTNAME},
    {"all", M_NOTNAME},
    {"some", M_NOTNAME},
    {"many", M_NOTNAME},
    {"most", M_NOTNAME},
    {"each", M_NOTNAME},
    {"every", M_NOTNAME},
    {"no", M_NOTNAME},
    {"not", M_NOTNAME},
    {"then", M_NOTNAME},
    {"thus", M_NOTNAME},
    {"also", M_NOTNAME},
    {"oscar", M_NOTNAME},
    {"oscars", M_NOTNAME},
    {"academy", M_NOTNAME},
    {"best", M_NOTNAME},
    {"movie", M_NOTNAME},
    {"review", M_NOTNAME},
    {"photo", M_NOTNAME},
    {"photos", M_NOTNAME},
    {"festival", M_NOTNAME},
    {"watch", M_NOTNAME},
    {"read", M_NOTNAME},
    {"more", M_NOTNAME},
    {"january", M_NOTNAME},
    {"february", M_NOTNAME},
    {"march", M_NOTNAME},
    {"april", M_NOTNAME},
    {"june", M_NOTNAME},
    {"july", M_NOTNAME},
    {"august", M_NOTNAME},
    {"september", M_NOTNAME},
    {"october", M_NOTNAME},
    {"november", M_NOTNAME},
    {"december", M_NOTNAME},
    {"monday", M_NOTNAME},
    {"tuesday", M_NOTNAME},
    {"wednesday", M_NOTNAME},
    {"thursday", M_NOTNAME},
    {"friday", M_NOTNAME},
    {"saturday", M_NOTNAME},
    {"sunday", M_NOTNAME},
    {"runtime", M_NOTNAME},
    {"mr", M_NOTNAME},
    {"mrs", M_NOTNAME},
    {"ms", M_NOTNAME},
    {"dr", M_NOTNAME},
    {"sir", M_NOTNAME},
    {"dame", M_NOTNAME},
    {"mvp", M_NOTNAME},
    {"recommendation", M_NOTNAME},
    {"highlights", M_NOTNAME},
    {"synopsis", M_NOTNAME},
    {"verdict", M_NOTNAME},
    {"update", M_NOTNAME},
    {"updated", M_NOTNAME},
    {"posted", M_NOTNAME},
    {"share", M_NOTNAME},
    {"follow", M_NOTNAME},
    {"subscribe", M_NOTNAME},
    {"support", M_NOTNAME},
    {"visit", M_NOTNAME},
    {"like", M_NOTNAME | M_TCUE},
    {"click", M_NOTNAME},
    {"original", M_NOTNAME},
    {"release", M_NOTNAME},
    {"date", M_NOTNAME},
    {"blu ray", M_NOTNAME},
    /* lists of people */
    {"cast", M_LIST},
    {"starcast", M_LIST | M_NOTNAME},
    {"ensemble", M_LIST},
    {"lineup", M_LIST},
    {"line up", M_LIST},
    {"actors", M_LIST | M_NOTNAME},
    {"actresses", M_LIST | M_NOTNAME},
    {"stars", M_LIST},
    {"co stars", M_LIST},
    {"costars", M_LIST},
    {"directors", M_LIST},
    {"co directors", M_LIST | M_NOTNAME},
    {"filmmakers", M_LIST | M_NOTNAME},
    {"writers", M_LIST | M_NOTNAME},
    {"screenwriters", M_LIST | M_NOTNAME},
    {"co writers", M_LIST | M_NOTNAME},
    {"producers", M_LIST | M_NOTNAME},
    {"screenwriter", M_LIST},
    {"writer", M_LIST},
    {"director", M_LIST},
    {"producer", M_LIST},
    {"co star", M_LIST},
    {"costar", M_LIST},
    {"star", M_LIST},
    {"appear", M_LIST},
    {"feature", M_LIST},
    {"who", M_LIST | M_NOTNAME},
    {"taken", M_AWARD},
    {"scoops", M_AWARD},
    {"sweeps", M_AWARD},
    {"earns", M_AWARD},
    {"bags", M_AWARD},
    {"secured", M_AWARD},
    {"secures", M_AWARD},
    {"role", M_LIST},
    {"outing", M_PERF},
    {"written", M_VERB},
    {"co written", M_VERB},
    /* awards: festivals, bodies and categories, cues */
    {"afi", M_FEST},
    {"berlin", M_FEST},
    {"berlinale", M_FEST},
    {"bfi", M_FEST},
    {"busan", M_FEST},
    {"cannes", M_FEST},
    {"fantastic", M_FEST},
    {"festival", M_FEST},
    {"hot", M_FEST},
    {"karlovy", M_FEST},
    {"locarno", M_FEST},
    {"london", M_FEST},
    {"mostra", M_FEST},
    {"new", M_FEST},
    {"nyff", M_FEST},
    {"rotterdam", M_FEST},
    {"san", M_FEST},
    {"sitges", M_FEST},
    {"south", M_FEST},
    {"sundance", M_FEST},
    {"sxsw", M_FEST},
    {"telluride", M_FEST},
    {"tiff", M_FEST},
    {"toronto", M_FEST},
    {"tribeca", M_FEST},
    {"venice", M_FEST},
    {"oscar", M_ABODY},
    {"oscars", M_ABODY},
    {"oscar nominated", M_ABODY},
    {"oscar winning", M_ABODY},
    {"academy", M_ABODY},
    {"bafta", M_ABODY},
    {"baftas", M_ABODY},
    {"golden", M_ABODY},
    {"best", M_ABODY},
    {"outstanding", M_ABODY},
    {"one", M_ABODY},
    {"two", M_ABODY},
    {"three", M_ABODY},
    {"four", M_ABODY},
    {"five", M_ABODY},
    {"six", M_ABODY},
    {"seven", M_ABODY},
    {"eight", M_ABODY},
    {"nine", M_ABODY},
    {"ten", M_ABODY},
    {"eleven", M_ABODY},
    {"twelve", M_ABODY},
    {"thirteen", M_ABODY},
    {"fourteen", M_ABODY},
    {"nominated", M_AWARD},
    {"nomination", M_AWARD},
    {"nominations", M_AWARD},
    {"nod", M_AWARD},
    {"nods", M_AWARD},
    {"nominee", M_AWARD},
    {"nominees", M_AWARD},
    {"shortlisted", M_AWARD},
    {"contention", M_AWARD},
    {"nominating", M_AWARD},
    {"contender", M_AWARD},
    {"won", M_AWARD},
    {"win", M_AWARD},
    {"wins", M_AWARD},
    {"winning", M_AWARD},
    {"winner", M_AWARD},
    {"took", M_AWARD},
    {"takes", M_AWARD},
    {"take", M_AWARD},
    {"taking", M_AWARD},
    {"picked", M_AWARD},
    {"snatched", M_AWARD},
    {"scooped", M_AWARD},
    {"collected", M_AWARD},
    {"awarded", M_AWARD},
    {"went", M_AWARD},
    {"go", M_AWARD},
    {"goes", M_AWARD},
    {"gave", M_AWARD},
    {"given", M_AWARD},
    {"beat", M_AWARD},
    {"triumphed", M_AWARD},
    {"claimed", M_AWARD},
    {"bagged", M_AWARD},
    {"earned", M_AWARD},
    {"nabbed", M_AWARD},
    {"swept", M_AWARD},
    {"grabbed", M_AWARD},
    {"landed", M_AWARD},
    {"victory", M_AWARD},
    {"winners", M_AWARD},
    {"collect", M_AWARD},
    {"receives", M_AWARD},
    {"received", M_AWARD},
    {"picking", M_AWARD},
    {"picks", M_AWARD},
    {"pick", M_AWARD},
    {"nabs", M_AWARD},
    {"led", M_LIST},
    {"fronted", M_LIST},
    {"headlined", M_LIST},
    {"anchored", M_LIST},
    {"acts", M_LIST},
    {"co starred", M_LIST},
    {"dvd", M_NOTNAME},
    {"q a", M_NOTNAME},
    {"yes", M_NOTNAME},
    {"oh", M_NOTNAME},
    {"well", M_NOTNAME},
    {"just", M_NOTNAME},
    {"only", M_NOTNAME},
    {"now", M_NOTNAME},
    {"today", M_NOTNAME},
    {"yesterday", M_NOTNAME},
    {"tomorrow", M_NOTNAME},
    {"whatever", M_NOTNAME},
    {"however", M_NOTNAME},
    {"meanwhile", M_NOTNAME},
    {"cannes", M_NOTNAME},
    {"sundance", M_NOTNAME},
    {"venice", M_NOTNAME},
    {"berlinale", M_NOTNAME},
    {"tiff", M_NOTNAME},
    {"imdb", M_NOTNAME},
    {"netflix", M_NOTNAME},
    {"hbo", M_NOTNAME},
    {"amazon", M_NOTNAME},
};

/* Lower-case words that join a name's parts: "Guillermo del Toro". */
static const char *const particles[] = {"de",  "del", "della", "di",  "da",  "dos", "das",
                                        "du",  "van", "von",   "der", "den", "la",  "le",
                                        "bin", "ibn", "al",    "st",  "ter", "ten", NULL};

static uint64_t fnv(const char *s)
{
    return hash_bytes(s, strlen(s));
}

/* The per-document table of keywords (and demonyms): folded word → M_*.
 * Built once per call in the arena; a few hundred inserts. */
typedef struct {
    uint64_t h;
    uint32_t m;
} kwslot;

int build_kmask(fx *x, reel_arena *a)
{
    size_t cap = 1024;
    kwslot *t = arena_alloc(a, cap * sizeof *t);
    if (!t) return REEL_ENOMEM;
    size_t nk = sizeof keywords / sizeof keywords[0];
    const char *pw[400];
    size_t nd = place_words(pw, 400, 0), np = place_words(pw, 400, 1);
    for (size_t k = 0; k < nk + np; k++) {
        const char *w = k < nk ? keywords[k].w : pw[k - nk];
        uint32_t m = k < nk ? keywords[k].m : (k - nk < nd ? M_DEMONYM : M_LANG);
        uint64_t h = fnv(w) | 1;
        size_t i = h & (cap - 1);
        while (t[i].h && t[i].h != h)
            i = (i + 1) & (cap - 1);
        t[i].h = h;
        t[i].m |= m;
    }
    for (size_t i = 0; i < x->ntok; i++) {
        const reel_token *tk0 = &x->tok[i];
        uint32_t m = 0;
        if (tk0->kind == REEL_TOK_WORD && tk0->cap) m |= M_CAP;
        if (tk0->kind == REEL_TOK_NUMBER ||
            isdigit((unsigned char)x->text[tk0->span.start]))
            m |= M_NUM;
        if (tpunct(x, i, "(")) m |= M_PAREN;
        if (tk0->kind == REEL_TOK_WORD && *x->fold[i]) {
            uint64_t h = fnv(x->fold[i]) | 1;
            size_t j = h & (cap - 1);
            while (t[j].h && t[j].h != h)
                j = (j + 1) & (cap - 1);
            if (t[j].h) m |= t[j].m;
        }
        x->kmask[i] = m;
    }
    return 0;
}

static int person_find(const fx *x, const char *key)
{
    size_t m = x->phcap - 1, i = fnv(key) & m;
    while (x->phash[i] >= 0) {
        if (!strcmp(x->people[x->phash[i]].key, key)) return x->phash[i];
        i = (i + 1) & m;
    }
    return -1;
}

static int person_add(fx *x, reel_arena *a, const char *name, size_t len, const char *key,
                      int words)
{
    int p = person_find(x, key);
    if (p >= 0) {
        x->people[p].mentions++;
        return p;
    }
    if (x->npeople >= FX_MAX_PEOPLE) return -1;
    if (x->npeople == x->cappeople) {
        size_t cap = x->cappeople ? x->cappeople * 2 : 64;
        fx_person *np = realloc(x->people, cap * sizeof *np);
        if (!np) {
            x->oom = 1;
            return -1;
        }
        x->people = np;
        x->cappeople = cap;
    }
    fx_person *q = &x->people[x->npeople];
    memset(q, 0, sizeof *q);
    q->name = arena_strndup(a, name, len);
    q->key = arena_strdup(a, key);
    if (!q->name || !q->key) {
        x->oom = 1;
        return -1;
    }
    q->words = words;
    q->mentions = 1;
    q->first = q->key;
    const char *sp = strchr(q->key, ' ');
    q->first_len = sp ? (size_t)(sp - q->key) : strlen(q->key);
    const char *ls = strrchr(q->key, ' ');
    q->last = ls ? ls + 1 : q->key;
    q->last_len = strlen(q->last);
    q->full = -1;
    q->isp = -1;
    size_t m = x->phcap - 1, i = fnv(key) & m;
    while (x->phash[i] >= 0)
        i = (i + 1) & m;
    x->phash[i] = (int32_t)x->npeople;
    return (int)x->npeople++;
}

/* A word token that can be part of a name. */
static int name_word(const fx *x, size_t i)
{
    if (!tcap(x, i)) return 0;
    if (x->tflag[i] & (TF_SUBJECT | TF_FILM)) return 0;
    /* ALL-CAPS words of two letters or more are acronyms and headlines */
    const char *s = tstr(x, i);
    size_t n = tlen(x, i), upper = 0, letters = 0;
    for (size_t k = 0; k < n; k++)
        if (isalpha((unsigned char)s[k])) {
            letters++;
            if (isupper((unsigned char)s[k])) upper++;
        }
    if (letters >= 2 && upper == letters) return 0;
    /* "A-list", "B-movie", "X-ray": a letter and a hyphen */
    if (n > 2 && s[1] == '-') return 0;
    return 1;
}

static const char *const headline_verbs[] = {
    "talks", "says",  "reveals", "discusses", "explains",  "opens",   "shares",    "gets",
    "is",    "was",   "returns", "joins",     "breaks",    "on",      "in",        "and",
    "to",    "at",    "for",     "with",      "reflects",  "recalls", "remembers", "wins",
    "takes", "makes", "defends", "responds",  "addresses", NULL};

static int in_lower(const char *w, const uint64_t *lower, size_t lcap)
{
    uint64_t h = hash_bytes(w, strlen(w)) | 1;
    size_t m = lcap - 1, k = h & m;
    while (lower[k]) {
        if (lower[k] == h) return 1;
        k = (k + 1) & m;
    }
    return 0;
}

/* "Oscar Isaac": the award's word as a first name, when a capitalised word
 * that no award phrase uses follows it on the same line. */
static int oscar_name(const fx *x, size_t i, size_t end)
{
    static const char *const award_next[] = {
        "winner",      "winners",     "winning",  "nominee", "nominees", "nominated",
        "nomination",  "nominations", "season",   "race",    "night",    "ceremony",
        "campaign",    "contender",   "glory",    "buzz",    "best",     "for",
        "award",       "awards",      "telecast", "host",    "hopeful",  "nod",
        "nods",        "gold",        "voters",   "talk",    "favorite", "favourite",
        "frontrunner", "history",     NULL};
    if (!tis(x, i, "oscar") || i + 1 >= end) return 0;
    if (x->tok[i + 1].span.start != x->tok[i].span.end + 1 ||
        x->text[x->tok[i].span.end] != ' ')
        return 0;
    return name_word(x, i + 1) && !tk(x, i + 1, M_NOTNAME) &&
           !tin(x, i + 1, award_next) && !(x->tflag[i] & TF_POSS);
}

/* Scan a name run from token i within [i, end): its end (exclusive). */
static size_t scan_name(fx *x, size_t i, size_t end, const uint64_t *lower, size_t lcap)
{
    /* "Mrs. Park", "Dr. Mallo": a title keeps its name */
    static const char *const titles[] = {"mr",   "mrs",  "ms",  "dr",  "mme", "mlle",
                                         "lt",   "capt", "sgt", "col", "gen", "det",
                                         "prof", "rev",  "st",  NULL};
    if (tin(x, i, titles) && tpunct(x, i + 1, ".") && tadjacent(x, i + 1) &&
        i + 2 < end && name_word(x, i + 2) &&
        x->tok[i + 2].span.start == x->tok[i + 1].span.end + 1 &&
        !tk(x, i + 2, M_NOTNAME)) {
        size_t e = scan_name(x, i + 2, end, NULL, 0);
        return e > i + 2 ? e : i;
    }
    if (!name_word(x, i) || (tk(x, i, M_NOTNAME | M_DEMONYM) && !oscar_name(x, i, end)))
        return i;
    /* a sentence-initial word the text also uses in lower case */
    if (i == x->sa && lower) {
        uint64_t h = fnv(x->fold[i]) | 1;
        size_t m = lcap - 1, k = h & m;
        while (lower[k]) {
            if (lower[k] == h) return i;
            k = (k + 1) & m;
        }
    }
    size_t j = i + 1;
    if (x->tflag[i] & TF_POSS) return j;
    while (j < end && j - i < FX_MAX_NAME) {
        /* a line break ends a name: credit blocks put one name a line */
        char gap = x->text[x->tok[j - 1].span.end];
        if (gap == '\n' || gap == '\r' || gap == '\t') break;
        if (x->tok[j].span.start != x->tok[j - 1].span.end + 1) {
            /* initials: "J. K. Rowling" */
            if (tpunct(x, j, ".") && tadjacent(x, j) && tlen(x, j - 1) == 1 &&
                j + 1 < end && name_word(x, j + 1) &&
                x->tok[j + 1].span.start == x->tok[j].span.end + 1) {
                j++;
                continue;
            }
            break;
        }
        if (tpunct(x, j, ".")) break;
        /* "Clifton Collins Jr." keeps its dot */
        if ((tis(x, j, "jr") || tis(x, j, "sr")) && tpunct(x, j + 1, ".") &&
            tadjacent(x, j + 1)) {
            j += 2;
            break;
        }
        /* a Title Case headline runs a name into the words after it
         * ("Director George Miller Talks Stunts"): a third word the text
         * also writes in lower case, or a headline verb, ends it */
        if (x->sent_heading && j - i >= 2 && lower &&
            (in_lower(x->fold[j], lower, lcap) || tin(x, j, headline_verbs)))
            break;
        if (name_word(x, j) && !tk(x, j, M_NOTNAME | M_DEMONYM)) {
            j++;
            if (x->tflag[j - 1] & TF_POSS) break;
            continue;
        }
        if (tin(x, j, particles) && j + 1 < end && name_word(x, j + 1) &&
            x->tok[j + 1].span.start == x->tok[j].span.end + 1) {
            j++;
            continue;
        }
        break;
    }
    /* a lone initial is no name */
    if (j == i + 1 && tlen(x, i) == 1) return i;
    return j;
}

/* The folded key of tokens [a, b) without the possessive. */
static char *run_key(fx *x, reel_arena *a, size_t s, size_t e)
{
    buf b;
    buf_init(&b);
    for (size_t t = s; t < e; t++) {
        if (!*x->fold[t]) continue;
        if (b.len) buf_putc(&b, ' ');
        buf_puts(&b, x->fold[t]);
    }
    if (b.oom) {
        buf_free(&b);
        return NULL;
    }
    char *k = arena_strndup(a, b.data ? b.data : "", b.len);
    buf_free(&b);
    return k;
}

/* The written form of a name without its possessive ending. */
static size_t name_text_end(const fx *x, size_t last)
{
    size_t e = x->tok[last].span.end;
    if (x->tflag[last] & TF_POSS) {
        const char *s = x->text + x->tok[last].span.start;
        size_t n = tlen(x, last);
        if (n > 2 && s[n - 2] == '\'')
            e -= 2;
        else if (n > 4 && !memcmp(s + n - 4, "\xE2\x80\x99", 3))
            e -= 4;
    }
    return e;
}

int collect_people(fx *x, reel_arena *a)
{
    /* words the text uses in lower case: a capitalised one at the start of
     * a sentence is then an ordinary word ("Still", "Many") */
    size_t lcap = 64;
    while (lcap < x->ntok * 2)
        lcap *= 2;
    uint64_t *lower = arena_alloc(a, lcap * sizeof *lower);
    if (!lower) return REEL_ENOMEM;
    for (size_t i = 0; i < x->ntok; i++) {
        if (!tlower(x, i) || !*x->fold[i]) continue;
        uint64_t h = fnv(x->fold[i]) | 1;
        size_t m = lcap - 1, k = h & m;
        while (lower[k] && lower[k] != h)
            k = (k + 1) & m;
        lower[k] = h;
    }
    for (size_t s = 0; s < x->doc->n_sentences; s++) {
        const reel_sentence *se = &x->doc->sentences[s];
        x->sa = se->tok_start;
        x->sb = se->tok_end;
        x->sent_heading = x->heading[s];
        if (!x->sent_heading) {
            /* a Title Case line the reader did not mark as a heading:
             * most of its words capitalised */
            size_t words = 0, caps = 0;
            for (size_t i = se->tok_start; i < se->tok_end && i < se->tok_start + 40; i++)
                if (x->tok[i].kind == REEL_TOK_WORD && !tpunct(x, i, ".")) {
                    words++;
                    caps += tcap(x, i) != 0;
                }
            x->sent_heading = words >= 5 && caps * 10 >= words * 8;
        }
        for (size_t i = se->tok_start; i < se->tok_end; i++) {
            size_t e = scan_name(x, i, se->tok_end, lower, lcap);
            if (e == i) continue;
            char *key = run_key(x, a, i, e);
            if (!key) return REEL_ENOMEM;
            if (!*key) continue;
            size_t ts = x->tok[i].span.start, te = name_text_end(x, e - 1);
            int words = 0;
            for (size_t t = i; t < e; t++)
                words += x->tok[t].kind == REEL_TOK_WORD && !tpunct(x, t, ".");
            int p = person_add(x, a, x->text + ts, te - ts, key, words);
            if (x->oom) return REEL_ENOMEM;
            if (p >= 0) {
                x->person_at[i] = p;
                x->name_len[i] = (uint8_t)(e - i);
            }
            i = e - 1;
        }
    }
    /* a single word resolves to the full name it is the first or last word
     * of, the most mentioned one when several fit: one hash of the words of
     * full names, so this stays linear */
    size_t wcap = 64;
    while (wcap < x->npeople * 4)
        wcap *= 2;
    uint64_t *wh = arena_alloc(a, wcap * sizeof *wh);
    int32_t *wp = arena_alloc(a, wcap * sizeof *wp);
    if (!wh || !wp) return REEL_ENOMEM;
    for (size_t p = 0; p < x->npeople; p++) {
        fx_person *r = &x->people[p];
        if (r->words < 2) continue;
        for (int side = 0; side < 2; side++) {
            char w[128];
            const char *src = side ? r->last : r->first;
            size_t n = side ? r->last_len : r->first_len;
            if (n == 0 || n >= sizeof w) continue;
            memcpy(w, src, n);
            w[n] = 0;
            uint64_t h = fnv(w) | 1;
            size_t m = wcap - 1, k = h & m;
            while (wh[k] && wh[k] != h)
                k = (k + 1) & m;
            if (!wh[k] || x->people[wp[k]].mentions < r->mentions) {
                wh[k] = h;
                wp[k] = (int32_t)p;
            }
        }
    }
    for (size_t p = 0; p < x->npeople; p++) {
        fx_person *q = &x->people[p];
        if (q->words != 1) continue;
        uint64_t h = fnv(q->key) | 1;
        size_t m = wcap - 1, k = h & m;
        while (wh[k] && wh[k] != h)
            k = (k + 1) & m;
        if (!wh[k]) continue;
        q->full = wp[k];
        fx_person *r = &x->people[wp[k]];
        if (!strcmp(r->last, q->key))
            r->last_alone += q->mentions;
        else
            r->first_alone += q->mentions;
    }
    return 0;
}

int person_resolve(fx *x, int p)
{
    if (p < 0) return p;
    return x->people[p].full >= 0 ? x->people[p].full : p;
}

size_t name_at(fx *x, size_t i, int *person)
{
    if (i >= x->sb || i < x->sa || x->person_at[i] < 0) return 0;
    size_t n = x->name_len[i];
    if (i + n > x->sb) return 0;
    *person = person_resolve(x, x->person_at[i]);
    return n;
}

int name_before(fx *x, size_t i, size_t *start, int *person)
{
    size_t lo = i > FX_MAX_NAME ? i - FX_MAX_NAME : 0;
    if (lo < x->sa) lo = x->sa;
    for (size_t s = i; s-- > lo;) {
        if (x->person_at[s] >= 0 && s + x->name_len[s] == i) {
            *start = s;
            *person = person_resolve(x, x->person_at[s]);
            return 1;
        }
    }
    return 0;
}

void person_role(fx *x, int p, unsigned roles)
{
    if (p >= 0) x->people[person_resolve(x, p)].roles |= roles;
}

/* Recency: the latest people named, newest last; anaphora looks back
 * through them only, so it costs the same on any input. */
void note_mention(fx *x, int p)
{
    size_t n = x->ring_n, cap = sizeof x->ring / sizeof x->ring[0];
    for (size_t k = 0; k < n; k++)
        if (x->ring[k] == p) {
            memmove(&x->ring[k], &x->ring[k + 1], (n - k - 1) * sizeof x->ring[0]);
            n--;
            break;
        }
    if (n == cap) {
        memmove(&x->ring[0], &x->ring[1], (cap - 1) * sizeof x->ring[0]);
        n--;
    }
    x->ring[n++] = p;
    x->ring_n = n;
}

int antecedent(fx *x, unsigned want, unsigned avoid)
{
    for (size_t k = x->ring_n; k-- > 0 && want;) {
        unsigned r = x->people[x->ring[k]].roles;
        if ((r & want) && !(r & avoid)) return x->ring[k];
    }
    for (size_t k = x->ring_n; k-- > 0;) {
        unsigned r = x->people[x->ring[k]].roles;
        if (!(r & avoid) && x->people[x->ring[k]].words >= 1) return x->ring[k];
    }
    return -1;
}

int fx_person_mentions(const fx *x, const char *key)
{
    int p = person_find(x, key);
    if (p < 0) return 0;
    const fx_person *q = &x->people[p];
    return q->mentions + q->first_alone + q->last_alone;
}
