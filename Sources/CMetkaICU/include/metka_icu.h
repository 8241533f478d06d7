/*
 * metka_icu.h — a deliberately tiny plain-C API over system ICU.
 *
 * Why a shim: Swift cannot import system ICU headers next to Foundation (Foundation ships its own
 * `_FoundationICU` module with the same C type names), and ICU symbols are macro-renamed per
 * version (`unorm2_normalize` → `unorm2_normalize_72`). Only plain C types cross this boundary:
 * UTF-8 in, UTF-8 out, caller-owned buffers.
 *
 * Every function returns the number of bytes the full result needs (excluding the NUL);
 * when that is >= `capacity`, the output is truncated and the caller retries with a larger buffer.
 * A negative return value is an ICU error code (negated UErrorCode).
 */
#ifndef METKA_ICU_H
#define METKA_ICU_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// NFC-normalizes `len` bytes of UTF-8 at `src` into `dst`.
int32_t metka_icu_nfc(const char *src, int32_t len, char *dst, int32_t capacity);

/// Full Unicode lowercase (root locale) of UTF-8 text.
int32_t metka_icu_lowercase(const char *src, int32_t len, char *dst, int32_t capacity);

/// The display name of an ISO 3166 region (`"US"`) in a display locale (`"ru"`), from CLDR.
int32_t metka_icu_region_name(const char *region, const char *display_locale, char *dst, int32_t capacity);

/// Transliterates UTF-8 text with an ICU transform id (e.g. `"Cyrillic-Latin"`).
int32_t metka_icu_transliterate(const char *transform_id, const char *src, int32_t len, char *dst, int32_t capacity);

/// The ICU version string (e.g. `"72.1"`), for run manifests.
const char *metka_icu_version(void);

#ifdef __cplusplus
}
#endif
#endif
