/* report_history.c - the reports printed so far (report_history.h).
 *
 * Invariants: hist_lock guards everything here and is held only to copy
 * bytes in or out (no call out, no allocation); entry seq lives in
 * slot[(seq - 1) % GS_HIST_KEEP] while seq > total - GS_HIST_KEEP; kinds
 * are the detectors' static strings, compared by content.
 */
#include "report_history.h"

#include "spinlock.h"
#include "str.h"

typedef struct hist_entry {
    uint64_t seq;
    const char *kind;
    size_t len;
    char text[GS_HIST_TEXT];
} hist_entry;

static gs_splock hist_lock = GS_SPLOCK_INIT;
static hist_entry slots[GS_HIST_KEEP];
static uint64_t total;
static struct {
    const char *kind;
    uint64_t count;
} kinds[GS_HIST_KINDS];
static size_t nkinds;

static void count_kind(const char *kind)
{
    for (size_t i = 0; i < nkinds; i++)
        if (gs_strcmp(kinds[i].kind, kind) == 0) {
            kinds[i].count++;
            return;
        }
    if (nkinds < GS_HIST_KINDS) {
        kinds[nkinds].kind = kind;
        kinds[nkinds++].count = 1;
    }
}

void gs_report_history_add(const gs_record *r)
{
    const char *kind = r->kind ? r->kind : "report";
    gs_splock_lock(&hist_lock);
    hist_entry *e = &slots[total % GS_HIST_KEEP];
    e->seq = ++total;
    e->kind = kind;
    e->len = r->text_len < GS_HIST_TEXT ? r->text_len : GS_HIST_TEXT;
    for (size_t i = 0; i < e->len; i++)
        e->text[i] = r->text[i];
    count_kind(kind);
    gs_splock_unlock(&hist_lock);
}

uint64_t gs_report_history_total(void)
{
    return __atomic_load_n(&total, __ATOMIC_RELAXED);
}

bool gs_report_history_kind(size_t i, const char **kind, uint64_t *count)
{
    gs_splock_lock(&hist_lock);
    bool ok = i < nkinds;
    if (ok) {
        *kind = kinds[i].kind;
        *count = kinds[i].count;
    }
    gs_splock_unlock(&hist_lock);
    return ok;
}

bool gs_report_history_get(uint64_t seq, char *text, size_t size, const char **kind)
{
    if (!size)
        return false;
    gs_splock_lock(&hist_lock);
    const hist_entry *e = &slots[(seq - 1) % GS_HIST_KEEP];
    bool ok = seq >= 1 && e->seq == seq;
    if (ok) {
        size_t n = e->len < size - 1 ? e->len : size - 1;
        for (size_t i = 0; i < n; i++)
            text[i] = e->text[i];
        text[n] = 0;
        *kind = e->kind;
    }
    gs_splock_unlock(&hist_lock);
    return ok;
}
