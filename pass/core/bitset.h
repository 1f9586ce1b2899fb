/* Dense bitsets over small integer ids (blocks, values, frame items, states).
 * A bitset is a caller-owned array of cp_bs_words(n) uint64_t words; these
 * helpers never allocate. Header-only, no LLVM. */
#ifndef COROPACK_BITSET_H
#define COROPACK_BITSET_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

static inline size_t cp_bs_words(size_t n) { return (n + 63) / 64; }
static inline void cp_bs_set(uint64_t *b, size_t i) { b[i / 64] |= UINT64_C(1) << (i % 64); }
static inline void cp_bs_clr(uint64_t *b, size_t i) { b[i / 64] &= ~(UINT64_C(1) << (i % 64)); }
static inline int cp_bs_has(const uint64_t *b, size_t i) { return (int)((b[i / 64] >> (i % 64)) & 1); }
static inline void cp_bs_zero(uint64_t *b, size_t w) { memset(b, 0, w * sizeof *b); }
static inline void cp_bs_copy(uint64_t *d, const uint64_t *s, size_t w) { memcpy(d, s, w * sizeof *d); }

/* d |= s; returns nonzero when d changed. */
static inline int cp_bs_or(uint64_t *d, const uint64_t *s, size_t w)
{
	int changed = 0;
	for (size_t i = 0; i < w; i++) {
		uint64_t v = d[i] | s[i];
		changed |= v != d[i];
		d[i] = v;
	}
	return changed;
}

static inline int cp_bs_intersects(const uint64_t *a, const uint64_t *b, size_t w)
{
	for (size_t i = 0; i < w; i++)
		if (a[i] & b[i])
			return 1;
	return 0;
}

static inline int cp_bs_empty(const uint64_t *b, size_t w)
{
	for (size_t i = 0; i < w; i++)
		if (b[i])
			return 0;
	return 1;
}

static inline size_t cp_bs_count(const uint64_t *b, size_t w)
{
	size_t c = 0;
	for (size_t i = 0; i < w; i++)
		c += (size_t)__builtin_popcountll(b[i]);
	return c;
}

/* The first member of b (w words) at or after i, or SIZE_MAX: for walking
 * the members of a sparse set in word steps. */
static inline size_t cp_bs_next(const uint64_t *b, size_t w, size_t i)
{
	size_t k = i / 64;
	if (k >= w)
		return SIZE_MAX;
	uint64_t x = b[k] & (~UINT64_C(0) << (i % 64));
	while (!x) {
		if (++k == w)
			return SIZE_MAX;
		x = b[k];
	}
	return k * 64 + (size_t)__builtin_ctzll(x);
}

/* Transposes the 64x64 bit matrix a in place (bit c of a[r] is entry
 * (r, c)): swaps the off-diagonal halves of ever smaller blocks, 6 rounds
 * of 32 word operations in place of 4096 bit moves. */
static inline void cp_bs_transpose64(uint64_t a[64])
{
	static const uint64_t low[6] = {
		UINT64_C(0x00000000ffffffff), UINT64_C(0x0000ffff0000ffff), UINT64_C(0x00ff00ff00ff00ff),
		UINT64_C(0x0f0f0f0f0f0f0f0f), UINT64_C(0x3333333333333333), UINT64_C(0x5555555555555555),
	};
	for (unsigned r = 0, j = 32; r < 6; r++, j /= 2)
		for (unsigned k = 0; k < 64; k = ((k | j) + 1) & ~j) {
			uint64_t t = ((a[k] >> j) ^ a[k | j]) & low[r];
			a[k | j] ^= t;
			a[k] ^= t << j;
		}
}

/* The first non-member of b (w words) at or after i; w * 64 when every
 * bit from i on is set (or i is past the end). */
static inline size_t cp_bs_next_zero(const uint64_t *b, size_t w, size_t i)
{
	size_t k = i / 64;
	if (k >= w)
		return w * 64;
	uint64_t x = ~b[k] & (~UINT64_C(0) << (i % 64));
	while (!x) {
		if (++k == w)
			return w * 64;
		x = ~b[k];
	}
	return k * 64 + (size_t)__builtin_ctzll(x);
}

/* Bits [at, at + n) of s as a word, n <= 64; reads only the words that
 * hold them. */
static inline uint64_t cp_bs_bits(const uint64_t *s, size_t at, size_t n)
{
	size_t q = at / 64, r = at % 64;
	uint64_t x = s[q] >> r;
	if (r && r + n > 64)
		x |= s[q + 1] << (64 - r);
	return n < 64 ? x & ((UINT64_C(1) << n) - 1) : x;
}

/* d's bits [dat, dat + n) |= s's bits [sat, sat + n): a shifted union, a
 * word at a time; touches only the words that hold those bits. */
static inline void cp_bs_or_at(uint64_t *d, size_t dat, const uint64_t *s, size_t sat, size_t n)
{
	for (size_t k = 0; k < n; k += 64) {
		size_t len = n - k < 64 ? n - k : 64, q = (dat + k) / 64, r = (dat + k) % 64;
		uint64_t x = cp_bs_bits(s, sat + k, len);
		d[q] |= x << r;
		if (r && r + len > 64)
			d[q + 1] |= x >> (64 - r);
	}
}

/* Column block c of a bit matrix: out row k (ow words) = column 64c + k of
 * the nrows rows of m (row stride mw words, c < mw), as the set of rows
 * holding it, for k in 0..63. ow >= cp_bs_words(nrows). One 64x64
 * transpose per 64 rows, in place of a bit test per row and column. */
static inline void cp_bs_columns(const uint64_t *m, size_t nrows, size_t mw, size_t c, uint64_t *out, size_t ow)
{
	uint64_t blk[64];
	for (size_t b = 0; b < ow; b++) {
		for (size_t r = 0; r < 64; r++)
			blk[r] = b * 64 + r < nrows ? m[(b * 64 + r) * mw + c] : 0;
		cp_bs_transpose64(blk);
		for (size_t k = 0; k < 64; k++)
			out[k * ow + b] = blk[k];
	}
}

#endif
