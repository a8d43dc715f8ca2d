/* facts_crafts.c — awards won by craftspeople named by their craft:
 * "film editor Margaret Sixel was a winner", "sound editor A and sound
 * mixer B won their categories", "cinematographer X took home the Oscar".
 * The craft says the category (editor → Best Film Editing), the body is
 * the one the sentence or the article names; each winner is the award's
 * qualifier. Called from awards_in_sentence for sentences that speak of
 * winning.
 */
#include "facts.h"

static const struct {
    const char *w1, *w2; /* the craft noun, one or two words */
    const char *category;
} crafts[] = {
    {"film", "editor", "Film Editing"},
    {"editor", NULL, "Film Editing"},
    {"sound", "editor", "Sound Editing"},
    {"sound", "mixer", "Sound Mixing"},
    {"sound", "designer", "Sound"},
    {"costume", "designer", "Costume Design"},
    {"production", "designer", "Production Design"},
    {"production", "designers", "Production Design"},
    {"cinematographer", NULL, "Cinematography"},
    {"composer", NULL, "Original Score"},
    {"makeup", "artist", "Makeup and Hairstyling"},
    {"hairstylist", NULL, "Makeup and Hairstyling"},
};

/* the win said after the names: "won", "was a winner", "took home" */
static int win_after(const fx *x, size_t k)
{
    static const char *const cues[] = {"won",     "wins",      "winner",
                                       "winners", "took",      "collected",
                                       "scooped", "triumphed", NULL};
    for (size_t t = k; t < x->sb && t < k + 4; t++) {
        if (tin(x, t, cues)) return 1;
        if (!(tis(x, t, "also") || tis(x, t, "was") || tis(x, t, "were") ||
              tis(x, t, "a") || tis(x, t, "both") || tis(x, t, "each")))
            return 0;
    }
    return 0;
}

/* the craft at i: its category and length, or NULL */
static const char *craft_at(const fx *x, size_t i, size_t *len)
{
    for (size_t k = 0; k < sizeof crafts / sizeof crafts[0]; k++) {
        if (!tis(x, i, crafts[k].w1)) continue;
        if (crafts[k].w2 && !tis(x, i + 1, crafts[k].w2)) continue;
        /* "editor" alone after "sound": the two-word craft */
        if (!crafts[k].w2 && i > x->sa && tis(x, i - 1, "sound")) continue;
        *len = crafts[k].w2 ? 2 : 1;
        return crafts[k].category;
    }
    return NULL;
}

int fx_craft_winners(fx *x)
{
    /* the body: the sentence's, else the article's (not a festival) */
    const char *body = NULL;
    size_t bl;
    for (size_t t = x->sa; t < x->sb && !body; t++)
        if (tkmask(x, t) & M_ABODY) body = fx_award_body_at(x, t, &bl);
    if (!body) body = x->award_body;
    if (!body) return 0;
    /* "craft NAME (and craft NAME)* won", as often as the sentence says it */
    const char *cats[4];
    int who[4];
    size_t at[4], n = 0, k = x->sa;
    int rc = 0;
    while (k < x->sb && !rc) {
        size_t cl;
        const char *cat = craft_at(x, k, &cl);
        if (!cat) {
            k++;
            continue;
        }
        int p;
        size_t l = name_at(x, k + cl, &p);
        if (!l || !fx_is_person(x, p) || x->people[p].words < 2 ||
            (x->tflag[k + cl + l - 1] & TF_POSS)) {
            k++;
            continue;
        }
        if (n < 4) {
            cats[n] = cat;
            who[n] = p;
            at[n++] = k;
        }
        k += cl + l;
        if (tis(x, k, "and") && craft_at(x, k + 1, &cl)) {
            k++;
            continue;
        }
        if (win_after(x, k))
            for (size_t m = 0; m < n && !rc; m++) {
                char v[96];
                int vn = snprintf(v, sizeof v, "%s for Best %s", body, cats[m]);
                if (vn <= 0 || (size_t)vn >= sizeof v) continue;
                const char *name = x->people[who[m]].name;
                rc = fx_emit(x, "award", v, (size_t)vn, NULL, name, strlen(name), -2,
                             x->tok[at[m]].span.start, x->tok[k - 1].span.end, 0.7);
            }
        n = 0;
    }
    return rc;
}
