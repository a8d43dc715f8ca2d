# embed_names.cmake — models/names.model (made by `reel train names`, see
# models/MODEL.md) as a sorted C table compiled into the library, so the
# subject analyzer stays pure (no file to find at run time) and the model
# is the only place the names live. Run by the build: cmake -DIN=… -DOUT=… -P.
file(STRINGS "${IN}" lines REGEX "^[a-z][a-z-]*$")
list(REMOVE_DUPLICATES lines)
list(SORT lines)
set(body "")
foreach(l IN LISTS lines)
  string(APPEND body "    \"${l}\",\n")
endforeach()
file(WRITE "${OUT}" "/* names_model.c — generated from models/names.model by cmake/embed_names.cmake; do not edit. */
#include \"analyze/subject.h\"

const char *const subject_names_model[] = {
${body}};
const size_t subject_names_model_n = sizeof subject_names_model / sizeof *subject_names_model;
")
