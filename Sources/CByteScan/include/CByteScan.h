#ifndef CBYTESCAN_H
#define CBYTESCAN_H

#include <stdint.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/// Where four byte values stand in 64 bytes, one bit per byte (bit i: byte i equals the value): what the CSV
/// block index classifies a block by; and how many bytes equal one value (the chunker's quote count).
/// SSE2 (every x86-64) turns a 16-byte compare into 16 bits in one instruction (`pmovmskb`), which Swift's
/// SIMD types cannot express; inline, so the call costs nothing. Without SSE2 (arm64) the same answers
/// come from a loop over the bytes, slower than SIMD there.
typedef struct {
    uint64_t a, b, c, d;
} frontier_byte_masks;

/// The masks of bytes equal to `a`, `b`, `c` and `d` among the 64 at `p` (which must all be readable).
static inline frontier_byte_masks frontier_byte_masks64(const uint8_t *p, uint8_t a, uint8_t b, uint8_t c, uint8_t d) {
    frontier_byte_masks m = {0, 0, 0, 0};
#if defined(__SSE2__)
    const __m128i va = _mm_set1_epi8((char)a), vb = _mm_set1_epi8((char)b);
    const __m128i vc = _mm_set1_epi8((char)c), vd = _mm_set1_epi8((char)d);
    for (int k = 0; k < 4; k++) {
        const __m128i x = _mm_loadu_si128((const __m128i *)(p + 16 * k));
        const int shift = 16 * k;
        m.a |= (uint64_t)(uint16_t)_mm_movemask_epi8(_mm_cmpeq_epi8(x, va)) << shift;
        m.b |= (uint64_t)(uint16_t)_mm_movemask_epi8(_mm_cmpeq_epi8(x, vb)) << shift;
        m.c |= (uint64_t)(uint16_t)_mm_movemask_epi8(_mm_cmpeq_epi8(x, vc)) << shift;
        m.d |= (uint64_t)(uint16_t)_mm_movemask_epi8(_mm_cmpeq_epi8(x, vd)) << shift;
    }
#else
    for (int i = 0; i < 64; i++) {
        const uint64_t bit = (uint64_t)1 << i;
        if (p[i] == a) m.a |= bit;
        if (p[i] == b) m.b |= bit;
        if (p[i] == c) m.c |= bit;
        if (p[i] == d) m.d |= bit;
    }
#endif
    return m;
}

/// How many of the 64 bytes at `p` (which must all be readable) equal `a`.
static inline int frontier_byte_count64(const uint8_t *p, uint8_t a) {
#if defined(__SSE2__)
    const __m128i va = _mm_set1_epi8((char)a);
    int n = 0;
    for (int k = 0; k < 4; k++) {
        const __m128i x = _mm_loadu_si128((const __m128i *)(p + 16 * k));
        n += __builtin_popcount((unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, va)));
    }
    return n;
#else
    int n = 0;
    for (int i = 0; i < 64; i++) n += p[i] == a;
    return n;
#endif
}

#endif
