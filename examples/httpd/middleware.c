/* middleware.c - the middleware chain and the server's two middlewares.
 *
 * A middleware wraps the rest of the chain: it runs code, calls httpd_next,
 * runs code after.  The chain is built before serving starts (read-only
 * afterwards).  Order of httpd_use calls = outermost first.
 *
 * Labels (the cookbook's recipe, Go's pprof.Do in a middleware): the
 * request's goroutine carries method, route and req (the request id) while
 * the request is served, so race reports, goroutine dumps, traces and
 * profiles name the request; they are removed afterwards, so an idle
 * keep-alive connection's goroutine names no request.
 *
 * Timeout: the request's context is a child of the server's base context
 * with the handler deadline; handlers select on its Done channel.  It is
 * released (cancelled) when the handler returns.
 */
#include <stdio.h>

#include "httpd.h"

#define MW_MAX 8

static httpd_middleware mw_chain[MW_MAX];
static size_t mw_n;

struct httpd_call {
    size_t next;           /* index of the next middleware to run */
    httpd_handler handler; /* the routed handler, run after the last one */
};

bool httpd_use(httpd_middleware mw)
{
    if (mw_n == MW_MAX)
        return false;
    mw_chain[mw_n++] = mw;
    return true;
}

void httpd_next(httpd_request *req, httpd_response *resp, httpd_call *call)
{
    if (call->next < mw_n)
        mw_chain[call->next++](req, resp, call);
    else
        call->handler(req, resp);
}

void httpd_dispatch(httpd_request *req, httpd_response *resp)
{
    httpd_call call = {0, httpd_lookup(req)};
    httpd_next(req, resp, &call);
}

void httpd_mw_labels(httpd_request *req, httpd_response *resp, httpd_call *call)
{
    char id[24];
    snprintf(id, sizeof id, "%llu", (unsigned long long)req->id);
    go_label_set("method", req->method);
    go_label_set("route", req->route);
    go_label_set("req", id);
    httpd_next(req, resp, call);
    go_label_set("req", NULL);
    go_label_set("route", NULL);
    go_label_set("method", NULL);
}

void httpd_mw_timeout(httpd_request *req, httpd_response *resp, httpd_call *call)
{
    go_context *ctx = go_context_with_timeout(httpd_base_ctx(), httpd_lim.handler_timeout);
    if (!ctx) {
        httpd_respond_error(resp, 503);
        return;
    }
    req->ctx = ctx;
    httpd_next(req, resp, call);
    req->ctx = NULL;
    go_context_release(ctx);
}
