/*
 * demo/viz/rsa_page.c -- the RSA padding viewer page (`cryptolab rsa-trace
 * oaep-encrypt|oaep-decrypt|pss-sign ... --html FILE`): the intermediate
 * values that the library's traced OAEP/PSS functions report
 * (rsa_oaep_trace, rsa_pss_trace in rsa/rsa.h), one per step, under RFC
 * 8017's names and in the order of RSA Laboratories' oaep-int.txt and
 * pss-int.txt, with the layout of the encoded blocks (EM, DB, M').
 * Drawn by demo/viz/assets/rsa.js.
 *
 * VIZ = { kind: "rsa", scheme, hash, intro,
 *         layouts: [{name, parts: [{name, len}]}],
 *         values: [{name, formula, step, hex, marks: "EM:maskedDB ...", from: "DB dbMask"}] }
 */
#include "demo/viz/pages.h"
#include "demo/viz/page.h"

int viz_rsa_page(FILE *f, const char *title, const char *scheme, const char *hash, const char *intro,
                 const struct viz_rsa_layout *lay, size_t n_lay,
                 const struct viz_rsa_value *v, size_t n)
{
    viz_page_begin(f, title, intro);
    fputc('{', f);
    viz_json_key(f, 1, "kind");
    viz_json_str(f, "rsa");
    viz_json_key(f, 0, "scheme");
    viz_json_str(f, scheme);
    viz_json_key(f, 0, "hash");
    viz_json_str(f, hash);
    viz_json_key(f, 0, "layouts");
    fputc('[', f);
    for (size_t i = 0; i < n_lay; i++) {
        fputs(i ? ",{" : "{", f);
        viz_json_key(f, 1, "name");
        viz_json_str(f, lay[i].name);
        viz_json_key(f, 0, "parts");
        fputc('[', f);
        for (size_t j = 0; j < lay[i].n; j++) {
            fputs(j ? ",{" : "{", f);
            viz_json_key(f, 1, "name");
            viz_json_str(f, lay[i].parts[j].name);
            viz_json_key(f, 0, "len");
            fprintf(f, "%zu}", lay[i].parts[j].len);
        }
        fputs("]}", f);
    }
    fputc(']', f);
    viz_json_key(f, 0, "values");
    fputc('[', f);
    for (size_t i = 0; i < n; i++) {
        fputs(i ? ",{" : "{", f);
        viz_json_key(f, 1, "name");
        viz_json_str(f, v[i].name);
        viz_json_key(f, 0, "formula");
        viz_json_str(f, v[i].formula ? v[i].formula : "");
        viz_json_key(f, 0, "step");
        viz_json_str(f, v[i].step ? v[i].step : "");
        viz_json_key(f, 0, "hex");
        viz_json_hex(f, v[i].b, v[i].n);
        viz_json_key(f, 0, "marks");
        viz_json_str(f, v[i].marks ? v[i].marks : "");
        viz_json_key(f, 0, "from");
        viz_json_str(f, v[i].from ? v[i].from : "");
        fputc('}', f);
    }
    fputs("]}", f);
    return viz_page_end(f, "rsa.js");
}
