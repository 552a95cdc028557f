/* heapsort.c - see heapsort.h. */
#include "heapsort.h"

typedef struct hs_array {
    char *base;
    size_t size;
    gs_less_fn less;
    const void *ctx;
} hs_array;

static void *hs_at(const hs_array *a, size_t i) { return a->base + i * a->size; }

static void hs_swap(const hs_array *a, size_t i, size_t j)
{
    char *x = hs_at(a, i), *y = hs_at(a, j);
    for (size_t k = 0; k < a->size; k++) {
        char t = x[k];
        x[k] = y[k];
        y[k] = t;
    }
}

/* Moves element i down the max-heap of the first n elements. */
static void hs_sift(const hs_array *a, size_t i, size_t n)
{
    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= n)
            return;
        if (c + 1 < n && a->less(hs_at(a, c), hs_at(a, c + 1), a->ctx))
            c++;
        if (!a->less(hs_at(a, i), hs_at(a, c), a->ctx))
            return;
        hs_swap(a, i, c);
        i = c;
    }
}

void gs_heapsort(void *base, size_t n, size_t size, gs_less_fn less, const void *ctx)
{
    hs_array a = {base, size, less, ctx};
    for (size_t i = n / 2; i-- > 0;)
        hs_sift(&a, i, n);
    for (size_t i = n; i-- > 1;) {
        hs_swap(&a, 0, i);
        hs_sift(&a, 0, i);
    }
}
