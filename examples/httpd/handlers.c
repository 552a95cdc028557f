/* handlers.c - the routes.
 *
 *   GET /hello        "hello", text/plain
 *   GET /json         a JSON document built from the shared cache, read
 *                     under the cache's rwmutex (readers in parallel)
 *   POST /json/bump   changes the cache under the write lock
 *   GET /slow?ms=N    answers after N ms, or 503 when the request's context
 *                     ends first (handler timeout, or the drain's deadline)
 *   GET /racy         only with -racy: a deliberately unsynchronised counter,
 *                     so the checked build's race report shows the requests'
 *                     labels.  It waits 200 ms after the access so that two
 *                     concurrent requests overlap whatever their order.
 * bench/httpd/go/main.go serves the same routes with the same bodies.
 */
#include <stdio.h>
#include <string.h>

#include "httpd.h"

#define CACHE_ITEMS 16

static struct {
    go_rwmutex mu;
    uint64_t version;
    struct {
        int id;
        char name[16];
        long price;
    } items[CACHE_ITEMS];
} cache;

static void cache_init(void)
{
    for (int i = 0; i < CACHE_ITEMS; i++) {
        cache.items[i].id = i;
        snprintf(cache.items[i].name, sizeof cache.items[i].name, "item-%d", i);
        cache.items[i].price = 100 + 7 * i;
    }
}

static void handle_hello(httpd_request *req, httpd_response *resp)
{
    (void)req;
    resp->content_type = "text/plain";
    httpd_buf_append(&resp->body, "hello", 5);
}

static void handle_json(httpd_request *req, httpd_response *resp)
{
    (void)req;
    httpd_buf *b = &resp->body;
    resp->content_type = "application/json";
    go_rwmutex_rlock(&cache.mu);
    bool ok = httpd_buf_printf(b, "{\"version\":%llu,\"items\":[", (unsigned long long)cache.version);
    for (int i = 0; i < CACHE_ITEMS && ok; i++)
        ok = httpd_buf_printf(b, "%s{\"id\":%d,\"name\":\"%s\",\"price\":%ld}", i ? "," : "",
                              cache.items[i].id, cache.items[i].name, cache.items[i].price);
    go_rwmutex_runlock(&cache.mu);
    if (!ok || !httpd_buf_append(b, "]}\n", 3))
        httpd_respond_error(resp, 500);
}

static void handle_bump(httpd_request *req, httpd_response *resp)
{
    if (strcmp(req->method, "POST") != 0) {
        httpd_respond_error(resp, 405);
        return;
    }
    go_rwmutex_lock(&cache.mu);
    uint64_t v = ++cache.version;
    cache.items[v % CACHE_ITEMS].price++;
    go_rwmutex_unlock(&cache.mu);
    resp->content_type = "text/plain";
    httpd_buf_printf(&resp->body, "%llu\n", (unsigned long long)v);
}

/* Sleeps ms, unless the request's context ends first. */
static void handle_slow(httpd_request *req, httpd_response *resp)
{
    long ms = httpd_query_long(req, "ms", 100);
    go_chan *timer = go_after(ms * 1000000LL);
    go_case cases[2] = {
        {.chan = timer, .dir = GO_RECV},
        {.chan = go_context_done(req->ctx), .dir = GO_RECV},
    };
    int i = timer ? go_select(cases, 2, true) : 1;
    go_chan_free(timer);
    if (i != 0) {
        httpd_respond_error(resp, 503);
        return;
    }
    resp->content_type = "text/plain";
    httpd_buf_printf(&resp->body, "slept %ld\n", ms);
}

static long racy_hits; /* deliberately unsynchronised: see the file comment */

static void handle_racy(httpd_request *req, httpd_response *resp)
{
    (void)req;
    long n = ++racy_hits;
    go_sleep(200 * 1000000LL);
    resp->content_type = "text/plain";
    httpd_buf_printf(&resp->body, "%ld\n", n);
}

void httpd_handlers_register(bool racy)
{
    cache_init();
    httpd_route("/hello", handle_hello);
    httpd_route("/json", handle_json);
    httpd_route("/json/bump", handle_bump);
    httpd_route("/slow", handle_slow);
    if (racy)
        httpd_route("/racy", handle_racy);
}
