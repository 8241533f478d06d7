#include "metka_icu.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/uloc.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>
#include <unicode/uversion.h>

/* UTF-8 → freshly allocated UTF-16. Returns NULL on failure; *out_len receives the length. */
static UChar *to_utf16(const char *src, int32_t len, int32_t *out_len) {
    UErrorCode status = U_ZERO_ERROR;
    int32_t needed = 0;
    u_strFromUTF8(NULL, 0, &needed, src, len, &status);
    if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(status)) return NULL;
    status = U_ZERO_ERROR;
    UChar *buf = (UChar *)malloc(sizeof(UChar) * (size_t)(needed + 1));
    if (!buf) return NULL;
    u_strFromUTF8(buf, needed + 1, out_len, src, len, &status);
    if (U_FAILURE(status)) { free(buf); return NULL; }
    return buf;
}

/* UTF-16 → UTF-8 into the caller's buffer, with the "needed length" contract of the header. */
static int32_t from_utf16(const UChar *src, int32_t len, char *dst, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    int32_t needed = 0;
    u_strToUTF8(dst, capacity, &needed, src, len, &status);
    if (status == U_BUFFER_OVERFLOW_ERROR || status == U_STRING_NOT_TERMINATED_WARNING) return needed;
    if (U_FAILURE(status)) return -(int32_t)status;
    return needed;
}

int32_t metka_icu_nfc(const char *src, int32_t len, char *dst, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2 *nfc = unorm2_getNFCInstance(&status);
    if (U_FAILURE(status)) return -(int32_t)status;
    int32_t ulen = 0;
    UChar *u = to_utf16(src, len, &ulen);
    if (!u) return -1;
    int32_t cap = ulen * 3 + 16;
    UChar *out = (UChar *)malloc(sizeof(UChar) * (size_t)cap);
    if (!out) { free(u); return -1; }
    int32_t olen = unorm2_normalize(nfc, u, ulen, out, cap, &status);
    free(u);
    if (U_FAILURE(status)) { free(out); return -(int32_t)status; }
    int32_t r = from_utf16(out, olen, dst, capacity);
    free(out);
    return r;
}

int32_t metka_icu_lowercase(const char *src, int32_t len, char *dst, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    int32_t ulen = 0;
    UChar *u = to_utf16(src, len, &ulen);
    if (!u) return -1;
    int32_t cap = ulen * 2 + 16;
    UChar *out = (UChar *)malloc(sizeof(UChar) * (size_t)cap);
    if (!out) { free(u); return -1; }
    int32_t olen = u_strToLower(out, cap, u, ulen, "", &status);
    free(u);
    if (U_FAILURE(status)) { free(out); return -(int32_t)status; }
    int32_t r = from_utf16(out, olen, dst, capacity);
    free(out);
    return r;
}

int32_t metka_icu_region_name(const char *region, const char *display_locale, char *dst, int32_t capacity) {
    char locale_id[32];
    /* uloc_getDisplayCountry reads the region from a locale id such as "und_US". */
    if (strlen(region) > 8) return -1;
    strcpy(locale_id, "und_");
    strcat(locale_id, region);
    UChar name[256];
    UErrorCode status = U_ZERO_ERROR;
    int32_t n = uloc_getDisplayCountry(locale_id, display_locale, name, 256, &status);
    if (U_FAILURE(status)) return -(int32_t)status;
    if (status == U_USING_DEFAULT_WARNING) return 0; /* unknown region: no name */
    return from_utf16(name, n, dst, capacity);
}

int32_t metka_icu_transliterate(const char *transform_id, const char *src, int32_t len, char *dst, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    int32_t idlen = 0;
    UChar *uid = to_utf16(transform_id, (int32_t)strlen(transform_id), &idlen);
    if (!uid) return -1;
    UTransliterator *t = utrans_openU(uid, idlen, UTRANS_FORWARD, NULL, 0, NULL, &status);
    free(uid);
    if (U_FAILURE(status)) return -(int32_t)status;
    int32_t ulen = 0;
    UChar *u = to_utf16(src, len, &ulen);
    if (!u) { utrans_close(t); return -1; }
    int32_t cap = ulen * 4 + 16;
    UChar *buf = (UChar *)malloc(sizeof(UChar) * (size_t)cap);
    if (!buf) { free(u); utrans_close(t); return -1; }
    memcpy(buf, u, sizeof(UChar) * (size_t)ulen);
    free(u);
    int32_t textLength = ulen, limit = ulen;
    utrans_transUChars(t, buf, &textLength, cap, 0, &limit, &status);
    utrans_close(t);
    if (U_FAILURE(status)) { free(buf); return -(int32_t)status; }
    int32_t r = from_utf16(buf, textLength, dst, capacity);
    free(buf);
    return r;
}

const char *metka_icu_version(void) {
    return U_ICU_VERSION;
}
