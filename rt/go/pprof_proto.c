/* pprof_proto.c - a profile's samples, aggregated by stack and label set
 * (as Go's: two goroutines with the same stack but other labels are two
 * samples), and their encoding as profile.proto (github.com/google/pprof's
 * proto/profile.proto), gzipped as `go tool pprof` expects.
 *
 * The gzip stream uses stored (uncompressed) deflate blocks: a valid gzip
 * file that needs no zlib; profiles are small, so the size is no concern.
 * Everything here runs in the writer's ordinary context and uses malloc;
 * an allocation failure makes the writer return GO_ENOMEM.
 */
#include <errno.h>
#include <link.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "pprof.h"

struct pp_profile {
    int nvals;
    const char *const (*types)[2];
    const char *period_type[2];
    int64_t period;
    pp_entry **buckets;
    size_t nbuckets, nentries;
    bool oom;
};

pp_profile *go_pp_new(int nvals, const char *const types[][2], const char *const period_type[2], int64_t period)
{
    pp_profile *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->nvals = nvals;
    p->types = types;
    p->period_type[0] = period_type[0];
    p->period_type[1] = period_type[1];
    p->period = period;
    p->nbuckets = 1024;
    p->buckets = calloc(p->nbuckets, sizeof *p->buckets);
    if (!p->buckets) {
        free(p);
        return NULL;
    }
    return p;
}

static uint64_t hash_bytes(uint64_t h, const void *data, size_t n)
{
    const unsigned char *b = data;
    for (size_t i = 0; i < n; i++)
        h = (h ^ b[i]) * 0x100000001b3ull;
    return h;
}

static int label_cmp(const void *a, const void *b)
{
    return strcmp(((const pp_label *)a)->key, ((const pp_label *)b)->key);
}

static bool same(const pp_entry *e, const uintptr_t *pcs, size_t n, const pp_label *l, size_t nl)
{
    if (e->npcs != n || e->nlabels != nl || memcmp(e->pcs, pcs, n * sizeof *pcs) != 0)
        return false;
    for (size_t i = 0; i < nl; i++)
        if (strcmp(e->labels[i].key, l[i].key) != 0 || strcmp(e->labels[i].value, l[i].value) != 0)
            return false;
    return true;
}

static char *pp_strdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d)
        memcpy(d, s, n);
    return d;
}

bool go_pp_add(pp_profile *p, const uintptr_t *pcs, size_t n, const pp_label *labels_in, size_t nl,
               const int64_t *vals)
{
    pp_label labels[16];
    if (nl > 16)
        nl = 16;
    memcpy(labels, labels_in, nl * sizeof *labels);
    qsort(labels, nl, sizeof *labels, label_cmp);
    uint64_t h = hash_bytes(0xcbf29ce484222325ull, pcs, n * sizeof *pcs);
    for (size_t i = 0; i < nl; i++) {
        h = hash_bytes(h, labels[i].key, strlen(labels[i].key) + 1);
        h = hash_bytes(h, labels[i].value, strlen(labels[i].value) + 1);
    }
    pp_entry **b = &p->buckets[h % p->nbuckets];
    for (pp_entry *e = *b; e; e = e->next)
        if (e->hash == h && same(e, pcs, n, labels, nl)) {
            for (int v = 0; v < p->nvals; v++)
                e->vals[v] += vals[v];
            return true;
        }
    pp_entry *e = calloc(1, sizeof *e);
    if (!e)
        goto oom;
    e->hash = h;
    e->npcs = n;
    e->pcs = malloc((n ? n : 1) * sizeof *pcs);
    e->labels = calloc(nl ? nl : 1, sizeof *e->labels);
    if (!e->pcs || !e->labels) {
        free(e->pcs);
        free(e->labels);
        free(e);
        goto oom;
    }
    memcpy(e->pcs, pcs, n * sizeof *pcs);
    for (size_t i = 0; i < nl; i++) {
        e->labels[i].key = pp_strdup(labels[i].key);
        e->labels[i].value = pp_strdup(labels[i].value);
        if (!e->labels[i].key || !e->labels[i].value)
            p->oom = true;
        e->nlabels = i + 1;
    }
    for (int v = 0; v < p->nvals; v++)
        e->vals[v] = vals[v];
    e->next = *b;
    *b = e;
    p->nentries++;
    return !p->oom;
oom:
    p->oom = true;
    return false;
}

/* Largest first; ties in an order that is the same in every run (no
 * hashes or absolute addresses of other modules' load bases): labelled
 * before unlabelled, then by labels, then by pcs. */
static int entry_cmp(const void *a, const void *b)
{
    const pp_entry *x = *(pp_entry *const *)a, *y = *(pp_entry *const *)b;
    if (x->vals[0] != y->vals[0])
        return x->vals[0] > y->vals[0] ? -1 : 1;
    if (x->nlabels != y->nlabels)
        return x->nlabels > y->nlabels ? -1 : 1;
    for (size_t i = 0; i < x->nlabels; i++) {
        int c = strcmp(x->labels[i].key, y->labels[i].key);
        if (!c)
            c = strcmp(x->labels[i].value, y->labels[i].value);
        if (c)
            return c;
    }
    for (size_t i = 0; i < x->npcs && i < y->npcs; i++)
        if (x->pcs[i] != y->pcs[i])
            return x->pcs[i] < y->pcs[i] ? -1 : 1;
    return x->npcs < y->npcs ? -1 : x->npcs > y->npcs;
}

pp_entry **go_pp_entries(pp_profile *p, size_t *n)
{
    pp_entry **v = malloc((p->nentries ? p->nentries : 1) * sizeof *v);
    if (!v)
        return NULL;
    size_t k = 0;
    for (size_t i = 0; i < p->nbuckets; i++)
        for (pp_entry *e = p->buckets[i]; e; e = e->next)
            v[k++] = e;
    qsort(v, k, sizeof *v, entry_cmp);
    *n = k;
    return v;
}

void go_pp_free(pp_profile *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->nbuckets; i++)
        for (pp_entry *e = p->buckets[i], *next; e; e = next) {
            next = e->next;
            for (size_t k = 0; k < e->nlabels; k++) {
                free((void *)e->labels[k].key);
                free((void *)e->labels[k].value);
            }
            free(e->labels);
            free(e->pcs);
            free(e);
        }
    free(p->buckets);
    free(p);
}

/* ---- protobuf encoding */

typedef struct pb {
    uint8_t *p;
    size_t len, cap;
    bool oom;
} pb;

static void pb_reserve(pb *b, size_t n)
{
    if (b->len + n <= b->cap)
        return;
    size_t ncap = b->cap ? b->cap : 4096;
    while (ncap < b->len + n)
        ncap *= 2;
    uint8_t *q = realloc(b->p, ncap);
    if (!q) {
        b->oom = true;
        return;
    }
    b->p = q;
    b->cap = ncap;
}

static void pb_bytes(pb *b, const void *d, size_t n)
{
    pb_reserve(b, n);
    if (b->oom)
        return;
    memcpy(b->p + b->len, d, n);
    b->len += n;
}

static void pb_varint(pb *b, uint64_t v)
{
    uint8_t tmp[10];
    size_t n = 0;
    do {
        tmp[n++] = (uint8_t)((v & 0x7f) | (v >= 0x80 ? 0x80 : 0));
        v >>= 7;
    } while (v);
    pb_bytes(b, tmp, n);
}

static void pb_int(pb *b, int field, uint64_t v)
{
    pb_varint(b, (uint64_t)field << 3);
    pb_varint(b, v);
}

/* A length-delimited field whose content is sub (then reset for reuse). */
static void pb_msg(pb *b, int field, pb *sub)
{
    pb_varint(b, (uint64_t)field << 3 | 2);
    pb_varint(b, sub->len);
    pb_bytes(b, sub->p, sub->len);
    if (sub->oom)
        b->oom = true;
    sub->len = 0;
}

static void pb_string(pb *b, int field, const char *s)
{
    size_t n = strlen(s);
    pb_varint(b, (uint64_t)field << 3 | 2);
    pb_varint(b, n);
    pb_bytes(b, s, n);
}

/* Interning tables: string -> index, pc -> location id, function -> id. */
typedef struct intern {
    uint64_t *keys;     /* hash or pc; 0 empty */
    const char **strs;  /* strings: the string, to tell collisions apart */
    uint64_t *ids;
    size_t cap, n;
} intern;

static bool intern_grow(intern *t, bool strings);

static uint64_t intern_find(intern *t, uint64_t key, const char *s, bool *fresh)
{
    *fresh = false;
    if ((t->n + 1) * 2 > t->cap && !intern_grow(t, s != NULL))
        return 0;
    for (size_t i = key % t->cap;; i = (i + 1) % t->cap) {
        if (!t->keys[i]) {
            t->keys[i] = key;
            if (t->strs)
                t->strs[i] = s;
            t->ids[i] = ++t->n;
            *fresh = true;
            return t->ids[i];
        }
        if (t->keys[i] == key && (!s || strcmp(t->strs[i], s) == 0))
            return t->ids[i];
    }
}

static bool intern_grow(intern *t, bool strings)
{
    size_t ncap = t->cap ? t->cap * 2 : 1024;
    intern n = {calloc(ncap, sizeof *n.keys), strings ? calloc(ncap, sizeof *n.strs) : NULL,
                calloc(ncap, sizeof *n.ids), ncap, t->n};
    if (!n.keys || !n.ids || (strings && !n.strs)) {
        free(n.keys);
        free(n.strs);
        free(n.ids);
        return false;
    }
    for (size_t i = 0; i < t->cap; i++) {
        if (!t->keys[i])
            continue;
        size_t k = t->keys[i] % ncap;
        while (n.keys[k])
            k = (k + 1) % ncap;
        n.keys[k] = t->keys[i];
        if (strings)
            n.strs[k] = t->strs[i];
        n.ids[k] = t->ids[i];
    }
    free(t->keys);
    free(t->strs);
    free(t->ids);
    *t = n;
    return true;
}

static void intern_free(intern *t)
{
    free(t->keys);
    free(t->strs);
    free(t->ids);
}

typedef struct enc {
    pb out, sub, sub2;
    intern strings, locs, funcs;
    bool failed;
} enc;

/* The string table's index of s (0 is ""). */
static int64_t str_index(enc *e, const char *s)
{
    if (!s || !*s)
        return 0;
    bool fresh;
    uint64_t h = hash_bytes(0xcbf29ce484222325ull, s, strlen(s)) | 1;
    uint64_t id = intern_find(&e->strings, h, s, &fresh);
    if (!id)
        e->failed = true;
    if (fresh)
        pb_string(&e->out, 6, s);
    return (int64_t)id; /* ids count from 1; index 0 is the "" written first */
}

static uint64_t func_id(enc *e, const pp_frame *f)
{
    char key[1024];
    size_t a = strlen(f->function);
    if (a > 900)
        a = 900;
    memcpy(key, f->function, a);
    key[a] = 0;
    /* a function is its name and file */
    uint64_t h = hash_bytes(hash_bytes(7, key, a), f->file ? f->file : "", f->file ? strlen(f->file) : 0) | 1;
    int64_t name = str_index(e, f->function), file = str_index(e, f->file);
    bool fresh;
    uint64_t id = intern_find(&e->funcs, h, NULL, &fresh);
    if (!id) {
        e->failed = true;
        return 0;
    }
    if (fresh) {
        pb_int(&e->sub2, 1, id);
        pb_int(&e->sub2, 2, (uint64_t)name);
        pb_int(&e->sub2, 3, (uint64_t)name);
        pb_int(&e->sub2, 4, (uint64_t)file);
        pb_msg(&e->out, 5, &e->sub2);
    }
    return id;
}

static uint64_t loc_id(enc *e, uintptr_t pc)
{
    bool fresh;
    uint64_t id = intern_find(&e->locs, pc | (uint64_t)1 << 63, NULL, &fresh);
    if (!id) {
        e->failed = true;
        return 0;
    }
    if (fresh) {
        pp_frame f;
        go_pprof_frame(pc, &f);
        uint64_t fid = func_id(e, &f);
        pb line = {0};
        pb_int(&line, 1, fid);
        pb_int(&line, 2, (uint64_t)(int64_t)f.line);
        pb_int(&e->sub2, 1, id);
        if (f.module && strcmp(f.module, go_pprof_exe_path()) == 0)
            pb_int(&e->sub2, 2, 1);
        pb_int(&e->sub2, 3, pc);
        pb_msg(&e->sub2, 4, &line);
        free(line.p);
        pb_msg(&e->out, 4, &e->sub2);
    }
    return id;
}

static int exe_mapping_cb(struct dl_phdr_info *info, size_t size, void *arg)
{
    (void)size;
    uintptr_t *r = arg;
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        if (ph->p_type != PT_LOAD || !(ph->p_flags & PF_X))
            continue;
        r[0] = info->dlpi_addr + ph->p_vaddr;
        r[1] = r[0] + ph->p_memsz;
        r[2] = ph->p_offset;
        return 1;
    }
    return 1;
}

static void put_value_type(enc *e, int field, const char *type, const char *unit)
{
    int64_t t = str_index(e, type), u = str_index(e, unit);
    pb_int(&e->sub, 1, (uint64_t)t);
    pb_int(&e->sub, 2, (uint64_t)u);
    pb_msg(&e->out, field, &e->sub);
}

static void put_sample(enc *e, const pp_entry *s, int nvals)
{
    uint64_t ids[PP_MAX_FRAMES];
    size_t n = s->npcs < PP_MAX_FRAMES ? s->npcs : PP_MAX_FRAMES;
    for (size_t i = 0; i < n; i++)
        ids[i] = loc_id(e, s->pcs[i]);
    int64_t keys[16], vals[16];
    for (size_t i = 0; i < s->nlabels; i++) {
        keys[i] = str_index(e, s->labels[i].key);
        vals[i] = str_index(e, s->labels[i].value);
    }
    pb packed = {0};
    for (size_t i = 0; i < n; i++)
        pb_varint(&packed, ids[i]);
    pb_msg(&e->sub, 1, &packed);
    for (int v = 0; v < nvals; v++)
        pb_varint(&packed, (uint64_t)s->vals[v]);
    pb_msg(&e->sub, 2, &packed);
    free(packed.p);
    for (size_t i = 0; i < s->nlabels; i++) {
        pb_int(&e->sub2, 1, (uint64_t)keys[i]);
        pb_int(&e->sub2, 2, (uint64_t)vals[i]);
        pb_msg(&e->sub, 3, &e->sub2);
    }
    pb_msg(&e->out, 2, &e->sub);
}

/* ---- gzip with stored blocks */

static uint32_t crc_table[256];
static pthread_once_t crc_once = PTHREAD_ONCE_INIT;

static void crc_init(void)
{
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++)
            c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
        crc_table[i] = c;
    }
}

static bool write_all(int fd, const void *data, size_t n)
{
    const char *p = data;
    while (n) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return false;
        p += w;
        n -= (size_t)w;
    }
    return true;
}

static bool write_gzip(int fd, const uint8_t *data, size_t n)
{
    pthread_once(&crc_once, crc_init);
    static const uint8_t header[10] = {0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff};
    if (!write_all(fd, header, sizeof header))
        return false;
    uint32_t crc = 0xffffffffu;
    for (size_t i = 0; i < n; i++)
        crc = crc_table[(crc ^ data[i]) & 0xff] ^ (crc >> 8);
    crc ^= 0xffffffffu;
    size_t off = 0;
    do {
        size_t len = n - off > 65535 ? 65535 : n - off;
        uint8_t bh[5] = {off + len == n ? 1 : 0, (uint8_t)len, (uint8_t)(len >> 8), (uint8_t)~len,
                         (uint8_t)(~len >> 8)};
        if (!write_all(fd, bh, sizeof bh) || !write_all(fd, data + off, len))
            return false;
        off += len;
    } while (off < n);
    uint8_t trailer[8] = {(uint8_t)crc, (uint8_t)(crc >> 8), (uint8_t)(crc >> 16), (uint8_t)(crc >> 24),
                          (uint8_t)n, (uint8_t)(n >> 8), (uint8_t)(n >> 16), (uint8_t)(n >> 24)};
    return write_all(fd, trailer, sizeof trailer);
}

int go_pp_write_proto(pp_profile *p, int fd, int64_t start_ns, int64_t duration_ns)
{
    if (p->oom)
        return GO_ENOMEM;
    enc e = {0};
    pb_string(&e.out, 6, ""); /* string 0 */
    for (int v = 0; v < p->nvals; v++)
        put_value_type(&e, 1, p->types[v][0], p->types[v][1]);
    size_t n = 0;
    pp_entry **v = go_pp_entries(p, &n);
    if (!v)
        e.failed = true;
    for (size_t i = 0; v && i < n; i++)
        put_sample(&e, v[i], p->nvals);
    free(v);
    uintptr_t m[3] = {0, 0, 0};
    dl_iterate_phdr(exe_mapping_cb, m);
    pb_int(&e.sub, 1, 1);
    pb_int(&e.sub, 2, m[0]);
    pb_int(&e.sub, 3, m[1]);
    pb_int(&e.sub, 4, m[2]);
    int64_t file = str_index(&e, go_pprof_exe_path()), bid = str_index(&e, go_pprof_build_id());
    pb_int(&e.sub, 5, (uint64_t)file);
    pb_int(&e.sub, 6, (uint64_t)bid);
    pb_int(&e.sub, 7, 1); /* has_functions: the profile names them; pprof need not */
    pb_int(&e.sub, 8, 1);
    pb_int(&e.sub, 9, 1);
    pb_msg(&e.out, 3, &e.sub);
    pb_int(&e.out, 9, (uint64_t)start_ns);
    pb_int(&e.out, 10, (uint64_t)duration_ns);
    put_value_type(&e, 11, p->period_type[0], p->period_type[1]);
    pb_int(&e.out, 12, (uint64_t)p->period);
    int rc = 0;
    if (e.failed || e.out.oom || e.sub.oom || e.sub2.oom)
        rc = GO_ENOMEM;
    else if (!write_gzip(fd, e.out.p, e.out.len))
        rc = GO_ECLOSED;
    free(e.out.p);
    free(e.sub.p);
    free(e.sub2.p);
    intern_free(&e.strings);
    intern_free(&e.locs);
    intern_free(&e.funcs);
    return rc;
}

int64_t go_pp_wall_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}
