/* reconcile.c — placeholder until the facts branch lands: no facts. */
#include "internal.h"

#include <jansson.h>

int facts_reconcile(json_t *report, json_t *arts, const char **ids, size_t n)
{
    (void)arts;
    (void)ids;
    (void)n;
    json_object_set_new(report, "facts", json_array());
    json_object_set_new(report, "conflicts", json_array());
    return 0;
}
