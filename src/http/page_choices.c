/* page_choices.c — the page of a title that fits several films (remakes,
 * same-title films): each film by title and year, linked by its id, so a
 * reader picks one instead of the server guessing. A pure function of the
 * store's list ({"ambiguous", "films"}), like the other pages. */
#include "http.h"

#include <jansson.h>

int page_choices(buf *out, const char *choices_json)
{
    json_t *o = json_loads(choices_json, 0, NULL), *f;
    if (!json_is_object(o)) {
        json_decref(o);
        return REEL_EFORMAT;
    }
    const char *title = json_string_value(json_object_get(o, "ambiguous"));
    page_head(out, title ? title : "Several films", NULL);
    buf_puts(out, "<h1>");
    html_esc(out, title ? title : "");
    buf_puts(out, "</h1><p>This title fits several films:</p><ul class=\"choices\">");
    size_t i;
    json_array_foreach(json_object_get(o, "films"), i, f)
    {
        const char *id = json_string_value(json_object_get(f, "id"));
        const char *name = json_string_value(json_object_get(f, "name"));
        buf_puts(out, "<li><a href=\"");
        href_film(out, id ? id : "");
        buf_puts(out, "\">");
        html_esc(out, name ? name : id ? id : "");
        buf_printf(out, "</a> (%lld reviews, %lld articles)</li>",
                   (long long)json_integer_value(json_object_get(f, "reviews")),
                   (long long)json_integer_value(json_object_get(f, "articles")));
    }
    buf_puts(out, "</ul><p><a href=\"/\">All films</a></p>");
    page_foot(out);
    json_decref(o);
    return out->oom ? REEL_ENOMEM : 0;
}
