/* aggregate.h — what the aggregation stage (src/aggregate/) offers the rest
 * of the library, beside the public reel_partial_* of reel.h: the parts of
 * a film's report that finalize (aggregate.c) builds in other files, and
 * the name matcher (namesim.h) reconciliation clusters values with. Each
 * adds members to a report from the summaries `arts` (article id →
 * summary) of the articles ids[0..n), given in id order.
 */
#ifndef REEL_AGGREGATE_H
#define REEL_AGGREGATE_H

#include "namesim.h"

#include <jansson.h>
#include <stddef.h>

/* aggregate.c: the brief of an article a report lists (id, title, outlet,
 * verdict…) from its summary; a new reference. */
json_t *aggregate_article_brief(const char *id, json_t *summary);

/* reception.c: the report's "reception" (critics' score, share positive,
 * histogram, spread, extremes…) and "dates" (first and last review, the
 * reviews without a date); new references, NULL when out of memory (noted
 * for oom_since). */
json_t *film_reception(json_t *arts, const char **ids, size_t n);
json_t *film_review_dates(json_t *arts, const char **ids, size_t n);

/* consensus.c: "pull_quotes" (the three best quotable sentences, one per
 * review) and "consensus" (two or three sentences of the majority side
 * whose words its other reviews share most). 0, or REEL_ENOMEM when an
 * allocation failed and the lists may be short. */
int film_consensus(json_t *report, json_t *arts, const char **ids, size_t n);

/* reconcile.c: "facts" (each predicate's values grouped, with support and
 * sources) and "conflicts" (where sources disagree). 0 or REEL_ENOMEM. */
int facts_reconcile(json_t *report, json_t *arts, const char **ids, size_t n);

#endif
