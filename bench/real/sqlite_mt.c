/* bench/real/sqlite_mt.c - a real pthread program for the checker's cost:
 * SQLite (the amalgamation, compiled in with this file) driven by N threads,
 * each with its own connection to one WAL database in a fresh temporary
 * directory, each committing M single-row INSERT transactions.
 *
 *   sqlite_mt [THREADS [TXNS_PER_THREAD]]      (default 4 3000)
 *
 * Invariants: every transaction commits exactly one row (a busy database is
 * retried, never skipped), so the table ends with THREADS*TXNS rows and each
 * thread's rows number exactly TXNS; the program checks both and exits 1
 * otherwise, 0 on success. The temporary directory and its files are removed
 * at the end. The threads share nothing but the database: every
 * happens-before edge between them comes from SQLite's own mutexes, its
 * shared-memory WAL index and its file locks.
 */
#include "sqlite3.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct worker {
    pthread_t th;
    int id;
    int txns;
    const char *path;
    int failed;
};

static void die_db(sqlite3 *db, const char *what)
{
    fprintf(stderr, "sqlite_mt: %s: %s\n", what, db ? sqlite3_errmsg(db) : "out of memory");
    exit(1);
}

static sqlite3 *open_db(const char *path)
{
    sqlite3 *db = NULL;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
        die_db(db, "open");
    /* writers queue on the WAL write lock: wait for it rather than fail */
    sqlite3_busy_timeout(db, 60000);
    return db;
}

static void exec_sql(sqlite3 *db, const char *sql)
{
    char *err = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK) {
        fprintf(stderr, "sqlite_mt: %s: %s\n", sql, err ? err : "?");
        exit(1);
    }
}

static sqlite3_stmt *prepare(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        die_db(db, sql);
    return st;
}

/* Runs a prepared statement that returns no row; a busy database (another
 * writer held the lock past the busy timeout) is retried. */
static int step_done(sqlite3 *db, sqlite3_stmt *st)
{
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_BUSY)
        sqlite3_reset(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        fprintf(stderr, "sqlite_mt: step: %s\n", sqlite3_errmsg(db));
        return -1;
    }
    return 0;
}

static void *worker_main(void *arg)
{
    struct worker *w = arg;
    sqlite3 *db = open_db(w->path);
    sqlite3_stmt *begin = prepare(db, "BEGIN IMMEDIATE");
    sqlite3_stmt *ins = prepare(db, "INSERT INTO t(thr, n, payload) VALUES (?1, ?2, ?3)");
    sqlite3_stmt *commit = prepare(db, "COMMIT");
    char payload[64];
    for (int i = 0; i < w->txns && !w->failed; i++) {
        snprintf(payload, sizeof payload, "thread %d row %d", w->id, i);
        if (step_done(db, begin)) {
            w->failed = 1;
            break;
        }
        sqlite3_bind_int(ins, 1, w->id);
        sqlite3_bind_int(ins, 2, i);
        sqlite3_bind_text(ins, 3, payload, -1, SQLITE_TRANSIENT);
        if (step_done(db, ins) || step_done(db, commit))
            w->failed = 1;
    }
    sqlite3_finalize(begin);
    sqlite3_finalize(ins);
    sqlite3_finalize(commit);
    sqlite3_close(db);
    return NULL;
}

static long long count_rows(sqlite3 *db, int thr)
{
    sqlite3_stmt *st = prepare(db, thr < 0 ? "SELECT count(*) FROM t" : "SELECT count(*) FROM t WHERE thr = ?1");
    if (thr >= 0)
        sqlite3_bind_int(st, 1, thr);
    if (sqlite3_step(st) != SQLITE_ROW)
        die_db(db, "count");
    long long n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
}

static void remove_db(const char *dir, const char *path)
{
    char buf[4096];
    unlink(path);
    snprintf(buf, sizeof buf, "%s-wal", path);
    unlink(buf);
    snprintf(buf, sizeof buf, "%s-shm", path);
    unlink(buf);
    rmdir(dir);
}

int main(int argc, char **argv)
{
    int nthreads = argc > 1 ? atoi(argv[1]) : 4;
    int txns = argc > 2 ? atoi(argv[2]) : 3000;
    if (nthreads < 1 || nthreads > 256 || txns < 1) {
        fprintf(stderr, "usage: sqlite_mt [THREADS(1-256) [TXNS_PER_THREAD]]\n");
        return 2;
    }
    const char *tmp = getenv("TMPDIR");
    char dir[4096], path[4096];
    snprintf(dir, sizeof dir, "%s/sqlite_mt.XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir)) {
        perror("sqlite_mt: mkdtemp");
        return 1;
    }
    snprintf(path, sizeof path, "%s/bench.db", dir);

    sqlite3 *db = open_db(path);
    exec_sql(db, "PRAGMA journal_mode=WAL");
    exec_sql(db, "CREATE TABLE t(id INTEGER PRIMARY KEY, thr INTEGER NOT NULL, n INTEGER NOT NULL, payload TEXT)");

    struct worker *w = calloc((size_t)nthreads, sizeof *w);
    if (!w)
        return 1;
    for (int i = 0; i < nthreads; i++) {
        w[i] = (struct worker){.id = i, .txns = txns, .path = path};
        if (pthread_create(&w[i].th, NULL, worker_main, &w[i])) {
            fprintf(stderr, "sqlite_mt: pthread_create failed\n");
            return 1;
        }
    }
    int bad = 0;
    for (int i = 0; i < nthreads; i++) {
        pthread_join(w[i].th, NULL);
        bad |= w[i].failed;
    }

    long long total = count_rows(db, -1);
    if (total != (long long)nthreads * txns) {
        fprintf(stderr, "sqlite_mt: %lld rows, expected %lld\n", total, (long long)nthreads * txns);
        bad = 1;
    }
    for (int i = 0; i < nthreads; i++) {
        long long n = count_rows(db, i);
        if (n != txns) {
            fprintf(stderr, "sqlite_mt: thread %d has %lld rows, expected %d\n", i, n, txns);
            bad = 1;
        }
    }
    sqlite3_close(db);
    remove_db(dir, path);
    free(w);
    if (!bad)
        printf("sqlite_mt: %d threads x %d transactions: %lld rows\n", nthreads, txns, total);
    return bad;
}
