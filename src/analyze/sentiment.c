/* sentiment.c — placeholder until the model branch lands (it replaces this
 * file): no model can be loaded, so no document gets a prediction. */
#include "../internal.h"

struct reel_model {
    int unused;
};

void model_free(struct reel_model *m)
{
    free(m);
}

int reel_ctx_load_model(reel_ctx *ctx, const char *path)
{
    return reel_error(ctx, REEL_EMODEL, "%s: this build cannot load models", path);
}

int analyze_sentiment(reel_ctx *ctx, reel_doc *doc)
{
    (void)ctx;
    memset(&doc->sentiment, 0, sizeof doc->sentiment);
    return 0;
}
