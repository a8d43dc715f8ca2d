/* facts.c — placeholder until the facts branch lands (it replaces this
 * file): states no facts. */
#include "../internal.h"

int analyze_facts(reel_ctx *ctx, reel_doc *doc)
{
    (void)ctx;
    doc->facts = NULL;
    doc->n_facts = 0;
    return 0;
}
