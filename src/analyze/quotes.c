/* quotes.c — placeholder until the reception branch lands: no quotes. */
#include "../internal.h"

int analyze_quotes(reel_ctx *ctx, reel_doc *doc)
{
    (void)ctx;
    doc->quotes = NULL;
    doc->n_quotes = 0;
    return 0;
}

#include <jansson.h>
/* Consensus and pull quotes of a film report: none until the reception
 * branch lands. */
int reception_extras(json_t *report, json_t *arts, const char **ids, size_t n)
{
    (void)arts;
    (void)ids;
    (void)n;
    json_object_set_new(report, "consensus", json_array());
    json_object_set_new(report, "pull_quotes", json_array());
    return 0;
}
