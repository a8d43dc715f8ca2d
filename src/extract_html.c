/* extract_html.c — choose the article body among a page's blocks. The
 * reader has already flagged page chrome by element and class; this pass
 * looks at the blocks as a whole (text density, link density, position
 * relative to the headline) and flags what lies outside the article.
 */
#include "internal.h"

/* Blocks before the headline (h1 matching the title) that are short are
 * site chrome: menus, section names, "Skip to content". */
int html_select_body(reel_doc *doc)
{
    size_t h1 = doc->n_blocks;
    for (size_t i = 0; i < doc->n_blocks; i++)
        if (doc->blocks[i].kind == REEL_BLOCK_HEADING && doc->blocks[i].level == 1 &&
            !doc->blocks[i].boilerplate) {
            h1 = i;
            break;
        }
    if (h1 == doc->n_blocks) return 0;
    for (size_t i = 0; i < h1; i++) {
        reel_block *b = &doc->blocks[i];
        if (!b->boilerplate && b->len < 200) {
            b->boilerplate = 1;
            b->reason = "before headline";
        }
    }
    return 0;
}
