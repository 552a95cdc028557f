/* report_record.c - the report being printed, as data (see
 * report_record.h).
 *
 * Invariants: one static record, written only by the report lock's holder
 * between gs_rec_begin and gs_rec_end (every entry point checks `active`,
 * so stacks printed outside a report, by dumps, leave it alone); bounded
 * storage, truncating rather than allocating.
 */
#include "report_record.h"

#include "str.h"

static gs_record rec;

const gs_record *gs_rec_current(void)
{
    return &rec;
}

static void rec_copy(char *dst, size_t size, const char *s, size_t n)
{
    if (n >= size)
        n = size - 1;
    for (size_t i = 0; i < n; i++)
        dst[i] = s[i];
    dst[n] = 0;
}

void gs_rec_begin(const char *kind, int pid)
{
    rec.active = true;
    rec.kind = kind;
    rec.pid = pid;
    rec.nstacks = 0;
    rec.in_stack = false;
    rec.who_goroutine = rec.who_thread = 0;
    rec.who_labels[0] = 0;
    rec.object.known = false;
    rec.has_summary = false;
    rec.text_len = 0;
}

void gs_rec_end(void)
{
    rec.active = false;
}

void gs_rec_text(const char *s, size_t n)
{
    if (!rec.active)
        return;
    size_t room = sizeof rec.text - 1 - rec.text_len;
    if (n > room)
        n = room;
    for (size_t i = 0; i < n; i++)
        rec.text[rec.text_len + i] = s[i];
    rec.text_len += n;
    rec.text[rec.text_len] = 0;
}

/* The last complete line of the text, without indentation or the ':'
 * that introduces the stack. */
static void rec_last_line(char *out, size_t size)
{
    size_t end = rec.text_len;
    if (end && rec.text[end - 1] == '\n')
        end--;
    size_t start = end;
    while (start > 0 && rec.text[start - 1] != '\n')
        start--;
    while (start < end && rec.text[start] == ' ')
        start++;
    if (end > start && rec.text[end - 1] == ':')
        end--;
    rec_copy(out, size, rec.text + start, end - start);
}

/* "goroutine N" or "Goroutine N" in a title, for the stacks whose header
 * does not go through gs_print_who (leaks, deadlocks). */
static uint64_t rec_goroutine_in(const char *s)
{
    for (; *s; s++) {
        if ((*s == 'g' || *s == 'G') && gs_strncmp(s + 1, "oroutine ", 9) == 0 && s[10] >= '0' && s[10] <= '9') {
            uint64_t v = 0;
            for (const char *p = s + 10; *p >= '0' && *p <= '9'; p++)
                v = v * 10 + (uint64_t)(*p - '0');
            return v;
        }
    }
    return 0;
}

void gs_rec_stack_begin(void)
{
    if (!rec.active || rec.nstacks >= GS_REC_MAX_STACKS) {
        rec.in_stack = false;
        return;
    }
    gs_rec_stack *st = &rec.stacks[rec.nstacks++];
    rec_last_line(st->title, sizeof st->title);
    st->goroutine = rec.who_goroutine;
    st->thread = rec.who_thread;
    if (!st->goroutine && !st->thread)
        st->goroutine = rec_goroutine_in(st->title);
    rec_copy(st->labels, sizeof st->labels, rec.who_labels, gs_strlen(rec.who_labels));
    st->nframes = 0;
    st->truncated = false;
    rec.who_goroutine = rec.who_thread = 0;
    rec.who_labels[0] = 0;
    rec.in_stack = true;
}

void gs_rec_frame(const gs_frame *f)
{
    if (!rec.active || !rec.in_stack)
        return;
    gs_rec_stack *st = &rec.stacks[rec.nstacks - 1];
    if (st->nframes < GS_REC_MAX_FRAMES)
        st->frames[st->nframes++] = *f;
    else
        st->truncated = true;
}

void gs_rec_stack_end(void)
{
    rec.in_stack = false;
}

void gs_rec_who(uint64_t goroutine, uint64_t thread)
{
    if (!rec.active)
        return;
    rec.who_goroutine = goroutine;
    rec.who_thread = thread;
    rec.who_labels[0] = 0;
}

void gs_rec_labels(const char *labels)
{
    if (rec.active)
        rec_copy(rec.who_labels, sizeof rec.who_labels, labels, gs_strlen(labels));
}

void gs_rec_object_at(uintptr_t address, size_t size, const char *kind, const char *name, const char *file,
                      int line, uint64_t goroutine)
{
    if (!rec.active)
        return;
    rec.object.known = true;
    rec.object.address = address;
    rec.object.size = size;
    rec.object.kind = kind;
    rec_copy(rec.object.name, sizeof rec.object.name, name ? name : "", name ? gs_strlen(name) : 0);
    rec.object.file = file;
    rec.object.line = line;
    rec.object.goroutine = goroutine;
}

void gs_rec_summary(const gs_frame *f)
{
    if (!rec.active)
        return;
    rec.has_summary = true;
    rec.summary = *f;
}
