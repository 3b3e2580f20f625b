/*
 * aes/aes_key_expansion.c -- FIPS-197 §5.2 Key Expansion.
 *
 * A word is four bytes [a0, a1, a2, a3]; we hold it in a uint32_t with a0
 * in the most significant byte (big-endian, load32_be), so the hex of
 * w[i] prints exactly as in FIPS-197 Appendix A.
 * aes_trace_key_expansion() (aes/aes.h) reports every word with the
 * columns of Appendix A's tables, for `cryptolab aes-trace --key-expansion`
 * and the viewers; it runs the same loop as KeyExpansion().
 * CT: no (SubWord uses the S-box table); aes_key_expansion_sw() with a
 * constant-time SubWord is (aes_init_impl uses it for ct and aesni).
 */
#include "aes/aes_internal.h"
#include "common/bytes.h"
#include "common/ct.h"

/* FIPS-197 §5.2: SubWord() applies the S-box (§5.1.1) to each of the four bytes. */
uint32_t SubWord(uint32_t word)
{
    return ((uint32_t)aes_sbox[(word >> 24) & 0xff] << 24) |
           ((uint32_t)aes_sbox[(word >> 16) & 0xff] << 16) |
           ((uint32_t)aes_sbox[(word >> 8) & 0xff] << 8) |
           (uint32_t)aes_sbox[word & 0xff];
}

/* FIPS-197 §5.2: RotWord() takes [a0,a1,a2,a3] to [a1,a2,a3,a0]. */
uint32_t RotWord(uint32_t word)
{
    return (word << 8) | (word >> 24);
}

/* FIPS-197 §5.2: the round constant word Rcon[i] = [x^(i-1), {00}, {00}, {00}],
 * x^(i-1) being a power of x ({02}) in GF(2^8) (§4.2). */
uint32_t Rcon(int i)
{
    uint8_t x = 0x01;                /* x^0 */
    for (int k = 1; k < i; k++)
        x = xtime(x);                /* multiply by x once per step */
    return (uint32_t)x << 24;
}

/* FIPS-197 §5.2 Figure 11: KeyExpansion(byte key[4*Nk], word w[Nb*(Nr+1)], Nk).
 * When trace is set, every word is reported with the columns of Appendix
 * A's tables (aes_kx_trace_fn in aes/aes.h); the words are computed the
 * same way either way. */
static void key_expansion(const uint8_t *key, uint32_t *w, int Nk, uint32_t (*sub_word)(uint32_t),
                          aes_kx_trace_fn trace, void *arg)
{
    const int Nr = Nk + 6;
    aes_kx_step st;
    int i = 0;
    while (i < Nk) {
        w[i] = load32_be(key + 4 * i);   /* word(key[4*i], key[4*i+1], key[4*i+2], key[4*i+3]) */
        if (trace != NULL) {
            st = (aes_kx_step){ .i = i, .from_key = 1, .w = w[i] };
            trace(arg, &st);
        }
        i = i + 1;
    }
    i = Nk;
    while (i < AES_Nb * (Nr + 1)) {
        uint32_t temp = w[i - 1];
        st = (aes_kx_step){ .i = i, .temp = temp, .w_i_nk = w[i - Nk] };
        if (i % Nk == 0) {
            st.uses = AES_KX_ROTWORD | AES_KX_SUBWORD | AES_KX_RCON;
            st.after_rotword = RotWord(temp);
            st.after_subword = sub_word(st.after_rotword);
            st.rcon = Rcon(i / Nk);
            temp = st.after_subword ^ st.rcon;   /* SubWord(RotWord(temp)) xor Rcon[i/Nk] */
            st.after_rcon = temp;
        } else if (Nk > 6 && i % Nk == 4) {
            st.uses = AES_KX_SUBWORD;
            temp = sub_word(temp);
            st.after_subword = temp;
        }
        w[i] = w[i - Nk] ^ temp;
        if (trace != NULL) {
            st.w = w[i];
            trace(arg, &st);
        }
        i = i + 1;
    }
    cl_wipe(&st, sizeof st);
}

void KeyExpansion(const uint8_t *key, uint32_t *w, int Nk)
{
    key_expansion(key, w, Nk, SubWord, NULL, NULL);
}

/* The same with another SubWord(): the constant-time implementations pass
 * the bitsliced S-box (aes_ct64_sub_word), so that no key byte ever
 * indexes a table.  The loop branches only on i and Nk (public). */
void aes_key_expansion_sw(const uint8_t *key, uint32_t *w, int Nk, uint32_t (*sub_word)(uint32_t))
{
    key_expansion(key, w, Nk, sub_word, NULL, NULL);
}

cl_status aes_trace_key_expansion(const uint8_t *key, size_t key_len, aes_kx_trace_fn fn, void *arg)
{
    uint32_t w[AES_MAX_WORDS];
    if (key == NULL || fn == NULL)
        return CL_ERR_NULL_POINTER;
    if (key_len != 16 && key_len != 24 && key_len != 32)
        return CL_ERR_KEY_LENGTH;
    key_expansion(key, w, (int)(key_len / 4), SubWord, fn, arg);
    cl_wipe(w, sizeof w);
    return CL_OK;
}
